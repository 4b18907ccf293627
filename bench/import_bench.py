"""Import benchmark: 100 real dashboards (the corpus of tests/corpus/dashboards, each file
repeated under distinct uids until there are 100) through `dashboards import`, which builds
every module back and compares it with the dashboard before writing it; then `dashboards
build` of the imported modules.

    python bench/import_bench.py [--count 100] [--repeats 3]

Prints a markdown table of medians (wall time of each command, and per dashboard).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "dashboards"
WORK = ROOT / "bench" / "work" / "import"
DASHBOARDS = shutil.which("dashboards") or str(Path(sys.executable).parent / "dashboards")


def classic(path: Path) -> bool:
    data = json.loads(path.read_text())
    spec = data.get("spec") if isinstance(data.get("spec"), dict) else data
    return not str(data.get("apiVersion", "")).startswith("dashboard.grafana.app/v2") and not (
        "elements" in spec and "layout" in spec)


def inputs(count: int) -> list[Path]:
    files = sorted(p for p in CORPUS.glob("*.json") if classic(p))
    out = WORK / "inputs"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    made = []
    for index in range(count):
        source = files[index % len(files)]
        data = json.loads(source.read_text())
        board = data["dashboard"] if "meta" in data and "dashboard" in data else data
        board["uid"] = f"bench-{index:03d}"
        target = out / f"{index:03d}-{source.name}"
        target.write_text(json.dumps(data))
        made.append(target)
    return made


def timed(*args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([DASHBOARDS, "-C", str(WORK / "project"), *args],
                            capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    files = inputs(args.count)
    times: dict[str, list[float]] = {"import (with the round-trip check)": [],
                                     "build of the imported modules, cold": []}
    for _ in range(args.repeats):
        project = WORK / "project"
        shutil.rmtree(project, ignore_errors=True)
        (project / "dashboards").mkdir(parents=True)
        (project / "dashboards.yaml").write_text(
            "dashboards: [dashboards]\nbuild_dir: build\nundeclared_folders: create\n")
        times["import (with the round-trip check)"].append(
            timed("import", *map(str, files), "--out", str(project / "dashboards"),
                  "--folder", "Imported"))
        times["build of the imported modules, cold"].append(timed("build", "-q"))
    distinct = len({p.name.split("-", 1)[1] for p in files})
    print(f"{args.count} dashboards ({distinct} distinct real dashboards from "
          f"tests/corpus/dashboards, repeated under distinct uids); medians of {args.repeats} "
          "runs\n")
    print("| command | wall time | per dashboard |")
    print("|---|---:|---:|")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"| {label} | {median:.2f} s | {median / args.count * 1000:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
