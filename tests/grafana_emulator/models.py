"""Plain records held by the in-memory store (no behaviour beyond small conveniences)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PERMISSION_NAMES = {1: "View", 2: "Edit", 4: "Admin"}


@dataclass
class User:
    """A Grafana user or service account (service accounts are users in Grafana's user table)."""

    id: int
    uid: str
    login: str
    email: str
    name: str
    created: datetime
    password: str | None = None
    is_admin: bool = False
    is_service_account: bool = False
    orgs: dict[int, str] = field(default_factory=dict)  # org id -> org role
    actions: frozenset[str] | None = None  # None: the defaults for the identity kind

    @property
    def display(self) -> str:
        """What Grafana shows as createdBy/updatedBy for this identity."""
        return self.name if self.is_service_account else self.login


@dataclass
class Token:
    token: str
    name: str
    user_id: int
    org_id: int
    actions: frozenset[str] | None = None
    revoked: bool = False
    expires: datetime | None = None


@dataclass
class Team:
    id: int
    uid: str
    org_id: int
    name: str
    email: str
    created: datetime
    members: dict[int, int] = field(default_factory=dict)  # user id -> 0 member / 4 admin


@dataclass
class Provisioning:
    external_id: str
    allow_ui_updates: bool
    provider: str


@dataclass
class DashboardVersion:
    id: int
    version: int
    parent_version: int
    restored_from: int
    message: str
    data: dict[str, Any]
    created: datetime
    created_by: str


@dataclass
class Dashboard:
    id: int
    uid: str
    org_id: int
    title: str
    data: dict[str, Any]
    folder_uid: str
    version: int
    created: datetime
    updated: datetime
    created_by: str
    updated_by: str
    versions: list[DashboardVersion] = field(default_factory=list)
    provisioning: Provisioning | None = None
    api_version: str = "v1"  # "v2alpha1", "v2beta1": saved in the v2 schema (Grafana 12)
    plugin_id: str = ""  # imported by an app plugin
    plugin_name: str = ""

    @property
    def tags(self) -> list[str]:
        raw = self.data.get("tags") or []
        return sorted(str(tag) for tag in raw) if isinstance(raw, list) else []

    def snapshot(self) -> dict[str, Any]:
        """A deep copy of the stored JSON with id/uid/version written back, as GET returns it."""
        data = copy.deepcopy(self.data)
        data["id"] = self.id
        data["uid"] = self.uid
        data["version"] = self.version
        return data


@dataclass
class Folder:
    id: int
    uid: str
    org_id: int
    title: str
    description: str
    parent_uid: str  # "" = root
    version: int
    created: datetime
    updated: datetime
    created_by: str
    updated_by: str


@dataclass
class AclEntry:
    """One managed permission row: a user, a team or a builtin role with a level 1/2/4."""

    subject: str  # "user" | "team" | "role"
    subject_id: int
    role: str
    permission: int
    created: datetime
    updated: datetime

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.subject, self.subject_id, self.role)

    @property
    def permission_name(self) -> str:
        return PERMISSION_NAMES.get(self.permission, "")


@dataclass
class Org:
    id: int
    name: str
    dashboards: dict[str, Dashboard] = field(default_factory=dict)
    folders: dict[str, Folder] = field(default_factory=dict)
    teams: dict[int, Team] = field(default_factory=dict)
    acl: dict[tuple[str, str], list[AclEntry]] = field(default_factory=dict)
    alert_rules: dict[str, int] = field(default_factory=dict)  # folder uid -> rule count
    datasources: dict[str, dict[str, Any]] = field(default_factory=dict)  # uid -> as provisioned
