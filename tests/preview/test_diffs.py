"""Previews of a diff: before and after pages of each changed dashboard, changed panels
outlined; and a markdown comment that stays under GitHub's limit."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import WriteModule, plain_module

from dashkit.cli import cli
from dashkit.report import diff as report_diff
from dashkit.review.diff import DashboardChanges, DashboardDiff, FieldChange, PanelChange


def test_diff_writes_before_and_after_pages_with_the_changed_panel_outlined(
        project: Path, write_module: WriteModule) -> None:
    write_module("a.py", plain_module("alpha"))
    write_module("b.py", plain_module("beta"))
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(project), "build", "--out",
                               str(project / "old")]).exit_code == 0
    write_module("a.py", plain_module("alpha").replace('title="Errors"', 'title="Failures"'))
    result = runner.invoke(cli, ["-C", str(project), "diff", "--dir", str(project / "old"),
                                 "--preview", str(project / "previews")])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in (project / "previews").iterdir())
    assert pages == ["alpha.after.html", "alpha.before.html", "index.html"]
    after = (project / "previews" / "alpha.after.html").read_text()
    outlined = re.findall(r'<section class="panel changed"[^>]*>.*?<div class="title">([^<]*)',
                          after)
    assert outlined == ["Failures"]
    before = (project / "previews" / "alpha.before.html").read_text()
    assert re.findall(r'<section class="panel changed"[^>]*>.*?<div class="title">([^<]*)',
                      before) == ["Errors"]
    assert 'href="alpha.before.html"' in (project / "previews" / "index.html").read_text()


def test_a_long_diff_folds_to_its_summary_under_the_comment_limit() -> None:
    change = DashboardChanges("d", "D", panels=tuple(
        PanelChange("changed", i, f"Panel {i}", "timeseries",
                    (FieldChange("query A", "x" * 300, "y" * 300),)) for i in range(400)))
    diffs = [DashboardDiff(f"d{i}", "changed", f"Dashboard {i}", f"Dashboard {i}",
                           changes=change) for i in range(5)]
    full = report_diff.markdown(diffs, limit=10**9)
    assert len(full) > 65_536
    folded = report_diff.markdown(diffs, elsewhere="see the dashboard-previews artifact")
    assert len(folded) <= 65_536
    assert "| Dashboard 4 (`d4`)" in folded and "<details>" not in folded
    assert "see the dashboard-previews artifact" in folded
