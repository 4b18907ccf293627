"""PromQL as Grafana sends it: macros and template variables substituted, then parsed.

Grafana replaces ``$__rate_interval``, ``$__interval``, ``$__range`` and friends, and template
variables (``$var``, ``${var}``, ``${var:regex}``, ``[[var]]``), before Prometheus sees a query,
so the text in a dashboard is not PromQL yet. Variables inside strings (label-matcher values)
stay as they are: they parse, and Grafana fills them in. Elsewhere each one becomes something
of the right kind for where it stands: a duration inside ``[...]`` and after ``offset``; a
name inside ``by (...)`` and ``{...}`` and before ``{`` or ``[``; a number after ``@`` and as
the first argument of ``topk``, ``quantile`` and the like; anywhere else a metric name, or a
number if that does not parse. Durations are sentinels, so rules can tell
``[$__rate_interval]`` from a fixed ``[5m]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

import promql_parser

from dashkit.lint.promql_ast import PLACEHOLDER, Node, convert

RANGE_SENTINELS = {
    "__rate_interval": timedelta(milliseconds=919_191),
    "__interval": timedelta(milliseconds=929_292),
    "__range": timedelta(milliseconds=939_393),
    "variable": timedelta(milliseconds=949_494),
}
"""The durations that stand in for Grafana's interval macros and for template variables."""

_NUMBER_MACROS = {"__rate_interval_ms": "60000", "__interval_ms": "15000",
                  "__range_ms": "3600000", "__range_s": "3600", "__from": "1700000000000",
                  "__to": "1700003600000"}

_VARIABLE = re.compile(r"\$\{(\w+)(?:[:.][^}]*)?\}|\$(\w+)|\[\[(\w+)(?::[^\]]*)?\]\]")
_GROUPING = re.compile(r"(?:\bby|\bwithout|\bon|\bignoring|\bgroup_left|\bgroup_right)\s*$",
                       re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"\boffset\s*-?\s*$", re.IGNORECASE)
_SCALAR_FIRST_ARGUMENT = re.compile(
    r"\b(?:topk|bottomk|limitk|limit_ratio|quantile|histogram_quantile|quantile_over_time)"
    r"\s*\(\s*$")


def range_source(value: timedelta) -> str | None:
    """Which macro (or ``variable``) a range came from; None for a fixed duration."""
    return next((name for name, sentinel in RANGE_SENTINELS.items() if sentinel == value), None)


def _ms(value: timedelta) -> str:
    return f"{int(value.total_seconds() * 1000)}ms"


def substitute(expr: str, scalar: bool = False) -> str:
    """``expr`` with macros and template variables outside strings replaced (see above).

    ``scalar`` turns variables in expression position into numbers instead of metric names.
    """
    out: list[str] = []
    brackets = braces = 0
    parens: list[bool] = []  # whether each open parenthesis holds a list of label names
    i = 0
    while i < len(expr):
        ch = expr[i]
        if ch in "\"'`":
            end = _string_end(expr, i)
            out.append(expr[i:end])
            i = end
            continue
        if ch == "#":
            end = expr.find("\n", i)
            end = len(expr) if end < 0 else end
            out.append(expr[i:end])
            i = end
            continue
        match = _VARIABLE.match(expr, i)
        if match:
            name = match.group(1) or match.group(2) or match.group(3)
            before = "".join(out[-32:])
            after = expr[match.end():].lstrip()[:1]
            if braces > 0 or (bool(parens) and parens[-1]) or after in ("{", "["):
                kind = "name"
            elif brackets > 0 or _DURATION_BEFORE.search(before):
                kind = "duration"
            elif before.rstrip().endswith("@") or _SCALAR_FIRST_ARGUMENT.search(before):
                kind = "number"
            else:
                kind = "number" if scalar else "name"
            out.append(_stand_in(name, kind))
            i = match.end()
            continue
        if ch == "[":
            brackets += 1
        elif ch == "]":
            brackets = max(0, brackets - 1)
        elif ch == "{":
            braces += 1
        elif ch == "}":
            braces = max(0, braces - 1)
        elif ch == "(":
            parens.append(bool(_GROUPING.search("".join(out[-16:]))))
        elif ch == ")" and parens:
            parens.pop()
        out.append(ch)
        i += 1
    return "".join(out)


def _stand_in(name: str, kind: str) -> str:
    """What stands in for variable ``name`` where a ``kind`` (name, duration, number) goes."""
    if name in _NUMBER_MACROS:
        return _NUMBER_MACROS[name]
    if name in RANGE_SENTINELS and name.startswith("__"):
        return _ms(RANGE_SENTINELS[name])
    if kind == "duration":
        return _ms(RANGE_SENTINELS["variable"])
    return "1" if kind == "number" else PLACEHOLDER + name


def _string_end(expr: str, start: int) -> int:
    quote, i = expr[start], start + 1
    while i < len(expr):
        if expr[i] == "\\" and quote != "`":
            i += 2
            continue
        if expr[i] == quote:
            return i + 1
        i += 1
    return len(expr)


@dataclass(frozen=True)
class Parsed:
    """A parsed query, or why it does not parse."""

    node: Node | None
    error: str = ""


@lru_cache(maxsize=65536)
def parse(expr: str) -> Parsed:
    """Parse a query as Grafana would send it; the same text is parsed only once."""
    try:
        return Parsed(convert(promql_parser.parse(substitute(expr))))
    except ValueError as exc:
        error = str(exc)
    if _VARIABLE.search(expr):
        try:
            return Parsed(convert(promql_parser.parse(substitute(expr, scalar=True))))
        except ValueError:
            pass
    return Parsed(None, error)
