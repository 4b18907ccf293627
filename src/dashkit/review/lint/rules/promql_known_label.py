"""Every label a query uses exists on its metric.

A matcher on a label the metric does not have matches nothing (`=`) or everything
(`!=`), and grouping by it (`by`, `on`, `group_left`) makes one series with an empty
label: the panel is silently wrong. Labels are checked against the catalog (the metric's
labels, the scrape target labels, and `le` for histograms). Grouping labels are checked
against every metric of the query, when all of them are known and nothing in the query makes
labels (`label_replace`, `label_join`, `count_values`). The label of a
`label_values(metric, label)` variable is checked too.

**Anti-pattern**

    sum by (tenant_id) (rate(jobs_completed_total{jobtype="transcode"}[$__rate_interval]))

**Best practice**

    sum by (tenant) (rate(jobs_completed_total{job_type="transcode"}[$__rate_interval]))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.promql.series import resolve
from dashkit.promql.tree import (
    LABEL_MAKERS,
    Aggregate,
    Binary,
    Call,
    Node,
    Selector,
    is_placeholder,
)
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems

HINT = ("Use a label the metric has (see docs/metrics.md), or add the label to the catalog if "
        "the service sets it.")


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/known-label", _notes)


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    summaries = [*_matcher_problems(parsed.selectors, catalog),
                 *_grouping_problems(parsed.nodes, catalog)]
    return [(f": {summary}", HINT) for summary in dict.fromkeys(summaries)]


def _matcher_problems(found: Iterable[Selector], catalog: Catalog) -> Iterator[str]:
    for selector in found:
        metric = resolve(catalog, selector.name)
        if metric is None:
            continue
        labels = metric.all_labels
        for matcher in selector.matchers:
            if (matcher.label != "__name__" and not is_placeholder(matcher.label)
                    and matcher.label not in labels):
                yield (f"metric {selector.name!r} has no label {matcher.label!r} (its labels: "
                       f"{', '.join(labels)})")


def _grouping_problems(nodes: Sequence[Node], catalog: Catalog) -> Iterator[str]:
    available: set[str] | None = None
    for n in nodes:
        if isinstance(n, Aggregate) and n.labels:
            named, clause = n.labels, f"{n.op} {n.grouping} (...)"
        elif isinstance(n, Binary) and (n.matching or n.group_labels):
            named, clause = (*n.matching, *n.group_labels), f"'{n.op}' with on/group labels"
        else:
            continue
        available = _labels_in(nodes, catalog) if available is None else available
        if not available:
            return
        for label in named:
            if label != "__name__" and not is_placeholder(label) and label not in available:
                yield f"{clause} uses label {label!r}, which no metric in the query has"


def _labels_in(nodes: Sequence[Node], catalog: Catalog) -> set[str]:
    """Every label the query's series can have; empty when that cannot be told."""
    labels: set[str] = set()
    for n in nodes:
        if ((isinstance(n, Call) and n.func in LABEL_MAKERS)
                or (isinstance(n, Aggregate) and n.op == "count_values")):
            return set()
        if isinstance(n, Selector):
            metric = resolve(catalog, n.name)
            if metric is None:
                return set()
            labels.update(metric.all_labels)
    return labels


RULE = Rule("promql/known-label", Severity.ERROR, check, __doc__ or "")
