"""check-queries benchmark: every query of the repository's dashboards and rules against a
local Prometheus scraping the reference workload, at concurrency 1 and at the default (8),
alternating, so both see the same machine.

    python bench/check_queries_bench.py [--repeats 5] [--warmup 40]

Starts `dashboards simulate` and `prometheus` (Debian's) on free ports of 127.0.0.1, waits
until the workload's series are there (polled), builds once, then times each
`dashboards check-queries` subprocess. Prints a markdown table of medians: wall time of the
command, and queries per second over the checks alone (the command reports its own time).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = shutil.which("dashboards") or str(Path(sys.executable).parent / "dashboards")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(url: str, ready: Callable[[bytes], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if ready(answer.read()):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} not ready within {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=float, default=40.0,
                        help="seconds of data to collect before timing")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="check-queries-bench-"))
    processes = []
    try:
        sim_port, prom_port = free_port(), free_port()
        processes.append(subprocess.Popen(
            [DASHBOARDS, "simulate", "--listen", f"127.0.0.1:{sim_port}"],
            stderr=subprocess.DEVNULL))
        (work / "prometheus.yml").write_text(json.dumps({
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(ROOT / "provisioning/prometheus/rules/*.yml")],
            "scrape_configs": [{"job_name": "platform", "static_configs": [
                {"targets": [f"127.0.0.1:{sim_port}"]}]}]}))
        processes.append(subprocess.Popen(
            ["prometheus", f"--config.file={work / 'prometheus.yml'}",
             f"--storage.tsdb.path={work / 'tsdb'}", f"--web.listen-address=127.0.0.1:{prom_port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        url = f"http://127.0.0.1:{prom_port}"
        wait(f"{url}/api/v1/query?query=jobs_submitted_total",
             lambda body: b'"result":[]' not in body)
        time.sleep(args.warmup)  # data to query, not readiness: readiness was polled above
        subprocess.run([DASHBOARDS, "-C", str(ROOT), "build", "-q"], check=True)
        wall: dict[int, list[float]] = {1: [], 8: []}
        rate: dict[int, list[float]] = {1: [], 8: []}
        queries = 0
        for _ in range(args.repeats):
            for concurrency in (1, 8):
                started = time.perf_counter()
                result = subprocess.run(
                    [DASHBOARDS, "-C", str(ROOT), "check-queries", "--prometheus-url", url,
                     "--scrape-interval", "1s", "--concurrency", str(concurrency),
                     "--format", "json"], capture_output=True, text=True, check=False)
                wall[concurrency].append(time.perf_counter() - started)
                summary = json.loads(result.stdout)["summary"]
                queries = summary["queries"]
                rate[concurrency].append(queries / summary["seconds"])
        print(f"{queries} queries (every panel target, alert part and recording rule of the "
              f"repository); medians of {args.repeats} alternating runs\n")
        print("| concurrency | wall time of the command | queries/s (checks only) |")
        print("|---:|---:|---:|")
        for concurrency in (1, 8):
            print(f"| {concurrency} | {statistics.median(wall[concurrency]):.2f} s | "
                  f"{statistics.median(rate[concurrency]):.0f} |")
        ratios = [a / b for a, b in zip(wall[1], wall[8], strict=True)]
        print(f"\nwall time at concurrency 1 / at 8, per run: "
              f"{', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
