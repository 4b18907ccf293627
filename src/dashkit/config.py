"""The project config (``dashboards.yaml``): where dashboards live and where builds go."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dashkit.errors import Location, UserError

CONFIG_NAME = "dashboards.yaml"


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    dashboard_paths: tuple[Path, ...]
    build_dir: Path
    source: Path | None = None


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
    if not isinstance(data, dict):
        raise UserError(f"{CONFIG_NAME} must be a mapping of settings",
                        location=Location(str(path)))
    root = path.parent
    paths = _string_list(data, "dashboards", ["dashboards"], path)
    build_dir = data.get("build_dir", "build")
    if not isinstance(build_dir, str):
        raise UserError("build_dir must be a folder path", location=Location(str(path),
                        field="build_dir"))
    return ProjectConfig(root, tuple(root / p for p in paths), root / build_dir, path)


def _string_list(data: dict[str, Any], key: str, default: list[str], path: Path) -> list[str]:
    value = data.get(key, default)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"{key} must be a list of folder or file paths",
                        location=Location(str(path), field=key),
                        hints=(f"for example:  {key}: [dashboards]",))
    return value
