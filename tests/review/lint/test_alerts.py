"""`dashboards lint` checks alert expressions with the PromQL rules of panel queries."""

from __future__ import annotations

import json
from pathlib import Path

from alerting.project import ALERTS, write_alert_project
from click.testing import CliRunner

from dashkit.cli import cli
from dashkit.review.lint.alerts import alert_rules


def lint(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), "lint", *args])
    return result.exit_code, result.stdout + result.stderr


def test_the_promql_rules_apply_except_grafana_macros() -> None:
    ids = [rule.id for rule in alert_rules()]
    assert "promql/rate-on-counter" in ids and "promql/known-label" in ids
    assert "promql/rate-interval" not in ids and "panel/has-unit" not in ids


def test_a_clean_alert_passes_and_is_counted(tmp_path: Path) -> None:
    code, out = lint(write_alert_project(tmp_path))
    assert code == 0, out
    assert out.splitlines()[-1].startswith("lint passed: 1 dashboard, 1 alert, 0 errors")


def test_findings_on_an_alert_are_at_its_line(tmp_path: Path) -> None:
    broken = ALERTS.replace('expr=f"{JOB_FAILURE_RATIO.select()} > 0.1"',
                            'expr="sum by (queue) (rate(queue_depth[5m])) > 1"')
    code, out = lint(write_alert_project(tmp_path, broken), "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    [finding] = [f for f in findings if f["rule"] == "promql/rate-on-counter"]
    assert finding["alert"] == "JobFailureRatioHigh"
    assert (finding["path"], finding["line"]) == ("dashboards/jobs.alerts.py", 6)
    assert finding["summary"].startswith("expr: rate() of 'queue_depth'")
    assert "The expression:\nsum by (queue)" in finding["details"]


def test_an_ignore_can_name_the_alert(tmp_path: Path) -> None:
    broken = ALERTS.replace('expr=f"{JOB_FAILURE_RATIO.select()} > 0.1"',
                            'expr="sum by (queue) (rate(queue_depth[5m])) > 1"')
    root = write_alert_project(tmp_path, broken)
    with (root / "dashboards.yaml").open("a") as config:
        config.write("lint:\n  ignore:\n    - {rule: promql/rate-on-counter, "
                     "alert: JobFailureRatioHigh, reason: the exporter resets it}\n")
    code, out = lint(root, "-v")
    assert code == 0, out
    assert "ignored[promql/rate-on-counter]" in out and "unused" not in out


def test_a_broken_alert_module_fails_lint_as_a_build_problem(tmp_path: Path) -> None:
    root = write_alert_project(tmp_path, "alerts = [\n")
    code, out = lint(root)
    assert code == 1
    assert "error[build]: dashboards/jobs.alerts.py:1: syntax error" in out


def test_lint_metrics_all_checks_every_metric_name(tmp_path: Path) -> None:
    root = write_alert_project(tmp_path)
    (root / "dashboards" / "jobs.py").write_text(
        (root / "dashboards" / "jobs.py").read_text().replace(
            'JOB_FAILURE_RATIO.select(tenant="$tenant")',
            '"sum(rate(apiserver_request_total[$__rate_interval]))"'))
    assert lint(root)[0] == 0
    with (root / "dashboards.yaml").open("a") as config:
        config.write("lint: {metrics: all}\n")
    code, out = lint(root)
    assert code == 1 and "metric 'apiserver_request_total' is not in the catalog" in out


def test_a_finding_on_a_panel_built_in_a_helper_points_at_the_helper(tmp_path: Path) -> None:
    root = write_alert_project(tmp_path)
    (root / "dashboards" / "_panels.py").write_text(
        "from dashkit.style import panels\n"
        "from dashkit.style.targets import PromTarget\n\n"
        "def failures():\n"
        "    return panels.timeseries(\n"
        "        'Shared failures', unit='percentunit', description='d',\n"
        "        targets=[PromTarget('sum(rate(jobs_completed_totl[5m]))')])\n")
    jobs = root / "dashboards" / "jobs.py"
    jobs.write_text("from _panels import failures\n" + jobs.read_text().replace(
        'rows=[Row("Failures", [', 'rows=[Row("Failures", [failures(), '))
    for args in ((), (str(jobs),)):
        code, out = lint(root, "--format", "json", *args)
        assert code == 1
        findings = [f for f in json.loads(out)["findings"]
                    if f["rule"] == "promql/known-metric"]
        assert [(f["path"], f["line"], f["panel"]) for f in findings] == [
            ("dashboards/_panels.py", 6, "Shared failures")], args
