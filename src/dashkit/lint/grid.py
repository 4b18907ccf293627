"""Panel positions on Grafana's grid: 24 columns, rows of 30 px, whole numbers only."""

from __future__ import annotations

from dataclasses import dataclass

from dashkit.lint.dashboard import Panel, mapping

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
    grid = mapping(panel.get("gridPos"))
    values = [grid.get(k) for k in ("x", "y", "w", "h")]
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    return Box(*numbers) if len(numbers) == len(values) else None
