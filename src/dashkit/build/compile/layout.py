"""Grid checks and placement for panels that do not say where they go."""

from __future__ import annotations

from typing import Any

from dashkit.build.compile.legacy import GRID_COLUMNS

DEFAULT_SIZE = {"w": 12, "h": 8}


GRAFANA_DEFAULT_GRID = {"x": 0, "y": 0, "h": 3, "w": 6}
"""What Grafana fills a partial gridPos with (``PanelModel``'s defaults, merged key by key:
public/app/features/dashboard/state/PanelModel.ts)."""


def place_missing(panels: list[dict[str, Any]]) -> None:
    """Complete a partial gridPos as Grafana does, and give panels without one a place after
    everything that has one, left to right."""
    for panel in panels:
        grid = panel.get("gridPos")
        if isinstance(grid, dict) and grid and not set(GRAFANA_DEFAULT_GRID) <= set(grid):
            panel["gridPos"] = {**GRAFANA_DEFAULT_GRID, **grid}
    if all(_has_grid(p) for p in panels):
        return
    bottom = max((_bottom(p) for p in panels if _has_grid(p)), default=0)
    x, y, line = 0, bottom, 0
    for panel in panels:
        if _has_grid(panel):
            continue
        if panel.get("type") == "row":
            if x:
                x, y, line = 0, y + line, 0
            panel["gridPos"] = {"h": 1, "w": GRID_COLUMNS, "x": 0, "y": y}
            y += 1
            continue
        w, h = DEFAULT_SIZE["w"], DEFAULT_SIZE["h"]
        if x + w > GRID_COLUMNS:
            x, y, line = 0, y + line, 0
        panel["gridPos"] = {"h": h, "w": w, "x": x, "y": y}
        x, line = x + w, max(line, h)


def grid_problems(panels: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Panels off the 24-column grid, and pairs of panels that overlap."""
    found: list[tuple[dict[str, Any], str]] = []
    boxes: list[tuple[dict[str, Any], int, int, int, int]] = []
    for panel in panels:
        grid = panel.get("gridPos") or {}
        try:
            x, y, w, h = grid["x"], grid["y"], grid["w"], grid["h"]
        except (KeyError, TypeError, IndexError):
            x = y = w = h = None
        # type() and not isinstance(): True and False are ints to isinstance.
        if not (type(x) is int and type(y) is int and type(w) is int and type(h) is int):
            found.append((panel, f"gridPos {grid!r} needs integer x, y, w and h"))
            continue
        if panel.get("type") == "row" and w == 0:
            # A row spans the grid whatever its width says (Grafana lays rows out at full
            # width: SceneGridRow); some generators write w=0. Kept as written.
            w = GRID_COLUMNS
        if x < 0 or y < 0 or w < 1 or h < 1 or x + w > GRID_COLUMNS:
            found.append((panel, f"gridPos x={x} w={w} leaves the {GRID_COLUMNS}-column grid"
                                 if x + w > GRID_COLUMNS or x < 0 else
                                 f"gridPos {grid!r} needs x, y >= 0 and w, h >= 1"))
            continue
        for other, ox, oy, ow, oh in boxes:
            if x < ox + ow and ox < x + w and y < oy + oh and oy < y + h:
                found.append((panel, f"overlaps panel {other.get('title')!r} "
                                     f"(at x={ox} y={oy} w={ow} h={oh})"))
        boxes.append((panel, x, y, w, h))
    return found


def _has_grid(panel: dict[str, Any]) -> bool:
    return isinstance(panel.get("gridPos"), dict) and bool(panel["gridPos"])


def _bottom(panel: dict[str, Any]) -> int:
    grid = panel["gridPos"]
    try:
        return int(grid.get("y", 0)) + int(grid.get("h", 0))
    except (TypeError, ValueError):
        return 0
