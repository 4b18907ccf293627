"""``dashboards provision``: every generated file from the project's sources, written or
checked. Grafana's provisioning tree always; with alert modules, the Prometheus rule files,
the Alertmanager configuration and the runbooks too. Nothing is written unless everything
compiles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dashkit.alerting.compile import index_dashboard
from dashkit.alerting.load import load_alerts
from dashkit.alerting.outputs import AlertingFiles, alerting_files
from dashkit.config import CONFIG_NAME, ProjectConfig
from dashkit.folders import FolderTree
from dashkit.grafana.desired import DesiredDashboard, desired_dashboards
from dashkit.problems import Problem, UserError
from dashkit.provisioning.files import Stale, Written, check_tree, write_tree
from dashkit.provisioning.tree import Tree, provisioning_tree

NOTHING_WRITTEN = "provision (nothing was written)"


@dataclass(frozen=True)
class Output:
    """One directory of generated files: what it is for, where, and its files."""

    what: str
    root: Path
    tree: Tree
    orphans_are_stale: bool = False
    """Files there that the tree does not hold make ``--check`` fail (runbooks without an
    alert), even those not generated."""


@dataclass
class Provisioned:
    """What each output wrote, and the warnings met on the way."""

    outputs: list[tuple[Output, Written]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


@dataclass
class Checked:
    outputs: list[tuple[Output, Stale]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return all(stale.clean for _, stale in self.outputs)


def project_tree(config: ProjectConfig, paths: Sequence[Path] = ()) -> Tree:
    folders, dashboards = desired_dashboards(config, list(paths) or list(config.dashboard_paths),
                                             purpose=NOTHING_WRITTEN)
    return _grafana_tree(config, folders, dashboards)


def _grafana_tree(config: ProjectConfig, folders: FolderTree,
                  dashboards: Sequence[DesiredDashboard]) -> Tree:
    return provisioning_tree(folders, dashboards, config.datasources, config.provisioning,
                             _config_name(config))


def _config_name(config: ProjectConfig) -> str:
    return config.source.name if config.source else CONFIG_NAME


def alerting(config: ProjectConfig, dashboards: Sequence[DesiredDashboard]) -> AlertingFiles | None:
    """The alerting files, or None when the project has no alert modules. Any error stops
    here, naming every problem."""
    loaded = load_alerts(config.dashboard_paths, config.root, config.module_timeout)
    if not loaded.modules:
        return None
    index = {d.uid: index_dashboard(d.data) for d in dashboards}
    files = alerting_files(loaded, index, config.alerting,
                           lambda rel: (config.root / rel).exists(), _config_name(config))
    if not files.ok:
        errors = [p for p in files.problems if p.is_error]
        raise UserError(f"{len(errors)} alert problem(s); fix them to {NOTHING_WRITTEN}",
                        details="\n".join(p.render() for p in errors))
    return files


def outputs(config: ProjectConfig, out: Path | None = None) -> tuple[list[Output], list[Problem]]:
    """Every output of the project; ``out`` moves Grafana's tree only."""
    folders, dashboards = desired_dashboards(config, list(config.dashboard_paths),
                                             purpose=NOTHING_WRITTEN)
    found = [Output("Grafana provisioning", out or config.root / config.provisioning.dir,
                    _grafana_tree(config, folders, dashboards))]
    files = alerting(config, dashboards)
    if files is None:
        return found, []
    spec, root = config.alerting, config.root
    manager = root / spec.alertmanager_config
    found += [
        Output("Prometheus rules", root / spec.rules_dir, Tree(files.rules, swept=(".",))),
        Output("Alertmanager", manager.parent, Tree({manager.name: files.alertmanager})),
        Output("runbooks", root / spec.runbooks_dir, Tree(files.runbooks, swept=(".",)),
               orphans_are_stale=True),
    ]
    return found, [p for p in files.problems if not p.is_error]


def provision(config: ProjectConfig, out: Path | None = None) -> Provisioned:
    made, warnings = outputs(config, out)
    result = Provisioned(warnings=warnings)
    for output in made:
        result.outputs.append((output, write_tree(output.tree, output.root)))
        if output.orphans_are_stale:
            result.orphans += _orphans(output)
    return result


def check(config: ProjectConfig, out: Path | None = None) -> Checked:
    made, warnings = outputs(config, out)
    result = Checked(warnings=warnings)
    for output in made:
        stale = check_tree(output.tree, output.root)
        if output.orphans_are_stale:
            stale.extra = sorted({*stale.extra, *_orphans(output)})
        result.outputs.append((output, stale))
    return result


def _orphans(output: Output) -> list[str]:
    """Markdown files in the directory that no alert has (a runbook without an alert)."""
    if not output.root.is_dir():
        return []
    return [p.relative_to(output.root).as_posix() for p in sorted(output.root.rglob("*.md"))
            if p.relative_to(output.root).as_posix() not in output.tree.files]
