"""Check many dashboards in worker processes; each worker reads its dashboards' JSON itself.

Parsing PromQL is most of lint's time, and dashboards are independent, so they are spread
over one process per core. Workers are forked: they inherit the project and the rules, and
only file paths go to them and problems come back. Without ``fork`` (or with few
dashboards) everything runs in this process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from dashkit.build.workers import can_fork, forked_pool
from dashkit.problems import Problem
from dashkit.review.lint.context import DashboardRef, LintContext, Project
from dashkit.review.lint.rule import Rule

PARALLEL_THRESHOLD = 64
"""Below this many dashboards, starting workers costs more than it saves."""


@dataclass(frozen=True)
class LintInput:
    """One compiled dashboard to lint: its place in the project, and its JSON (or the file
    that holds it, read where it is checked)."""

    ref: DashboardRef
    dashboard: Mapping[str, Any] | None = None
    path: Path | None = None
    checksum: str = ""  # of the JSON, when known: the key of its cached findings

    def load(self) -> Mapping[str, Any]:
        if self.dashboard is not None:
            return self.dashboard
        if self.path is None:
            raise ValueError(f"no JSON for dashboard {self.ref.uid!r}")
        data = orjson.loads(self.path.read_bytes())
        if not isinstance(data, Mapping):
            raise ValueError(f"{self.path} does not hold a JSON object")
        return data


@dataclass(frozen=True)
class Checked:
    """What the rules found in one dashboard (rule id, problem), or why it could not be
    read."""

    problems: tuple[tuple[str, Problem], ...] = ()
    unreadable: str = ""


def check_one(item: LintInput, project: Project, rules: Sequence[Rule]) -> Checked:
    if not rules:
        return Checked()
    try:
        dashboard = item.load()
    except (OSError, ValueError) as exc:
        return Checked(unreadable=str(exc))
    context = LintContext(dashboard, item.ref, project)
    return Checked(tuple((rule.id, v) for rule in rules for v in rule.check(context)))


_shared: tuple[Project, Sequence[Rule]] | None = None
"""What forked workers inherit: the project and the rules to run."""


def _check_in_worker(item: LintInput) -> Checked:
    assert _shared is not None
    return check_one(item, *_shared)


def check_all(items: Sequence[LintInput], project: Project, rules: Sequence[Rule],
              jobs: int | None = None) -> list[Checked]:
    """``check_one`` for every item, in order; in worker processes when there are many."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(items) < PARALLEL_THRESHOLD or not rules or not can_fork():
        return [check_one(item, project, rules) for item in items]
    global _shared
    _shared = (project, rules)
    try:
        with forked_pool(jobs) as pool:
            return list(pool.map(_check_in_worker, items,
                                 chunksize=max(1, len(items) // (jobs * 8))))
    finally:
        _shared = None
