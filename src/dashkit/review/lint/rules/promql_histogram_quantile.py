"""histogram_quantile reads a sum by `le` of `_bucket` rates.

`histogram_quantile` needs, for each group, the rate of every bucket, labelled by `le`.
Without `sum`, each pod and instance is its own histogram (the quantile of one replica,
not of the service); a `sum` that drops `le` (`sum by (tenant)`, `sum without (le)`)
leaves nothing to compute with; raw counters instead of rates give the quantile since the
process started. `sum without (...)` is fine when it keeps `le`. A recording rule of
bucket rates (a name with `:` ending in `_bucket`) is accepted. The quantile itself
must be between 0 and 1.

**Anti-pattern**

    histogram_quantile(0.99, rate(extraction_duration_seconds_bucket[$__rate_interval]))
    histogram_quantile(0.99, sum by (tenant)
                               (rate(extraction_duration_seconds_bucket[$__rate_interval])))

**Best practice**

    histogram_quantile(0.99, sum by (le, tenant)
                               (rate(extraction_duration_seconds_bucket[$__rate_interval])))
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.promql.series import is_recording_rule
from dashkit.promql.tree import (
    RATE_FUNCTIONS,
    Aggregate,
    Call,
    Node,
    Number,
    Selector,
    is_placeholder,
    unwrap,
)
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems

ADVICE = ("Write histogram_quantile(φ, sum by (le, ...) (rate(<metric>_bucket"
          "[$__rate_interval]))); dashkit.style.queries.quantile does.")


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/histogram-quantile", _shape_notes)


def _shape_notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    return [(f": histogram_quantile {problem}", ADVICE)
            for node in parsed.nodes
            if isinstance(node, Call) and node.func == "histogram_quantile"
            and len(node.args) == 2
            for problem in _faults(node.args[0], unwrap(node.args[1]))]


def _faults(phi: Node, buckets: Node) -> Iterator[str]:
    phi = unwrap(phi)
    if isinstance(phi, Number) and not 0 <= phi.value <= 1:
        yield f"of {phi.value:g}: the quantile must be between 0 and 1"
    if not isinstance(buckets, Aggregate) or buckets.op != "sum":
        yield "over series that are not summed: each replica is its own histogram"
        return
    keeps_le = ("le" in buckets.labels if buckets.grouping == "by" else
                buckets.grouping == "without" and "le" not in buckets.labels)
    if not keeps_le:
        clause = f"{buckets.grouping} ({', '.join(buckets.labels)})" if buckets.grouping else ""
        yield f"over sum {clause}".rstrip() + ", which drops the le label"
    inner = unwrap(buckets.expr)
    if isinstance(inner, Selector) and inner.range is None and is_recording_rule(inner.name):
        return
    if not (isinstance(inner, Call) and inner.func in RATE_FUNCTIONS and inner.args):
        yield "over a sum of something other than rates of _bucket series"
        return
    series = unwrap(inner.args[0])
    if isinstance(series, Selector) and not (series.name.endswith("_bucket")
                                             or is_placeholder(series.name)):
        yield f"over {series.name!r}, which is not a _bucket series"


RULE = Rule("promql/histogram-quantile", Severity.ERROR, check, __doc__ or "")
