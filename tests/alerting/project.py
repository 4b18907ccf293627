"""The repository's own alerts, compiled once for the tests that check them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from conftest import REPO

from dashkit.alerting.compile import CompiledAlert
from dashkit.config import load_config
from dashkit.grafana.desired import desired_dashboards
from dashkit.provisioning import run


@cache
def project_alerts() -> tuple[CompiledAlert, ...]:
    config = load_config(REPO)
    _, dashboards = desired_dashboards(config, list(config.dashboard_paths), purpose="test")
    files = run.alerting(config, dashboards)
    assert files is not None
    return files.compiled.alerts


CONFIG = """\
folders:
  - {uid: ops, title: Ops}
alerting:
  runbook_url: https://git.example.com/runbooks
  grafana_url: https://grafana.example.com
  teams:
    pipeline: {slack_channel: "#pipeline"}
"""

DASHBOARD = '''\
from dashkit.catalog import JOB_FAILURE_RATIO
from dashkit.style import Row, dashboard, panels, variables
from dashkit.style.targets import PromTarget

dashboard = dashboard(
    uid="jobs", title="Jobs", folder="Ops", description="Jobs.",
    variables=variables.standard(variables.tenant()),
    rows=[Row("Failures", [panels.timeseries(
        "Failure ratio", key="failures", unit="percentunit", description="Failed jobs.",
        targets=[PromTarget(JOB_FAILURE_RATIO.select(tenant="$tenant"))])])])
'''

ALERTS = '''\
from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import JOB_FAILURE_RATIO

alerts = [
    Alert(
        "JobFailureRatioHigh",
        expr=f"{JOB_FAILURE_RATIO.select()} > 0.1",
        for_="15m",
        severity=Severity.WARNING,
        team="pipeline",
        service="job-scheduler",
        summary="{{ $labels.tenant }} fails",
        description="Tenant {{ $labels.tenant }} fails.",
        panel=PanelRef("jobs", "failures"),
        guidance=Guidance("It fails.", "Videos wait.", "DIAGNOSE", "Roll back.",
                          "The pipeline team."),
    ),
]
'''


def write_alert_project(root: Path, alerts: str = ALERTS) -> Path:
    """A scratch project: dashboards.yaml with routes, one dashboard, one alert module."""
    (root / "dashboards").mkdir(exist_ok=True)
    (root / "dashboards.yaml").write_text(CONFIG)
    (root / "dashboards" / "jobs.py").write_text(DASHBOARD)
    (root / "dashboards" / "jobs.alerts.py").write_text(alerts)
    return root
