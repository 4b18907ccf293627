"""Panel positions on Grafana's grid: 24 columns, rows of 30 px, whole numbers only."""

from __future__ import annotations

from dataclasses import dataclass

from dashkit.review.lint.dashboard import Panel

COLUMNS = 24


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    def overlaps(self, other: Box) -> bool:
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)


def box(panel: Panel) -> Box | None:
    """The panel's gridPos when it has four whole numbers, else None."""
    grid = panel.get("gridPos")
    if not isinstance(grid, dict):
        return None
    x, y, w, h = grid.get("x"), grid.get("y"), grid.get("w"), grid.get("h")
    # type(...) is int: True and False are ints too, but not positions
    if type(x) is int and type(y) is int and type(w) is int and type(h) is int:
        return Box(x, y, w, h)
    return None
