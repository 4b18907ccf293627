"""rate, irate and increase use `$__rate_interval` as their range.

A fixed range under an hour (`[5m]`) is too short once the dashboard is zoomed out
(samples between steps are skipped, spikes vanish) and shows gaps when it is under four
scrape intervals; `$__interval` has the second problem. `$__rate_interval` follows the
step and is never shorter than four scrape intervals. Deliberate windows are fine:
`$__range` (the selected period), a template variable (a range the viewer picks), and a
fixed range of an hour or more (a reporting window such as "used in the last 24 hours",
which must not change with the zoom).

**Anti-pattern**

    sum(rate(gateway_http_requests_total[5m]))

**Best practice**

    sum(rate(gateway_http_requests_total[$__rate_interval]))
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import promql_parser

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed, range_source
from dashkit.promql.tree import Selector, Subquery, rate_calls
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems

ACCEPTED = ("__rate_interval", "__range", "variable")
REPORTING_WINDOW = timedelta(hours=1)
"""Fixed ranges this long or longer are deliberate windows, not rate intervals."""

HINT = ("$__rate_interval follows the zoom and is never shorter than four scrape intervals. "
        "For a deliberate window use $__range or a window of an hour or more.")


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/rate-interval", _notes)


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    found: list[Note] = []
    for node, arg in rate_calls(parsed.nodes):
        window = arg.range if isinstance(arg, Selector | Subquery) else None
        if window is None:
            continue
        source = range_source(window)
        if source in ACCEPTED or (source is None and window >= REPORTING_WINDOW):
            continue
        problem = ("[$__interval]) can be shorter than four scrape intervals"
                   if source == "__interval" else f"[{_duration(window)}]) has a fixed range")
        found.append((f": {node.func}(...{problem}; use $__rate_interval", HINT))
    return found


def _duration(value: timedelta) -> str:
    return str(promql_parser.display_duration(value))


RULE = Rule("promql/rate-interval", Severity.WARNING, check, __doc__ or "")
