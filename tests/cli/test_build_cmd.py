"""`dashboards build` transcripts, above all for bad input: named, located, nothing lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import WriteModule, plain_module

from dashkit.cli import cli

BAD_MODULES = {
    "syntax error": ("broken.py", "x = (\n", "dashboards/broken.py:1: syntax error"),
    "import error": ("imports.py", "import not_a_real_package\n",
                     "dashboards/imports.py:1: import failed: ModuleNotFoundError"),
    "exception while building": (
        "raises.py", "a = 1\nb = {}['missing']\n",
        "dashboards/raises.py:2: building the dashboard failed: KeyError"),
    "no dashboard": ("empty.py", "x = 1\n", "dashboards/empty.py: defines no dashboard"),
    "wrong type": ("wrong.py", "x = 1\ndashboard = 'not a dashboard'\n",
                   "dashboards/wrong.py:2: 'dashboard' is a str, expected a grafanalib"),
    "uid too long": ("long.py", plain_module("u" * 41),
                     "dashboards/long.py: dashboard 'U"),
    "uid with bad characters": ("chars.py", plain_module("bad uid!"),
                                "has characters Grafana rejects"),
    "duplicate panel ids": (
        "dupids.py", plain_module("dupids", extra_panel=(
            'TimeSeries(title="Requests", id=3, gridPos=GridPos(h=8, w=12, x=0, y=8)),'
            'TimeSeries(title="Again", id=3, gridPos=GridPos(h=8, w=12, x=12, y=8)),')),
        "panel 'Again': has the same panel id 3 as panel 'Requests'"),
    "overlapping panels": (
        "overlap.py", plain_module("overlap", extra_panel=(
            'TimeSeries(title="Over", gridPos=GridPos(h=8, w=12, x=6, y=4)),')),
        "panel 'Over': overlaps panel 'Requests'"),
}


def invoke(project: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(project), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", sorted(BAD_MODULES))
def test_bad_module_is_named_and_the_others_still_build(
        case: str, project: Path, write_module: WriteModule) -> None:
    name, source, expected = BAD_MODULES[case]
    write_module("good.py", plain_module("good"))
    write_module(name, source)
    code, _out, err = invoke(project, "build")
    assert code == 1
    assert expected in err
    assert "Traceback" not in err
    assert (project / "build/Team/Sub/good.json").exists()
    assert not list((project / "build").rglob("*.tmp"))
    assert "build failed: 1 dashboards from 2 modules" in err


def test_duplicate_uids_across_modules_name_both_and_write_neither(
        project: Path, write_module: WriteModule) -> None:
    write_module("one.py", plain_module("same"))
    write_module("two.py", plain_module("same"))
    write_module("other.py", plain_module("other"))
    code, _out, err = invoke(project, "build")
    assert code == 1
    assert "uid 'same' is used by more than one dashboard (dashboards/one.py, " \
           "dashboards/two.py)" in err
    assert not (project / "build/Team/Sub/same.json").exists()
    assert (project / "build/Team/Sub/other.json").exists()


def test_debug_shows_the_traceback(project: Path, write_module: WriteModule) -> None:
    write_module("raises.py", "raise RuntimeError('boom')\n")
    code, _out, err = invoke(project, "--debug", "build")
    assert code == 1 and "Traceback (most recent call last)" in err and "boom" in err


def test_build_transcript(project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    code, out, err = invoke(project, "build")
    assert (code, err) == (0, "")
    assert out == ("built 1 dashboards from 1 modules: 1 written, 0 unchanged, 0 removed; "
                   "1 modules compiled, 0 unchanged since the last build\n")
    code, out, _ = invoke(project, "build", "--out", str(project / "elsewhere"), "-q")
    assert (code, out) == (0, "")
    assert (project / "elsewhere/Team/Sub/alpha.json").exists()


def test_plain_grafanalib_module_with_angular_graph_builds_with_a_warning(
        project: Path, write_module: WriteModule) -> None:
    write_module("legacy.dashboard.py", """\
        from grafanalib.core import Dashboard, Graph, Target
        dashboard = Dashboard(title="Legacy",
                              panels=[Graph(title="g", targets=[Target(expr="up")])])
        """)
    code, _out, err = invoke(project, "build")
    assert code == 0
    assert "warning: dashboards/legacy.dashboard.py: dashboard 'Legacy', panel 'g': converted " \
           "the Angular 'graph' panel to 'timeseries'" in err
    assert (project / "build/legacy.json").exists()


@pytest.mark.parametrize("seed", ["0", "12345"])
def test_bytes_do_not_depend_on_the_hash_seed(seed: str, project: Path,
                                              write_module: WriteModule) -> None:
    repo = Path(__file__).resolve().parents[2]
    outputs = []
    for hash_seed in ("1", seed):
        out = project / f"out-{hash_seed}"
        subprocess.run([sys.executable, "-m", "dashkit", "build", str(repo / "dashboards"),
                        "--out", str(out), "-q"], check=True, cwd=repo,
                       env={"PYTHONHASHSEED": hash_seed, "PATH": "/usr/bin:/bin"})
        outputs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*.json")
                        if not p.name.startswith(".")})
    assert outputs[0] == outputs[1] and len(outputs[0]) >= 6


def test_build_does_not_load_the_grafana_client_the_linter_or_the_differ() -> None:
    # Every command pays for what it imports at start-up, and build runs most often.
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom dashkit.cli import cli\n"
             "CliRunner().invoke(cli, ['build', '--help'], catch_exceptions=False)\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('grafana_client', 'niquests') or m.startswith(('dashkit.review.lint', "
             "'dashkit.review.diff', 'dashkit.grafana.push'))))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"




def test_a_uid_taken_from_clashing_file_names_says_so(
        project: Path, write_module: WriteModule) -> None:
    untitled = plain_module("x").replace("    uid='x',\n", "")
    assert "uid=" not in untitled
    write_module("team-a/example.dashboard.py", untitled)
    write_module("team-b/example.dashboard.py", untitled)
    code, _out, err = invoke(project, "build")
    assert code == 1
    assert ("uid 'example' comes from the file names dashboards/team-a/example.dashboard.py "
            "and dashboards/team-b/example.dashboard.py; set uid= in the dashboard to tell "
            "them apart") in err
