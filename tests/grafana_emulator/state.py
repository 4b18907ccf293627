"""The in-memory store: orgs, users, tokens, id sequences, settings and one re-entrant lock.

Handlers and the admin API mutate it only while holding ``store.lock``.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from .clock import Clock, utc_now
from .models import Dashboard, Folder, Org, Team, Token, User
from .naming import generate_uid


@dataclass
class Settings:
    grafana_version: str = "11.6.0"
    commit: str = "emulator"
    main_mode: bool = False  # "main" branch: stale version on POST /db -> 409 instead of 412
    max_folder_depth: int = 4  # MaxNestedFolderDepth: max ancestors of a parent folder
    database_healthy: bool = True
    min_refresh_interval: str = "5s"  # [dashboards] min_refresh_interval; "" disables clamping
    app_sub_url: str = ""  # the path of root_url, e.g. "/grafana"
    rbac: bool = False  # Viewers and Editors limited to their managed permissions (guardian.py)
    refuse_non_empty_delete: bool = False  # newer Grafana: a folder that holds anything stays


def version_tuple(version: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in version.split("-")[0].split("."):
        digits = "".join(itertools.takewhile(str.isdigit, piece))
        parts.append(int(digits or 0))
    return tuple(parts)


class Store:
    def __init__(self, clock: Clock | None = None, settings: Settings | None = None) -> None:
        self.lock = threading.RLock()
        self.clock: Clock = clock or utc_now
        self.settings = settings or Settings()
        self.orgs: dict[int, Org] = {}
        self.users: dict[int, User] = {}
        self.tokens: dict[str, Token] = {}
        self._object_ids = itertools.count(1)  # dashboards and folders share one table
        self._version_ids = itertools.count(1)
        self._user_ids = itertools.count(1)
        self._team_ids = itertools.count(1)
        self._org_ids = itertools.count(1)
        self.add_org("Main Org.")
        self.add_user("admin", password="admin", is_admin=True, role="Admin")

    # -- time and sequences ------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def next_object_id(self) -> int:
        return next(self._object_ids)

    def next_version_id(self) -> int:
        return next(self._version_ids)

    def next_team_id(self) -> int:
        return next(self._team_ids)

    def versions_as_object(self) -> bool:
        """Grafana ≥ 11.6 wraps the versions list in ``{"continueToken", "versions"}``."""
        return version_tuple(self.settings.grafana_version) >= (11, 6)

    # -- orgs and users ----------------------------------------------------------------------
    def add_org(self, name: str) -> Org:
        org = Org(id=next(self._org_ids), name=name)
        self.orgs[org.id] = org
        return org

    def org(self, org_id: int) -> Org:
        return self.orgs[org_id]

    def add_user(
        self,
        login: str,
        *,
        email: str | None = None,
        name: str | None = None,
        password: str | None = None,
        is_admin: bool = False,
        role: str = "Editor",
        org_id: int = 1,
        is_service_account: bool = False,
        actions: frozenset[str] | None = None,
    ) -> User:
        user = User(
            id=next(self._user_ids),
            uid=generate_uid(),
            login=login,
            email=email
            if email is not None
            else (login if is_service_account else f"{login}@localhost"),
            name=name if name is not None else login,
            created=self.now(),
            password=password,
            is_admin=is_admin,
            is_service_account=is_service_account,
            orgs={org_id: role},
            actions=actions,
        )
        self.users[user.id] = user
        return user

    def user_by_login(self, login_or_email: str) -> User | None:
        for user in self.users.values():
            if login_or_email in (user.login, user.email):
                return user
        return None

    def service_account(self, name: str, org_id: int) -> User | None:
        for user in self.users.values():
            if user.is_service_account and user.name == name and org_id in user.orgs:
                return user
        return None

    def org_users(self, org_id: int) -> list[User]:
        return [u for u in self.users.values() if org_id in u.orgs and not u.is_service_account]

    def team(self, org_id: int, team_id: int) -> Team | None:
        return self.org(org_id).teams.get(team_id)

    # -- folders -----------------------------------------------------------------------------
    def folder_by_id(self, org_id: int, folder_id: int) -> Folder | None:
        for folder in self.org(org_id).folders.values():
            if folder.id == folder_id:
                return folder
        return None

    def ancestors(self, org_id: int, uid: str) -> list[Folder]:
        """Folders from the root down to the parent of ``uid`` (the folder itself excluded)."""
        chain: list[Folder] = []
        folders = self.org(org_id).folders
        current = folders.get(uid)
        seen = {uid}
        while current is not None and current.parent_uid and current.parent_uid not in seen:
            seen.add(current.parent_uid)
            current = folders.get(current.parent_uid)
            if current is not None:
                chain.append(current)
        chain.reverse()
        return chain

    def children(self, org_id: int, parent_uid: str) -> list[Folder]:
        return [f for f in self.org(org_id).folders.values() if f.parent_uid == parent_uid]

    def descendants(self, org_id: int, uid: str) -> Iterator[Folder]:
        """All folders below ``uid``, depth first (children before grandchildren of a branch)."""
        for child in self.children(org_id, uid):
            yield child
            yield from self.descendants(org_id, child.uid)

    def subtree_height(self, org_id: int, uid: str) -> int:
        """Levels in the subtree rooted at ``uid`` (1 for a leaf)."""
        kids = self.children(org_id, uid)
        return 1 + max((self.subtree_height(org_id, k.uid) for k in kids), default=0)

    # -- dashboards --------------------------------------------------------------------------
    def dashboard_by_id(self, org_id: int, dash_id: int) -> Dashboard | None:
        for dash in self.org(org_id).dashboards.values():
            if dash.id == dash_id:
                return dash
        return None

    def uid_taken(self, org_id: int, uid: str) -> bool:
        org = self.org(org_id)
        return uid in org.dashboards or uid in org.folders

    def fresh_uid(self, org_id: int) -> str:
        while True:
            uid = generate_uid()
            if not self.uid_taken(org_id, uid):
                return uid
