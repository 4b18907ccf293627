"""The simulator over HTTP: what Prometheus scrapes, and switching scenarios live."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from dashkit.simulate.scenarios import HEALTHY
from dashkit.simulate.server import Simulator, serve


@pytest.fixture
def url() -> Iterator[str]:
    server = serve(Simulator(HEALTHY), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str, accept: str = "", method: str = "GET") -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {},
                                     method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


def test_metrics_answers_in_the_format_the_scraper_asks_for(url: str) -> None:
    status, kind, body = fetch(f"{url}/metrics")
    assert status == 200 and kind.startswith("text/plain; version=0.0.4")
    assert "jobs_submitted_total{" in body
    prometheus_accept = ("application/openmetrics-text;version=1.0.0,application/"
                         "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;"
                         "q=0.5,*/*;q=0.1")  # what Prometheus 2.42 sends
    status, kind, body = fetch(f"{url}/metrics", prometheus_accept)
    assert kind.startswith("application/openmetrics-text") and body.endswith("# EOF\n")


def test_a_scenario_is_switched_live_and_an_unknown_one_is_refused(url: str) -> None:
    status, _, body = fetch(f"{url}/scenario?name=no-consumers", method="POST")
    assert status == 200 and json.loads(body)["fires"][0] == "QueueNoConsumers"
    assert json.loads(fetch(f"{url}/scenario")[2])["name"] == "no-consumers"
    assert 'queue_consumers{queue="extraction"} 0.0' in fetch(f"{url}/metrics")[2]
    status, _, body = fetch(f"{url}/scenario?name=meltdown", method="POST")
    assert status == 400 and "healthy" in json.loads(body)["error"]
