"""Alert expressions under the same PromQL rules as panel queries.

Each alert's ``expr`` is checked as if it were a panel's only query, by every ``promql/``
rule except ``promql/rate-interval``: Grafana's ``$__rate_interval`` does not exist in
Prometheus rules, where a fixed window is the point. Findings are placed at the line that
names the alert.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from dashkit.alerting.load import DeclaredAlert
from dashkit.problems import Problem
from dashkit.review.lint.context import DashboardRef, LintContext, Project
from dashkit.review.lint.registry import REGISTRY
from dashkit.review.lint.rule import Rule

NOT_FOR_ALERTS = frozenset({"promql/rate-interval"})
"""Rules about Grafana's macros, which Prometheus rules do not have."""

_PLACE = "target A"


def alert_rules(rules: Mapping[str, Rule] = REGISTRY) -> list[Rule]:
    return [rule for rule_id, rule in rules.items()
            if rule_id.startswith("promql/") and rule_id not in NOT_FOR_ALERTS]


def lint_alerts(declared: Sequence[DeclaredAlert], project: Project,
                rules: Mapping[str, Rule] = REGISTRY) -> list[Problem]:
    """Every finding of the PromQL rules on every alert's expression."""
    checks = alert_rules(rules)
    found = []
    for item in declared:
        ctx = LintContext(_as_dashboard(item), DashboardRef("", item.alert.name, "",
                                                             item.source), project)
        for rule in checks:
            for problem in rule.check(ctx):
                summary = problem.summary.replace(_PLACE, "expr", 1)
                details = problem.details.replace("The query:", "The expression:")
                found.append(replace(problem, summary=summary, details=details,
                                     location=item.location, severity=rule.severity,
                                     rule=rule.id))
    return found


def _as_dashboard(item: DeclaredAlert) -> dict[str, Any]:
    return {"uid": "", "title": item.alert.name, "panels": [{
        "type": "timeseries", "title": item.alert.name,
        "datasource": {"type": "prometheus", "uid": "prometheus"},
        "targets": [{"refId": "A", "expr": item.alert.expr}]}]}
