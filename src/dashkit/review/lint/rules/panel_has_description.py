"""Every panel has a description.

The description is the panel's (i) tooltip: what it shows and what to do when it looks
wrong. Someone paged at night reads it before anything else. Rows are exempt (Grafana shows
no description for them).

**Anti-pattern**

    {"type": "stat", "title": "Oldest queued job", "fieldConfig": {"defaults": {"unit": "s"}}}

**Best practice**

    {"type": "stat", "title": "Oldest queued job", "fieldConfig": {"defaults": {"unit": "s"}},
     "description": "Age of the oldest waiting message; above 10 minutes, workers are stuck."}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.dashboard import panel_title, subject
from dashkit.review.lint.rule import Rule


def check(ctx: LintContext) -> Iterator[Problem]:
    for panel in ctx.panels:
        if panel.get("type") == "row":
            continue
        description = panel.get("description")
        if not isinstance(description, str) or not description.strip():
            yield Problem(f"{subject(panel)} has no description",
                          Location(panel=panel_title(panel)),
                          details="Say what it shows and what to do when it looks wrong.")


RULE = Rule("panel/has-description", Severity.WARNING, check, __doc__ or "")
