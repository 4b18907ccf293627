"""The labels a PromQL expression's result can carry, worked out from the expression and the
catalog without running it: what an alert built from it will be grouped and routed by.

The answer is an upper bound. ``sum by (tenant)`` keeps ``tenant``; a bare selector keeps
every label its metric has (target labels included); a binary operation keeps its vector
side's (the left one of two, as Prometheus does for one-to-one matching, plus
``group_left``/``group_right`` labels); ``or`` keeps either side's. A selector whose metric
the catalog does not know gives ``None``: the labels cannot be told.
"""

from __future__ import annotations

from dashkit.catalog import Catalog
from dashkit.promql.series import resolve
from dashkit.promql.tree import (
    Aggregate,
    Binary,
    Call,
    Node,
    Number,
    Selector,
    String,
    Subquery,
    Wrapped,
)

Labels = frozenset[str] | None
"""A set of label names, or None when it cannot be told."""

NONE: frozenset[str] = frozenset()

_NO_LABELS = frozenset({"time", "vector", "scalar", "pi", "minute", "hour", "day_of_month",
                        "day_of_week", "day_of_year", "days_in_month", "month", "year"})
"""Functions whose result has no labels (``vector(1)``, ``time()``...) when called as such."""

_KEEPS_ARGUMENT_LABELS_OF = {"label_replace": 0, "label_join": 0, "absent": 0,
                             "absent_over_time": 0, "histogram_quantile": 1, "sort": 0,
                             "sort_desc": 0, "clamp": 0, "clamp_min": 0, "clamp_max": 0,
                             "round": 0}
"""Functions whose vector argument is not the first one (or that add to its labels)."""


def output_labels(node: Node, catalog: Catalog) -> Labels:
    """The labels the result of ``node`` can carry; ``__name__`` is never counted."""
    if isinstance(node, Selector):
        metric = resolve(catalog, node.name)
        return None if metric is None else frozenset(metric.all_labels)
    if isinstance(node, Number | String):
        return NONE
    if isinstance(node, Wrapped | Subquery):
        return output_labels(node.expr, catalog)
    if isinstance(node, Aggregate):
        return _aggregate(node, catalog)
    if isinstance(node, Binary):
        return _binary(node, catalog)
    return _call(node, catalog)


def _aggregate(node: Aggregate, catalog: Catalog) -> Labels:
    if node.grouping == "by":
        return frozenset(node.labels)
    inner = output_labels(node.expr, catalog)
    if node.op in ("topk", "bottomk", "limitk"):
        return inner
    if node.grouping == "without":
        return None if inner is None else inner - set(node.labels)
    if node.op == "count_values" and isinstance(node.param, String):
        return frozenset({node.param.value})
    return NONE


def _binary(node: Binary, catalog: Catalog) -> Labels:
    left, right = output_labels(node.lhs, catalog), output_labels(node.rhs, catalog)
    if node.op == "or":
        return None if left is None or right is None else left | right
    if _is_scalar(node.lhs):
        return right
    if _is_scalar(node.rhs):
        return left
    if node.group_right:
        return None if right is None else right | set(node.group_labels)
    return None if left is None else left | set(node.group_labels)


def _call(node: Node, catalog: Catalog) -> Labels:
    if not isinstance(node, Call):
        return None
    if node.func in _NO_LABELS:
        return NONE
    index = _KEEPS_ARGUMENT_LABELS_OF.get(node.func, 0)
    if index >= len(node.args):
        return NONE
    inner = output_labels(node.args[index], catalog)
    if inner is None:
        return None
    if node.func == "histogram_quantile":
        return inner - {"le"}
    if node.func in ("label_replace", "label_join") and len(node.args) > 1 and isinstance(
            node.args[1], String):
        return inner | {node.args[1].value}
    if node.func in ("absent", "absent_over_time"):
        selector = node.args[0]
        while isinstance(selector, Wrapped | Subquery):
            selector = selector.expr
        if isinstance(selector, Selector):
            return frozenset(m.label for m in selector.matchers
                             if m.op == "=" and m.label != "__name__")
        return NONE
    return inner


def _is_scalar(node: Node) -> bool:
    while isinstance(node, Wrapped):
        node = node.expr
    return isinstance(node, Number) or (isinstance(node, Call) and node.func in (
        "scalar", "time", "pi"))
