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
class SourceRef:
    """The module a dashboard came from, relative to the project when possible."""

    path: str
    line: int | None = None


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
