"""Every panel has a title.

The title is what people scan for, what `viewPanel` links and alerts name, and how lint
ignores and reports point at a panel. Rows need one too: it is the only thing a collapsed
row shows.

**Anti-pattern**

    {"type": "timeseries", "title": "", "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}}

**Best practice**

    {"type": "timeseries", "title": "Jobs completed per second",
     "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.dashboard import describe, panel_title
from dashkit.review.lint.rule import Rule


def check(ctx: LintContext) -> Iterator[Problem]:
    for panel in ctx.panels:
        title = panel_title(panel)
        if not title or not title.strip():
            yield Problem(f"{describe(panel)} has no title",
                          details="Give it a title that says what it shows.")


RULE = Rule("panel/has-title", Severity.WARNING, check, __doc__ or "")
