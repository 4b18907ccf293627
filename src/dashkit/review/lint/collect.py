"""Gather what lint needs from the project: compiled dashboards, build problems, the other
dashboards of the project, runbooks and declared datasource uids.

The project's own dashboards are compiled through ``dashboards build`` into its build
folder, so a second lint recompiles only what changed. Modules named on the command line are
compiled in memory instead, leaving the build folder alone; the project's other dashboards
then come from the last build's manifest (for links and uniqueness).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import orjson
import yaml

from dashkit.build import modules, run
from dashkit.build.cache import SELF, read_cache, toolkit_fingerprint
from dashkit.build.manifest import ManifestEntry, read_manifest
from dashkit.catalog import CATALOG
from dashkit.config import ProjectConfig
from dashkit.folders import declared_paths
from dashkit.problems import Problem
from dashkit.review.lint.context import DashboardRef, Project
from dashkit.review.lint.parallel import LintInput

RUNBOOKS = Path("docs") / "runbooks"


Helpers = Callable[[str], tuple[str, ...]]
"""The project modules a dashboard module imports (where its panels may be built)."""


@dataclass
class Collected:
    items: list[LintInput]
    problems: list[Problem]
    project: Project
    helpers: Helpers = field(default=lambda source: ())


def collect(config: ProjectConfig, paths: Sequence[Path] = (), jobs: int | None = None,
            use_cache: bool = True) -> Collected:
    """Compile the dashboards to lint: ``paths``, or else the project's dashboards."""
    if paths:
        outcomes, _ = modules.compile_modules(paths, root=config.root, jobs=jobs,
                                              options=config.build_options)
        items = [LintInput(DashboardRef(d.uid, d.title, d.folder, d.source),
                           orjson.loads(d.content))
                 for outcome in outcomes for d in outcome.compiled]
        imports = {o.display: _relative(o.deps, config.root) for o in outcomes}
        helpers: Helpers = lambda source: imports.get(source, ())  # noqa: E731
        problems = [p for outcome in outcomes for p in outcome.problems]
        linted = {o.display for o in outcomes}
        others = [_ref(e) for e in read_manifest(config.build_dir) if e.source not in linted]
    else:
        report = run.build(config.dashboard_paths, config.build_dir, root=config.root,
                           jobs=jobs, use_cache=use_cache,
                           options=config.build_options)
        items = [LintInput(_ref(e), path=config.build_dir / e.path, checksum=e.checksum)
                 for e in report.entries if not e.stale]
        helpers = _from_build_cache(config)
        problems = list(report.problems)
        others = [_ref(e) for e in report.entries if e.stale]
    refs = tuple(item.ref for item in items) + tuple(others)
    declared = (None if config.undeclared_folders == "create"
                else frozenset(declared_paths(config.folders)))
    project = Project(dashboards=refs, runbooks=runbooks(config.root),
                      catalog=CATALOG.claiming_all() if config.lint_metrics == "all"
                      else CATALOG,
                      datasource_uids=declared_datasource_uids(config.root) | {
                          d.uid for d in config.datasources}, root=config.root,
                      declared_folders=declared)
    return Collected(items, problems, project, helpers)


def _ref(entry: ManifestEntry) -> DashboardRef:
    return DashboardRef(entry.uid, entry.title, entry.folder, entry.source)


def _from_build_cache(config: ProjectConfig) -> Helpers:
    """Each built module's local imports, read from the build cache the first time a finding
    needs them (most runs have none that do)."""

    @cache
    def imports() -> dict[str, tuple[str, ...]]:
        cached = read_cache(config.build_dir,
                            toolkit_fingerprint(config.build_options.fingerprint))
        return {modules.display_path(Path(path), config.root):
                _relative(entry.deps, config.root) for path, entry in cached.items()}

    return lambda source: imports().get(source, ())


def _relative(deps: dict[str, str], root: Path) -> tuple[str, ...]:
    return tuple(modules.display_path(Path(dep), root) for dep in sorted(deps)
                 if dep != SELF)


def runbooks(root: Path) -> frozenset[str] | None:
    """Files under ``docs/runbooks/`` (relative, '/'-separated); None without the folder."""
    folder = root / RUNBOOKS
    if not folder.is_dir():
        return None
    return frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def declared_datasource_uids(root: Path) -> frozenset[str]:
    """Uids of datasources the project provisions (``provisioning/**/datasources/*.yaml``)."""
    uids: set[str] = set()
    for path in sorted((root / "provisioning").glob("**/datasources/*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text())
        except (OSError, yaml.YAMLError):
            continue
        entries = data.get("datasources") if isinstance(data, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("uid"), str):
                uids.add(entry["uid"])
    return frozenset(uids)
