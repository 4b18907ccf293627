"""Links to dashboards name a dashboard of the project.

A `/d/<uid>` link (dashboard links, panel links, data links, links in text panels) whose
uid no dashboard of the project has opens "Dashboard not found". The project is every
dashboard being linted plus those of the last `dashboards build`. Links to other hosts,
and uids made of variables (`/d/${uid}`), are not checked; `/explore` links are fine.

**Anti-pattern**

The dashboard was renamed to `job-success`:

    {"links": [{"type": "link", "title": "Jobs", "url": "/d/jobs-overview"}]}

**Best practice**

    {"links": [{"type": "link", "title": "Jobs", "url": "/d/job-success"}]}
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule

_PREFIXES = ("d", "d-solo")


def linked_uid(url: str) -> str | None:
    """The uid a link to a dashboard of this Grafana names; None for anything else."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    segments = parts.path.lstrip("/").split("/")
    if len(segments) >= 2 and segments[0] in _PREFIXES:
        uid = unquote(segments[1])
        return None if "$" in uid else uid
    return None


def check(ctx: LintContext) -> Iterator[Problem]:
    known = ctx.project.known_uids
    for link in ctx.links:
        uid = linked_uid(link.url)
        if uid is None or uid in known:
            continue
        close = difflib.get_close_matches(uid, sorted(known), n=3)
        hint = f"Did you mean {', '.join(close)}? " if close else ""
        yield Problem(f"{link.kind} to {link.url!r}: no dashboard of the project has uid "
                      f"{uid!r}", Location(panel=link.panel),
                      details=hint + "Point it at an existing uid (dashboards list shows them).")


RULE = Rule("links/dashboard-exists", Severity.ERROR, check, __doc__ or "",
            needs_project=True)
