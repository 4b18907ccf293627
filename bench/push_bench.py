"""Push benchmark: 1000 generated dashboards in 20 folders, pushed to the Grafana emulator.

    python bench/push_bench.py [--dashboards 1000] [--folders 20] [--latency 0.02] [--repeats 3]

Measures, side by side in one run: a first push with concurrency 8, the same first push with
concurrency 1 (both against an emulator adding --latency seconds to every request), a push with
nothing changed, and a push with one dashboard changed; for each, wall time and the HTTP
requests by kind as the emulator logged them. Prints a markdown table (medians).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from grafana_emulator import GrafanaEmulator  # noqa: E402

from dashkit.config import load_config  # noqa: E402
from dashkit.grafana import push as push_lib  # noqa: E402
from dashkit.grafana.connect import connect  # noqa: E402
from dashkit.model import TargetSpec  # noqa: E402

WORK = ROOT / "bench" / "work" / "push"


def make_project(count: int, folders: int) -> Path:
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "dashboards").mkdir(parents=True)
    (WORK / "dashboards.yaml").write_text("owner: bench\nundeclared_folders: create\n")
    for i in range(count):
        write_module(i, folders, "")
    return WORK


def write_module(i: int, folders: int, suffix: str) -> None:
    panels = ", ".join(
        f"TimeSeries(title='p{j}{suffix}', targets=[Target(expr='rate(x_{i}_{j}[5m])')], "
        f"gridPos=GridPos(h=8, w=12, x={12 * (j % 2)}, y={8 * (j // 2)}))" for j in range(6))
    (WORK / "dashboards" / f"d{i:04}.py").write_text(
        "from grafanalib.core import Dashboard, GridPos, Target, TimeSeries\n"
        f"folder = 'Bench/F{i % folders:02}'\n"
        f"dashboard = Dashboard(title='D{i}', uid='bench-{i:04}', panels=[{panels}])\n")


def push(grafana: GrafanaEmulator, concurrency: int) -> tuple[float, Counter[str], int]:
    config = load_config(WORK)
    connection = connect(TargetSpec("emulator", grafana.url, timeout=30),
                                  {"GRAFANA_TOKEN": grafana.admin_token})
    grafana.request_log.reset()
    started = time.perf_counter()
    plan = push_lib.prepare(config, list(config.dashboard_paths), connection,
                            concurrency=concurrency)
    report = push_lib.execute(plan, connection, commit="bench", concurrency=concurrency)
    elapsed = time.perf_counter() - started
    assert report.ok, report.with_status("failed")[:3]
    kinds = Counter(f"{e.method} {e.route}" for e in grafana.request_log.entries())
    return elapsed, kinds, plan.writes


def writes_of(kinds: Counter[str]) -> int:
    return sum(n for kind, n in kinds.items() if not kind.startswith("GET"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dashboards", type=int, default=1000)
    parser.add_argument("--folders", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.02)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    make_project(args.dashboards, args.folders)
    rows: dict[str, list[tuple[float, Counter[str]]]] = {}
    for _ in range(args.repeats):
        for label, concurrency in (("first push, concurrency 8", 8),
                                   ("first push, concurrency 1", 1)):
            with GrafanaEmulator() as grafana:
                grafana.faults.set_latency(args.latency)
                elapsed, kinds, _ = push(grafana, concurrency)
                rows.setdefault(label, []).append((elapsed, kinds))
                if concurrency == 8:
                    elapsed, kinds, _ = push(grafana, 8)
                    rows.setdefault("no change, concurrency 8", []).append((elapsed, kinds))
                    write_module(7, args.folders, f" r{len(rows['no change, concurrency 8'])}")
                    elapsed, kinds, _ = push(grafana, 8)
                    rows.setdefault("one dashboard changed, concurrency 8", []).append(
                        (elapsed, kinds))
    write_module(7, args.folders, "")
    print(f"{args.dashboards} dashboards in {args.folders} folders; emulator latency "
          f"{args.latency * 1000:.0f} ms per request; medians of {args.repeats} runs\n")
    print("| push | wall time | requests | writes | requests by kind (last run) |")
    print("|---|---:|---:|---:|---|")
    for label, results in rows.items():
        wall = statistics.median(r[0] for r in results)
        kinds = results[-1][1]
        by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
        print(f"| {label} | {wall:.2f} s | {sum(kinds.values())} | {writes_of(kinds)} | "
              f"{by_kind} |")
    fast = statistics.median(r[0] for r in rows["first push, concurrency 8"])
    slow = statistics.median(r[0] for r in rows["first push, concurrency 1"])
    print(f"\nconcurrency 8 vs 1 on the first push: {slow / fast:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
