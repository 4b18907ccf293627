"""``dashboards provision``: the provisioning tree from the project's sources, written or
checked."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dashkit.config import CONFIG_NAME, ProjectConfig
from dashkit.grafana.desired import desired_dashboards
from dashkit.provisioning.files import Stale, Written, check_tree, write_tree
from dashkit.provisioning.tree import Tree, provisioning_tree


def project_tree(config: ProjectConfig, paths: Sequence[Path] = ()) -> Tree:
    folders, dashboards = desired_dashboards(config, list(paths) or list(config.dashboard_paths),
                                             purpose="provision (nothing was written)")
    return provisioning_tree(folders, dashboards, config.datasources, config.provisioning,
                             config.source.name if config.source else CONFIG_NAME)


def provision(config: ProjectConfig, out: Path | None = None) -> Written:
    return write_tree(project_tree(config), out or config.root / config.provisioning.dir)


def check(config: ProjectConfig, out: Path | None = None) -> Stale:
    return check_tree(project_tree(config), out or config.root / config.provisioning.dir)
