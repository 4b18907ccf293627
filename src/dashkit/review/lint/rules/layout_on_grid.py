"""Every panel sits on the 24-column grid.

A panel needs a `gridPos` of whole numbers with `x >= 0`, `y >= 0`, `w` and `h` at
least 1, and `x + w <= 24`. Grafana silently moves or resizes panels that do not fit,
so the saved dashboard differs from the code and the layout is not what was reviewed.

**Anti-pattern**

A panel that runs off the right edge:

    {"title": "Queue depth", "gridPos": {"x": 18, "y": 0, "w": 12, "h": 8}}

**Best practice**

    {"title": "Queue depth", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 8}}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.dashboard import panel_title, subject
from dashkit.review.lint.grid import COLUMNS, box
from dashkit.review.lint.rule import Rule


def check(ctx: LintContext) -> Iterator[Problem]:
    for panel in ctx.panels:
        where, title = subject(panel), panel_title(panel)
        pos = box(panel)
        if pos is None:
            yield Problem(f"{where} has no gridPos of whole numbers x, y, w and h",
                          Location(panel=title),
                          details=f"gridPos is {panel.get('gridPos')!r}; Grafana will place it "
                                  "wherever it fits.")
        elif pos.x < 0 or pos.y < 0 or pos.w < 1 or pos.h < 1:
            yield Problem(f"{where} has an impossible gridPos (x={pos.x}, y={pos.y}, "
                          f"w={pos.w}, h={pos.h})", Location(panel=title),
                          details="x and y start at 0; width and height are at least 1.")
        elif pos.x + pos.w > COLUMNS:
            yield Problem(f"{where} ends at column {pos.x + pos.w}; the grid is {COLUMNS} "
                          f"columns wide (x={pos.x}, w={pos.w})", Location(panel=title),
                          details=f"Make x + w at most {COLUMNS}.")


RULE = Rule("layout/on-grid", Severity.ERROR, check, __doc__ or "")
