"""Benchmark ``dashboards lint`` on many generated dashboards.

Writes N plain-grafanalib ``*.dashboard.py`` modules (24 panels in 4 rows, 1-3 PromQL targets
each, built from the metric catalog, every module different; one module in ten uses a fixed
``[5m]`` rate range so the run has findings to report) into a scratch project under
``bench/work/lint/`` and times, as subprocesses, in each repeat:

* ``cold``        ``dashboards -C PROJECT lint`` with no build folder: every module compiled
                  and every dashboard checked
* ``warm``        the same again: the build folder is reused, nothing is recompiled, and the
                  findings of unchanged dashboards come from the lint cache
* ``one-change``  the same after editing one panel title in module 0
* ``build cold``  for comparison, ``dashboards -C PROJECT build -q`` with no build folder
* ``checks``      ``lint`` with the build folder present but its lint cache removed: what
                  checking every dashboard costs on top of an up-to-date build

Each run's output is checked (N dashboards linted, N/10 warnings, exit 0). Medians of wall
time are printed as a markdown table, with whether the target (lint of 1000 dashboards under
5 s) is met.

    python bench/lint_bench.py [--sizes 100,1000] [--repeats 3] [--write-results FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work" / "lint"
KINDS = ("cold", "warm", "one-change", "build cold", "checks")
TARGET_SECONDS = 5.0

sys.path.insert(0, str(BENCH.parent / "src"))
from dashkit.catalog import CATALOG, Metric, MetricType  # noqa: E402
from dashkit.review.lint.cache import CACHE_NAME as LINT_CACHE  # noqa: E402

COUNTERS = [m for m in CATALOG.values() if m.type is MetricType.COUNTER and m.labels]
GAUGES = [m for m in CATALOG.values() if m.type is MetricType.GAUGE and m.labels]
HISTOGRAMS = [m for m in CATALOG.values() if m.type is MetricType.HISTOGRAM]


# ---------------------------------------------------------------- synthetic modules

def _selector(metric: Metric, series: str, i: int) -> str:
    label = metric.labels[-1]
    tenant = ', tenant=~"$tenant"' if "tenant" in metric.labels else ""
    return f'{series}{{{label}!="none-{i:04d}"{tenant}}}'


def _exprs(i: int, p: int) -> list[str]:
    counter = COUNTERS[(i + p) % len(COUNTERS)]
    gauge = GAUGES[(i * 3 + p) % len(GAUGES)]
    histogram = HISTOGRAMS[(i + p) % len(HISTOGRAMS)]
    window = "5m" if i % 10 == 0 and p == 0 else "$__rate_interval"
    by = counter.labels[0]
    return [
        f"sum by ({by}) (rate({_selector(counter, counter.name, i)}[{window}]))",
        f"histogram_quantile(0.{90 + p % 9}, sum by (le) "
        f"(rate({_selector(histogram, histogram.bucket, i)}[$__rate_interval])))",
        f"max by ({gauge.labels[0]}) ({_selector(gauge, gauge.name, i)})",
    ]


def _panel(i: int, r: int, k: int, y: int, revision: int) -> str:
    p = r * 6 + k
    title = f"Service {i:04d} {['latency', 'traffic', 'errors', 'saturation'][r]} {k}"
    if p == 1 and revision:
        title += f" (rev {revision})"
    count = 1 + (i + p) % 3
    targets = ", ".join(
        f"Target(expr={expr!r}, legendFormat='{{{{{COUNTERS[0].labels[0]}}}}}', "
        f"refId={ref!r})" for expr, ref in zip(_exprs(i, p)[:count], "ABC", strict=False))
    args = [f"title={title!r}", f"description='What {title} shows.'",
            'dataSource="$datasource"', f"targets=[{targets}]"]
    if k < 2:
        return ("TimeSeries(" + ", ".join(
            [*args, "unit='s'", f"gridPos=GridPos(h=8, w=12, x={12 * k}, y={y})"]) + ")")
    kind = ("Stat", "Stat", "BarGauge", "BarGauge")[k - 2]
    return (f"{kind}(" + ", ".join(
        [*args, "format='short'", f"gridPos=GridPos(h=6, w=6, x={6 * (k - 2)}, y={y + 8})"])
        + ")")


def module_source(i: int, revision: int = 0) -> str:
    """A plain grafanalib module (grafanalib's ``*.dashboard.py`` convention), unique per i."""
    panels, y = [], 0
    for r, name in enumerate(("Latency", "Traffic", "Errors", "Saturation")):
        panels.append(f"RowPanel(title='{name} of svc-{i:04d}', "
                      f"gridPos=GridPos(h=1, w=24, x=0, y={y}))")
        panels.extend(_panel(i, r, k, y + 1, revision) for k in range(6))
        y += 15
    body = ",\n        ".join(panels)
    return f'''"""Synthetic dashboard {i} for the lint benchmark (bench/lint_bench.py)."""

from grafanalib.core import (BarGauge, Dashboard, GridPos, RowPanel, Stat, Target, Template,
                             Templating, TimeSeries)

folder = "Bench/Team {i % 7}"
dashboard = Dashboard(
    title="Bench service {i:04d}",
    uid="lint-bench-{i:04d}",
    description="Synthetic dashboard {i} for the lint benchmark",
    tags=["bench"],
    templating=Templating(list=[
        Template(name="datasource", query="prometheus", type="datasource", label="Data source"),
        Template(name="tenant", query="label_values(jobs_completed_total, tenant)",
                 dataSource="$datasource", label="Tenant", multi=True, includeAll=True),
    ]),
    panels=[
        {body},
    ],
)
'''


def module_path(project: Path, i: int) -> Path:
    return project / "dashboards" / f"bench_{i:04d}.dashboard.py"


def write_project(n: int) -> Path:
    project = WORK / f"project-{n}"
    shutil.rmtree(project, ignore_errors=True)
    (project / "dashboards").mkdir(parents=True)
    folders = "".join(f"  - {{uid: bench-team-{t}, title: Team {t}, parent: bench}}\n"
                      for t in range(7))
    (project / "dashboards.yaml").write_text(
        "owner: bench\ndashboards: [dashboards]\nfolders:\n  - {uid: bench, title: Bench}\n"
        + folders)
    for i in range(n):
        module_path(project, i).write_text(module_source(i))
    return project


# ---------------------------------------------------------------- measuring

@dataclass
class Run:
    seconds: float
    cpu: float
    stdout: str


def measure(cmd: list[str]) -> Run:
    # Output goes to files: a pipe that is not read while the child runs fills and stops it.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {code}:\n{stdout[-2000:]}{stderr[-2000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, stdout)


def check(run: Run, n: int, kind: str) -> None:
    if kind == "build cold":
        return
    verdict = run.stdout.strip().splitlines()[-1]
    expected = f"lint passed: {n} dashboards, 0 errors, {(n + 9) // 10} warnings, 0 info"
    if not verdict.startswith(expected):
        raise SystemExit(f"check failed ({kind}): {verdict!r}, expected {expected!r}")


def bench_size(n: int, repeats: int, tool: str) -> dict[str, list[Run]]:
    project = write_project(n)
    lint = [tool, "-C", str(project), "lint"]
    build = [tool, "-C", str(project), "build", "-q"]
    runs: dict[str, list[Run]] = defaultdict(list)
    for rep in range(repeats):
        shutil.rmtree(project / "build", ignore_errors=True)
        for kind in KINDS:
            if kind == "one-change":
                module_path(project, 0).write_text(module_source(0, rep + 1))
            elif kind == "build cold":
                shutil.rmtree(project / "build")
            elif kind == "checks":
                (project / "build" / LINT_CACHE).unlink(missing_ok=True)
            run = measure(build if kind == "build cold" else lint)
            check(run, n, kind)
            runs[kind].append(run)
        print(f"  N={n} repeat {rep + 1}/{repeats}: " + ", ".join(
            f"{k} {runs[k][-1].seconds:.2f}s" for k in KINDS), file=sys.stderr, flush=True)
    return runs


# ---------------------------------------------------------------- reporting

def median(runs: list[Run], attr: str) -> float:
    return float(statistics.median(getattr(r, attr) for r in runs))


def results_table(results: dict[int, dict[str, list[Run]]]) -> str:
    head = ["N", "cold", "warm", "one-change", "build cold (for comparison)",
            "checks (build up to date, no lint cache)", "CPU cold", "CPU warm"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for n, runs in sorted(results.items()):
        lines.append("| " + " | ".join([
            str(n), *(f"{median(runs[k], 'seconds'):.2f} s" for k in KINDS),
            f"{median(runs['cold'], 'cpu'):.2f} s", f"{median(runs['warm'], 'cpu'):.2f} s",
        ]) + " |")
    return "\n".join(lines)


def verdict(results: dict[int, dict[str, list[Run]]]) -> str:
    n = max(results)
    parts = []
    for kind in ("cold", "warm"):
        seconds = median(results[n][kind], "seconds")
        met = "met" if seconds < TARGET_SECONDS else "NOT met"
        parts.append(f"{kind} {seconds:.2f} s ({met})")
    return f"Target: lint of {n} dashboards under {TARGET_SECONDS:g} s: " + "; ".join(parts) + "."


def find_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found next to {sys.executable} or on PATH")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000",
                        help="comma-separated module counts (default: 100,1000)")
    parser.add_argument("--repeats", type=int, default=3, help="repeats per size (default: 3)")
    parser.add_argument("--write-results", type=Path, help="also write the table here")
    args = parser.parse_args()
    tool = find_tool("dashboards")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = {}
    for n in sizes:
        print(f"N={n}: {args.repeats} repeats", file=sys.stderr, flush=True)
        results[n] = bench_size(n, args.repeats, tool)
    machine = (f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
               f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    text = "\n\n".join([
        f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {machine}",
        f"Command: python bench/lint_bench.py {' '.join(sys.argv[1:])}".rstrip(),
        "Medians of wall time (and of user+sys CPU of the command and its workers); cold: no "
        "build folder; warm: the build folder (and lint cache) of the previous run; "
        "one-change: one module edited; build cold: `dashboards build` alone from nothing; "
        "checks: lint with an up-to-date build folder but no lint cache.",
        results_table(results), verdict(results)]) + "\n"
    print(text)
    if args.write_results:
        args.write_results.write_text(text)


if __name__ == "__main__":
    main()
