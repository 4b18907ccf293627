"""Queries that read a recording rule the project does not define are not checked.

Recording rules (`level:metric:operations`, with `:`) are made by Prometheus, not
emitted by a service. The project's own (`dashkit.catalog.recording`, written to the rule
files by `dashboards provision`) are in the catalog and checked like any metric; any other is
not: its existence, labels and type go unchecked, and the panel is empty if the rule is not
deployed. This is information, not a fault; prefer catalog metrics where the query is cheap
enough, or define the rule in the catalog.

**Anti-pattern**

    sum by (tenant) (tenant:jobs_completed:rate5m)

**Best practice**

The catalog metric, so lint can check it:

    sum by (tenant) (rate(jobs_completed_total[$__rate_interval]))

or a recording rule of the catalog, which the alerts read too:

    tenant_job_type:job_failure:ratio_rate5m{tenant=~"$tenant"}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.catalog import Catalog
from dashkit.problems import Problem, Severity
from dashkit.promql.parse import Parsed
from dashkit.promql.series import is_recording_rule
from dashkit.promql.tree import is_placeholder
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.rule import Rule
from dashkit.review.lint.shapes import Note, shape_problems


def check(ctx: LintContext) -> Iterator[Problem]:
    return shape_problems(ctx, "promql/recording-rule", _notes)


def _notes(parsed: Parsed, catalog: Catalog) -> list[Note]:
    names = {s.name for s in parsed.selectors
             if is_recording_rule(s.name) and not is_placeholder(s.name)
             and catalog.for_series(s.name) is None}
    return [(f" reads recording rule {name!r}, which the catalog cannot check",
             "Make sure the rule is deployed wherever the dashboard is used.")
            for name in sorted(names)]


RULE = Rule("promql/recording-rule", Severity.INFO, check, __doc__ or "")
