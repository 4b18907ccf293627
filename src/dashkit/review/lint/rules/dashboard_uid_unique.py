"""No two dashboards of the project share a uid.

Grafana holds one dashboard per uid: the second push overwrites the first, and `/d/<uid>`
links open whichever was pushed last.

**Anti-pattern**

Two modules that both declare:

    {"uid": "uploads", "title": "YouTube uploads"}
    {"uid": "uploads", "title": "Upload quota"}

**Best practice**

Each dashboard its own uid:

    {"uid": "youtube-uploads", "title": "YouTube uploads"}
    {"uid": "youtube-quota", "title": "Upload quota"}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule


def check(ctx: LintContext) -> Iterator[Problem]:
    same = list(ctx.project.by_uid.get(ctx.uid, ()))
    if ctx.ref in same:
        same.remove(ctx.ref)
    if ctx.uid and same:
        others = ", ".join(sorted(f"{d.title!r} ({d.source})" if d.source else repr(d.title)
                                  for d in same))
        yield Problem(f"uid {ctx.uid!r} is also the uid of {others}",
                      details="Grafana keeps one dashboard per uid; give each dashboard its own.")


RULE = Rule("dashboard/uid-unique", Severity.ERROR, check, __doc__ or "",
            needs_project=True)
