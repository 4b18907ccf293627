"""What a rule sees: one dashboard's JSON, and what it is checked against.

The catalog, the project's dashboards (for uniqueness and links), the runbooks that exist and
the declared datasource uids are gathered once by the engine's caller; rules never read
files or the network, so each rule is a pure function of its context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from dashkit.catalog import CATALOG, Catalog
from dashkit.review.lint.dashboard import Link, Panel, links, panels
from dashkit.review.lint.queries import Query, promql_queries

K = TypeVar("K")


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
    declared_folders: frozenset[str] | None = None
    """Folder paths dashboards.yaml declares; None when push may create undeclared ones."""

    @cached_property
    def known_uids(self) -> frozenset[str]:
        return frozenset(d.uid for d in self.dashboards)

    @cached_property
    def by_uid(self) -> Mapping[str, tuple[DashboardRef, ...]]:
        return _index(self.dashboards, lambda d: d.uid)

    @cached_property
    def by_folder_title(self) -> Mapping[tuple[str, str], tuple[DashboardRef, ...]]:
        """Dashboards by folder and title as Grafana compares titles (without case)."""
        return _index(self.dashboards, lambda d: (d.folder, d.title.strip().casefold()))


def _index(refs: Iterable[DashboardRef],
           key: Callable[[DashboardRef], K]) -> dict[K, tuple[DashboardRef, ...]]:
    found: dict[K, list[DashboardRef]] = defaultdict(list)
    for ref in refs:
        found[key(ref)].append(ref)
    return {k: tuple(v) for k, v in found.items()}


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

    @cached_property
    def links(self) -> list[Link]:
        return list(links(self.dashboard))
