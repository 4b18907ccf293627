"""The project config (``dashboards.yaml``): dashboards, build folder, targets, folders and
permissions. Every mistake names the file, the setting and what to write instead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dashkit.model import BASIC_ROLES, PERMISSION_LEVELS, FolderSpec, Grant, TargetSpec
from dashkit.problems import Location, UserError

CONFIG_NAME = "dashboards.yaml"
DEFAULT_OWNER = "dashkit"
_OWNER = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class LintIgnore:
    """A lint finding the project accepts, and why. ``dashboard`` and ``panel`` narrow it
    (uid and panel title); empty means every dashboard or panel."""

    rule: str
    reason: str
    dashboard: str = ""
    panel: str = ""


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    dashboard_paths: tuple[Path, ...]
    build_dir: Path
    source: Path | None = None
    owner: str = DEFAULT_OWNER
    targets: dict[str, TargetSpec] = field(default_factory=dict)
    folders: tuple[FolderSpec, ...] = ()
    dashboard_grants: dict[str, tuple[Grant, ...]] = field(default_factory=dict)
    lint_fail_on: str = "error"
    lint_ignores: tuple[LintIgnore, ...] = ()


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
        data = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise UserError(f"{CONFIG_NAME} is not valid YAML: {getattr(exc, 'problem', exc)}",
                        location=Location(str(path), mark.line + 1 if mark else None)) from None
    reader = _Reader(path)
    if not isinstance(data, dict):
        raise reader.error("", "must be a mapping of settings")
    reader.known(data, "", ("dashboards", "build_dir", "owner", "targets", "folders",
                            "dashboard_permissions", "lint"))
    root = path.parent
    paths = reader.strings(data.get("dashboards", ["dashboards"]), "dashboards")
    build_dir = data.get("build_dir", "build")
    if not isinstance(build_dir, str):
        raise reader.error("build_dir", "must be a folder path", "build_dir: build")
    owner = data.get("owner", DEFAULT_OWNER)
    if not isinstance(owner, str) or not _OWNER.match(owner):
        raise reader.error("owner", "must be a short name of letters, digits, '.', '_' or '-'",
                           "owner: media-platform")
    return ProjectConfig(
        root, tuple(root / p for p in paths), root / build_dir, path, owner,
        targets=reader.targets(data.get("targets") or {}),
        folders=reader.folders(data.get("folders") or []),
        dashboard_grants={
            str(uid): reader.grants(grants, f"dashboard_permissions.{uid}")
            for uid, grants in reader.mapping(data.get("dashboard_permissions") or {},
                                              "dashboard_permissions").items()
        },
        **reader.lint(data.get("lint") or {}),
    )


class _Reader:
    """Typed access to the YAML, with errors that point at the setting."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, where: str, message: str, example: str = "") -> UserError:
        hints = (f"for example:  {example}",) if example else ()
        return UserError(f"{where or 'the config'} {message}",
                         location=Location(str(self.path), field=where or None), hints=hints)

    def known(self, data: dict[str, Any], where: str, keys: tuple[str, ...]) -> None:
        for key in data:
            if key not in keys:
                raise self.error(f"{where}{key}" if not where else f"{where}.{key}",
                                 f"is not a setting here; known: {', '.join(keys)}")

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(where, "must be a mapping")
        return value

    def strings(self, value: Any, where: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(where, "must be a list of folder or file paths",
                             f"{where}: [dashboards]")
        return value

    def targets(self, value: Any) -> dict[str, TargetSpec]:
        out = {}
        for name, item in self.mapping(value, "targets").items():
            where = f"targets.{name}"
            item = self.mapping(item, where)
            self.known(item, where, ("url", "org_id", "token_env", "user_env", "password_env",
                                     "ca_bundle", "insecure_skip_verify", "timeout"))
            url = item.get("url")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                raise self.error(f"{where}.url", "must be the Grafana URL",
                                 "url: https://grafana.example.com")
            ca = item.get("ca_bundle")
            if ca is not None and not (self.path.parent / str(ca)).is_file():
                raise self.error(f"{where}.ca_bundle", f"{ca!r} is not a file")
            out[str(name)] = TargetSpec(
                name=str(name), url=url.rstrip("/"),
                org_id=self._int(item.get("org_id", 1), f"{where}.org_id"),
                token_env=str(item.get("token_env", "GRAFANA_TOKEN")),
                user_env=str(item.get("user_env", "GRAFANA_USER")),
                password_env=str(item.get("password_env", "GRAFANA_PASSWORD")),
                ca_bundle=str(self.path.parent / str(ca)) if ca is not None else None,
                insecure_skip_verify=bool(item.get("insecure_skip_verify", False)),
                timeout=float(item.get("timeout", 10.0)),
            )
        return out

    def folders(self, value: Any) -> tuple[FolderSpec, ...]:
        if not isinstance(value, list):
            raise self.error("folders", "must be a list of folders",
                             "folders: [{uid: platform, title: Platform}]")
        out = []
        for index, item in enumerate(value):
            where = f"folders[{index}]"
            item = self.mapping(item, where)
            self.known(item, where, ("uid", "title", "parent", "permissions"))
            uid, title = item.get("uid"), item.get("title")
            if not isinstance(uid, str) or not re.match(r"^[A-Za-z0-9_-]{1,40}$", uid):
                raise self.error(f"{where}.uid", "must be 1-40 letters, digits, '-' or '_'",
                                 "uid: platform-pipeline")
            if not isinstance(title, str) or not title.strip() or "/" in title:
                raise self.error(f"{where}.title", "must be a folder title without '/'",
                                 "title: Pipeline")
            parent = item.get("parent", "")
            if not isinstance(parent, str):
                raise self.error(f"{where}.parent", "must be the uid of another folder")
            grants = (self.grants(item["permissions"], f"{where}.permissions")
                      if "permissions" in item else None)
            out.append(FolderSpec(uid, title.strip(), parent, grants))
        return tuple(out)

    def grants(self, value: Any, where: str) -> tuple[Grant, ...]:
        if not isinstance(value, list):
            raise self.error(where, "must be a list of grants",
                             "permissions: [{team: sre, permission: Admin}]")
        out = []
        for index, item in enumerate(value):
            at = f"{where}[{index}]"
            item = self.mapping(item, at)
            kinds = [k for k in ("team", "user", "role") if k in item]
            self.known(item, at, ("team", "user", "role", "permission"))
            if len(kinds) != 1:
                raise self.error(at, "needs exactly one of team, user or role",
                                 "{team: sre, permission: Edit}")
            kind = kinds[0]
            name = item[kind]
            permission = item.get("permission")
            if not isinstance(name, str) or not name.strip():
                raise self.error(f"{at}.{kind}", "must be a name")
            if kind == "role" and name not in BASIC_ROLES[:2]:
                raise self.error(f"{at}.role", f"must be Viewer or Editor, not {name!r} "
                                 "(Admin always has full access)")
            if permission not in PERMISSION_LEVELS:
                raise self.error(f"{at}.permission", "must be View, Edit or Admin")
            out.append(Grant(kind, name.strip(), permission))
        keys = [(g.kind, g.name) for g in out]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise self.error(where, f"names {duplicates[0][0]} {duplicates[0][1]!r} twice; "
                             "give each team, user or role one permission")
        return tuple(sorted(out))

    def lint(self, value: Any) -> dict[str, Any]:
        value = self.mapping(value, "lint")
        self.known(value, "lint", ("fail_on", "ignore"))
        fail_on = value.get("fail_on", "error")
        if fail_on not in (*SEVERITIES, "never"):
            raise self.error("lint.fail_on", "must be error, warning, info or never")
        ignores = []
        items = value.get("ignore") or []
        if not isinstance(items, list):
            raise self.error("lint.ignore", "must be a list",
                             "ignore: [{rule: panel/has-unit, reason: ...}]")
        for index, item in enumerate(items):
            where = f"lint.ignore[{index}]"
            item = self.mapping(item, where)
            self.known(item, where, ("rule", "reason", "dashboard", "panel"))
            rule, reason = item.get("rule"), item.get("reason")
            if not isinstance(rule, str) or not rule:
                raise self.error(f"{where}.rule", "must name a lint rule",
                                 "rule: panel/has-unit")
            if not isinstance(reason, str) or not reason.strip():
                raise self.error(f"{where}.reason", "is required: say why this finding is "
                                 "accepted", "reason: text panels carry no unit")
            ignores.append(LintIgnore(rule, reason.strip(), str(item.get("dashboard") or ""),
                                      str(item.get("panel") or "")))
        return {"lint_fail_on": fail_on, "lint_ignores": tuple(ignores)}

    def _int(self, value: Any, where: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.error(where, "must be a positive whole number")
        return value
