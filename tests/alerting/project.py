"""The repository's own alerts, compiled once for the tests that check them."""

from __future__ import annotations

from functools import cache

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
