"""Preview pages for the project's dashboards: one ``<uid>.html`` each in the output folder,
and with ``png`` a screenshot of each through headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashkit.build.writer import write_if_changed
from dashkit.config import ProjectConfig
from dashkit.preview.charts import Series
from dashkit.preview.grid import PAGE_WIDTH, page_height
from dashkit.preview.page import page
from dashkit.problems import UserError
from dashkit.queries.project import datasource_types, project_dashboards, scrape_interval
from dashkit.queries.prometheus import Prometheus, Unreachable, where

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


@dataclass(frozen=True)
class Previewed:
    uid: str
    html: Path
    png: Path | None = None


def preview_project(config: ProjectConfig, paths: Sequence[Path], out_dir: Path, *,
                    uids: Sequence[str] = (), prometheus: Prometheus | None = None,
                    scrape: float | None = None, png: bool = False) -> list[Previewed]:
    dashboards = project_dashboards(config, paths, uids)
    scrape = scrape if scrape is not None else scrape_interval(config)
    now = time.time()
    out_dir.mkdir(parents=True, exist_ok=True)
    done = []
    for dashboard in dashboards:
        data: dict[int, list[Series]] = {}
        note = "panels not queried: no --prometheus-url"
        if prometheus is not None:
            from dashkit.preview.data import panel_series

            try:
                data = dict(panel_series(dashboard.data, prometheus, scrape=scrape, now=now,
                                         datasource_types=datasource_types(config)))
            except Unreachable as exc:
                raise UserError(f"cannot query Prometheus: {exc}",
                                hints=("check --prometheus-url",)) from None
            when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(now))
            note = f"data from {where(prometheus.url)} at {when}"
        uid = str(dashboard.data.get("uid"))
        series = {pid: data.get(pid, []) if prometheus is not None else None
                  for pid in _panel_ids(dashboard.data)}
        target = out_dir / f"{uid}.html"
        write_if_changed(target, page(dashboard.data, series, note=note).encode())
        shot = screenshot(target, _height(dashboard.data)) if png else None
        done.append(Previewed(uid, target, shot))
    return done


def _panel_ids(dashboard: Mapping[str, Any]) -> list[int]:
    return [int(p["id"]) for p in dashboard.get("panels") or []
            if isinstance(p, dict) and isinstance(p.get("id"), int)]


def _height(dashboard: Mapping[str, Any]) -> int:
    return int(page_height([p for p in dashboard.get("panels") or [] if isinstance(p, dict)])
               + 100)


def chromium() -> str:
    for name in CHROMIUM:
        found = shutil.which(name)
        if found:
            return found
    raise UserError("--png needs Chromium, which is not installed",
                    hints=("install it: apt-get install chromium",))


def screenshot(page_file: Path, height: int) -> Path:
    """A PNG of the page next to it, taken by headless Chromium (no network needed)."""
    target = page_file.with_suffix(".png")
    command = [chromium(), "--headless", "--disable-gpu", "--no-sandbox",
               "--hide-scrollbars", f"--window-size={PAGE_WIDTH + 32},{height}",
               f"--screenshot={target}", page_file.resolve().as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0 or not target.exists():
        raise UserError(f"Chromium could not take a screenshot of {page_file}",
                        details=result.stderr[-2000:])
    return target
