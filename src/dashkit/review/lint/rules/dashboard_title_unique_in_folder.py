"""No two dashboards in one folder have the same title.

Grafana refuses to save a dashboard whose title another dashboard in the same folder already
has (compared without case), so the push fails; and people cannot tell them apart in search.

**Anti-pattern**

Two dashboards in `Platform/Pipeline`:

    {"uid": "queue-depth", "title": "Queues"}
    {"uid": "queue-age", "title": "Queues"}

**Best practice**

Titles that say what differs:

    {"uid": "queue-depth", "title": "Queue depth"}
    {"uid": "queue-age", "title": "Queue waiting time"}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule


def check(ctx: LintContext) -> Iterator[Problem]:
    title = ctx.ref.title.strip().casefold()
    same = [d for d in ctx.project.by_folder_title.get((ctx.ref.folder, title), ())
            if d.uid != ctx.uid]
    if title and same:
        folder = ctx.ref.folder or "General"
        others = ", ".join(sorted(repr(d.uid) for d in same))
        yield Problem(f"title {ctx.ref.title!r} is also the title of dashboard {others} in "
                      f"folder {folder!r}",
                      details="Grafana refuses two dashboards with one title in a folder; make "
                              "the titles say what differs.")


RULE = Rule("dashboard/title-unique-in-folder", Severity.ERROR, check, __doc__ or "",
            needs_project=True)
