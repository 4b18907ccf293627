"""A golden screenshot of a preview page, compared with a tolerance (fonts and
antialiasing move a few pixels between Chromium builds; a panel moving or a chart changing
moves many)."""

from __future__ import annotations

import shutil
from pathlib import Path

from preview.png import differing_share
from preview.test_page import DASHBOARD, SERIES

from dashkit.preview.charts import Series
from dashkit.preview.page import page
from dashkit.preview.run import screenshot

GOLDEN = Path(__file__).parent / "golden" / "demo.png"
TOLERANCE = 0.01
"""At most 1% of the pixels may differ."""


def test_the_page_looks_as_it_did(tmp_path: Path, update_goldens: bool) -> None:
    html = tmp_path / "demo.html"
    html.write_text(page(DASHBOARD, {2: SERIES, 3: [Series("x", ((0, 0.25),))]}))
    shot = screenshot(html, 420)
    if update_goldens:
        GOLDEN.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, GOLDEN)
    share = differing_share(shot, GOLDEN)
    assert share <= TOLERANCE, f"{share:.2%} of the pixels differ from {GOLDEN.name}"


def test_the_comparison_sees_a_moved_panel(tmp_path: Path) -> None:
    moved = {**DASHBOARD, "panels": [dict(p) for p in DASHBOARD["panels"]]}
    moved["panels"][2] = {**moved["panels"][2], "gridPos": {"x": 18, "y": 1, "w": 6, "h": 4}}
    html = tmp_path / "moved.html"
    html.write_text(page(moved, {2: SERIES, 3: [Series("x", ((0, 0.25),))]}))
    assert differing_share(screenshot(html, 420), GOLDEN) > TOLERANCE
