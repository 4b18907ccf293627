"""Rendering: text for people, JSON for tools, GitHub annotations, the rule list."""

from __future__ import annotations

import json

from dashkit.config import LintIgnore
from dashkit.problems import Location, Problem, Severity
from dashkit.report import lint as report
from dashkit.report import rules
from dashkit.review.lint.engine import LintResult
from dashkit.review.lint.registry import REGISTRY

UNIT = Problem("the panel shows numbers without a unit",
               Location("dashboards/queue_depth.py", 12, "queue-depth", "Backlog"),
               details="Set fieldConfig.defaults.unit.", severity=Severity.WARNING,
               rule="panel/has-unit")
METRIC = Problem("target A: metric 'queue_dept' is not in the catalog",
                 Location("dashboards/queue_depth.py", 12, "queue-depth", "Backlog"),
                 details="Did you mean queue_depth?\nThe query:\nmax(queue_dept)",
                 rule="promql/known-metric")
IGNORED = Problem("the panel has no description",
                  Location("dashboards/queue_depth.py", 20, "queue-depth", "Age"),
                  severity=Severity.WARNING, rule="panel/has-description",
                  ignored="a stat explains itself")


def _result() -> LintResult:
    return LintResult([UNIT, METRIC, IGNORED], [LintIgnore("layout/on-grid", "old")], 5)


def test_text_orders_by_place_then_severity_and_ends_with_the_verdict() -> None:
    assert report.text(_result(), "error").splitlines() == [
        "error[promql/known-metric]: dashboards/queue_depth.py:12: dashboard 'queue-depth', "
        "panel 'Backlog': target A: metric 'queue_dept' is not in the catalog",
        "    Did you mean queue_depth?",
        "    The query:",
        "    max(queue_dept)",
        "warning[panel/has-unit]: dashboards/queue_depth.py:12: dashboard 'queue-depth', "
        "panel 'Backlog': the panel shows numbers without a unit",
        "    Set fieldConfig.defaults.unit.",
        "lint failed: 5 dashboards, 1 error, 1 warning, 0 info, 1 ignored (failing on: error)",
    ]


def test_verbose_text_shows_ignored_findings_with_their_reason_and_unused_ignores() -> None:
    lines = report.text(_result(), "never", verbose=True).splitlines()
    assert lines[-4:] == [
        "ignored[panel/has-description]: dashboards/queue_depth.py:20: dashboard "
        "'queue-depth', panel 'Age': the panel has no description",
        "    ignored because: a stat explains itself",
        "note: the lint ignore of layout/on-grid matched no finding; remove it from "
        "dashboards.yaml",
        "lint passed: 5 dashboards, 1 error, 1 warning, 0 info, 1 ignored (failing on: never)",
    ]


def test_json_has_counts_verdict_and_every_finding() -> None:
    data = json.loads(report.as_json(_result(), "warning"))
    assert data["counts"] == {"error": 1, "warning": 1, "info": 0, "ignored": 1}
    assert (data["failed"], data["fail_on"], data["dashboards"]) == (True, "warning", 5)
    assert data["findings"][0] == {
        "rule": "promql/known-metric", "severity": "error",
        "summary": "target A: metric 'queue_dept' is not in the catalog",
        "details": "Did you mean queue_depth?\nThe query:\nmax(queue_dept)",
        "dashboard": "queue-depth", "panel": "Backlog", "alert": None,
        "path": "dashboards/queue_depth.py", "line": 12}
    assert data["findings"][2]["ignored"] == "a stat explains itself"


def test_github_annotations_escape_newlines_commas_and_colons() -> None:
    info = Problem("reads 'a:b', 100%", Location("dash,boards/x:y.py", 3, "d"),
                   severity=Severity.INFO, rule="promql/recording-rule")
    assert report.github(LintResult([METRIC, info, IGNORED])).splitlines() == [
        "::notice file=dash%2Cboards/x%3Ay.py,line=3,title=promql/recording-rule::"
        "reads 'a:b', 100%25",
        "::error file=dashboards/queue_depth.py,line=12,title=promql/known-metric::"
        "panel 'Backlog': target A: metric 'queue_dept' is not in the catalog"
        "%0ADid you mean queue_depth?%0AThe query:%0Amax(queue_dept)",
    ]


def test_the_rule_list_names_every_rule_with_its_severity() -> None:
    lines = rules.rules_text(REGISTRY).splitlines()
    assert len(lines) == len(REGISTRY)
    assert lines[0].split() [:2] == ["dashboard/uid-valid", "error"]
    assert [r["id"] for r in json.loads(rules.rules_json(REGISTRY))] == list(REGISTRY)
