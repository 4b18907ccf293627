"""dashboards diff: golden markdown for the common review scenarios, a --base test on a
temporary git repository, and the text/JSON forms."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from dashkit.cli import cli

GOLDEN = REPO / "tests" / "review" / "golden_diff"


def module(*, title: str = "Checkout service", folder: str = "Team/Checkout",
           middle_panel: bool = False, query: str = "up", unit: str = "reqps",
           extra_variable: bool = False) -> str:
    middle = ('panels.timeseries("Saturation", description="Worker saturation.", '
              'unit="percentunit", targets=[PromTarget("avg(saturation)")]),'
              if middle_panel else "")
    extra = ", variables.queue()" if extra_variable else ""
    return f'''\
from dashkit.style import Row, dashboard, panels, variables
from dashkit.style.targets import PromTarget

dashboard = dashboard(
    uid="checkout", title={title!r}, folder={folder!r}, description="Checkout traffic.",
    variables=variables.standard(variables.tenant(){extra}),
    rows=[Row("Traffic", [
        panels.timeseries("Requests", description="Requests per second.", unit={unit!r},
                          targets=[PromTarget({query!r}, legend="{{{{route}}}}")]),
        {middle}
        panels.timeseries("Errors", description="Errors per second.", unit="reqps",
                          targets=[PromTarget("sum(rate(errors_total[$__rate_interval]))")]),
        panels.stat("Latency", description="p99 latency.", unit="s",
                    targets=[PromTarget("histogram_quantile(0.99, x)")]),
    ])],
)
'''


SCENARIOS = {
    "panel_added_in_the_middle": {"middle_panel": True},
    "query_changed": {"query": 'sum by (route) (rate(requests_total[$__rate_interval]))'},
    "unit_changed": {"unit": "ops"},
    "dashboard_moved_folder": {"folder": "Team/Payments"},
    "dashboard_renamed": {"title": "Checkout (EU)"},
    "variable_added": {"extra_variable": True},
}


def project(root: Path, **changes: object) -> Path:
    (root / "dashboards").mkdir(parents=True, exist_ok=True)
    (root / "dashboards" / "checkout.py").write_text(module(**changes))  # type: ignore[arg-type]
    return root


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_markdown_diff_matches_golden(scenario: str, tmp_path: Path,
                                      update_goldens: bool) -> None:
    base = project(tmp_path / "base")
    assert run(base, "build", "--out", str(tmp_path / "baseline"), "-q")[0] == 0
    head = project(tmp_path / "head", **SCENARIOS[scenario])
    code, out = run(head, "diff", "--dir", str(tmp_path / "baseline"), "--format", "markdown",
                    "--exit-code")
    assert code == 1, out
    out = out.replace(str(tmp_path / "baseline"), "BASELINE")
    golden = GOLDEN / f"{scenario}.md"
    if update_goldens:
        golden.write_text(out)
    assert out == golden.read_text(), f"rerun with --update-goldens if {scenario} changed"


def test_inserting_a_panel_is_one_addition_and_moves_not_changes(tmp_path: Path) -> None:
    base = project(tmp_path / "base")
    run(base, "build", "--out", str(tmp_path / "baseline"), "-q")
    head = project(tmp_path / "head", middle_panel=True)
    code, out = run(head, "diff", "--dir", str(tmp_path / "baseline"), "--format", "json")
    assert code == 0
    (entry,) = json.loads(out)["dashboards"]
    kinds = sorted(p["kind"] for p in entry["changes"]["panels"])
    assert kinds == ["added", "moved", "moved"]


def test_no_changes_against_an_identical_build(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run(root, "build", "--out", str(tmp_path / "same"), "-q")
    code, out = run(root, "diff", "--dir", str(tmp_path / "same"), "--exit-code")
    assert (code, out.strip()) == (0, "No dashboard changes (1 unchanged).")


def test_added_and_removed_dashboards(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    run(root, "build", "--out", str(tmp_path / "before"), "-q")
    (root / "dashboards" / "checkout.py").rename(root / "dashboards" / "other.py")
    (root / "dashboards" / "other.py").write_text(
        module().replace('uid="checkout"', 'uid="other"'))
    code, out = run(root, "diff", "--dir", str(tmp_path / "before"))
    assert code == 0
    assert "+ Checkout service [other] (Team/Checkout): added" in out
    assert "- Checkout service [checkout] (Team/Checkout): removed" in out
    assert out.strip().endswith("0 changed, 1 added, 1 removed, 0 unchanged.")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                        "PATH": "/usr/bin:/bin"})


def test_base_ref_builds_the_base_in_a_temporary_worktree(tmp_path: Path) -> None:
    root = project(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    (root / "dashboards" / "checkout.py").write_text(module(unit="ops"))
    code, out = run(root, "diff", "--base", "main", "--format", "markdown")
    assert code == 0
    assert "| Checkout service (`checkout`) | Team/Checkout | 1 panel changed |" in out
    assert "- **unit**: `reqps` → `ops`" in out
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=root, capture_output=True,
                               text=True).stdout
    assert len(worktrees.strip().splitlines()) == 1  # the temporary worktree is gone
    assert run(root, "diff", "--base", "no-such-ref")[1].count("is not a commit") == 1


def test_a_diff_without_exactly_one_baseline_is_a_usage_error(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    code, out = run(root, "diff")
    assert code == 2 and "no baseline to compare with" in out and "--base REF" in out
    code, out = run(root, "diff", "--base", "main", "--dir", str(root))
    assert code == 2 and "more than one baseline" in out


def test_a_git_base_reuses_the_outputs_of_modules_that_did_not_change(tmp_path: Path) -> None:
    from dashkit.build.run import build
    from dashkit.build.seed import seed_build
    from dashkit.review.baseline import from_git

    root = project(tmp_path / "repo")
    (root / "dashboards" / "other.py").write_text(module().replace('uid="checkout"',
                                                                   'uid="other"'))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    (root / "dashboards" / "checkout.py").write_text(module(unit="ops"))
    assert build([root / "dashboards"], root / "build", root=root, jobs=1).ok
    base = tmp_path / "base-checkout"
    git(root, "worktree", "add", "--detach", "-q", str(base), "main")
    seeded = seed_build(root / "build", root, tmp_path / "base-build", base)
    assert seeded == 1  # other.py is the same at main; checkout.py is not
    report = build([base / "dashboards"], tmp_path / "base-build", root=base, jobs=1)
    assert report.compiled_modules == 1 and report.ok
    snapshots = from_git("main", root, root / "build")
    unseeded = from_git("main", root)
    assert {u: s.data for u, s in snapshots.items()} == {u: s.data for u, s in unseeded.items()}
    assert snapshots["checkout"].data["panels"][1]["fieldConfig"]["defaults"]["unit"] == "reqps"
