"""Preview benchmark: `dashboards preview` of all the repository's dashboards, as HTML with
placeholders, as HTML drawn from a local Prometheus scraping the reference workload, and
with --png screenshots (headless Chromium), alternating.

    python bench/preview_bench.py [--repeats 3] [--warmup 40]

Starts `dashboards simulate` and `prometheus` (Debian's) on free ports of 127.0.0.1 and waits
until the workload's series are there (polled), then `warmup` seconds more for data to draw.
Prints a markdown table of medians.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = shutil.which("dashboards") or str(Path(sys.executable).parent / "dashboards")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def has_data(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v1/query?query=jobs_submitted_total",
                                    timeout=2) as answer:
            return b'"result":[]' not in answer.read()
    except OSError:
        return False


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([DASHBOARDS, "-C", str(ROOT), *args], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=40.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    processes = []
    try:
        sim, prom = free_port(), free_port()
        processes.append(subprocess.Popen([DASHBOARDS, "simulate", "--listen",
                                           f"127.0.0.1:{sim}"], stderr=subprocess.DEVNULL))
        (work / "prometheus.yml").write_text(json.dumps({
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(ROOT / "provisioning/prometheus/rules/*.yml")],
            "scrape_configs": [{"job_name": "platform",
                                "static_configs": [{"targets": [f"127.0.0.1:{sim}"]}]}]}))
        processes.append(subprocess.Popen(
            ["prometheus", f"--config.file={work / 'prometheus.yml'}",
             f"--storage.tsdb.path={work / 'tsdb'}", f"--web.listen-address=127.0.0.1:{prom}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        url = f"http://127.0.0.1:{prom}"
        deadline = time.monotonic() + 60
        while not has_data(url):
            if time.monotonic() > deadline:
                raise SystemExit("Prometheus has no data after 60 s")
            time.sleep(0.5)
        time.sleep(args.warmup)  # data to draw; readiness was polled above
        subprocess.run([DASHBOARDS, "-C", str(ROOT), "build", "-q"], check=True)
        out = str(work / "out")
        runs = {
            "HTML, placeholders": ("preview", "--out", out),
            "HTML, drawn from Prometheus": ("preview", "--out", out, "--prometheus-url", url,
                                            "--scrape-interval", "1s"),
            "HTML and PNG, drawn from Prometheus": ("preview", "--out", out, "--png",
                                                    "--prometheus-url", url,
                                                    "--scrape-interval", "1s"),
        }
        times: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(args.repeats):
            for label, command in runs.items():
                times[label].append(timed(*command))
        count = len(list((work / "out").glob("*.html")))
        print(f"{count} dashboards of the repository; medians of {args.repeats} alternating "
              "runs\n")
        print("| preview | wall time | per dashboard |")
        print("|---|---:|---:|")
        for label, values in times.items():
            median = statistics.median(values)
            print(f"| {label} | {median:.2f} s | {median / count * 1000:.0f} ms |")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
