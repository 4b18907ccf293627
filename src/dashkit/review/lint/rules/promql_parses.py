"""Every PromQL query parses.

A query that does not parse shows "bad_data: parse error" instead of the panel. Queries are
parsed as Grafana sends them: `$__rate_interval`, `$__interval`, `$__range` and
template variables are substituted first (variables inside label-matcher strings stay as they
are). Panel targets, query variables (`label_values(...)`, `query_result(...)`) and
annotations on a Prometheus datasource are checked.

**Anti-pattern**

A missing parenthesis:

    sum by (queue) (rate(queue_enqueued_total{queue=~"$queue"}[$__rate_interval])

**Best practice**

    sum by (queue) (rate(queue_enqueued_total{queue=~"$queue"}[$__rate_interval]))
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/parses", _notes)


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    return [(f" does not parse: {parsed.error}", "")] if parsed.error else []


RULE = Rule("promql/parses", Severity.ERROR, check, __doc__ or "")
