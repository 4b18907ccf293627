"""No two panels overlap.

Grafana pushes overlapping panels apart when it loads the dashboard, so what people see
is not what the code says, and the next save rewrites every position. Panels inside a
collapsed row are checked against each other.

**Anti-pattern**

The second panel starts inside the first:

    {"title": "Requests", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}}
    {"title": "Errors", "gridPos": {"x": 6, "y": 4, "w": 12, "h": 8}}

**Best practice**

    {"title": "Requests", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}}
    {"title": "Errors", "gridPos": {"x": 12, "y": 0, "w": 12, "h": 8}}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.dashboard import Panel, describe, layout_groups, panel_title, subject
from dashkit.review.lint.grid import Box, box
from dashkit.review.lint.rule import Rule


def check(ctx: LintContext) -> Iterator[Problem]:
    for group in layout_groups(ctx.dashboard):
        placed: list[tuple[Box, Panel]] = []
        for panel in group:
            pos = box(panel)
            if pos is None:
                continue
            for other, other_panel in placed:
                if (pos.x < other.x + other.w and other.x < pos.x + pos.w
                        and pos.y < other.y + other.h and other.y < pos.y + pos.h):
                    yield Problem(
                        f"{subject(panel)} overlaps {describe(other_panel)}",
                        Location(panel=panel_title(panel)),
                        details=f"It is at x={pos.x}, y={pos.y}, w={pos.w}, h={pos.h}; the other "
                                f"at x={other.x}, y={other.y}, w={other.w}, h={other.h}. Move "
                                "or resize one of them.")
                    break
            placed.append((pos, panel))


RULE = Rule("layout/no-overlap", Severity.ERROR, check, __doc__ or "")
