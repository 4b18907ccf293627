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

from dashkit.lint.context import LintContext
from dashkit.lint.finding import Severity, Violation
from dashkit.lint.promql_ast import Call, Selector, unwrap
from dashkit.lint.rule import Rule
from dashkit.lint.series import only_goes_up, resolve

RATE_FUNCTIONS = ("rate", "irate", "increase")


def check(ctx: LintContext) -> Iterator[Violation]:
    for query in ctx.queries:
        for node in query.nodes:
            if not (isinstance(node, Call) and node.func in RATE_FUNCTIONS and node.args):
                continue
            arg = unwrap(node.args[0])
            if not isinstance(arg, Selector):
                continue
            metric = resolve(ctx.catalog, arg.name)
            if metric is not None and not only_goes_up(metric, arg.name):
                yield Violation(
                    f"{query.where}: {node.func}() of {arg.name!r}, which is a "
                    f"{metric.type.value}, not a counter",
                    f"{node.func} reads every decrease as a counter reset. Show the "
                    f"{metric.type.value} as it is, or use deriv(), delta() or "
                    f"avg_over_time().\nThe query:\n{query.expr}", query.panel)


RULE = Rule("promql/rate-on-counter", Severity.ERROR, check, __doc__ or "")
