"""What flows through the build: declared dashboards in, compiled dashboards out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GENERAL_FOLDER = ""
"""The folder path of Grafana's top level ("General")."""


@dataclass(frozen=True)
class DashboardSpec:
    """A dashboard declared in code: the grafanalib object and where it belongs.

    ``folder`` is a slash-separated path of folder titles, e.g. ``"Platform/Pipeline"``;
    the empty string is Grafana's top level.
    """

    dashboard: Any
    folder: str = GENERAL_FOLDER


@dataclass(frozen=True)
class CompiledDashboard:
    """One dashboard compiled to canonical JSON, with the facts the manifest records."""

    uid: str
    title: str
    folder: str
    tags: tuple[str, ...]
    panel_count: int
    source: str
    content: bytes = field(repr=False)
    checksum: str

    @property
    def relpath(self) -> str:
        """Where the JSON lives under the build directory: folder path, then ``<uid>.json``."""
        return f"{self.folder}/{self.uid}.json" if self.folder else f"{self.uid}.json"


PERMISSION_LEVELS = {"View": 1, "Edit": 2, "Admin": 4}
"""Grafana's permission levels by name, as its folder and dashboard permission API numbers them."""

BASIC_ROLES = ("Viewer", "Editor", "Admin")


@dataclass(frozen=True, order=True)
class Grant:
    """Who may do what: ``kind`` is team, user or role; ``name`` is the team name, the user's
    login or email, or the basic role; ``permission`` is View, Edit or Admin."""

    kind: str
    name: str
    permission: str

    def __str__(self) -> str:
        return f"{self.kind} {self.name}: {self.permission}"


@dataclass(frozen=True)
class FolderSpec:
    """A folder as declared: its uid, title and parent uid ("" = top level), and, when
    ``grants`` is not None, exactly who may view, edit or administer it."""

    uid: str
    title: str
    parent: str = ""
    grants: tuple[Grant, ...] | None = None
    declared: bool = True


@dataclass(frozen=True)
class TargetSpec:
    """A Grafana to push to, and where its credentials come from (never the secret itself)."""

    name: str
    url: str
    org_id: int = 1
    token_env: str = "GRAFANA_TOKEN"
    user_env: str = "GRAFANA_USER"
    password_env: str = "GRAFANA_PASSWORD"
    ca_bundle: str | None = None
    insecure_skip_verify: bool = False
    timeout: float = 10.0
