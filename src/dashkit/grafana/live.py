"""What a Grafana holds right now: folders, dashboards, their history and grants, as the
client reads them; and what Grafana adds by itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashkit.model import GrantKind, Permission


@dataclass(frozen=True)
class LiveFolder:
    uid: str
    title: str
    parent: str
    version: int = 0


@dataclass(frozen=True)
class LiveDashboard:
    uid: str
    title: str
    folder_uid: str
    version: int
    provisioned: bool
    data: dict[str, Any] = field(repr=False)
    updated_by: str = ""
    updated: str = ""
    saved_as_v2: bool = False
    """Saved in Grafana 12's v2 schema: /api cannot read it (406), so ``data`` holds only
    what search tells (the tags), and this tool never writes or deletes it."""

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.data.get("tags") or ())


@dataclass(frozen=True)
class DashboardVersion:
    version: int
    created_by: str
    created: str
    message: str


@dataclass(frozen=True, order=True)
class LiveGrant:
    """One managed permission row: ``ref`` is the numeric id (team, user) or the role name,
    ``name`` what people call it."""

    kind: GrantKind
    ref: str
    name: str
    permission: Permission

    @property
    def key(self) -> tuple[GrantKind, str]:
        return (self.kind, self.ref)

    def item(self) -> dict[str, Any]:
        """The row as Grafana's permission API takes it."""
        if self.kind is GrantKind.ROLE:
            return {"role": self.ref, "permission": self.permission.level}
        return {f"{self.kind}Id": int(self.ref), "permission": self.permission.level}

    def __str__(self) -> str:
        return f"{self.kind} {self.name}: {self.permission}"


@dataclass(frozen=True)
class Caller:
    """Who the push token is, as Grafana sees it: enough to tell which permission rows
    reach it (its user id, teams and basic role) and which rows it holds now.

    ``scopes`` is Grafana's own list of what it may do (GET
    /api/access-control/user/permissions): action -> scopes such as ``folders:uid:ops``."""

    login: str
    user_id: str
    service_account: bool
    role: str
    org_wide: bool
    teams: tuple[str, ...] = ()
    scopes: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def __str__(self) -> str:
        kind = "service account" if self.service_account else "user"
        return f"{kind} {self.login} (role {self.role})"


GRAFANA_FOLDER_DEFAULTS = (
    LiveGrant(GrantKind.ROLE, "Editor", "Editor", Permission.EDIT),
    LiveGrant(GrantKind.ROLE, "Viewer", "Viewer", Permission.VIEW))
"""The grants Grafana gives a new top-level folder; a declaration without them removes them."""

V2_SCHEMA = "saved in the v2 schema in Grafana; not managed by this tool"

STAMP = "dashkit push"
"""Every version this project writes starts its message with this."""


def is_ours(version: DashboardVersion | None) -> bool:
    """Written by this project: our stamp, or the first save of a dashboard we own
    (Grafana shows every first version as "Initial save", whatever its message was)."""
    if version is None:
        return True
    return version.message.startswith(STAMP) or (
        version.version == 1 and version.message == "Initial save")


@dataclass(frozen=True)
class History:
    """Who changed a dashboard last, and what it looked like when this project last wrote it."""

    latest: DashboardVersion | None
    last_pushed: dict[str, Any] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Observed:
    """Everything push read from a Grafana for one plan."""

    folders: dict[str, LiveFolder]
    dashboards: dict[str, LiveDashboard | None]
    history: dict[str, History] = field(default_factory=dict)
    folder_grants: dict[str, tuple[LiveGrant, ...]] = field(default_factory=dict)
    dashboard_grants: dict[str, tuple[LiveGrant, ...]] = field(default_factory=dict)
    owned: dict[str, LiveDashboard] = field(default_factory=dict)
    folder_contents: dict[str, set[str]] = field(default_factory=dict)
    caller: Caller | None = None
    """Who the token is; None where this Grafana cannot tell (before 11)."""
