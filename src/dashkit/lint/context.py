"""What a rule sees: one dashboard's JSON, and what it is checked against.

The catalog, the project's dashboards (for uniqueness and links), the runbooks that exist and
the declared datasource uids are gathered once by the engine's caller; rules never read
files or the network, so each rule is a pure function of its context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from dashkit.catalog import CATALOG, Catalog
from dashkit.lint.dashboard import Panel, panels
from dashkit.lint.queries import Query, promql_queries


@dataclass(frozen=True)
class DashboardRef:
    """A dashboard of the project: uid, title, folder path and source module."""

    uid: str
    title: str
    folder: str = ""
    source: str = ""


@dataclass(frozen=True)
class Project:
    """Everything outside the dashboard that rules check it against. ``dashboards`` is the
    whole project: those being linted and the others it knows of."""

    dashboards: tuple[DashboardRef, ...] = ()
    catalog: Catalog = field(default_factory=lambda: CATALOG)
    runbooks: frozenset[str] | None = None  # files under docs/runbooks/; None: no such folder
    datasource_uids: frozenset[str] = frozenset()
    root: Path = field(default_factory=Path)

    @cached_property
    def known_uids(self) -> frozenset[str]:
        return frozenset(d.uid for d in self.dashboards)


@dataclass
class LintContext:
    """One dashboard as a rule sees it. ``ref`` is the dashboard's own entry in the project."""

    dashboard: Mapping[str, Any]
    ref: DashboardRef
    project: Project

    @property
    def uid(self) -> str:
        return self.ref.uid

    @property
    def catalog(self) -> Catalog:
        return self.project.catalog

    @cached_property
    def panels(self) -> list[Panel]:
        return list(panels(self.dashboard))

    @cached_property
    def queries(self) -> list[Query]:
        """Every PromQL query, parsed once and shared by every rule."""
        return promql_queries(self.dashboard)
