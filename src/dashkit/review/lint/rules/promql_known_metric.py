"""Every metric a query selects is in the metric catalog.

The catalog (`src/dashkit/catalog/`) is the contract between the services and the
dashboards: a metric that is not there was renamed, never existed, or is misspelt, and the
panel says "No data". Histogram series (`_bucket`, `_sum`, `_count`) count as their
histogram. A selector must name its metric. Only names in the catalog's namespaces are
checked (`jobs_*`, `queue_*`...: the part before the first `_` of the platform's metrics,
which the catalog lists in full), so a project's metrics from elsewhere, and the exporter
series the catalog does not need, are not findings; `lint.metrics: all` checks every name.
Recording rules (names with `:`) the catalog does not define are left to
`promql/recording-rule`; names made of template variables are not checked.

**Anti-pattern**

    sum(rate(jobs_complete_total[$__rate_interval]))

**Best practice**

Use the catalog's name (better: build the query from the catalog entry, as
`dashkit.style.queries` does):

    sum(rate(jobs_completed_total[$__rate_interval]))
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.promql.series import is_recording_rule, resolve
from dashkit.promql.tree import is_placeholder
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/known-metric", _notes)


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    found: list[Note] = []
    reported: set[str] = set()
    for selector in parsed.selectors:
        name = selector.name
        if name in reported or is_placeholder(name) or is_recording_rule(name):
            continue
        reported.add(name)
        if not name:
            found.append((" has a selector that names no metric",
                          "Name the metric before the braces."))
        elif resolve(catalog, name) is None and catalog.claims(name):
            found.append((f": metric {name!r} is not in the catalog", _hint(catalog, name)))
    return found


def _hint(catalog: Catalog, name: str) -> str:
    series = [s for metric in catalog.values() for s in metric.series]
    close = difflib.get_close_matches(name, series, n=3)
    advice = "Declare it in src/dashkit/catalog/ if a service emits it, or fix the name."
    return (f"Did you mean {', '.join(close)}? " if close else "") + advice


RULE = Rule("promql/known-metric", Severity.ERROR, check, __doc__ or "")
