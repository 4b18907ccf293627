"""A small typed copy of promql-parser's AST, built once per query, and helpers to walk it.

promql-parser's nodes are untyped and rebuilt on every attribute access; the rules read
these frozen dataclasses instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, NamedTuple

import promql_parser

PLACEHOLDER = "__grafana_var_"
"""Prefix of the names that stand in for template variables (``$metric``, ``by ($label)``)."""


class Matcher(NamedTuple):
    """``label op "value"``; the value is blanked to ``_`` unless it is a regex as written or
    names the metric (``__name__``): see :mod:`dashkit.promql.parse`."""

    label: str
    op: str  # =, !=, =~, !~
    value: str


@dataclass(frozen=True)
class Selector:
    """A vector selector; ``range`` is set for a matrix selector (``x[5m]``)."""

    name: str
    matchers: tuple[Matcher, ...]
    range: timedelta | None = None


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Aggregate:
    """``op`` by/without (``grouping``) ``expr``; ``grouping`` is ``""``, ``"by"`` or
    ``"without"``."""

    op: str
    expr: Node
    param: Node | None
    grouping: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Binary:
    """``lhs op rhs`` with ``on``/``ignoring`` (``matching``) and ``group_left/right``."""

    op: str
    lhs: Node
    rhs: Node
    matching: tuple[str, ...] = ()
    group_labels: tuple[str, ...] = ()
    group_right: bool = False
    """``group_right``: the right side is the "many" side, whose labels the result keeps."""


@dataclass(frozen=True)
class Subquery:
    expr: Node
    range: timedelta | None


@dataclass(frozen=True)
class Wrapped:
    """Parentheses or a unary minus: the same series as ``expr``."""

    expr: Node


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class String:
    value: str


Node = Selector | Call | Aggregate | Binary | Subquery | Wrapped | Number | String

_MATCH_OPS = {"MatchOp.Equal": "=", "MatchOp.NotEqual": "!=", "MatchOp.Re": "=~",
              "MatchOp.NotRe": "!~"}


def convert(expr: Any) -> Node:
    """promql-parser's expression -> :data:`Node`."""
    converter = _CONVERTERS.get(type(expr))
    if converter is None:
        raise TypeError(f"unknown PromQL node {type(expr).__name__}")
    return converter(expr)


def _matrix(expr: Any) -> Node:
    inner = _selector(expr.vector_selector)
    return Selector(inner.name, inner.matchers, expr.range)


def _aggregate(expr: Any) -> Node:
    modifier = expr.modifier
    if modifier is None:
        grouping, labels = "", ()
    else:
        grouping = "without" if modifier.type == promql_parser.AggModifierType.Without else "by"
        labels = tuple(modifier.labels)
    param = expr.param
    return Aggregate(str(expr.op), convert(expr.expr), None if param is None else convert(param),
                     grouping, labels)


def _binary(expr: Any) -> Node:
    modifier = expr.modifier
    matching = modifier.matching if modifier is not None else None
    return Binary(str(expr.op), convert(expr.lhs), convert(expr.rhs),
                  tuple(matching.labels) if matching is not None else (),
                  tuple(modifier.group_labels or ()) if modifier is not None else (),
                  modifier is not None and modifier.card == _ONE_TO_MANY)


_ONE_TO_MANY = promql_parser.VectorMatchCardinality.OneToMany


_CONVERTERS: dict[type, Callable[[Any], Node]] = {
    promql_parser.MatrixSelector: _matrix,
    promql_parser.VectorSelector: lambda e: _selector(e),
    promql_parser.Call: lambda e: Call(e.func.name, tuple(convert(a) for a in e.args)),
    promql_parser.AggregateExpr: _aggregate,
    promql_parser.BinaryExpr: _binary,
    promql_parser.SubqueryExpr: lambda e: Subquery(convert(e.expr), e.range),
    promql_parser.ParenExpr: lambda e: Wrapped(convert(e.expr)),
    promql_parser.UnaryExpr: lambda e: Wrapped(convert(e.expr)),
    promql_parser.NumberLiteral: lambda e: Number(float(e.val)),
    promql_parser.StringLiteral: lambda e: String(str(e.val)),
}


def _selector(vs: Any) -> Selector:
    found = vs.matchers
    matchers = found.matchers
    for group in found.or_matchers:
        matchers.extend(group)
    converted = tuple([Matcher(m.name, _MATCH_OPS.get(str(m.op), "="), m.value)
                       for m in matchers])
    name = vs.name
    if not name:
        name = next((m.value for m in converted if m.label == "__name__" and m.op == "="), "")
    return Selector(name, converted)


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Aggregate):
        return (node.expr,) if node.param is None else (node.param, node.expr)
    if isinstance(node, Binary):
        return (node.lhs, node.rhs)
    if isinstance(node, Subquery | Wrapped):
        return (node.expr,)
    return ()


def walk(node: Node) -> Iterator[Node]:
    """``node`` and everything under it, depth first, children in order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


RATE_FUNCTIONS = ("rate", "irate", "increase")
"""Functions that take a range of a counter."""


def rate_calls(nodes: Iterable[Node]) -> Iterator[tuple[Call, Node]]:
    """Each ``rate``/``irate``/``increase`` call with its (unwrapped) range argument."""
    for node in nodes:
        if isinstance(node, Call) and node.func in RATE_FUNCTIONS and node.args:
            yield node, unwrap(node.args[0])


def unwrap(node: Node) -> Node:
    """Through parentheses and unary signs."""
    while isinstance(node, Wrapped):
        node = node.expr
    return node


def selectors(node: Node) -> Iterator[Selector]:
    return (n for n in walk(node) if isinstance(n, Selector))


def is_placeholder(name: str) -> bool:
    return PLACEHOLDER in name


LABEL_MAKERS = ("label_replace", "label_join")


def label_names(nodes: Iterable[Node]) -> Iterator[str]:
    """Every label name the nodes mention: matchers, by/without, on/ignoring,
    group_left/right, and the label arguments of label_replace/label_join and count_values."""
    for n in nodes:
        if isinstance(n, Selector):
            yield from (m.label for m in n.matchers if m.label != "__name__")
        elif isinstance(n, Aggregate):
            yield from n.labels
            if n.op == "count_values" and isinstance(n.param, String):
                yield n.param.value
        elif isinstance(n, Binary):
            yield from n.matching
            yield from n.group_labels
        elif isinstance(n, Call) and n.func in LABEL_MAKERS:
            strings = [a.value for a in n.args if isinstance(a, String)]
            # label_join(v, dst, separator, src...); label_replace(v, dst, repl, src, regex)
            yield from strings[:1] + (strings[2:] if n.func == "label_join" else strings[2:3])
