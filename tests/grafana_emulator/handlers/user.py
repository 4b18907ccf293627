"""Who is calling: GET /api/user, /api/user/teams and /api/access-control/user/permissions."""

from __future__ import annotations

from typing import Any

from .. import guardian
from ..clock import rfc3339
from ..errors import message_error
from ..routing import Request, Router
from ..views import team_dto


def signed_in_user(req: Request) -> dict[str, Any]:
    """pkg/api/user.go GetSignedInUser. For a service account (11.x and later) the row has
    id 0 and uid ``service-account:<id>``, and no org role."""
    caller = req.caller
    user = caller.user
    return {
        "id": 0 if user.is_service_account else user.id,
        "uid": f"service-account:{user.id}" if user.is_service_account else user.uid,
        "email": user.email,
        "name": user.name,
        "login": user.login,
        "theme": "",
        "orgId": caller.org_id,
        "isGrafanaAdmin": user.is_admin,
        "isDisabled": False,
        "isExternal": False,
        "isExternallySynced": False,
        "isGrafanaAdminExternallySynced": False,
        "authLabels": [],
        "updatedAt": rfc3339(user.created),
        "createdAt": rfc3339(user.created),
        "avatarUrl": "",
        "isProvisioned": False,
    }


def signed_in_teams(req: Request) -> list[dict[str, Any]]:
    """pkg/api/user.go GetSignedInUserTeamList: for users only."""
    caller = req.caller
    if caller.user.is_service_account:
        raise message_error(403, "Endpoint only available for users")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        return [team_dto(t) for t in org.teams.values() if caller.user.id in t.members]


def signed_in_permissions(req: Request) -> dict[str, list[str]]:
    """pkg/api/accesscontrol.go getUserPermissions: signed-in only, managed rows included."""
    caller = req.caller
    with req.store.lock:
        return guardian.permissions(req.store, req.store.org(caller.org_id), caller)


def register(router: Router) -> None:
    router.add("GET", "/api/user", "user.get", signed_in_user)
    router.add("GET", "/api/user/teams", "user.teams", signed_in_teams)
    router.add("GET", "/api/access-control/user/permissions", "user.permissions",
               signed_in_permissions)
