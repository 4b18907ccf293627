"""Every dashboard has a stable uid that Grafana accepts.

The uid is the dashboard's address (`/d/<uid>`) and what a push matches on. Without one,
Grafana invents a random uid on every import, so links break and pushes make copies; a uid
longer than 40 characters or with other characters than letters, digits, `-` and `_` is
refused by Grafana.

**Anti-pattern**

No uid, or one Grafana rejects:

    {"title": "Queue depth", "uid": "queue depth (redis)"}

**Best practice**

A short, stable slug:

    {"title": "Queue depth", "uid": "queue-depth"}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dashkit.problems import Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule

MAX_LENGTH = 40
_ALLOWED = re.compile(r"^[A-Za-z0-9_-]+$")


def check(ctx: LintContext) -> Iterator[Problem]:
    uid = ctx.dashboard.get("uid")
    if not isinstance(uid, str) or not uid.strip():
        yield Problem("the dashboard has no uid",
                      details="Grafana gives it a random uid on import, so links and pushes "
                              "cannot find it again; set a stable uid such as the title's slug.")
    elif len(uid) > MAX_LENGTH:
        yield Problem(f"uid {uid!r} is {len(uid)} characters long; Grafana allows "
                      f"{MAX_LENGTH}", details="Shorten it; the uid is only an address.")
    elif not _ALLOWED.match(uid):
        yield Problem(f"uid {uid!r} has characters Grafana rejects",
                      details="Use letters, digits, '-' and '_' only.")


RULE = Rule("dashboard/uid-valid", Severity.ERROR, check, __doc__ or "")
