"""No grouping or legend by a label with one value per job, request or trace.

`sum by (jobId)` makes one series per job: thousands of lines, a slow query, a legend no
one can read, and a Prometheus that holds every id. Labels such as `jobId`, `job_id`,
`request_id`, `trace_id`, `session_id` or `uuid` (any case, `_` or not) are
flagged in `by (...)` and in legends (`{{jobId}}`). Group by a bounded label (tenant,
job type, status) and find single jobs in logs and traces, which the house style links to.

**Anti-pattern**

    sum by (jobId) (rate(job_failures_total[$__rate_interval]))      legend: {{jobId}}

**Best practice**

    sum by (reason) (rate(job_failures_total[$__rate_interval]))     legend: {{reason}}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.promql.sensitive import is_high_cardinality, legend_labels
from dashkit.promql.tree import Aggregate
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.queries import Query
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems

ADVICE = ("Group by a bounded label (tenant, job_type, status, reason); single jobs and "
          "requests belong in logs and traces.")


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/high-cardinality-label", _notes, _legend_notes)


def _legend_notes(query: Query) -> list[Note]:
    return [(f": legend {{{{{label}}}}} has one series per id", ADVICE)
            for label in dict.fromkeys(legend_labels(query.legend)) if is_high_cardinality(label)]


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    flagged = [f"{node.op} by ({label})" for node in parsed.nodes
               if isinstance(node, Aggregate) and node.grouping == "by"
               for label in node.labels if is_high_cardinality(label)]
    return [(f": {place} has one series per id", ADVICE) for place in dict.fromkeys(flagged)]


RULE = Rule("promql/high-cardinality-label", Severity.WARNING, check, __doc__ or "")
