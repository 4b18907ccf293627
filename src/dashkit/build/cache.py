"""The build cache: what each module produced last time and the inputs that produced it, so
a module whose source and local imports are unchanged is not imported again.

It lives in the build folder and is void whenever the compiler, grafanalib or Python change.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from dashkit.build.compile import encode
from dashkit.build.discover import file_digest
from dashkit.build.manifest import ManifestEntry
from dashkit.problems import Location, Problem, Severity

CACHE_NAME = ".dashkit-cache.json"
CACHE_FORMAT = 1

SELF = "__self__"
"""The key of a module's own digest among its dependencies."""

COMPILER_PARTS = ("build", "catalog", "ids.py", "model.py", "problems.py", "style")
"""The parts of dashkit that decide what a build writes (not lint, push or the CLI)."""


@dataclass(frozen=True)
class CachedModule:
    """What a module produced last time, and the inputs that produced it."""

    deps: dict[str, str]  # SELF -> the module's own digest; local imports -> theirs
    entries: tuple[ManifestEntry, ...]
    warnings: tuple[Problem, ...]
    outputs: dict[str, tuple[int, int]]  # path -> (size, mtime_ns) as written

    @property
    def digest(self) -> str:
        return self.deps.get(SELF, "")


def toolkit_fingerprint(options: str = "") -> str:
    """Changes whenever the compiler, grafanalib, Python or the build options that shape the
    output (``options``) change: all cached work is void."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update(options.encode())
    grafanalib = importlib.util.find_spec("grafanalib")
    if grafanalib is not None and grafanalib.origin:
        for source in sorted(Path(grafanalib.origin).parent.glob("*.py")):
            stat = source.stat()
            digest.update(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    package = Path(__file__).resolve().parents[1]
    for part in COMPILER_PARTS:
        path = package / part
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def still_valid(entry: CachedModule, out_dir: Path) -> bool:
    """The module's local imports are unchanged and its outputs are as it left them."""
    for dep, digest in entry.deps.items():
        if dep == SELF:
            continue
        try:
            if file_digest(Path(dep)) != digest:
                return False
        except OSError:
            return False
    folder = str(out_dir)
    for relpath, (size, mtime) in entry.outputs.items():
        try:
            stat = os.stat(os.path.join(folder, relpath))
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            return False
    return SELF in entry.deps


def read_cache(out_dir: Path, toolkit: str) -> dict[str, CachedModule]:
    """The cache of ``out_dir`` by module path; empty if missing, damaged or from another
    toolkit."""
    try:
        data = orjson.loads((out_dir / CACHE_NAME).read_bytes())
        if data.get("format") != CACHE_FORMAT or data.get("toolkit") != toolkit:
            return {}
        return {
            path: CachedModule(
                item["deps"],
                tuple(ManifestEntry.from_json(e) for e in item["entries"]),
                tuple(_problem(p) for p in item["warnings"]),
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
                   data["details"], Severity(data["severity"]), data.get("trace", ""),
                   data.get("rule", ""), data.get("ignored", ""))
