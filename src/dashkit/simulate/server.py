"""The simulator as a scrape target: ``GET /metrics`` moves the workload to now and exposes
it; ``POST /scenario?name=NAME`` switches the scenario without losing a counter, so a test
(or a demo) can watch alerts fire and resolve in a running Prometheus."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from dashkit.simulate.cluster import Cluster
from dashkit.simulate.exposition import content_type, render
from dashkit.simulate.scenarios import SCENARIOS, Scenario, scenario
from dashkit.simulate.store import Store
from dashkit.simulate.workload import Workload


class Simulator:
    """The workload and the cluster under it, on one clock, safe to scrape from threads."""

    def __init__(self, scenario: Scenario, seed: int = 1,
                 clock: Callable[[], float] = time.time, speed: float = 1.0) -> None:
        self.clock = clock
        self.speed = speed
        self.store = Store()
        start = self._started = clock()
        self.workload = Workload(self.store, seed, scenario, start)
        self.cluster = Cluster(self.store, seed, scenario, start)
        self._lock = threading.Lock()

    @property
    def scenario(self) -> Scenario:
        return self.workload.scenario

    def switch(self, to: Scenario) -> None:
        with self._lock:
            self._advance()
            self.workload.scenario = self.cluster.scenario = to

    def exposition(self, accept: str = "") -> tuple[str, bytes]:
        media_type = content_type(accept)
        with self._lock:
            self._advance()
            return media_type, render(self.store, media_type)

    def _advance(self) -> None:
        now = self._started + (self.clock() - self._started) * self.speed
        self.workload.advance(now)
        self.cluster.advance(now)


def serve(simulator: Simulator, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server for ``simulator`` bound to ``host:port`` (not yet serving)."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "dashboards-simulate"

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/metrics":
                media_type, body = simulator.exposition(self.headers.get("Accept", ""))
                self._send(200, media_type, body)
            elif path == "/scenario":
                self._json(200, _describe(simulator.scenario))
            elif path == "/-/ready":
                self._send(200, "text/plain", b"ready\n")
            elif path == "/":
                self._json(200, {"scenario": simulator.scenario.name,
                                 "scenarios": list(SCENARIOS),
                                 "endpoints": ["/metrics", "GET /scenario",
                                               "POST /scenario?name=NAME"]})
            else:
                self._json(404, {"error": f"no page {path}; see /"})

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            if url.path != "/scenario":
                self._json(404, {"error": f"no page {url.path}; see /"})
                return
            names = parse_qs(url.query).get("name", [])
            try:
                chosen = scenario(names[0] if names else "")
            except KeyError as exc:
                self._json(400, {"error": str(exc.args[0])})
                return
            simulator.switch(chosen)
            self._json(200, _describe(chosen))

        def log_message(self, format: str, *args: object) -> None:
            return  # a scrape every few seconds is not news

        def _json(self, status: int, body: object) -> None:
            self._send(status, "application/json", json.dumps(body, indent=1).encode() + b"\n")

        def _send(self, status: int, media_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def _describe(chosen: Scenario) -> dict[str, object]:
    return {"name": chosen.name, "summary": chosen.summary, "fires": list(chosen.fires),
            "knobs": {k: v for k, v in vars(chosen).items()
                      if k not in ("name", "summary", "fires")}}
