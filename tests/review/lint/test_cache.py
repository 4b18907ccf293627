"""Findings of unchanged dashboards come from the lint cache; project rules always run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import WriteModule

from dashkit.config import load_config
from dashkit.problems import Location, Problem
from dashkit.review.lint import parallel
from dashkit.review.lint.cache import CACHE_NAME, fingerprint, read_cache, write_cache
from dashkit.review.lint.context import Project
from dashkit.review.lint.parallel import Checked, LintInput
from dashkit.review.lint.registry import REGISTRY
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.run import lint_project

from .projects import CLEAN, NO_UNIT, with_panel


def _summaries(project: Path, **kwargs: bool) -> list[tuple[str, str]]:
    result = lint_project(load_config(project), jobs=1, **kwargs)
    return [(f.rule, f.summary) for f in result.problems]


def test_a_second_run_checks_nothing_that_did_not_change(
        project: Path, write_module: WriteModule, monkeypatch: pytest.MonkeyPatch) -> None:
    write_module("findings.py", with_panel(NO_UNIT))
    first = _summaries(project)
    assert first == [("panel/has-unit", "the panel shows numbers without a unit")]
    assert (project / "build" / CACHE_NAME).is_file()
    checked: list[list[str]] = []
    real = parallel.check_one

    def spy(item: LintInput, project: Project, rules: Sequence[Rule]) -> Checked:
        checked.append([rule.id for rule in rules])
        return real(item, project, rules)

    monkeypatch.setattr(parallel, "check_one", spy)
    assert _summaries(project) == first
    assert checked == [[r.id for r in REGISTRY.values() if r.needs_project]]
    checked.clear()
    assert _summaries(project, use_cache=False) == first
    assert checked == [list(REGISTRY)]


def test_project_rules_see_a_change_elsewhere(project: Path,
                                              write_module: WriteModule) -> None:
    write_module("queue_depth.py", CLEAN)
    linking = with_panel(NO_UNIT).replace(
        'folder = "Platform"', 'folder = "Platform"\nfrom grafanalib.core import DashboardLink')
    linking = linking.replace("    panels=[", "    links=[DashboardLink(title='Queues', "
                                             "uri='/d/queue-depth', type='link')],\n    panels=[")
    write_module("linking.py", linking)
    assert [rule for rule, _ in _summaries(project)] == ["panel/has-unit"]
    (project / "dashboards" / "queue_depth.py").unlink()
    assert _summaries(project) == [
        ("panel/has-unit", "the panel shows numbers without a unit"),
        ("links/dashboard-exists", "dashboard link to '/d/queue-depth': no dashboard of the "
                                   "project has uid 'queue-depth'")]


def test_the_cache_is_void_when_the_rules_or_declared_uids_change(tmp_path: Path) -> None:
    problem = Problem("no unit", Location(panel="Latency"), details="set one")
    entry = {"sha256:a": (("panel/has-unit", problem),)}
    key = fingerprint(frozenset())
    write_cache(tmp_path, key, entry)
    assert read_cache(tmp_path, key, list(REGISTRY)) == entry
    assert read_cache(tmp_path, fingerprint(frozenset({"prom-main"})), list(REGISTRY)) == {}
    assert read_cache(tmp_path, key, ["layout/on-grid"]) == {}, "unknown rules are dropped"
    (tmp_path / CACHE_NAME).write_text("{not json")
    assert read_cache(tmp_path, key, list(REGISTRY)) == {}
    data = {"format": 1, "fingerprint": key, "dashboards": {"sha256:b": [["x"]]}}
    (tmp_path / CACHE_NAME).write_text(json.dumps(data))
    assert read_cache(tmp_path, key, list(REGISTRY)) == {}
