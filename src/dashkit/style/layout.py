"""Rows of panels -> positions on Grafana's 24-column grid, left to right, top to bottom."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import attr
from grafanalib import core as G

from dashkit.ids import panel_id, slug

GRID_COLUMNS = 24


@dataclass(frozen=True)
class Row:
    """A titled group of panels. Panels fill the row left to right and wrap at 24 columns."""

    title: str
    panels: Sequence[Any] = field(default_factory=tuple)
    collapsed: bool = False
    key: str | None = None


def lay_out(rows: Sequence[Row]) -> list[Any]:
    """The dashboard's panel list: each row panel followed by its panels, all positioned."""
    out: list[Any] = []
    keys: set[str] = set()
    y = 0
    for row in rows:
        key = "row/" + (row.key or slug(row.title))
        if key in keys:
            raise ValueError(f"two rows have the key {key!r}; give one a distinct key=")
        keys.add(key)
        placed, bottom = _flow(row.panels, y + 1, row.title)
        row_panel = G.RowPanel(
            id=panel_id(key), title=row.title, collapsed=row.collapsed,
            gridPos=G.GridPos(h=1, w=GRID_COLUMNS, x=0, y=y),
            panels=placed if row.collapsed else [],
        )
        out.append(row_panel)
        if row.collapsed:
            y += 1
        else:
            out.extend(placed)
            y = bottom
    return out


def _flow(panels: Sequence[Any], top: int, row_title: str) -> tuple[list[Any], int]:
    placed: list[Any] = []
    x, y, line = 0, top, 0
    for panel in panels:
        grid = panel.gridPos
        if grid is None:
            raise ValueError(f"panel {panel.title!r} in row {row_title!r} has no size; "
                             "make it with a dashkit.style factory or give it a GridPos")
        w, h = grid.w, grid.h
        if w > GRID_COLUMNS:
            raise ValueError(f"panel {panel.title!r} is {w} columns wide; the grid has "
                             f"{GRID_COLUMNS}")
        if x + w > GRID_COLUMNS:
            x, y, line = 0, y + line, 0
        placed.append(attr.evolve(panel, gridPos=G.GridPos(h=h, w=w, x=x, y=y)))
        x, line = x + w, max(line, h)
    return placed, y + line
