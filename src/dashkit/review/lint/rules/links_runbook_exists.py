"""Runbook links name a runbook of the repository.

Any link with `/runbooks/` or `docs/runbooks/` in it is a runbook link, and must name a
file under the repository's `docs/runbooks/` (the `.md` may be left out). Someone
paged at night follows it; a 404 then costs minutes. Links whose path holds a variable
(`/runbooks/${__field.labels.alertname}`) are not checked.

**Anti-pattern**

    {"title": "Runbook", "url": "https://git.example.com/media/docs/runbooks/queue-stuck.md"}

with no `docs/runbooks/queue-stuck.md` in the repository.

**Best practice**

Write the runbook in `docs/runbooks/queue-backlog.md` and link to it:

    {"title": "Runbook", "url": "https://git.example.com/media/docs/runbooks/queue-backlog.md"}
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from urllib.parse import unquote

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule

_RUNBOOK = re.compile(r"(?:^|/)runbooks/([^?#]*)")


def runbook_path(url: str) -> str | None:
    """The path under runbooks/ that a runbook link names ("" for the folder itself)."""
    if "/runbooks/" not in url and not url.startswith(("runbooks/", "docs/runbooks/")):
        return None
    match = _RUNBOOK.search(url)
    return unquote(match.group(1)).strip("/") if match else None


def check(ctx: LintContext) -> Iterator[Problem]:
    runbooks = ctx.project.runbooks
    for link in ctx.links:
        path = runbook_path(link.url)
        if path is None or "$" in path:
            continue
        if runbooks is None:
            yield Problem(f"{link.kind} to runbook {link.url!r}, but the repository has no "
                          "docs/runbooks/ folder", Location(panel=link.panel),
                          details="Write the runbook under docs/runbooks/ or remove the link.")
        elif not path:
            yield Problem(f"{link.kind} to {link.url!r} names no runbook file",
                          Location(panel=link.panel),
                          details="Link to the runbook itself, e.g. docs/runbooks/<name>.md.")
        elif path not in runbooks and f"{path}.md" not in runbooks:
            close = difflib.get_close_matches(path, sorted(runbooks), n=3)
            hint = f"Did you mean {', '.join(close)}? " if close else ""
            yield Problem(f"{link.kind} to runbook {path!r}, which is not under "
                          "docs/runbooks/", Location(panel=link.panel),
                          details=hint + "Write it, or fix the link.")


RULE = Rule("links/runbook-exists", Severity.ERROR, check, __doc__ or "",
            needs_project=True)
