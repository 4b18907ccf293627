"""Real services for the tests, on 127.0.0.1: the ones scripts/test started (their URLs in
the environment), or ones started here for a test module. Readiness is polled, never
slept for; every process is stopped by its PID."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import REPO

RULES = REPO / "provisioning" / "prometheus" / "rules"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check: Callable[[], bool], what: str, timeout: float = 30.0,
               log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    detail = f"\n{log.read_text()[-2000:]}" if log and log.exists() else ""
    raise AssertionError(f"{what} within {timeout:.0f} s{detail}")


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)


def query(prometheus: str, expr: str) -> list[dict[str, Any]]:
    data = get_json(f"{prometheus}/api/v1/query?" + urllib.parse.urlencode({"query": expr}))
    return list(data["data"]["result"])


@contextmanager
def simulator(work: Path, scenario: str = "healthy", speed: float = 1) -> Iterator[str]:
    """``dashboards simulate`` as a process of its own."""
    port = free_port()
    log = work / f"simulate-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "dashkit", "simulate", "--listen", f"127.0.0.1:{port}",
         "--scenario", scenario, "--speed", str(speed)], stdout=log.open("w"),
        stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _ok(f"{url}/-/ready"), "the simulator answers", log=log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def prometheus(work: Path, targets: dict[str, str], rules: bool | Path = True,
               interval: str = "1s") -> Iterator[str]:
    """A real Prometheus scraping ``targets`` (job name -> host:port) every ``interval``,
    with the repository's rule files (or those in the folder ``rules``)."""
    binary = shutil.which("prometheus")
    assert binary, "prometheus is missing: scripts/test installs it (apt-get install prometheus)"
    port = free_port()
    config = work / f"prometheus-{port}.yml"
    config.write_text(json.dumps({
        "global": {"scrape_interval": interval, "evaluation_interval": interval},
        "rule_files": [str((rules if isinstance(rules, Path) else RULES) / "*.yml")]
        if rules else [],
        "scrape_configs": [{"job_name": job, "static_configs": [{"targets": [target]}]}
                           for job, target in targets.items()]}))
    log = work / f"prometheus-{port}.log"
    process = subprocess.Popen(
        [binary, f"--config.file={config}", f"--storage.tsdb.path={work / f'tsdb-{port}'}",
         f"--web.listen-address=127.0.0.1:{port}", "--enable-feature=exemplar-storage"],
        stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _ok(f"{url}/-/ready"), "Prometheus is ready", log=log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_for_series(prometheus_url: str, expr: str, timeout: float = 30.0) -> None:
    """Until ``expr`` returns something (the first scrape comes after Prometheus' ~5 s
    discovery delay)."""
    wait_until(lambda: bool(query(prometheus_url, expr)), f"{expr} has data", timeout)


def _ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as answer:
        return bool(answer.status == 200)



