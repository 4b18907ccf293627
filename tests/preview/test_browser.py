"""The preview pages in a real browser: headless Chromium (Debian's, installed by
scripts/test) lays out every dashboard of the repository drawn from the reference workload,
and the rendered DOM is checked against the grid; a screenshot is taken of each."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import REPO
from live import query, wait_until
from queries.conftest import Live

from dashkit.cli import cli
from dashkit.preview.grid import box

PROBE = """<script>addEventListener("load", () => {
  const origin = document.querySelector("main.grid").getBoundingClientRect();
  const found = [...document.querySelectorAll("[data-panel-id]")].map(e => {
    const r = e.getBoundingClientRect();
    const title = e.querySelector(".title") || e.querySelector(".name");
    return {id: e.dataset.panelId, type: e.dataset.type, grid: e.dataset.grid,
            series: Number(e.dataset.series ?? -1), unit: e.dataset.unit ?? "",
            foot: (e.querySelector(".foot") || {}).textContent || "",
            lines: e.querySelectorAll("polyline.series").length,
            title: title ? title.firstChild.textContent : e.textContent,
            x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height};
  });
  document.body.setAttribute("data-layout", JSON.stringify(found));
});</script>"""
"""Added to a copy of each page for the test only: the pages themselves have no script."""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "chromium is missing: scripts/test installs it (apt-get install chromium)"
    return found


@pytest.fixture(scope="module")
def pages(live: Live, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A minute of the workload's data at least, so every 30 s step of a panel has its rates
    # (a Prometheus started for this run has none yet; the one of scripts/test has more).
    wait_until(lambda: bool(query(live.prometheus,
                                  "min(count_over_time(queue_enqueued_total[2m])) >= 60")),
               "a minute of the workload's data", timeout=150)
    out = tmp_path_factory.mktemp("preview")
    result = CliRunner().invoke(cli, ["-C", str(REPO), "preview", "--out", str(out),
                                      "--prometheus-url", live.prometheus,
                                      "--scrape-interval", "1s", "--png"])
    assert result.exit_code == 0, result.output
    return out


def layout(page: Path, tmp: Path) -> tuple[list[dict[str, Any]], str]:
    probe = tmp / f"probe-{page.name}"
    probe.write_text(page.read_text().replace("</body>", PROBE + "</body>"))
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1472,4000",
         "--virtual-time-budget=5000", "--enable-logging=stderr", "--v=0", "--dump-dom",
         probe.as_uri()], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    match = re.search(r'data-layout="([^"]*)"', result.stdout)
    assert match, result.stdout[:500]
    return json.loads(html.unescape(match.group(1))), result.stderr


def test_every_panel_is_where_its_grid_position_says_and_nothing_overlaps(
        pages: Path, tmp_path: Path) -> None:
    files = sorted(pages.glob("*.html"))
    assert len(files) >= 9
    for page in files:
        found, log = layout(page, tmp_path)
        assert "CONSOLE" not in log, log[-1000:]
        assert found, page.name
        for item in found:
            x, y, w, h = map(int, item["grid"].split(","))
            want = box({"x": x, "y": y, "w": w, "h": h})
            got = (item["x"], item["y"], item["w"], item["h"])
            assert all(abs(a - b) <= 1.5 for a, b in zip(
                got, (want.left, want.top, want.width, want.height), strict=True)), (
                page.name, item["title"], got, want)
        panels = [i for i in found if i["type"] != "row"]
        for index, a in enumerate(panels):
            for b in panels[index + 1:]:
                overlap_w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
                overlap_h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
                assert overlap_w <= 1 or overlap_h <= 1, (page.name, a["title"], b["title"])


def test_time_series_draw_one_line_per_series_of_the_workload(pages: Path,
                                                              tmp_path: Path) -> None:
    found, _ = layout(pages / "queue-depth.html", tmp_path)
    series = {i["title"]: i for i in found if i["type"] == "timeseries"}
    flow = series["Enqueue vs dequeue rate"]
    assert flow["series"] == 4 and flow["lines"] == 4  # 2 queues x enqueued, dequeued
    assert series["Consumers"]["unit"] == "short" and series["Consumers"]["lines"] == 2
    drawn = [i for i in found if i["type"] == "timeseries" and i["series"] > 0]
    assert all(i["lines"] == i["series"] for i in drawn)


def test_titles_and_units_are_shown(pages: Path, tmp_path: Path) -> None:
    built = json.loads((REPO / "build" / "Platform" / "Pipeline" / "queue-depth.json")
                       .read_text())
    found, _ = layout(pages / "queue-depth.html", tmp_path)
    shown = {i["title"] for i in found}
    assert {p["title"] for p in built["panels"]} <= shown
    for item in found:
        if item["unit"]:
            assert f"unit {item['unit']}" in item["foot"], item


def test_a_screenshot_of_each_page(pages: Path) -> None:
    for shot in sorted(pages.glob("*.png")):
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(data[16:20], "big")
        height = int.from_bytes(data[20:24], "big")
        assert width == 1472 and height > 300, (shot.name, width, height)
    assert len(list(pages.glob("*.png"))) == len(list(pages.glob("*.html")))
