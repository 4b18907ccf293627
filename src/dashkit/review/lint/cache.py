"""Findings remembered between runs: a dashboard whose JSON has not changed is not checked
again by the rules that only read the dashboard.

The cache lives in the build folder next to the build's own, keyed by each dashboard's
checksum. It is void when lint's rules, the catalog, promql-parser, Python or the declared
datasource uids change. Rules that read the rest of the project (``needs_project``) always
run.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path

from dashkit.build.compile import encode
from dashkit.build.writer import write_if_changed
from dashkit.problems import Location, Problem

CACHE_NAME = ".dashkit-lint-cache.json"
CACHE_FORMAT = 1

Cached = dict[str, tuple[tuple[str, Problem], ...]]
"""Checksum of a dashboard's JSON -> (rule id, problem) of the rules that only read it."""

_SOURCES = ("catalog", "promql", "review/lint")


def fingerprint(datasource_uids: frozenset[str], metrics: str = "claimed") -> str:
    """Changes whenever anything but the dashboard could change a cached finding."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update(metrics.encode())
    digest.update(metadata.version("promql-parser").encode())
    package = Path(__file__).resolve().parents[2]
    for part in _SOURCES:
        for source in sorted((package / part).rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode())
            digest.update(source.read_bytes())
    digest.update("\n".join(sorted(datasource_uids)).encode())
    return digest.hexdigest()


def read_cache(folder: Path, key: str, rule_ids: Sequence[str]) -> Cached:
    """The cached findings, or nothing when the file is missing, damaged or from another
    version of the rules."""
    try:
        data = json.loads((folder / CACHE_NAME).read_text())
        if data.get("format") != CACHE_FORMAT or data.get("fingerprint") != key:
            return {}
        known = set(rule_ids)
        cached: Cached = {}
        for checksum, found in data["dashboards"].items():
            entries = tuple(
                (str(rule), Problem(str(summary), Location(panel=panel), details=str(details)))
                for rule, summary, details, panel in found)
            if all(rule in known for rule, _ in entries):
                cached[str(checksum)] = entries
        return cached
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_cache(folder: Path, key: str, cached: Mapping[str, Sequence[tuple[str, Problem]]]
                ) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_if_changed(folder / CACHE_NAME, encode({
        "format": CACHE_FORMAT, "fingerprint": key,
        "dashboards": {checksum: [[rule, p.summary, p.details, p.location.panel]
                                  for rule, p in found]
                       for checksum, found in sorted(cached.items())},
    }))
