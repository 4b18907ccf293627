"""Fault injection observed through grafana-client, request log, keep-alive and concurrency."""

from __future__ import annotations

import threading
import time
from typing import Any

import niquests
import pytest
from grafana_client.client import (
    GrafanaClientError,
    GrafanaServerError,
    GrafanaTimeoutError,
)
from grafana_emulator import GrafanaEmulator

from .helpers import RawHTTP, dashboard_json


def wait_until(predicate: Any, timeout: float = 3.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.01)


def post(api: Any, uid: str) -> dict[str, Any]:
    result: dict[str, Any] = api.dashboard.update_dashboard({"dashboard": dashboard_json(uid, uid)})
    return result


def test_injected_5xx(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.faults.add_status("POST", "/api/dashboards/db", status=503)
    with pytest.raises(GrafanaServerError) as err:
        post(grafana_api, "d")
    assert err.value.status_code == 503
    assert err.value.response == {"message": "Service Unavailable"}
    assert grafana_emulator.dashboards() == []  # the request never reached the handler
    assert post(grafana_api, "d")["version"] == 1
    assert grafana_emulator.remaining_faults() == []


def test_injected_500_has_grafana_body(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.faults.add_status("GET", "/api/search")
    with pytest.raises(GrafanaServerError) as err:
        grafana_api.search.search_dashboards()
    assert err.value.status_code == 500
    assert err.value.response == {"message": "Internal Server Error", "traceID": ""}
    assert grafana_api.search.search_dashboards() == []


def test_injected_429_with_retry_after(
    grafana_api: Any, grafana_emulator: GrafanaEmulator, raw: RawHTTP
) -> None:
    grafana_emulator.faults.add_rate_limit("GET", "/api/search", retry_after=7, times=2)
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.search.search_dashboards()
    assert err.value.status_code == 429
    assert err.value.response == {"message": "Too Many Requests"}
    response = raw("GET", "/api/search", token=grafana_emulator.admin_token)
    assert response.status == 429 and response.headers["Retry-After"] == "7"
    assert grafana_api.search.search_dashboards() == []


def test_slow_response_times_out_client_but_still_applies(
    grafana_emulator: GrafanaEmulator,
) -> None:
    api = grafana_emulator.api(timeout=0.2)
    grafana_emulator.faults.add_delay("POST", "/api/dashboards/db", seconds=0.5)
    started = time.monotonic()
    with pytest.raises(GrafanaTimeoutError):
        post(api, "slow")
    assert time.monotonic() - started < 0.45
    assert post(api, "fast")["version"] == 1  # next request is answered right away
    wait_until(lambda: grafana_emulator.request_log.count(status=200, route="dashboards.save") == 2)
    assert grafana_emulator.dashboard("slow") is not None
    assert grafana_emulator.request_log.counts("fault")["delay"] == 1


def test_dropped_connection(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.faults.add_drop("POST", "/api/dashboards/db")
    with pytest.raises(niquests.exceptions.ConnectionError):
        post(grafana_api, "lost")
    assert grafana_emulator.dashboard("lost") is None
    assert post(grafana_api, "kept")["version"] == 1


def test_dropped_after_processing_applies_the_change(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    grafana_emulator.faults.add_drop("POST", "/api/dashboards/db", after_processing=True)
    with pytest.raises(niquests.exceptions.ConnectionError):
        post(grafana_api, "applied")
    stored = grafana_emulator.dashboard("applied")
    assert stored is not None and stored.version == 1
    retry = dashboard_json("applied", "applied")
    with pytest.raises(GrafanaClientError) as err:  # a blind retry now conflicts
        grafana_api.dashboard.update_dashboard({"dashboard": retry})
    assert err.value.status_code == 412


def test_nth_and_times_are_counted_per_matching_request(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    fault = grafana_emulator.faults.add_status("GET", "/api/dashboards/uid/*", nth=2, times=2)
    post(grafana_api, "d")  # POST does not match the GET fault
    outcomes = []
    for _ in range(4):
        try:
            grafana_api.dashboard.get_dashboard("d")
            outcomes.append("ok")
        except GrafanaServerError:
            outcomes.append("500")
        if len(outcomes) == 2:
            (remaining,) = grafana_emulator.remaining_faults()
            assert remaining.id == fault.id and remaining.times == 1 and remaining.fired == 1
    assert outcomes == ["ok", "500", "500", "ok"]
    assert grafana_emulator.remaining_faults() == []


def test_regex_path_and_any_method(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    import re

    grafana_emulator.faults.add_status("*", re.compile(r"^/api/folders"), status=502, times=2)
    with pytest.raises(GrafanaServerError):
        grafana_api.folder.create_folder("F", uid="f")
    with pytest.raises(GrafanaServerError):
        grafana_api.folder.get_all_folders()
    assert grafana_api.folder.create_folder("F", uid="f")["uid"] == "f"


def test_global_latency(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.faults.set_latency(0.05)
    started = time.monotonic()
    grafana_api.search.search_dashboards()
    grafana_api.search.search_dashboards()
    assert time.monotonic() - started >= 0.1
    grafana_emulator.faults.set_latency(0)
    assert grafana_emulator.faults.latency == 0


def test_request_log_counts(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.request_log.reset()
    post(grafana_api, "a")
    post(grafana_api, "b")
    grafana_api.dashboard.get_dashboard("a")
    grafana_emulator.faults.add_status("GET", "/api/search")
    with pytest.raises(GrafanaServerError):
        grafana_api.search.search_dashboards()
    log = grafana_emulator.request_log
    assert log.counts() == {"dashboards.save": 2, "dashboards.get": 1, "-": 1}
    assert log.count(method="POST", path="/api/dashboards/*") == 2
    assert log.count(status=500) == 1
    assert log.counts("fault") == {"None": 3, "status": 1}
    entry = log.entries()[0]
    assert entry.method == "POST" and entry.path == "/api/dashboards/db"
    assert entry.status == 200 and entry.identity == "emulator-admin"
    assert entry.timestamp.isoformat() == "2024-01-01T00:00:00+00:00"
    log.reset()
    assert len(log) == 0


def test_keep_alive_reuses_one_connection(grafana_emulator: GrafanaEmulator) -> None:
    api = grafana_emulator.api()
    before = grafana_emulator.connections_accepted
    for index in range(10):
        post(api, f"d{index}")
        api.search.search_dashboards()
    assert grafana_emulator.connections_accepted - before == 1


def test_concurrent_stale_updates_have_exactly_one_winner(
    grafana_emulator: GrafanaEmulator,
) -> None:
    grafana_emulator.seed_dashboard(dashboard_json("race", "race"))
    results: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def worker() -> None:
        api = grafana_emulator.api()
        barrier.wait()
        try:
            api.dashboard.update_dashboard({"dashboard": dashboard_json("race", "race", version=1)})
            outcome = "ok"
        except GrafanaClientError as err:
            outcome = str(err.status_code)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(results) == ["412"] * 7 + ["ok"]
    stored = grafana_emulator.dashboard("race")
    assert stored is not None and stored.version == 2 and len(stored.versions) == 2


def test_concurrent_creates_get_unique_ids(grafana_emulator: GrafanaEmulator) -> None:
    def worker(index: int) -> None:
        api = grafana_emulator.api()
        for n in range(5):
            post(api, f"w{index}-{n}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    stored = grafana_emulator.dashboards()
    assert len(stored) == 30
    assert len({d.id for d in stored}) == 30
