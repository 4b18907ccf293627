"""check-queries through a Grafana's datasource proxy (the emulator, whose proxy route is
traced to Grafana's source in grafana_emulator/handlers/datasources.py), with the token from
the environment as for push."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WriteModule
from grafana_emulator.pytest_fixtures import *  # noqa: F403  (grafana_emulator)
from grafana_emulator.server import GrafanaEmulator
from queries.conftest import Live
from queries.test_live import BROKEN

from dashkit.cli import cli


def _project(project: Path, emulator: GrafanaEmulator) -> None:
    (project / "dashboards.yaml").write_text(
        "dashboards: [dashboards]\n"
        f"targets:\n  lab:\n    url: {emulator.url}\n"
        "datasources:\n"
        "  - {uid: prom, name: Prometheus, type: prometheus, url: http://prometheus:9090, "
        "default: true}\n")


def _run(project: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(project), "check-queries", "--target", "lab",
                                      "--no-rules", *args], env=env)
    return result.exit_code, result.output


@pytest.fixture
def proxied(live: Live, project: Path, write_module: WriteModule,
            grafana_emulator: GrafanaEmulator) -> GrafanaEmulator:
    write_module("broken.py", BROKEN)
    _project(project, grafana_emulator)
    grafana_emulator.add_datasource("prom", "Prometheus", "prometheus", live.prometheus)
    return grafana_emulator


def test_queries_go_through_the_datasource_proxy_and_the_token_never_shows(
        proxied: GrafanaEmulator, project: Path) -> None:
    token = proxied.add_token("checker", role="Viewer")
    code, output = _run(project, {"GRAFANA_TOKEN": token}, "--format", "json", "-v")
    assert code == 1, output  # the parse error
    results = {r["panel"]: r["status"] for r in json.loads(output)["results"]}
    assert results == {"Fine": "ok", "Parse error": "error", "Wrong label": "empty"}
    assert token not in output
    proxied_paths = [e for e in proxied.request_log.entries()
                     if e.path.startswith("/api/datasources/proxy/uid/prom/")]
    assert len(proxied_paths) >= 3


def test_an_unknown_datasource_or_no_permission_stops_with_grafanas_answer(
        proxied: GrafanaEmulator, project: Path) -> None:
    token = proxied.add_token("nobody", actions=["dashboards:read"])
    code, output = _run(project, {"GRAFANA_TOKEN": token})
    assert code == 1 and "403" in output and token not in output
    admin = proxied.add_token("admin-checker")
    code, output = _run(project, {"GRAFANA_TOKEN": admin}, "--datasource", "nope")
    assert code == 1 and "404" in output and "Unable to find datasource" in output


def test_prometheus_url_and_target_are_one_or_the_other(proxied: GrafanaEmulator,
                                                       project: Path, live: Live) -> None:
    code, output = _run(project, {"GRAFANA_TOKEN": "x"}, "--prometheus-url", live.prometheus)
    assert code == 2 and "either --prometheus-url" in output
