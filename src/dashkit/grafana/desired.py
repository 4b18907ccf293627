"""What the code wants a Grafana to hold: the folder tree, the dashboards as push writes them
(with the ownership tag), and every grant with names resolved to ids."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from dashkit.build.compile import canonical
from dashkit.build.compile.plain import JSON
from dashkit.build.run import built_dashboards
from dashkit.config import ProjectConfig
from dashkit.folders import FolderTree, build_tree, undeclared
from dashkit.grafana.client import GrafanaPort
from dashkit.grafana.live import LiveDashboard, LiveGrant
from dashkit.grafana.names import resolve_grants
from dashkit.model import Resource
from dashkit.problems import UserError
from dashkit.review.normalize import normalize, without_filled_defaults


@dataclass(frozen=True)
class DesiredDashboard:
    uid: str
    title: str
    folder_uid: str
    data: dict[str, Any] = field(repr=False)
    source: str = ""

    @property
    def checksum(self) -> str:
        return canonical.checksum(canonical.encode(normalize(self.data)))


@dataclass(frozen=True)
class Desired:
    tree: FolderTree
    dashboards: tuple[DesiredDashboard, ...]
    owner_tag: str
    folder_grants: dict[str, tuple[LiveGrant, ...]] = field(default_factory=dict)
    dashboard_grants: dict[str, tuple[LiveGrant, ...]] = field(default_factory=dict)


def differs(desired: DesiredDashboard, live: LiveDashboard) -> bool:
    """Would pushing change anything that matters? Grafana's filled-in defaults do not."""
    want = normalize(desired.data)
    return without_filled_defaults(want, normalize(live.data)) != want or (
        live.folder_uid != desired.folder_uid)


def owner_tag(config: ProjectConfig) -> str:
    return f"dashkit:{config.owner}"


def desired_dashboards(config: ProjectConfig, paths: Sequence[Path], jobs: int | None = None,
                       purpose: str = "push (nothing was pushed)",
                       ) -> tuple[FolderTree, list[DesiredDashboard]]:
    """The dashboards as push writes them (with the ownership tag), and their folder tree."""
    built = built_dashboards(paths, root=config.root, build_dir=config.build_dir, jobs=jobs,
                             purpose=purpose, options=config.build_options)
    source = str(config.source) if config.source else None
    if config.undeclared_folders == "refuse":
        named: dict[str, list[str]] = {}
        for item in built:
            named.setdefault(item.entry.folder, []).append(repr(item.entry.uid))
        problems = undeclared(config.folders, named, source)
        if problems:
            raise UserError(f"{len(problems)} folder path(s) that dashboards.yaml does not "
                            "declare; nothing was pushed",
                            details="\n".join(p.render() for p in problems))
    tree = build_tree(config.folders, (b.entry.folder for b in built if b.entry.folder),
                      str(config.source) if config.source else None)
    tag = owner_tag(config)
    dashboards = []
    for item in sorted(built, key=lambda b: b.entry.uid):
        data: dict[str, JSON] = orjson.loads(item.content)
        data["tags"] = sorted({*data.get("tags", []), tag})
        folder = item.entry.folder
        dashboards.append(DesiredDashboard(item.entry.uid, item.entry.title,
                                           tree.paths[folder] if folder else "", data,
                                           item.entry.source))
    return tree, dashboards


def desired_state(config: ProjectConfig, paths: Sequence[Path], port: GrafanaPort,
                  jobs: int | None = None) -> Desired:
    """Compile the dashboards, lay out folders, resolve every grant (reads only)."""
    tree, dashboards = desired_dashboards(config, paths, jobs)
    unknown = sorted(set(config.dashboard_grants) - {d.uid for d in dashboards})
    if unknown:
        raise UserError(f"dashboard_permissions names unknown dashboard uid(s) "
                        f"{', '.join(unknown)}", hints=("use the uid of a dashboard in code",))
    folder_grants = {f.uid: f.grants for f in tree.folders.values() if f.grants is not None}
    return Desired(tree, tuple(dashboards), owner_tag(config),
                   resolve_grants(port, folder_grants, Resource.FOLDER),
                   resolve_grants(port, dict(config.dashboard_grants), Resource.DASHBOARD))
