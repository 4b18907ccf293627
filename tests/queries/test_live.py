"""check-queries against a real Prometheus scraping the reference workload."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator

import orjson
import pytest
from click.testing import CliRunner
from conftest import REPO, WriteModule
from queries.conftest import Live

from dashkit.catalog import RECORDED_METRICS
from dashkit.cli import cli
from dashkit.config import load_config
from dashkit.promql.parse import parse
from dashkit.queries.checks import Kind, Status
from dashkit.queries.project import check_queries
from dashkit.queries.prometheus import Prometheus
from dashkit.simulate.exposition import render
from dashkit.simulate.scenarios import HEALTHY
from dashkit.simulate.server import Simulator


def simulated_series() -> set[str]:
    """Every series name the simulator exposes, and the series recorded from them."""
    text = render(Simulator(HEALTHY).store).decode()
    names = {line.split("{")[0].split(" ")[0] for line in text.splitlines()
             if line and not line.startswith("#")}
    return names | {m.name for m in RECORDED_METRICS}


def reads_only(expr: str, names: set[str]) -> bool:
    parsed = parse(expr)
    return parsed.node is not None and all(s.name in names for s in parsed.selectors)


def test_every_panel_on_the_workloads_metrics_returns_data(live: Live) -> None:
    """Every panel target of the repository's dashboards that reads what the simulator
    exposes (or records from it) returns data in the healthy scenario. The Redis,
    PostgreSQL, node and Alertmanager panels read real exporters instead."""
    config = load_config(REPO)
    ours = simulated_series()
    deadline = time.monotonic() + 150  # rate() over $__rate_interval needs two scrapes
    while True:
        run = check_queries(config, list(config.dashboard_paths), Prometheus(live.prometheus),
                            rules=False, scrape=1.0)
        checked = [o for o in run.outcomes if reads_only(o.check.expr, ours)]
        missing = [o for o in checked if o.status is not Status.OK]
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert len(checked) > 60
    assert not missing, "\n".join(
        f"{o.status}: {o.check.container} / {o.check.name} [{o.check.ref}]: {o.message} "
        f"{o.check.query}" for o in missing)


def test_every_panel_and_rule_of_the_repository_returns_data() -> None:
    """With the real exporters scraped too (the Prometheus scripts/test starts), every
    panel target of every dashboard and every part of every rule returns data in the
    healthy scenario: none is exempt."""
    url = os.environ.get("PROMETHEUS_URL")
    assert url, ("PROMETHEUS_URL is not set: this test reads the Prometheus scripts/test "
                 "starts, which scrapes the simulator and the exporters (bash scripts/test)")
    config = load_config(REPO)
    deadline = time.monotonic() + 150
    while True:
        run = check_queries(config, list(config.dashboard_paths), Prometheus(url), scrape=1.0)
        missing = [o for o in run.outcomes if o.status is not Status.OK]
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert len(run.outcomes) > 120
    assert not missing, "\n".join(
        f"{o.status}: {o.check.container} / {o.check.name} [{o.check.ref}]: {o.message} "
        f"{o.check.query}" for o in missing)


def test_recording_rules_and_alert_parts_on_the_workload_return_data(live: Live) -> None:
    config = load_config(REPO)
    ours = simulated_series()
    run = check_queries(config, list(config.dashboard_paths), Prometheus(live.prometheus),
                        uids=(), rules=True, scrape=1.0)
    rules = [o for o in run.outcomes if o.check.kind is not Kind.PANEL
             and reads_only(o.check.query or o.check.expr, ours)]
    assert {o.check.kind for o in rules} == {Kind.ALERT, Kind.RECORDING}
    assert [o for o in rules if o.status is not Status.OK] == []


BROKEN = '''
from dashkit.catalog import JOBS_SUBMITTED
from dashkit.style import Row, dashboard, panels, variables
from dashkit.style.targets import PromTarget

dashboard = dashboard(
    uid="broken", title="Broken", folder="Test", tags=["test"],
    description="Queries that are wrong in different ways.",
    variables=variables.standard(variables.tenant()),
    rows=[Row("Queries", [
        panels.timeseries("Fine", unit="short", description="Returns data.",
            targets=[PromTarget('sum(rate(jobs_submitted_total{tenant=~"$tenant"}[$__rate_interval]))')]),
        panels.timeseries("Parse error", unit="short", description="Does not parse.",
            targets=[PromTarget("sum(rate(jobs_submitted_total[5m])) by")]),
        panels.timeseries("Wrong label", unit="short", description="No such label.",
            targets=[PromTarget('sum(jobs_submitted_total{tenantId="acme"})')]),
    ])],
)
'''


def _run(project: str, live: Live, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", project, "check-queries", "--prometheus-url",
                                      live.prometheus, "--no-rules", *args])
    return result.exit_code, result.output


def test_a_broken_query_is_an_error_and_a_missing_label_is_empty(
        live: Live, project: object, write_module: WriteModule) -> None:
    write_module("broken.py", BROKEN)
    code, output = _run(str(project), live)
    assert code == 1, output
    assert "error: dashboard 'Broken' (broken), panel 'Parse error', target A" in output
    assert "parse error" in output
    assert "empty: dashboard 'Broken' (broken), panel 'Wrong label', target A" in output
    assert "panel 'Fine'" not in output  # ok ones only with --verbose
    code, output = _run(str(project), live, "--format", "json")
    results = {r["panel"]: r for r in orjson.loads(output)["results"]}
    assert results["Fine"]["status"] == "ok" and results["Fine"]["series"] == 1
    assert '[1s]' not in results["Fine"]["query"] and "$" not in results["Fine"]["query"]
    assert results["Wrong label"]["status"] == "empty"


def test_empty_fails_only_with_fail_on_empty(live: Live, project: object,
                                             write_module: WriteModule) -> None:
    write_module("quiet.py", BROKEN.replace('"Parse error", unit="short", description='
                                            '"Does not parse."', '"Also fine", unit="short", '
                                            'description="ok"').replace(
        "sum(rate(jobs_submitted_total[5m])) by", "sum(jobs_submitted_total)"))
    assert _run(str(project), live)[0] == 0
    code, output = _run(str(project), live, "--fail-on-empty", "--format", "markdown")
    assert code == 1 and "| empty | Broken (`broken`) | Wrong label [A] |" in output


NOTHING = BROKEN.replace(
    "variables.standard(variables.tenant())",
    "variables.standard(Template(name='tenant', label='Tenant', includeAll=True, multi=True, "
    "allValue='.*', dataSource=dict(PROMETHEUS), "
    "query='label_values(jobs_submitted_total{tenant=\"nobody\"}, tenant)'))").replace(
    "from dashkit.catalog import JOBS_SUBMITTED",
    "from grafanalib.core import Template\nfrom dashkit.style.datasources import PROMETHEUS")


def test_a_variable_that_finds_nothing_leaves_its_queries_unresolved(
        live: Live, project: object, write_module: WriteModule) -> None:
    write_module("nothing.py", NOTHING)
    code, output = _run(str(project), live)
    assert code == 1, output  # the parse error is still an error
    assert ("unresolved variable: dashboard 'Broken' (broken), panel 'Fine', target A\n"
            "    $tenant: its query 'label_values(jobs_submitted_total{tenant=\"nobody\"}, "
            "tenant)' finds no values in this Prometheus") in output


@pytest.fixture
def silent_server() -> Iterator[tuple[str, list[int]]]:
    """A port that accepts connections and closes them unanswered, counting them."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = [0]
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted[0] += 1
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    server.close()


def test_an_unreachable_prometheus_stops_the_run_without_a_retry_storm(
        silent_server: tuple[str, list[int]]) -> None:
    url, accepted = silent_server
    result = CliRunner().invoke(cli, ["-C", str(REPO), "check-queries", "--prometheus-url",
                                      url])
    assert result.exit_code == 1, result.output
    assert "cannot query Prometheus" in result.output
    assert accepted[0] <= 8  # at most one batch in flight, against 100+ queries


def test_the_latency_histograms_carry_trace_ids_into_prometheus(live: Live) -> None:
    """Exemplars (OpenMetrics) reach Prometheus' exemplar storage: what a panel's
    "trace" link would open."""
    import json
    import urllib.parse
    import urllib.request

    now = time.time()
    query = urllib.parse.urlencode({"query": "extraction_duration_seconds_bucket",
                                    "start": now - 600, "end": now})
    deadline = time.monotonic() + 60
    while True:
        with urllib.request.urlopen(f"{live.prometheus}/api/v1/query_exemplars?{query}",
                                    timeout=10) as answer:
            found = json.load(answer)["data"]
        if found or time.monotonic() > deadline:
            break
        time.sleep(1)
    trace_ids = {e["labels"]["trace_id"] for series in found for e in series["exemplars"]}
    assert trace_ids and all(len(t) == 32 for t in trace_ids)
