"""Authentication (Bearer tokens, basic auth) and RBAC action checks (contract §0.2, §0.4).

Authorisation is action-based and unscoped: an identity either holds an action (for every
resource of its org) or not. Per-resource guardians are not emulated.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import ApiError, access_denied, errutil_error
from .models import User
from .state import Store

ORG_ACTIONS = frozenset(
    {
        "dashboards:read",
        "dashboards:write",
        "dashboards:create",
        "dashboards:delete",
        "dashboards.permissions:read",
        "dashboards.permissions:write",
        "folders:read",
        "folders:write",
        "folders:create",
        "folders:delete",
        "folders.permissions:read",
        "folders.permissions:write",
        "teams:read",
        "teams:create",
        "teams:write",
        "teams:delete",
        "teams.permissions:write",
        "org.users:read",
        "annotations:read",
        "annotations:create",
        "annotations:write",
        "annotations:delete",
        "datasources:read",
        "datasources:query",
    }
)
GLOBAL_ACTIONS = frozenset({"users:read"})  # server-admin level (global scope)
ALL_ACTIONS = ORG_ACTIONS | GLOBAL_ACTIONS
ORG_ADMIN_ONLY = frozenset({"teams:create", "teams:write", "teams:delete",
                            "teams.permissions:write"})
"""Actions a Viewer or Editor never holds with ``rbac=True`` (guardian.py decides the rest)."""


@dataclass(frozen=True)
class Identity:
    user: User
    org_id: int
    actions: frozenset[str]
    token_name: str | None = None
    explicit_actions: frozenset[str] | None = None  # the token's or user's own action list

    @property
    def role(self) -> str:
        """The basic role in the org it acts in: Viewer, Editor or Admin."""
        return self.user.orgs.get(self.org_id, "Viewer")

    @property
    def is_service_account(self) -> bool:
        return self.user.is_service_account

    @property
    def name(self) -> str:
        """The name recorded as createdBy/updatedBy."""
        return self.user.display

    def can(self, action: str) -> bool:
        return action in self.actions


def default_actions(user: User, org_id: int = 1, rbac: bool = False) -> frozenset[str]:
    if user.actions is not None:
        return user.actions
    if user.is_admin:
        return ALL_ACTIONS
    if rbac and user.orgs.get(org_id) in ("Viewer", "Editor"):
        return ORG_ACTIONS - ORG_ADMIN_ONLY
    return ORG_ACTIONS


def _unauthorized(message_id: str = "auth.unauthorized", message: str = "Unauthorized") -> ApiError:
    return errutil_error(401, message_id, message)


def _from_token(store: Store, token_value: str, org_header: str | None) -> Identity:
    token = store.tokens.get(token_value)
    if token is None:
        raise _unauthorized("api-key.invalid", "Invalid API key")
    if token.revoked:
        raise _unauthorized("api-key.revoked", "Revoked API key")
    if token.expires is not None and token.expires <= store.now():
        raise _unauthorized("api-key.expired", "Expired API key")
    if org_header and org_header.strip() != str(token.org_id):
        raise _unauthorized(
            "api-key.organization-mismatch",
            "API key does not belong to the requested organization",
        )
    user = store.users[token.user_id]
    explicit = token.actions if token.actions is not None else user.actions
    actions = explicit if explicit is not None else default_actions(
        user, token.org_id, store.settings.rbac)
    return Identity(user=user, org_id=token.org_id, actions=actions, token_name=token.name,
                    explicit_actions=explicit)


def _from_basic(store: Store, encoded: str, org_header: str | None) -> Identity:
    try:
        login, _, password = base64.b64decode(encoded).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise _unauthorized() from exc
    user = store.user_by_login(login)
    if user is None or user.is_service_account or user.password != password:
        raise _unauthorized("password-auth.failed", "Invalid username or password")
    org_id = next(iter(user.orgs))
    if org_header:
        try:
            org_id = int(org_header)
        except ValueError as exc:
            raise _unauthorized() from exc
        if org_id not in user.orgs:
            raise _unauthorized()
    return Identity(user=user, org_id=org_id,
                    actions=default_actions(user, org_id, store.settings.rbac),
                    explicit_actions=user.actions)


def authenticate(
    store: Store, authorization: str | None, org_header: str | None
) -> Identity | None:
    """Resolve the caller; None when no credentials were sent, ApiError(401) when they are bad."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer" and value:
        return _from_token(store, value, org_header)
    if scheme.lower() == "basic" and value:
        return _from_basic(store, value, org_header)
    raise _unauthorized()


def require_signed_in(identity: Identity | None) -> Identity:
    if identity is None:
        raise _unauthorized()
    return identity


def require(identity: Identity, action: str) -> None:
    if not identity.can(action):
        raise access_denied(action)


def require_any(identity: Identity, actions: Iterable[str]) -> None:
    wanted = list(actions)
    if not any(identity.can(action) for action in wanted):
        raise access_denied(f"any({', '.join(wanted)})")
