"""rate, irate and increase are taken only of counters.

They assume the value only goes up and read every decrease as a counter reset, so over a
gauge (a queue depth, a temperature) they return nonsense that looks plausible. Counters,
and the `_bucket`, `_sum` and `_count` series of histograms and summaries, are fine.
For a gauge, show it as it is, or use `deriv`, `delta` or `avg_over_time`.

**Anti-pattern**

`queue_depth` is a gauge:

    sum(rate(queue_depth[$__rate_interval]))

**Best practice**

    sum(deriv(queue_depth[$__rate_interval]))
    sum(rate(queue_enqueued_total[$__rate_interval]))
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.promql.series import only_goes_up, resolve
from dashkit.promql.tree import Selector, rate_calls
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/rate-on-counter", _notes)


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    found: list[Note] = []
    for node, arg in rate_calls(parsed.nodes):
        if not isinstance(arg, Selector):
            continue
        metric = resolve(catalog, arg.name)
        if metric is not None and not only_goes_up(metric, arg.name):
            kind = metric.type.value
            found.append((f": {node.func}() of {arg.name!r}, which is a {kind}, not a counter",
                          f"{node.func} reads every decrease as a counter reset. Show the "
                          f"{kind} as it is, or use deriv(), delta() or avg_over_time()."))
    return found


RULE = Rule("promql/rate-on-counter", Severity.ERROR, check, __doc__ or "")
