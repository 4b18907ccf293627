"""Every PromQL query in a dashboard: panel targets, query variables, annotations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dashkit.promql.parse import Parsed, parse
from dashkit.promql.tree import Node, Selector
from dashkit.review.lint.dashboard import (
    annotation_list,
    datasource_variables,
    panel_title,
    panels,
    variables,
)

_LABEL_VALUES = re.compile(r"^\s*label_values\s*\((.+),\s*([\w$]+)\s*\)\s*$", re.DOTALL)
_QUERY_RESULT = re.compile(r"^\s*query_result\s*\((.+)\)\s*$", re.DOTALL)
_NOT_PROMQL_PANELS = ("logs", "traces", "nodeGraph", "flamegraph")
_VARIABLE_UID = re.compile(r"^\$\{?(\w+)\}?$")


@dataclass(frozen=True)
class Query:
    """One PromQL query: the text as written, where it is, its legend, and its parse."""

    expr: str
    where: str  # "target A", "variable tenant", "annotation Deploys"
    panel: str | None
    legend: str = ""
    parsed: Parsed = field(default_factory=lambda: Parsed(None))

    @property
    def node(self) -> Node | None:
        return self.parsed.node

    @property
    def nodes(self) -> tuple[Node, ...]:
        """Every node of the query, depth first; empty when it does not parse."""
        return self.parsed.nodes

    @property
    def selectors(self) -> tuple[Selector, ...]:
        return self.parsed.selectors


def promql_queries(dashboard: Mapping[str, Any]) -> list[Query]:
    ds_vars = datasource_variables(dashboard)
    found = []
    for panel in panels(dashboard):
        for target in panel.get("targets") or []:
            if not isinstance(target, dict):
                continue
            expr = target.get("expr")
            if not isinstance(expr, str) or not expr.strip():
                continue
            kind = datasource_type(target.get("datasource") or panel.get("datasource"), ds_vars)
            if kind == "prometheus" or (kind is None and panel.get("type")
                                        not in _NOT_PROMQL_PANELS):
                legend = target.get("legendFormat")
                found.append(Query(expr, f"target {target.get('refId') or '?'}",
                                   panel_title(panel),
                                   legend if isinstance(legend, str) else "", parse(expr)))
    for variable in variables(dashboard):
        if variable.get("type") != "query" or datasource_type(
                variable.get("datasource"), ds_vars) not in ("prometheus", None):
            continue
        query = variable.get("query")
        text = query.get("query") if isinstance(query, dict) else query
        if isinstance(text, str):
            as_promql = variable_promql(text)
            if as_promql:
                found.append(Query(text, f"variable {variable.get('name')}", None,
                                   parsed=parse(as_promql)))
    for annotation in annotation_list(dashboard):
        expr = annotation.get("expr")
        if isinstance(expr, str) and expr.strip() and datasource_type(
                annotation.get("datasource"), ds_vars) == "prometheus":
            found.append(Query(expr, f"annotation {annotation.get('name')}", None,
                               parsed=parse(expr)))
    return found


def variable_promql(query: str) -> str | None:
    """The PromQL a Prometheus query variable runs: ``label_values(sel, label)`` reads like
    ``count by (label) (sel)``; ``query_result(expr)`` is ``expr``; others are not PromQL."""
    values = _LABEL_VALUES.match(query)
    if values:
        return f"count by ({values.group(2)}) ({values.group(1)})"
    result = _QUERY_RESULT.match(query)
    return result.group(1) if result else None


def datasource_type(ref: Any, ds_vars: Mapping[str, str]) -> str | None:
    """The plugin type a datasource reference selects, when it can be told."""
    if isinstance(ref, dict):
        if isinstance(ref.get("type"), str) and ref["type"]:
            return str(ref["type"])
        ref = ref.get("uid")
    if isinstance(ref, str):
        variable = _VARIABLE_UID.match(ref)
        if variable and variable.group(1) in ds_vars:
            return ds_vars[variable.group(1)]
    return None

