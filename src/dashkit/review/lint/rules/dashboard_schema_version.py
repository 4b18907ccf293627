"""The dashboard JSON is in a current schema.

dashkit writes `schemaVersion` 41. Grafana migrates anything older every time it loads
it, and saves different JSON the first time someone edits it, so every save shows a diff;
below 39 the dashboard predates Grafana 10 and often still has Angular panels.

**Anti-pattern**

    {"uid": "queue-depth", "schemaVersion": 16, "panels": []}

**Best practice**

Build it with `dashboards build` (or save it from a current Grafana):

    {"uid": "queue-depth", "schemaVersion": 41, "panels": []}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule

CURRENT = 41
OLDEST_ACCEPTED = 39


def check(ctx: LintContext) -> Iterator[Problem]:
    version = ctx.dashboard.get("schemaVersion")
    if not isinstance(version, int) or isinstance(version, bool):
        yield Problem("the dashboard has no schemaVersion",
                      details=f"Grafana treats it as the oldest schema; build it with dashkit "
                              f"(schemaVersion {CURRENT}).")
    elif version < OLDEST_ACCEPTED:
        yield Problem(f"schemaVersion {version} is old (current: {CURRENT}, accepted: "
                      f"{OLDEST_ACCEPTED} and later)",
                      details="Grafana migrates it on every load; build it with dashkit or save "
                              "it from a current Grafana.")


RULE = Rule("dashboard/schema-version", Severity.WARNING, check, __doc__ or "")
