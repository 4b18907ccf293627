"""Compiling alerts: each mistake that would page the wrong people, page forever or open a
dead link is an error at the alert's line, saying what to do."""

from __future__ import annotations

from typing import Any

import pytest

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.alerting.compile import DashboardIndex, compile_alerts, index_dashboard
from dashkit.alerting.load import DeclaredAlert
from dashkit.ids import panel_id
from dashkit.model import AlertingSpec, TeamRoute

SPEC = AlertingSpec(grafana_url="https://grafana.example.com/sub",
                    runbook_url="https://git.example.com/runbooks",
                    teams={"pipeline": TeamRoute(slack_channel="#pipeline")})
BOARDS = {"jobs": DashboardIndex("jobs", "Jobs", {panel_id("failures"): "Failures"},
                                 ("datasource", "tenant", "job_type"))}


def declared(line: int = 7, **changes: Any) -> DeclaredAlert:
    fields: dict[str, Any] = dict(
        name="JobFailureRatioHigh", expr="tenant_job_type:job_failure:ratio_rate5m > 0.1",
        for_="15m", severity=Severity.WARNING, team="pipeline",
        summary="{{ $labels.tenant }}: {{ $value }}", description="{{ $labels.job_type }}",
        panel=PanelRef("jobs", "failures"), guidance=Guidance("m", "i", "d", "mi", "e"))
    fields.update(changes)
    return DeclaredAlert(Alert(**fields), "dashboards/jobs.alerts.py", line, "jobs")


def problems(*items: DeclaredAlert) -> list[str]:
    compiled = compile_alerts(items, BOARDS, SPEC)
    return [p.summary for p in compiled.problems]


def test_a_good_alert_gets_labels_and_both_links() -> None:
    compiled = compile_alerts([declared(labels={"component": "scheduler"})], BOARDS, SPEC)
    assert compiled.problems == ()
    [alert] = compiled.alerts
    assert alert.output_labels == {"tenant", "job_type"}
    assert alert.rule() == {
        "alert": "JobFailureRatioHigh",
        "expr": "tenant_job_type:job_failure:ratio_rate5m > 0.1", "for": "15m",
        "labels": {"severity": "warning", "team": "pipeline", "component": "scheduler"},
        "annotations": {
            "summary": "{{ $labels.tenant }}: {{ $value }}",
            "description": "{{ $labels.job_type }}",
            "runbook_url": "https://git.example.com/runbooks/JobFailureRatioHigh.md",
            "dashboard_url": f"https://grafana.example.com/sub/d/jobs?viewPanel="
                             f"{panel_id('failures')}&var-job_type={{{{ $labels.job_type | "
                             "urlquery }}&var-tenant={{ $labels.tenant | urlquery }}"}}


def test_without_a_runbook_address_the_link_is_the_repository_path() -> None:
    compiled = compile_alerts([declared()], BOARDS, AlertingSpec())
    assert compiled.alerts[0].annotations["runbook_url"] == (
        "docs/runbooks/JobFailureRatioHigh.md")


@pytest.mark.parametrize("changes, message", [
    ({"expr": "sum by (jobId) (rate(job_failures_total[5m])) > 0"},
     "expr's result is grouped by jobId: one alert per id"),
    ({"expr": "rate(job_failures_total[5m]) > 0"},
     "expr's result keeps container, pod, reason; an alert may keep at most tenant x "
     "job_type x queue"),
    ({"expr": "sum by (tenant) (rate(jobs_failed[5m])) > 0"},
     "expr reads 'jobs_failed', which the catalog does not list"),
    ({"expr": "sum(rate(job_failures_total[$__rate_interval])) > 0"},
     "expr uses a template variable or Grafana macro"),
    ({"expr": "sum(rate(job_failures_total[5m]) > 0"}, "expr does not parse"),
    ({"summary": "{{ $labels.queue }} is late"},
     "summary uses $labels.queue, which the result of expr does not have (it has job_type, "
     "tenant)"),
    ({"panel": PanelRef("queues", "depth")}, "panel: no dashboard has uid 'queues'"),
    ({"panel": PanelRef("jobs", "depth")}, "panel: dashboard 'jobs' has no panel with key "
                                           "'depth'"),
    ({"team": "publishing"}, "team 'publishing' has no route in dashboards.yaml"),
    ({"inhibits": ("QueueGrowing",)}, "inhibits 'QueueGrowing', which no alert is called"),
    ({"inhibit_equal": ("instance",)}, "inhibit_equal names 'instance'"),
])
def test_each_mistake_is_an_error_at_the_alert(changes: dict[str, Any], message: str) -> None:
    compiled = compile_alerts([declared(**changes)], BOARDS, SPEC)
    assert not compiled.ok and compiled.alerts == ()
    assert any(p.summary.startswith(message) for p in compiled.problems), compiled.problems
    assert {str(p.location) for p in compiled.problems} == {
        "dashboards/jobs.alerts.py:7: alert JobFailureRatioHigh"}


def test_a_name_used_twice_is_named_at_both_places() -> None:
    found = compile_alerts([declared(7), declared(30)], BOARDS, SPEC).problems
    assert [(p.location.line, p.summary) for p in found] == [
        (7, "alert name 'JobFailureRatioHigh' is declared 2 times"),
        (30, "alert name 'JobFailureRatioHigh' is declared 2 times")]


def test_infrastructure_labels_are_bounded_and_allowed() -> None:
    item = declared(expr="max by (instance, mountpoint) (node_filesystem_avail_bytes) < 10",
                    summary="{{ $labels.mountpoint }}", description="d")
    assert problems(item) == []


def test_the_index_sees_panels_in_collapsed_rows_and_every_variable() -> None:
    index = index_dashboard({"uid": "u", "title": "T", "panels": [
        {"id": 1, "title": "Top"},
        {"id": 2, "type": "row", "title": "Row", "collapsed": True,
         "panels": [{"id": 3, "title": "Inside"}]}],
        "templating": {"list": [{"name": "tenant"}, {"name": "queue"}]}})
    assert index.panels == {1: "Top", 2: "Row", 3: "Inside"}
    assert index.variables == ("tenant", "queue")
