"""The engine: findings placed in their module, ignores, thresholds, build problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashkit.config import LintIgnore
from dashkit.problems import Location, Problem, Severity, reaches
from dashkit.review.lint.context import DashboardRef, Project
from dashkit.review.lint.engine import BUILD, LintInput, lint, unknown_ignores
from dashkit.review.lint.source import SourceLines

SOURCE = '''\
dashboard = dashboard(
    uid="queue-depth",
    title="Queue depth",
    rows=[
        panels.timeseries("Backlog", unit="short", description="Waiting messages."),
        panels.stat("Oldest message", unit="s"),
    ],
)
'''


def _dashboard() -> dict[str, Any]:
    target = {"refId": "A", "expr": "max(queue_depth)"}
    return {
        "uid": "queue-depth", "title": "Queue depth", "schemaVersion": 41,
        "panels": [
            {"type": "timeseries", "title": "Backlog", "description": "Waiting messages.",
             "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}, "targets": [target],
             "fieldConfig": {"defaults": {"unit": "short"}}},
            {"type": "stat", "title": "Oldest message", "targets": [target],
             "description": "Age of the oldest message.",
             "gridPos": {"x": 12, "y": 0, "w": 12, "h": 8},
             "fieldConfig": {"defaults": {"unit": "s"}}},
        ],
    }


def _run(dashboard: dict[str, Any], **kwargs: Any) -> Any:
    ref = DashboardRef("queue-depth", "Queue depth", "Platform", "dashboards/queue_depth.py")
    return lint([LintInput(ref, dashboard)], Project(dashboards=(ref,)),
                source_of=lambda path: SourceLines(SOURCE), **kwargs)


def test_a_clean_dashboard_has_no_findings() -> None:
    result = _run(_dashboard())
    assert result.problems == [] and result.dashboards == 1
    assert not result.failed("info")


def test_a_finding_is_placed_on_the_line_of_its_panel_title() -> None:
    dashboard = _dashboard()
    dashboard["panels"][1]["targets"] = [{"refId": "A", "expr": "max(queue_dept)"}]
    [finding] = _run(dashboard).problems
    assert (finding.rule, finding.severity) == ("promql/known-metric", Severity.ERROR)
    assert finding.location == Location("dashboards/queue_depth.py", 6, "queue-depth",
                                        "Oldest message")
    assert finding.details.startswith("Did you mean queue_depth, queue_dequeued_total?")


def test_a_dashboard_level_finding_is_placed_on_the_uid() -> None:
    dashboard = _dashboard()
    dashboard["schemaVersion"] = 16
    [finding] = _run(dashboard).problems
    assert finding.rule == "dashboard/schema-version" and finding.location.line == 2


def test_ignores_match_rule_dashboard_and_panel_and_keep_their_reason() -> None:
    dashboard = _dashboard()
    for panel in dashboard["panels"]:
        del panel["description"]
    ignores = [LintIgnore("panel/has-description", "a stat explains itself",
                          dashboard="queue-depth", panel="Oldest message"),
               LintIgnore("panel/has-description", "never matches", dashboard="other")]
    result = _run(dashboard, ignores=ignores)
    assert [(f.location.panel, f.ignored) for f in result.problems] == [
        ("Backlog", ""), ("Oldest message", "a stat explains itself")]
    assert [f.location.panel for f in result.counted] == ["Backlog"]
    assert result.unused_ignores == [ignores[1]]
    assert result.count(Severity.WARNING) == 1


def test_the_threshold_decides_which_severities_fail() -> None:
    dashboard = _dashboard()
    del dashboard["panels"][0]["description"]
    result = _run(dashboard)
    assert [f.severity for f in result.counted] == [Severity.WARNING]
    assert not result.failed("error")
    assert result.failed("warning") and result.failed("info")
    assert not result.failed("never")
    assert reaches(Severity.ERROR, "warning") and not reaches(Severity.INFO, "warning")


def test_an_ignored_finding_never_fails_the_run() -> None:
    dashboard = _dashboard()
    dashboard["panels"][1]["type"] = "singlestat"
    result = _run(dashboard, ignores=[LintIgnore("panel/no-deprecated-type", "migrating")])
    assert [f.rule for f in result.problems] == ["panel/no-deprecated-type"]
    assert result.counted == [] and not result.failed("info")


def test_build_errors_fail_whatever_the_threshold_and_cannot_be_ignored() -> None:
    problem = Problem("syntax error: invalid syntax", Location("dashboards/bad.py", 3),
                      ("fix the syntax",), details="x = (")
    warning = Problem("graph became timeseries", Location("dashboards/old.py"),
                      severity=Severity.WARNING)
    result = _run(_dashboard(), build_problems=[problem, warning],
                  ignores=[LintIgnore(BUILD, "no")])
    assert result.problems[0] == Problem("syntax error: invalid syntax",
                                         Location("dashboards/bad.py", 3, ""),
                                         details="x = (\nhint: fix the syntax", rule=BUILD)
    assert result.problems[1].severity is Severity.WARNING
    assert result.failed("never")
    assert not _run(_dashboard(), build_problems=[warning]).failed("error")


def test_ignores_of_rules_that_do_not_exist_are_found() -> None:
    ignores = [LintIgnore("panel/has-unit", "ok"), LintIgnore("panel/has-units", "typo")]
    assert unknown_ignores(ignores) == [ignores[1]]


def test_a_built_file_that_cannot_be_read_is_a_build_error(tmp_path: Path) -> None:
    ref = DashboardRef("gone", "Gone", "", "dashboards/gone.py")
    result = lint([LintInput(ref, path=tmp_path / "gone.json")], Project(dashboards=(ref,)))
    [finding] = result.problems
    assert (finding.rule, finding.summary) == (BUILD, "cannot read the built dashboard")
    assert "gone.json" in finding.details and result.failed("never")
