"""Diff benchmark: 1000 generated dashboards, 10 of them changed, against a directory
baseline and against a git base.

    python bench/diff_bench.py [--dashboards 1000] [--changed 10] [--repeats 5]

Each measurement is a `dashboards diff` subprocess; "warm" means the project's build folder
holds the previous build (the usual case in a checkout and in CI after `dashboards build`),
"cold" means it does not. Prints a markdown table of medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "diff"
DASHBOARDS = shutil.which("dashboards") or str(Path(sys.executable).parent / "dashboards")


def module(i: int, revision: int) -> str:
    panels = []
    for j in range(24):
        if j % 6 == 0:
            panels.append(f"RowPanel(title='Row {j // 6}', gridPos=GridPos(h=1, w=24, x=0, "
                          f"y={j // 6 * 25}))")
            continue
        title = f"Panel {j} of {i}" + (f" r{revision}" if j == 3 and revision else "")
        panels.append(
            f"TimeSeries(title={title!r}, unit='reqps', targets=[Target(refId='A', expr="
            f"'sum by (route) (rate(gateway_http_requests_total{{job=\"svc-{i}\"}}"
            f"[$__rate_interval]))')], gridPos=GridPos(h=8, w=8, x={(j % 6 - 1) % 3 * 8}, "
            f"y={j // 6 * 25 + 1 + (j % 6 - 1) // 3 * 8}))")
    body = ",\n    ".join(panels)
    return ("from grafanalib.core import Dashboard, GridPos, RowPanel, Target, Template, "
            "Templating, TimeSeries\n"
            f"folder = 'Bench/F{i % 20:02}'\n"
            f"dashboard = Dashboard(title='Service {i}', uid='diff-{i:04}', templating=Templating("
            "[Template(name='datasource', query='prometheus', type='datasource'), "
            "Template(name='route', query='label_values(route)', dataSource='$datasource'), "
            "Template(name='job', query='label_values(job)', dataSource='$datasource')]), "
            f"panels=[\n    {body}\n])\n")


def write_all(count: int, changed: int, revision: int) -> None:
    for i in range(count):
        (WORK / "dashboards" / f"d{i:04}.py").write_text(
            module(i, revision if i < changed else 0))


def run(*args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([DASHBOARDS, "-C", str(WORK), *args], capture_output=True,
                            text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"dashboards {' '.join(args)} failed:\n{result.stderr}")
    if args[0] == "diff" and EXPECTED not in result.stdout:
        raise SystemExit(f"unexpected diff result:\n{result.stdout[-500:]}")
    return elapsed


EXPECTED = ""


def git(*args: str) -> None:
    subprocess.run(["git", *args], cwd=WORK, check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dashboards", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "dashboards").mkdir(parents=True)
    (WORK / "dashboards.yaml").write_text("dashboards: [dashboards]\nbuild_dir: build\n")
    write_all(args.dashboards, args.changed, 0)
    git("init", "-q", "-b", "main")
    git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "add", "-A")
    git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "b")
    run("build", "--out", str(WORK / "baseline"), "-q")
    global EXPECTED
    unchanged = args.dashboards - args.changed
    EXPECTED = f"{args.changed} changed, 0 added, 0 removed, {unchanged} unchanged."
    times: dict[str, list[float]] = {}
    for revision in range(1, args.repeats + 1):
        write_all(args.changed, args.changed, revision)  # the first N modules change
        shutil.rmtree(WORK / "build", ignore_errors=True)
        times.setdefault("diff --dir, cold build folder", []).append(
            run("diff", "--dir", str(WORK / "baseline")))
        write_all(args.changed, args.changed, revision + 100)
        times.setdefault("diff --dir, warm build folder", []).append(
            run("diff", "--dir", str(WORK / "baseline")))
        write_all(args.changed, args.changed, revision + 200)
        times.setdefault("diff --base main, warm build folder", []).append(
            run("diff", "--base", "main"))
    print(f"{args.dashboards} dashboards (24 panels each), {args.changed} changed; medians "
          f"of {args.repeats} runs\n")
    print("| diff | median | min | max |")
    print("|---|---:|---:|---:|")
    for label, values in times.items():
        print(f"| {label} | {statistics.median(values):.2f} s | {min(values):.2f} s | "
              f"{max(values):.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
