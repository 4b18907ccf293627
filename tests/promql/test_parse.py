"""Grafana's macros and variables become PromQL of the right kind, and the AST helpers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dashkit.promql.parse import RANGE_SENTINELS, parse, range_source, substitute
from dashkit.promql.tree import (
    PLACEHOLDER,
    Aggregate,
    Binary,
    Call,
    Selector,
    label_names,
    selectors,
    unwrap,
)

SUBSTITUTIONS = {
    "a rate interval becomes its sentinel duration": (
        "rate(x[$__rate_interval])", "rate(x[919191ms])"),
    "braces and formats are part of the variable": (
        "rate(x[${__interval}]) > ${threshold:raw}", f"rate(x[929292ms]) > {PLACEHOLDER}threshold"),
    "matcher values are blanked, variables in them too": (
        'x{a="${b:regex}", c!="[[d]]", e="svc-1"}', 'x{a="_", c!="_", e="_"}'),
    "a regex on a variable is an equality; a regex as written and __name__ stay": (
        'x{tenant=~"$tenant", a !~ "[[b]]", c=~"5..", __name__=~"$m"}',
        'x{tenant="_", a != "_", c=~"5..", __name__=~"$m"}'),
    "values with escapes, function strings and comparisons stay": (
        r'label_replace(x{a="\"q\""}, "dst", "$1", "src", "(.*)") == 1 >= 2',
        r'label_replace(x{a="\"q\""}, "dst", "$1", "src", "(.*)") == 1 >= 2'),
    "a variable range is a duration": ("rate(x[$window])", "rate(x[949494ms])"),
    "an offset is a duration": ("x offset $shift", "x offset 949494ms"),
    "a grouping variable is a label name": (
        "sum by ($group) (x) / on ($key) y", f"sum by ({PLACEHOLDER}group) (x) / on "
                                             f"({PLACEHOLDER}key) y"),
    "a variable before braces is a metric name": (
        '$metric{a="b"}', f'{PLACEHOLDER}metric{{a="_"}}'),
    "the first argument of topk is a number": ("topk($n, x)", "topk(1, x)"),
    "number macros become numbers": ("x / $__range_s * $__interval_ms", "x / 3600 * 15000"),
    "legacy brackets are variables": ("rate([[metric]][5m])", f"rate({PLACEHOLDER}metric[5m])"),
    "comments are left alone": ("x # $not_a_variable", "x # $not_a_variable"),
    "an escaped quote does not end a string": (
        r'x{a="\"$v\""} + $y', rf'x{{a="\"$v\""}} + {PLACEHOLDER}y'),
    "a query without strings or variables is left alone": ("sum(rate(x[5m]))",
                                                          "sum(rate(x[5m]))"),
}


@pytest.mark.parametrize("case", SUBSTITUTIONS, ids=str)
def test_substitute(case: str) -> None:
    expr, expected = SUBSTITUTIONS[case]
    assert substitute(expr) == expected


def test_a_variable_that_must_be_a_number_is_retried_as_one() -> None:
    parsed = parse("clamp_max(queue_depth, $max)")
    assert parsed.error == ""
    assert isinstance(parsed.node, Call) and parsed.node.func == "clamp_max"


def test_a_parse_error_keeps_the_parser_message() -> None:
    parsed = parse("sum(rate(x[5m])")
    assert parsed.node is None and parsed.error == "unclosed left parenthesis"
    assert parse('x{a=~"("} + $y').error == "illegal regex for ("


def test_range_source_tells_macros_variables_and_fixed_ranges_apart() -> None:
    assert range_source(RANGE_SENTINELS["__rate_interval"]) == "__rate_interval"
    assert range_source(RANGE_SENTINELS["variable"]) == "variable"
    assert range_source(timedelta(minutes=5)) is None


def test_the_typed_ast_has_selectors_ranges_groupings_and_matching() -> None:
    node = parse('sum by (le, tenant) (rate(x_bucket{a=~"b"}[5m])) '
                 '/ on (tenant) group_left (c) {__name__="y"}').node
    assert isinstance(node, Binary)
    assert (node.op, node.matching, node.group_labels) == ("/", ("tenant",), ("c",))
    left = unwrap(node.lhs)
    assert isinstance(left, Aggregate)
    assert (left.op, left.grouping, left.labels) == ("sum", "by", ("le", "tenant"))
    found = list(selectors(node))
    assert parse("x + y").nodes[1:] == tuple(selectors(parse("x + y").nodes[0]))
    assert [s.name for s in found] == ["x_bucket", "y"]
    assert found[0].range == timedelta(minutes=5)
    assert isinstance(found[0], Selector) and found[0].matchers[0].op == "=~"


def test_label_names_covers_every_place_a_label_is_named() -> None:
    parsed = parse('count_values("v", label_join(label_replace(x{m="1"}, "dst", "$1", "src", '
                   '"(.*)"), "joined", ",", "j1", "j2")) / ignoring (i) sum without (w) (y)')
    assert sorted(set(label_names(parsed.nodes))) == ["dst", "i", "j1", "j2", "joined", "m", "src",
                                              "v", "w"]
