"""No label that carries personal data, anywhere in a query or legend.

Everyone who can view a dashboard sees its label values, and Grafana caches and exports
them: an e-mail address, user name, phone number or client IP on a dashboard is personal
data leaked to all of them. Labels such as `email`, `user_email`, `username`,
`phone`, `ip`, `client_ip` or `remote_addr` (any case, `_` or not) are flagged in
matchers, `by`/`without`, `on`/`group_left`, `label_replace`/`label_join`,
`count_values` and legends. Machine addresses (`pod_ip`, `host_ip`) are fine. If a
metric carries such a label, fix it where it is emitted.

**Anti-pattern**

    topk(10, sum by (user_email) (rate(gateway_http_requests_total[$__rate_interval])))

**Best practice**

    topk(10, sum by (tenant) (rate(jobs_submitted_total[$__rate_interval])))
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.promql.sensitive import is_personal, legend_labels
from dashkit.promql.tree import label_names
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.queries import Query
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems

ADVICE = ("Remove it from the query and the legend; aggregate by tenant or another "
          "non-personal label.")


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/personal-data-label", _notes, _legend_notes)


def _legend_notes(query: Query) -> list[Note]:
    return [(f": legend {{{{{label}}}}} carries personal data", ADVICE)
            for label in dict.fromkeys(legend_labels(query.legend)) if is_personal(label)]


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    labels = [label for label in label_names(parsed.nodes) if is_personal(label)]
    return [(f": label {label!r} carries personal data", ADVICE)
            for label in dict.fromkeys(labels)]


RULE = Rule("promql/personal-data-label", Severity.ERROR, check, __doc__ or "")
