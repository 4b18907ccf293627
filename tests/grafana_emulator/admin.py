"""Python-level admin API mixed into the server: seed and inspect state without HTTP.

Every method takes the store lock; returned records are deep copies (safe to keep).
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from .auth import ORG_ACTIONS
from .models import AclEntry, Dashboard, DashboardVersion, Folder, Provisioning, Team, Token, User
from .naming import generate_uid, slugify
from .services import dashboards, folders
from .state import Store

DashboardChange = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any] | None]


class AdminAPI:
    store: Store

    # -- identities --------------------------------------------------------------------------
    def add_org(self, name: str) -> int:
        with self.store.lock:
            return self.store.add_org(name).id

    def add_org_member(self, login: str, org_id: int, *, role: str = "Editor") -> None:
        """Make an existing user a member of another org (selectable with X-Grafana-Org-Id)."""
        with self.store.lock:
            user = self.store.user_by_login(login)
            if user is None:
                raise KeyError(login)
            user.orgs[org_id] = role

    def add_user(
        self,
        login: str,
        *,
        email: str | None = None,
        name: str | None = None,
        password: str | None = None,
        role: str = "Editor",
        is_admin: bool = False,
        org_id: int = 1,
        actions: Iterable[str] | None = None,
    ) -> User:
        """Create an org user (basic auth works when ``password`` is set)."""
        with self.store.lock:
            user = self.store.add_user(
                login,
                email=email,
                name=name,
                password=password,
                role=role,
                is_admin=is_admin,
                org_id=org_id,
                actions=frozenset(actions) if actions is not None else None,
            )
            return copy.deepcopy(user)

    def _user_for(self, login: str, org_id: int = 1) -> User:
        user = self.store.user_by_login(login)
        if user is None:
            user = self.store.add_user(login, org_id=org_id)
        return user

    def add_token(
        self,
        name: str,
        *,
        kind: str = "service-account",
        actions: Iterable[str] | None = None,
        login: str | None = None,
        token: str | None = None,
        org_id: int = 1,
        expires: datetime | None = None,
        role: str = "Admin",
    ) -> str:
        """Issue a Bearer token. ``kind="service-account"`` (named ``name``, with basic role
        ``role`` when it is created) or ``"user"`` (acting as user ``login``, default ``name``;
        created when unknown). ``actions=None`` grants what the role allows (every org action,
        plus global ``users:read`` for a Grafana-admin user; with ``rbac=True`` a Viewer or
        Editor is limited to its managed permissions)."""
        if kind not in ("service-account", "user"):
            raise ValueError("kind must be 'service-account' or 'user'")
        with self.store.lock:
            if kind == "service-account":
                owner = self.store.service_account(name, org_id) or self.store.add_user(
                    f"sa-{org_id}-{slugify(name)}",
                    name=name,
                    role=role,
                    org_id=org_id,
                    is_service_account=True,
                )
            else:
                owner = self._user_for(login or name, org_id)
            value = token or f"glsa_{secrets.token_hex(16)}_{generate_uid()[:8]}"
            self.store.tokens[value] = Token(
                token=value,
                name=name,
                user_id=owner.id,
                org_id=org_id,
                actions=frozenset(actions) if actions is not None else None,
                expires=expires,
            )
            return value

    def revoke_token(self, token: str) -> None:
        with self.store.lock:
            self.store.tokens[token].revoked = True

    def add_team(
        self, name: str, *, email: str = "", org_id: int = 1, members: Iterable[str] = ()
    ) -> Team:
        with self.store.lock:
            team = Team(
                id=self.store.next_team_id(),
                uid=generate_uid(),
                org_id=org_id,
                name=name,
                email=email,
                created=self.store.now(),
            )
            for login in members:
                team.members[self._user_for(login, org_id).id] = 0
            self.store.org(org_id).teams[team.id] = team
            return copy.deepcopy(team)

    # -- seeding content ---------------------------------------------------------------------
    def seed_folder(
        self,
        title: str,
        *,
        uid: str = "",
        parent_uid: str = "",
        as_user: str = "admin",
        org_id: int = 1,
    ) -> Folder:
        """Create a folder as if user ``as_user`` had posted it (default permissions applied)."""
        with self.store.lock:
            cmd = folders.CreateFolder(title=title, uid=uid, parent_uid=parent_uid)
            actor = self._user_for(as_user, org_id)
            return copy.deepcopy(folders.create_folder(self.store, org_id, actor, cmd))

    def seed_dashboard(
        self,
        dashboard: dict[str, Any],
        *,
        folder_uid: str = "",
        message: str = "",
        as_user: str = "admin",
        overwrite: bool = False,
        org_id: int = 1,
    ) -> Dashboard:
        """Save through the same code path as ``POST /api/dashboards/db``."""
        with self.store.lock:
            cmd = dashboards.SaveCommand(
                dashboard=copy.deepcopy(dashboard),
                folder_uid=folder_uid,
                overwrite=overwrite,
                message=message,
            )
            actor = self._user_for(as_user, org_id)
            return copy.deepcopy(dashboards.save_dashboard(self.store, org_id, actor, cmd))

    def add_datasource(self, uid: str, name: str, type_: str, url: str, *, org_id: int = 1,
                       **extra: Any) -> None:
        """A datasource as provisioning would leave it (``access: proxy``)."""
        with self.store.lock:
            self.store.org(org_id).datasources[uid] = {
                "uid": uid, "name": name, "type": type_, "url": url, "access": "proxy",
                "orgId": org_id, **extra}

    def mark_plugin(self, uid: str, plugin_id: str, *, name: str = "", org_id: int = 1) -> None:
        """Mark a dashboard as imported by an app plugin (``dashboard.plugin_id``)."""
        with self.store.lock:
            dash = self.store.org(org_id).dashboards[uid]
            dash.plugin_id, dash.plugin_name = plugin_id, name or plugin_id

    def save_as_v2(self, uid: str, *, api_version: str = "v2beta1", org_id: int = 1) -> None:
        """Mark a dashboard as saved in the v2 schema, as Grafana 12 stores one saved from
        the new dashboard editor (``dashboard.api_version``, pkg/services/dashboards)."""
        with self.store.lock:
            self.store.org(org_id).dashboards[uid].api_version = api_version

    def mark_provisioned(
        self,
        uid: str,
        *,
        external_id: str = "",
        allow_ui_updates: bool = False,
        provider: str = "default",
        org_id: int = 1,
    ) -> None:
        """Flag a stored dashboard as file-provisioned.

        ``external_id`` is the file path relative to the provider path (``<uid>.json``).
        """
        with self.store.lock:
            dash = self.store.org(org_id).dashboards[uid]
            dash.provisioning = Provisioning(
                external_id or f"{uid}.json", allow_ui_updates, provider
            )

    def unmark_provisioned(self, uid: str, *, org_id: int = 1) -> None:
        with self.store.lock:
            self.store.org(org_id).dashboards[uid].provisioning = None

    def ui_edit(
        self,
        uid: str,
        *,
        user: str = "admin",
        changes: DashboardChange | None = None,
        message: str = "",
        org_id: int = 1,
    ) -> Dashboard:
        """Simulate a save from the Grafana UI by ``user``: a new version with ``changes``
        (a dict merged into the dashboard JSON, or a function editing/returning it)."""
        with self.store.lock:
            dash = self.store.org(org_id).dashboards[uid]
            data = dash.snapshot()
            if callable(changes):
                data = changes(data) or data
            elif changes:
                data.update(copy.deepcopy(changes))
            data.update({"id": dash.id, "uid": dash.uid, "version": dash.version})
            cmd = dashboards.SaveCommand(
                dashboard=data,
                folder_uid=dash.folder_uid,
                message=message,
                validate_provisioned=False,
            )
            actor = self._user_for(user, org_id)
            return copy.deepcopy(dashboards.save_dashboard(self.store, org_id, actor, cmd))

    def add_alert_rule(self, folder_uid: str, *, count: int = 1, org_id: int = 1) -> None:
        """Pretend ``folder_uid`` holds alert rules (DELETE then needs forceDeleteRules=true)."""
        with self.store.lock:
            rules = self.store.org(org_id).alert_rules
            rules[folder_uid] = rules.get(folder_uid, 0) + count

    def set_database_healthy(self, healthy: bool) -> None:
        with self.store.lock:
            self.store.settings.database_healthy = healthy

    # -- inspection --------------------------------------------------------------------------
    def dashboard(self, uid: str, *, org_id: int = 1) -> Dashboard | None:
        with self.store.lock:
            return copy.deepcopy(self.store.org(org_id).dashboards.get(uid))

    def datasources(self, *, org_id: int = 1) -> list[dict[str, Any]]:
        """Datasources as provisioned (after environment expansion), by name."""
        with self.store.lock:
            return sorted(copy.deepcopy(list(self.store.org(org_id).datasources.values())),
                          key=lambda d: str(d.get("name")))

    def dashboards(self, *, org_id: int = 1) -> list[Dashboard]:
        with self.store.lock:
            return copy.deepcopy(list(self.store.org(org_id).dashboards.values()))

    def dashboard_versions(self, uid: str, *, org_id: int = 1) -> list[DashboardVersion]:
        with self.store.lock:
            return copy.deepcopy(self.store.org(org_id).dashboards[uid].versions)

    def folder(self, uid: str, *, org_id: int = 1) -> Folder | None:
        with self.store.lock:
            return copy.deepcopy(self.store.org(org_id).folders.get(uid))

    def folders(self, *, org_id: int = 1) -> list[Folder]:
        with self.store.lock:
            return copy.deepcopy(list(self.store.org(org_id).folders.values()))

    def teams(self, *, org_id: int = 1) -> list[Team]:
        with self.store.lock:
            return copy.deepcopy(list(self.store.org(org_id).teams.values()))

    def users(self) -> list[User]:
        with self.store.lock:
            return copy.deepcopy(list(self.store.users.values()))

    def user(self, login: str) -> User | None:
        with self.store.lock:
            return copy.deepcopy(self.store.user_by_login(login))

    def acl_entries(self, kind: str, uid: str, *, org_id: int = 1) -> list[AclEntry]:
        """Raw managed permission rows of a ``"dashboard"`` or ``"folder"``."""
        with self.store.lock:
            return copy.deepcopy(self.store.org(org_id).acl.get((kind, uid), []))

    def permissions(self, kind: str, uid: str, *, org_id: int = 1) -> dict[str, int]:
        """Readable summary, e.g. ``{"user:admin": 4, "role:Editor": 2, "team:ops": 1}``."""
        with self.store.lock:
            org = self.store.org(org_id)
            summary: dict[str, int] = {}
            for row in org.acl.get((kind, uid), []):
                if row.subject == "user":
                    label = f"user:{self.store.users[row.subject_id].login}"
                elif row.subject == "team":
                    label = f"team:{org.teams[row.subject_id].name}"
                else:
                    label = f"role:{row.role}"
                summary[label] = row.permission
            return summary

    @staticmethod
    def all_org_actions() -> frozenset[str]:
        return ORG_ACTIONS
