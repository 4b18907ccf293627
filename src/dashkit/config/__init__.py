"""The project config (``dashboards.yaml``): dashboards, build folder, targets, folders and
permissions, read through the schema in :mod:`dashkit.config.schema`. Every mistake names the
file, the setting, what it must be and what was found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dashkit.config.kinds import ConfigError
from dashkit.config.schema import CONFIG_NAME, DEFAULT_OWNER, PROJECT
from dashkit.model import (
    AlertingSpec,
    BuildOptions,
    DatasourceSpec,
    FolderSpec,
    Grant,
    GrantKind,
    NamedDatasource,
    Permission,
    ProvisioningSpec,
    TargetSpec,
    TeamRoute,
)
from dashkit.problems import Location, UserError

__all__ = ["CONFIG_NAME", "DEFAULT_OWNER", "LintIgnore", "ProjectConfig", "find_config",
           "load_config"]


@dataclass(frozen=True)
class LintIgnore:
    """A lint finding the project accepts, and why. ``dashboard``, ``panel`` and ``alert``
    narrow it (uid, panel title, alert name); empty means every one."""

    rule: str
    reason: str
    dashboard: str = ""
    panel: str = ""
    alert: str = ""


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    dashboard_paths: tuple[Path, ...]
    build_dir: Path
    source: Path | None = None
    owner: str = DEFAULT_OWNER
    targets: dict[str, TargetSpec] = field(default_factory=dict)
    folders: tuple[FolderSpec, ...] = ()
    undeclared_folders: str = "refuse"
    datasources: tuple[DatasourceSpec, ...] = ()
    provisioning: ProvisioningSpec = field(default_factory=ProvisioningSpec)
    alerting: AlertingSpec = field(default_factory=AlertingSpec)
    dashboard_grants: dict[str, tuple[Grant, ...]] = field(default_factory=dict)
    lint_fail_on: str = "error"
    lint_ignores: tuple[LintIgnore, ...] = ()
    lint_metrics: str = "claimed"
    module_timeout: float = 60.0

    @property
    def build_options(self) -> BuildOptions:
        return BuildOptions(self.module_timeout, tuple(
            NamedDatasource(d.name, d.uid, d.type) for d in self.datasources))


def find_config(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path) -> ProjectConfig:
    """Read ``dashboards.yaml`` from ``start`` or a parent; without one, use the defaults."""
    path = find_config(start.resolve())
    if path is None:
        root = start.resolve()
        return ProjectConfig(root, (root / "dashboards",), root / "build")
    try:
        data = yaml.safe_load(path.read_text())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UserError(f"{CONFIG_NAME} is not valid YAML: {getattr(exc, 'problem', exc)}",
                        location=Location(str(path), mark.line + 1 if mark else None)) from None
    try:
        return _project(path, PROJECT.read(data, ""))
    except ConfigError as exc:
        hints = (f"for example:  {exc.example}",) if exc.example else ()
        raise UserError(str(exc), location=Location(str(path), _line_of(path, exc.where)),
                        hints=hints) from None


def _line_of(path: Path, where: str) -> int | None:
    """The line of the setting ``where`` (``targets.prod.timeout``, ``folders[0].uid``), or
    of the nearest enclosing one that is written in the file."""
    try:
        node = yaml.compose(path.read_text())
    except (OSError, yaml.YAMLError):
        return None
    line = None
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", where):
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == step), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and step.startswith("["):
            index = int(step[1:-1])
            if index >= len(node.value):
                break
            node = node.value[index]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _project(path: Path, data: dict[str, Any]) -> ProjectConfig:
    root = path.parent
    return ProjectConfig(
        root, tuple(root / p for p in data["dashboards"]), root / data["build_dir"], path,
        data["owner"],
        targets={name: _target(root, name, item) for name, item in data["targets"].items()},
        folders=tuple(_folder(item, f"folders[{i}]") for i, item in enumerate(data["folders"])),
        undeclared_folders=data["undeclared_folders"],
        datasources=_datasources(data["datasources"]),
        provisioning=ProvisioningSpec(**data["provisioning"]),
        alerting=_alerting(data["alerting"]),
        dashboard_grants={uid: _grants(grants, f"dashboard_permissions.{uid}")
                          for uid, grants in data["dashboard_permissions"].items()},
        module_timeout=data["module_timeout"],
        lint_fail_on=data["lint"]["fail_on"],
        lint_metrics=data["lint"]["metrics"],
        lint_ignores=tuple(LintIgnore(i["rule"], i["reason"].strip(), i["dashboard"],
                                      i["panel"], i["alert"]) for i in data["lint"]["ignore"]),
    )


def _alerting(data: dict[str, Any]) -> AlertingSpec:
    teams = {name: TeamRoute(**item) for name, item in data["teams"].items()}
    return AlertingSpec(**{**data, "group_by": tuple(data["group_by"]), "teams": teams})


def _datasources(items: list[dict[str, Any]]) -> tuple[DatasourceSpec, ...]:
    out = tuple(DatasourceSpec(**item) for item in items)
    for index, spec in enumerate(out):
        if any(other.uid == spec.uid for other in out[:index]):
            raise ConfigError(f"datasources[{index}].uid", f"{spec.uid!r} is used twice; give "
                                                           "each datasource its own uid")
        if spec.default and any(other.default for other in out[:index]):
            raise ConfigError(f"datasources[{index}].default", "is true for a second datasource;"
                              " Grafana refuses two defaults in one org")
    return out


def _target(root: Path, name: str, item: dict[str, Any]) -> TargetSpec:
    ca = item["ca_bundle"]
    if ca is not None and not (root / ca).is_file():
        raise ConfigError(f"targets.{name}.ca_bundle", f"names {ca!r}, which is not a file")
    return TargetSpec(
        name=name, url=item["url"].rstrip("/"), org_id=item["org_id"],
        token_env=item["token_env"], user_env=item["user_env"],
        password_env=item["password_env"], ca_bundle=str(root / ca) if ca else None,
        insecure_skip_verify=item["insecure_skip_verify"], timeout=item["timeout"])


def _folder(item: dict[str, Any], where: str) -> FolderSpec:
    grants = (_grants(item["permissions"], f"{where}.permissions")
              if item["permissions"] is not None else None)
    return FolderSpec(item["uid"], item["title"].strip(), item["parent"], grants)


def _grants(items: list[dict[str, Any]], where: str) -> tuple[Grant, ...]:
    out = []
    for item in items:
        kind = next(k for k in GrantKind if item[k] is not None)
        out.append(Grant(kind, item[kind].strip(), Permission(item["permission"])))
    keys = [(g.kind, g.name) for g in out]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        kind, name = duplicates[0]
        raise ConfigError(where, f"names {kind} {name!r} twice; give each team, user or role "
                                 "one permission")
    return tuple(sorted(out))
