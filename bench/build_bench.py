"""Benchmark ``dashboards build`` against grafanalib's ``generate-dashboards``.

For each N, writes N different plain-grafanalib ``*.dashboard.py`` modules (24 panels in 4
rows, 3 variables) to bench/work/ and times, as subprocesses side by side in each repeat: a
cold build (no output, no module bytecode), the same with module bytecode kept, a no-change
rebuild, a one-change rebuild, and generate-dashboards on every module (no module bytecode).
Reports medians of wall time, CPU time and peak RSS; see bench/README.md.

    python bench/build_bench.py [--sizes 10,100,1000] [--repeats N] [--write-results FILE]
                                [--code REV]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
PYCACHE = WORK / "pycache"
"""Children write bytecode here (PYTHONPYCACHEPREFIX), never next to sources outside bench/."""
KINDS = ("cold", "cold-pyc", "no-change", "one-change", "grafanalib")
UNITS = ("reqps", "s", "bytes", "percentunit", "ops", "ms")
METRICS = ("http_requests_total", "jobs_processed_total", "queue_messages", "upload_bytes_total",
           "worker_busy_seconds_total", "cache_hits_total", "transcode_frames_total")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _targets(i: int, p: int, count: int) -> str:
    metric = METRICS[(i + p) % len(METRICS)]
    sel = f'job="svc-{i:04d}", cluster=~"$cluster", instance=~"$instance"'
    exprs = (f"sum by (instance) (rate({metric}{{{sel}}}[{1 + (i + p) % 5}m]))",
             f"histogram_quantile(0.{90 + p % 9}, sum by (le) "
             f"(rate({metric}_bucket{{{sel}}}[5m])))",
             f'sum(increase({metric}{{{sel}, code=~"5.."}}[{p % 4 + 1}h])) or vector({i % 3})')
    return ", ".join(f'Target(\n                expr={expr!r},\n                '
                     f'legendFormat="{{{{instance}}}} {p}", refId="{ref}")'
                     for expr, ref in zip(exprs[:count], "ABC", strict=False))


def _panel(i: int, r: int, k: int, y: int, revision: int) -> str:
    p = r * 6 + k
    title = f"Service {i:04d} {['latency', 'traffic', 'errors', 'saturation'][r]} {k}"
    if p == 1 and revision:
        title += f" (rev {revision})"
    warn, crit = float(50 + (i * 7 + p) % 40), float(90 + (i + p) % 60)
    unit = UNITS[(i + p) % len(UNITS)]
    args = [f"title={title!r}", 'dataSource="$datasource"',
            f"targets=[{_targets(i, p, 1 + (i + p) % 3)}]",
            f'thresholds=[{{"color": "green", "value": None}}, {{"color": "orange", '
            f'"value": {warn}}}, {{"color": "red", "value": {crit}}}]']
    if k < 2:
        kind = "TimeSeries"
        args += [f"gridPos=GridPos(h=8, w=12, x={12 * k}, y={y})", f"unit={unit!r}",
                 f"lineWidth={1 + p % 3}", f"fillOpacity={(i + p) % 30}"]
    else:
        args.append(f"gridPos=GridPos(h=6, w=6, x={6 * (k - 2)}, y={y + 8})")
        kind = ("Stat", "Stat", "BarGauge", "Table")[k - 2]
    if kind == "Stat":
        args += [f"format={unit!r}", f"reduceCalc={['lastNotNull', 'mean', 'max'][p % 3]!r}"]
    elif kind == "BarGauge":
        args += [f"format={unit!r}", f"max={100 + i % 50}",
                 f"displayMode={['lcd', 'basic', 'gradient'][(i + p) % 3]!r}"]
    elif kind == "Table":
        args += [f"unit={unit!r}", f"filterable={bool(i % 2)}"]
    return f"{kind}(\n            " + ",\n            ".join(args) + ",\n        )"


def module_source(i: int, revision: int = 0) -> str:
    """A plain grafanalib module (grafanalib's ``*.dashboard.py`` convention), unique per i."""
    panels, y = [], 0
    for r, name in enumerate(("Latency", "Traffic", "Errors", "Saturation")):
        panels.append(f"RowPanel(title='{name} of svc-{i:04d}', "
                      f"gridPos=GridPos(h=1, w=24, x=0, y={y}))")
        panels.extend(_panel(i, r, k, y + 1, revision) for k in range(6))
        y += 15
    body = ",\n        ".join(panels)
    return f'''"""Synthetic benchmark dashboard {i} (written by bench/build_bench.py)."""

from grafanalib.core import (BarGauge, Dashboard, GridPos, RowPanel, Stat, Table, Target,
                             Template, Templating, TimeSeries)

dashboard = Dashboard(
    title="Bench service {i:04d}",
    uid="bench-{i:04d}",
    description="Synthetic dashboard {i} for the build benchmark",
    tags=["bench", "team-{i % 7}"],
    timezone="utc",
    templating=Templating(list=[
        Template(name="datasource", query="prometheus", type="datasource", label="Data source"),
        Template(name="cluster", query='label_values(up{{job="svc-{i:04d}"}}, cluster)',
                 dataSource="$datasource", label="Cluster"),
        Template(name="instance", query='label_values(up{{job="svc-{i:04d}", '
                 'cluster=~"$cluster"}}, instance)', dataSource="$datasource",
                 multi=True, includeAll=True, label="Instance"),
    ]),
    panels=[
        {body},
    ],
)
'''


def write_modules(folder: Path, n: int) -> list[Path]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = [folder / f"bench_{i:04d}.dashboard.py" for i in range(n)]
    for i, path in enumerate(paths):
        path.write_text(module_source(i))
    return paths


def remove_pycache(folder: Path) -> None:
    """Forget the modules' bytecode (library bytecode stays warm, as on any install)."""
    for cache in folder.rglob("__pycache__"):
        shutil.rmtree(cache)
    shutil.rmtree(PYCACHE / folder.resolve().relative_to("/"), ignore_errors=True)


EXTRA_ENV: dict[str, str] = {}  # PYTHONPATH of a frozen src/ copy, with --code


def child_env() -> dict[str, str]:
    """Python's default bytecode caching, kept inside bench/work/pycache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env | EXTRA_ENV


def git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=BENCH.parent, capture_output=True,
                          check=True).stdout


def code_version() -> str:
    """The commit measured, and whether src/ had uncommitted edits."""
    dirty = " + uncommitted src/ edits" if git("status", "--porcelain", "--", "src") else ""
    return git("rev-parse", "--short", "HEAD").decode().strip() + dirty


def freeze_code(rev: str) -> str:
    """Run the tools on ``git archive REV src`` (unpacked in bench/work), not the work tree."""
    dest = WORK / "snapshot"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=git("archive", rev, "src"), check=True)
    EXTRA_ENV["PYTHONPATH"] = str(dest / "src")
    where = subprocess.run([sys.executable, "-c", "import dashkit; print(dashkit.__file__)"],
                           env=child_env(), capture_output=True, text=True).stdout
    check(where.startswith(str(dest)), f"dashkit imported from {where.strip()}, not {dest}")
    return git("rev-parse", "--short", rev).decode().strip() + ", frozen copy of src/"


@dataclass
class Run:
    seconds: float
    cpu: float
    maxrss_kib: int
    tree_kib: int
    stdout: str


def _tree_rss_kib(root: int) -> int:
    """Summed RSS of ``root`` and its descendants, from /proc."""
    parents: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(parents.get(pid, ()))
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE // 1024
    return total


def measure(cmd: list[str]) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=BENCH.parent,
                                 env=child_env())
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_rss_kib(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        for file in (out, err):
            file.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    check(child.returncode == 0,
          f"{' '.join(cmd[:3])}... exited {child.returncode}:\n{stdout}{stderr}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               max(peak[0], usage.ru_maxrss), stdout)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"check failed: {message}")


def count_json(out: Path) -> int:
    skip = {"manifest.json", ".dashkit-cache.json"}
    return sum(1 for p in out.rglob("*.json") if p.name not in skip)


def bench_size(n: int, repeats: int, tools: dict[str, str]) -> dict[str, list[Run]]:
    folder, out = WORK / f"modules-{n}", WORK / f"out-{n}"
    paths = write_modules(folder, n)
    shutil.rmtree(out, ignore_errors=True)
    build = [tools["dashboards"], "build", str(folder), "--out", str(out)]
    generate = [tools["generate-dashboards"], *map(str, paths)]
    runs: dict[str, list[Run]] = defaultdict(list)
    revision = 0

    def dashkit_series() -> None:
        nonlocal revision
        shutil.rmtree(out, ignore_errors=True)
        remove_pycache(folder)
        runs["cold"].append(run := measure(build))
        check(count_json(out) == n, f"cold build wrote {count_json(out)} dashboards, not {n}")
        check(f" {n} written" in run.stdout, f"cold build summary: {run.stdout.strip()}")
        runs["no-change"].append(run := measure(build))
        check(" 0 written" in run.stdout, f"no-change build summary: {run.stdout.strip()}")
        revision += 1
        paths[0].write_text(module_source(0, revision))
        runs["one-change"].append(run := measure(build))
        check(" 1 written" in run.stdout, f"one-change build summary: {run.stdout.strip()}")
        check(count_json(out) == n, f"one-change left {count_json(out)} dashboards, not {n}")
        shutil.rmtree(out)
        runs["cold-pyc"].append(run := measure(build))
        check(f" {n} written" in run.stdout, f"cold-pyc build summary: {run.stdout.strip()}")

    def grafanalib_run() -> None:
        remove_pycache(folder)
        for stale in folder.glob("*.json"):
            stale.unlink()
        runs["grafanalib"].append(measure(generate))
        made = len(list(folder.glob("*.json")))
        check(made == n, f"generate-dashboards wrote {made} files, not {n}")

    for rep in range(repeats):
        order = (dashkit_series, grafanalib_run) if rep % 2 == 0 else (grafanalib_run,
                                                                       dashkit_series)
        for step in order:
            step()
        print(f"  N={n} repeat {rep + 1}/{repeats}: " + ", ".join(
            f"{k} {runs[k][-1].seconds:.2f}s" for k in KINDS), file=sys.stderr, flush=True)
    return runs


def median(runs: list[Run], attr: str) -> float:
    return float(statistics.median(getattr(r, attr) for r in runs))


def paired_ratio(runs: dict[str, list[Run]], top: str, bottom: str) -> float:
    """Median over repeats of top/bottom, each pair measured side by side in one repeat."""
    return float(statistics.median(a.seconds / b.seconds
                                   for a, b in zip(runs[top], runs[bottom], strict=True)))


def results_table(results: dict[int, dict[str, list[Run]]]) -> str:
    head = ["N", "cold", "cold, pyc kept", "no-change", "one-change",
            "grafanalib generate-dashboards", "grafanalib / cold", "no-change / cold",
            "CPU cold", "CPU grafanalib", "peak RSS cold (tree)", "peak RSS no-change",
            "peak RSS one-change", "peak RSS grafanalib"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for n, runs in sorted(results.items()):
        t = {k: median(runs[k], "seconds") for k in KINDS}
        rss = {k: median(runs[k], "maxrss_kib") / 1024 for k in KINDS}
        tree = median(runs["cold"], "tree_kib") / 1024
        lines.append("| " + " | ".join([
            str(n), *(f"{t[k]:.2f} s" for k in KINDS),
            f"{paired_ratio(runs, 'grafanalib', 'cold'):.2f}×",
            f"{paired_ratio(runs, 'no-change', 'cold'):.3f}",
            f"{median(runs['cold'], 'cpu'):.2f} s", f"{median(runs['grafanalib'], 'cpu'):.2f} s",
            f"{rss['cold']:.0f} MiB ({tree:.0f} MiB)", f"{rss['no-change']:.0f} MiB",
            f"{rss['one-change']:.0f} MiB", f"{rss['grafanalib']:.0f} MiB"]) + " |")
    return "\n".join(lines)


def per_repeat(results: dict[int, dict[str, list[Run]]]) -> str:
    """Each repeat's cold build against grafanalib, for judging the spread of the ratio."""
    lines = []
    for n, runs in sorted(results.items()):
        pairs = [f"{c.seconds:.2f} / {g.seconds:.2f} s ({g.seconds / c.seconds:.2f}×)"
                 for c, g in zip(runs["cold"], runs["grafanalib"], strict=True)]
        lines.append(f"N={n}, cold / generate-dashboards per repeat: " + "; ".join(pairs))
    return "\n".join(lines)


def verdict(results: dict[int, dict[str, list[Run]]]) -> str:
    n = max(results)
    speedup = paired_ratio(results[n], "grafanalib", "cold")
    rebuild = paired_ratio(results[n], "no-change", "cold")
    return (f"At N={n}: generate-dashboards / cold build = {speedup:.2f}× "
            f"(target ≥ 3×: {'met' if speedup >= 3 else 'NOT met'}); no-change rebuild is "
            f"{rebuild:.3f} of the cold build (target < 0.1: "
            f"{'met' if rebuild < 0.1 else 'NOT met'}).")


def find_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    check(found is not None, f"{name} not found next to {sys.executable} or on PATH")
    return str(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000",
                        help="comma-separated module counts (default: 10,100,1000)")
    parser.add_argument("--repeats", type=int,
                        help="repeats per size (default: 5)")
    parser.add_argument("--write-results", type=Path, help="also write the table here")
    parser.add_argument("--code", metavar="REV",
                        help="time a frozen copy of src/ at this git revision (e.g. HEAD), "
                             "immune to edits made during the run")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    tools = {name: find_tool(name) for name in ("dashboards", "generate-dashboards")}
    WORK.mkdir(parents=True, exist_ok=True)
    lock = (WORK / ".lock").open("w")  # one run at a time: they share bench/work and the CPUs
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("another build_bench.py is running; waiting for it", file=sys.stderr, flush=True)
        fcntl.flock(lock, fcntl.LOCK_EX)
    version = freeze_code(args.code) if args.code else code_version()
    warm = write_modules(WORK / "warmup", 2)  # library bytecode into PYCACHE, unmeasured
    measure([tools["dashboards"], "build", str(warm[0].parent), "--out", str(WORK / "warmup-out")])
    measure([tools["generate-dashboards"], *map(str, warm)])
    results = {}
    for n in sizes:
        repeats = args.repeats or 5
        print(f"N={n}: {repeats} repeats", file=sys.stderr, flush=True)
        results[n] = bench_size(n, repeats, tools)
    changed = ", CHANGED during the run"
    machine = (f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), "
               f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    text = "\n\n".join([
        f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {machine}",
        f"Command: python bench/build_bench.py {' '.join(sys.argv[1:])}".rstrip()
        + f" (code: {version}{'' if args.code or code_version() == version else changed})",
        "Medians of wall time; ratios are medians of per-repeat ratios; CPU is user+sys of "
        "the child and its workers; peak RSS is the largest single process (os.wait4 "
        "ru_maxrss); (tree) is the sampled sum over the build and its worker processes.",
        results_table(results), per_repeat(results), verdict(results)]) + "\n"
    print(text)
    if args.write_results:
        args.write_results.write_text(text)


if __name__ == "__main__":
    main()
