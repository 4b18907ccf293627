"""What Grafana holds right now, as the adapter reads it: folders, dashboards, grants."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashkit.model import PERMISSION_LEVELS

PERMISSION_NAMES = {level: name for name, level in PERMISSION_LEVELS.items()}


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
    """One managed permission row: ``kind`` team/user/role, ``ref`` the numeric id (team,
    user) or the role name, ``name`` what people call it, ``permission`` View/Edit/Admin."""

    kind: str
    ref: str
    name: str
    permission: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.ref)

    def item(self) -> dict[str, Any]:
        """The row as Grafana's permission API takes it."""
        level = PERMISSION_LEVELS[self.permission]
        if self.kind == "role":
            return {"role": self.ref, "permission": level}
        return {f"{self.kind}Id": int(self.ref), "permission": level}

    def __str__(self) -> str:
        return f"{self.kind} {self.name}: {self.permission}"


def grant_from_row(row: dict[str, Any]) -> LiveGrant | None:
    """A row of GET /api/folders/:uid/permissions (or the dashboard one), if it is managed."""
    if row.get("inherited"):
        return None
    permission = PERMISSION_NAMES.get(int(row.get("permission") or 0))
    if permission is None:
        return None
    if row.get("role"):
        return LiveGrant("role", str(row["role"]), str(row["role"]), permission)
    if row.get("teamId"):
        return LiveGrant("team", str(row["teamId"]), str(row.get("team") or row["teamId"]),
                         permission)
    if row.get("userId"):
        name = row.get("userLogin") or row.get("userEmail") or row["userId"]
        return LiveGrant("user", str(row["userId"]), str(name), permission)
    return None
