"""Rules read JSON that any tool may have written: odd shapes are skipped, never a crash."""

from __future__ import annotations

from typing import Any

import pytest

from dashkit.review.lint.context import DashboardRef, LintContext, Project
from dashkit.review.lint.registry import REGISTRY

MALFORMED: dict[str, Any] = {
    "an empty dashboard": {},
    "nulls everywhere": {"uid": None, "title": None, "panels": None, "templating": None,
                         "annotations": None, "links": None, "schemaVersion": None},
    "lists of the wrong things": {"panels": [1, "x", None, []], "links": ["x", 3],
                                  "templating": {"list": ["x"]}, "annotations": {"list": [2]}},
    "panels with odd fields": {"panels": [
        {"type": 3, "title": 4, "gridPos": "0,0", "targets": "expr", "links": {"url": 1},
         "fieldConfig": {"defaults": [], "overrides": "x"}, "datasource": 5,
         "options": {"content": 7, "yAxis": None}, "panels": {"a": 1}},
        {"type": "timeseries", "targets": [{"expr": 5}, {"expr": ""}, None,
                                           {"expr": "sum(", "datasource": {"uid": 1}}]},
        {"type": "text", "options": {"content": "[x](/d/) [y](</d/gone> \"t\")"}},
    ]},
    "variables with odd queries": {"templating": {"list": [
        {"type": "query", "name": "a", "query": {"query": 5}},
        {"type": "query", "name": "b", "query": "label_values(x)"},
        {"type": "query", "name": "c", "query": {"query": "query_result(up"}},
        {"type": "datasource"}]}},
}


@pytest.mark.parametrize("name", MALFORMED)
def test_every_rule_runs_on_malformed_json(name: str) -> None:
    dashboard = MALFORMED[name]
    ref = DashboardRef("d", "D")
    context = LintContext(dashboard, ref, Project(dashboards=(ref,), runbooks=frozenset()))
    for rule in REGISTRY.values():
        for violation in rule.check(context):
            assert violation.summary
