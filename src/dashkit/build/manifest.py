"""The build manifest: one entry per dashboard written, and the per-module build cache."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from dashkit.build.compile import encode
from dashkit.problems import Location, Problem, Severity
from dashkit.model import CompiledDashboard

MANIFEST_NAME = "manifest.json"
CACHE_NAME = ".dashkit-cache.json"
CACHE_FORMAT = 1


@dataclass(frozen=True)
class ManifestEntry:
    uid: str
    title: str
    folder: str
    tags: tuple[str, ...]
    panel_count: int
    source: str
    checksum: str
    path: str
    stale: bool = False

    @classmethod
    def of(cls, dashboard: CompiledDashboard) -> ManifestEntry:
        return cls(dashboard.uid, dashboard.title, dashboard.folder, dashboard.tags,
                   dashboard.panel_count, dashboard.source, dashboard.checksum,
                   dashboard.relpath)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ManifestEntry:
        return cls(data["uid"], data["title"], data["folder"], tuple(data.get("tags", ())),
                   int(data["panel_count"]), data["source"], data["checksum"], data["path"],
                   bool(data.get("stale", False)))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "uid": self.uid, "title": self.title, "folder": self.folder, "tags": list(self.tags),
            "panel_count": self.panel_count, "source": self.source, "checksum": self.checksum,
            "path": self.path}
        if self.stale:
            data["stale"] = True
        return data


def render_manifest(entries: list[ManifestEntry]) -> bytes:
    ordered = sorted(entries, key=lambda e: (e.folder, e.uid))
    return encode({"dashboards": [e.to_json() for e in ordered], "format": 1})


def read_manifest(out_dir: Path) -> list[ManifestEntry]:
    try:
        data = orjson.loads((out_dir / MANIFEST_NAME).read_bytes())
        return [ManifestEntry.from_json(item) for item in data.get("dashboards", [])]
    except (OSError, ValueError, KeyError, TypeError):
        return []


@dataclass
class CachedModule:
    """What a module produced last time, and the inputs that produced it."""

    deps: dict[str, str]  # "__self__" -> the module's own digest; local imports -> theirs
    entries: list[ManifestEntry]
    warnings: list[Problem]
    outputs: dict[str, tuple[int, int]]  # path -> (size, mtime_ns) as written


def read_cache(out_dir: Path, toolkit: str) -> dict[str, CachedModule]:
    try:
        data = orjson.loads((out_dir / CACHE_NAME).read_bytes())
        if data.get("format") != CACHE_FORMAT or data.get("toolkit") != toolkit:
            return {}
        return {
            path: CachedModule(
                item["deps"],
                [ManifestEntry.from_json(e) for e in item["entries"]],
                [_problem(p) for p in item["warnings"]],
                {k: (v[0], v[1]) for k, v in item["outputs"].items()},
            )
            for path, item in data["modules"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}


def render_cache(toolkit: str, modules: dict[str, CachedModule]) -> bytes:
    return encode({
        "format": CACHE_FORMAT,
        "toolkit": toolkit,
        "modules": {
            path: {"deps": m.deps, "entries": [e.to_json() for e in m.entries],
                   "warnings": [_problem_json(p) for p in m.warnings],
                   "outputs": {k: list(v) for k, v in m.outputs.items()}}
            for path, m in modules.items()
        },
    })


def _problem_json(problem: Problem) -> dict[str, Any]:
    data = asdict(problem)
    data["hints"] = list(problem.hints)
    return data


def _problem(data: dict[str, Any]) -> Problem:
    return Problem(data["summary"], Location(**data["location"]), tuple(data["hints"]),
                   data["details"], Severity(data["severity"]), data.get("trace", ""))
