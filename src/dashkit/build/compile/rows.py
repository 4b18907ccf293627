"""grafanalib's legacy ``rows`` (Grafana 4's 12-column rows) -> row panels on the 24-column
grid, as Grafana lays them out when it loads such a dashboard.

Followed step by step from Grafana's ``DashboardMigrator.upgradeToGridLayout`` (the schema 16
upgrade, public/app/features/dashboard/state/DashboardMigrator.ts, with its ``RowArea``
placement and ``getGridHeight``):

- row panels are made for every row as soon as one row is collapsed, shows its title or
  repeats; otherwise the panels are laid out without rows;
- a collapsed row keeps its panels inside it (positioned as if it were open) and takes one
  grid unit; an open row has no panels inside, they follow it;
- a panel's width is ``floor(span) * 2`` (span 4 when unset), its height the row's;
- heights in pixels become ``ceil(max(px, 90) / 38)`` grid units (250px -> 7).

One deliberate difference: a row panel's own ``gridPos.h`` is 1, as Grafana saves rows (the
upgrade writes the row's height there, which nothing reads).
"""

from __future__ import annotations

import math
from typing import Any

from dashkit.build.compile.plain import JSON

GRID_COLUMNS = 24
DEFAULT_PANEL_SPAN = 4
DEFAULT_ROW_HEIGHT_PX = 250
MIN_PANEL_HEIGHT_PX = 90
GRID_CELL_PX = 30 + 8
"""GRID_CELL_HEIGHT + GRID_CELL_VMARGIN (public/app/core/constants.ts)."""


def grid_height(value: JSON) -> int:
    """Grafana's ``getGridHeight``: pixels (``"250px"`` or a number) -> grid units."""
    pixels = DEFAULT_ROW_HEIGHT_PX
    if isinstance(value, int | float) and not isinstance(value, bool):
        pixels = int(value)
    elif isinstance(value, str):
        try:
            pixels = int(value.replace("px", "").strip())
        except ValueError:
            pixels = DEFAULT_ROW_HEIGHT_PX
    return math.ceil(max(pixels, MIN_PANEL_HEIGHT_PX) / GRID_CELL_PX)


class _RowArea:
    """Grafana's ``RowArea``: the filled height of each column of one row, to place the next
    panel at the first gap wide enough (wrapping to a new line of the row when none is)."""

    def __init__(self, height: int, y: int) -> None:
        self.area = [0] * GRID_COLUMNS
        self.y = y
        self.height = height

    def add(self, grid: dict[str, int]) -> None:
        for i in range(grid["x"], grid["x"] + grid["w"]):
            bottom = grid["y"] + grid["h"] - self.y
            if not self.area[i] or bottom > self.area[i]:
                self.area[i] = bottom

    def position(self, width: int, again: bool = False) -> tuple[int, int] | None:
        start = end = None
        for i in range(GRID_COLUMNS - 1, -1, -1):
            if self.height - self.area[i] > 0:
                if end is None:
                    end = i
                elif i < GRID_COLUMNS - 1 and self.area[i] <= self.area[i + 1]:
                    start = i
                else:
                    break
            else:
                break
        if start is not None and end is not None and end - start >= width - 1:
            return start, max(self.area[start:])
        if again:
            return None
        self.y += self.height
        self.area = [0] * GRID_COLUMNS
        return self.position(width, again=True)


def rows_to_panels(rows: list[JSON]) -> list[dict[str, Any]]:
    """The legacy rows as the panels list Grafana makes of them (see the module docstring)."""
    rows = [row for row in rows if isinstance(row, dict) and not row.get("repeatIteration")]
    show_rows = any(row.get("collapse") or row.get("showTitle") or row.get("repeat")
                    for row in rows)
    panels: list[dict[str, Any]] = []
    y = 0
    for row in rows:
        height = grid_height(row.get("height") or DEFAULT_ROW_HEIGHT_PX)
        row_panel: dict[str, Any] | None = None
        if show_rows:
            row_panel = {"type": "row", "title": row.get("title") or "",
                         "collapsed": bool(row.get("collapse")), "panels": [],
                         "gridPos": {"h": 1, "w": GRID_COLUMNS, "x": 0, "y": y}}
            if row.get("repeat"):
                row_panel["repeat"] = row["repeat"]
            if row.get("id") is not None:
                row_panel["id"] = row["id"]
            y += 1
        area = _RowArea(height, y)
        for child in row.get("panels") or []:
            if not isinstance(child, dict):
                continue
            span = child.get("span") or DEFAULT_PANEL_SPAN
            width = max(1, min(GRID_COLUMNS, math.floor(span) * 2))
            child_height = grid_height(child["height"]) if child.get("height") else height
            place = area.position(width)
            x, top = place if place is not None else (0, 0)
            y = area.y
            grid = {"h": child_height, "w": width, "x": x, "y": y + top}
            area.add(grid)
            placed = {k: v for k, v in child.items() if k not in ("span", "height")}
            placed["gridPos"] = grid
            if row_panel is not None and row_panel["collapsed"]:
                row_panel["panels"].append(placed)
            else:
                panels.append(placed)
        if row_panel is not None:
            panels.append(row_panel)
        if not (row_panel is not None and row_panel["collapsed"]):
            y += height
    # Grafana sorts panels by position once loaded: a row comes before the panels under it.
    panels.sort(key=lambda p: (p["gridPos"]["y"], p["gridPos"]["x"]))
    return panels
