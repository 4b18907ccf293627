"""Grafana's 24-column grid in pixels, with Grafana's own measures
(``GRID_CELL_HEIGHT``, ``GRID_CELL_VMARGIN`` and ``GRID_COLUMN_COUNT`` in
public/app/core/constants.ts): a grid unit of height is 30 px, panels are 8 px apart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COLUMNS = 24
CELL_HEIGHT = 30
MARGIN = 8
PAGE_WIDTH = 1440
"""The width the page lays the grid out at (a common laptop screen, less the side menu)."""


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float


def box(grid: dict[str, Any], width: int = PAGE_WIDTH) -> Box:
    """Where a gridPos is on a page ``width`` pixels wide."""
    column = (width - (COLUMNS - 1) * MARGIN) / COLUMNS
    x, y, w, h = (int(grid.get(k, 0) or 0) for k in ("x", "y", "w", "h"))
    return Box(left=x * (column + MARGIN), top=y * (CELL_HEIGHT + MARGIN),
               width=w * column + (w - 1) * MARGIN,
               height=h * CELL_HEIGHT + (h - 1) * MARGIN)


def page_height(panels: list[dict[str, Any]], width: int = PAGE_WIDTH) -> float:
    bottoms = [box(p.get("gridPos") or {}, width) for p in panels]
    return max((b.top + b.height for b in bottoms), default=0.0)
