"""Every label a query uses exists on its metric.

A matcher on a label the metric does not have matches nothing (`=`) or everything
(`!=`), and grouping by it (`by`, `on`, `group_left`) makes one series with an empty
label: the panel is silently wrong. Labels are checked against the catalog (the metric's
labels, the scrape target labels, and `le` for histograms). Grouping labels are checked
when every metric under the aggregation is known and nothing under it makes labels
(`label_replace`, `label_join`, `count_values`). The label of a
`label_values(metric, label)` variable is checked too.

**Anti-pattern**

    sum by (tenant_id) (rate(jobs_completed_total{jobtype="transcode"}[$__rate_interval]))

**Best practice**

    sum by (tenant) (rate(jobs_completed_total{job_type="transcode"}[$__rate_interval]))
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.lint.context import LintContext
from dashkit.lint.finding import Severity, Violation
from dashkit.lint.promql_ast import (
    LABEL_MAKERS,
    Aggregate,
    Binary,
    Call,
    Node,
    is_placeholder,
    selectors,
    walk,
)
from dashkit.lint.queries import Query
from dashkit.lint.rule import Rule
from dashkit.lint.series import resolve


def check(ctx: LintContext) -> Iterator[Violation]:
    for query in ctx.queries:
        if query.node is not None:
            seen: set[str] = set()
            for summary in [*_matcher_problems(query.node, ctx.catalog),
                            *_grouping_problems(query.node, ctx.catalog)]:
                if summary not in seen:
                    seen.add(summary)
                    yield _violation(query, summary)


def _violation(query: Query, summary: str) -> Violation:
    return Violation(f"{query.where}: {summary}",
                     "Use a label the metric has (see docs/metrics.md), or add the label to "
                     f"the catalog if the service sets it.\nThe query:\n{query.expr}",
                     query.panel)


def _matcher_problems(node: Node, catalog: Catalog) -> Iterator[str]:
    for selector in selectors(node):
        metric = resolve(catalog, selector.name)
        if metric is None:
            continue
        labels = metric.all_labels
        for matcher in selector.matchers:
            if (matcher.label != "__name__" and not is_placeholder(matcher.label)
                    and matcher.label not in labels):
                yield (f"metric {selector.name!r} has no label {matcher.label!r} (its labels: "
                       f"{', '.join(labels)})")


def _grouping_problems(node: Node, catalog: Catalog) -> Iterator[str]:
    for n in walk(node):
        if isinstance(n, Aggregate) and n.labels:
            named, clause = n.labels, f"{n.op} {n.grouping} (...)"
        elif isinstance(n, Binary) and (n.matching or n.group_labels):
            named, clause = (*n.matching, *n.group_labels), f"'{n.op}' with on/group labels"
        else:
            continue
        available = _labels_under(n, catalog)
        if available is None:
            continue
        for label in named:
            if label != "__name__" and not is_placeholder(label) and label not in available:
                yield f"{clause} uses label {label!r}, which no metric under it has"


def _labels_under(node: Node, catalog: Catalog) -> set[str] | None:
    """Every label the series under `node` can have; None when that cannot be told."""
    labels: set[str] = set()
    found = False
    for n in walk(node):
        if isinstance(n, Call) and n.func in LABEL_MAKERS:
            return None
        if isinstance(n, Aggregate) and n.op == "count_values":
            return None
    for selector in selectors(node):
        metric = resolve(catalog, selector.name)
        if metric is None:
            return None
        labels.update(metric.all_labels)
        found = True
    return labels if found else None


RULE = Rule("promql/known-label", Severity.ERROR, check, __doc__ or "")
