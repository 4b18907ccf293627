"""PromQL as Grafana sends it: macros and template variables substituted, then parsed.

Grafana replaces ``$__rate_interval``, ``$__interval``, ``$__range`` and friends, and template
variables (``$var``, ``${var}``, ``${var:regex}``, ``[[var]]``), before Prometheus sees a query,
so the text in a dashboard is not PromQL yet. Variables inside strings (label-matcher values)
stay as they are: they parse, and Grafana fills them in. Elsewhere each one becomes something
of the right kind for where it stands: a duration inside ``[...]`` and after ``offset``; a
name inside ``by (...)`` and ``{...}`` and before ``{`` or ``[``; a number after ``@`` and as
the first argument of ``topk``, ``quantile`` and the like; anywhere else a metric name, or a
number if that does not parse.

No rule reads a matcher's value, so values are blanked (``job="svc-1"`` reads as ``job="_"``)
and queries that differ only in them are parsed once; a regex matcher whose string holds a
variable (``tenant=~"$tenant"``) reads as an equality matcher, since its regex exists only
once Grafana fills the variable in. Regexes as written, ``__name__`` values and strings with
escapes are kept, so they are still checked. Durations are sentinels, so rules can tell
``[$__rate_interval]`` from a fixed ``[5m]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Any, TypeVar, cast

import promql_parser

from dashkit.promql.tree import PLACEHOLDER, Node, Selector, convert, walk

T = TypeVar("T")

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

_VARIABLE = re.compile(r"\$\{(?P<braced>\w+)(?:[:.][^}]*)?\}|\$(?P<plain>\w+)"
                       r"|\[\[(?P<legacy>\w+)(?::[^\]]*)?\]\]")
_STRING_OR_COMMENT = re.compile(
    r"\"(?:[^\"\\]|\\.)*\"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?|#[^\n]*", re.DOTALL)
_MATCH_OP = re.compile(r"(?<![=!<>])(?:!=|=~|!~|=)(?![=~])")
_QUOTED_AFTER = re.compile(r"\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`[^`]*`)", re.DOTALL)
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


_MACROS = {**_NUMBER_MACROS, **{name: _ms(value) for name, value in RANGE_SENTINELS.items()
                                if name.startswith("__")}}
"""Grafana's macros, by name, and the PromQL that stands in for each."""


def substitute(expr: str, scalar: bool = False) -> str:
    """``expr`` with macros and template variables outside strings replaced, and matcher
    values blanked (see above).

    ``scalar`` turns variables in expression position into numbers instead of metric names.
    """
    if '"' not in expr and "'" not in expr and "$" not in expr and "[[" not in expr:
        return expr
    # Strings and comments blanked out but for their first character, so positions stay
    # and only code is searched.
    code = _STRING_OR_COMMENT.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 1), expr)
    edits: list[tuple[int, int, str]] = []
    for match in _VARIABLE.finditer(code):
        name = match.group("braced") or match.group("plain") or match.group("legacy")
        macro = _MACROS.get(name)
        edits.append((match.start(), match.end(), macro if macro is not None else
                      _stand_in(name, _role(code, match.start(), match.end(), scalar))))
    for op in _MATCH_OP.finditer(code):
        string = _QUOTED_AFTER.match(expr, op.end())
        if string is None or _names_metric(code, op.start()):
            continue
        value = string.group(1)
        if op.group() in ("=~", "!~"):
            if "$" not in value and "[[" not in value:
                continue  # a regex as written: parsing it checks it
            edits.append((op.start(), op.end(), "=" if op.group() == "=~" else "!="))
        if "\\" not in value:
            edits.append((string.start(1), string.end(1), '"_"'))  # "" would match nothing
    out: list[str] = []
    last = 0
    for start, end, text in sorted(edits):
        out.append(expr[last:start])
        out.append(text)
        last = end
    out.append(expr[last:])
    return "".join(out)


def _names_metric(code: str, op_start: int) -> bool:
    """Whether the matcher whose operator starts at ``op_start`` is on ``__name__``."""
    head = code[max(0, op_start - 24):op_start].rstrip()
    return head.endswith("__name__") and (len(head) == 8 or not (
        head[-9].isalnum() or head[-9] == "_"))


def _role(code: str, start: int, end: int, scalar: bool) -> str:
    """What a variable at ``code[start:end]`` stands for: a name, a duration or a number."""
    before = code[:start]
    after = code[end:].lstrip()[:1]
    if before.count("{") > before.count("}") or after in ("{", "[") or _in_grouping(before):
        return "name"
    tail = before[-32:]
    if before.count("[") > before.count("]") or _DURATION_BEFORE.search(tail):
        return "duration"
    if tail.rstrip().endswith("@") or _SCALAR_FIRST_ARGUMENT.search(tail):
        return "number"
    return "number" if scalar else "name"


def _in_grouping(before: str) -> bool:
    """Whether the innermost open parenthesis is a label list: ``by (``, ``on (``..."""
    depth = 0
    for index in range(len(before) - 1, -1, -1):
        char = before[index]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return bool(_GROUPING.search(before, max(0, index - 16), index))
            depth -= 1
    return False


def _stand_in(name: str, role: str) -> str:
    """What stands in for template variable ``name`` where a ``role`` (name, duration,
    number) goes."""
    if role == "duration":
        return _ms(RANGE_SENTINELS["variable"])
    return "1" if role == "number" else PLACEHOLDER + name


@dataclass(frozen=True)
class Parsed:
    """A parsed query, or why it does not parse; ``nodes`` is every node, depth first.

    Queries that differ only in matcher values share one ``Parsed``; ``remembered`` keeps what
    rules work out from it, so that is done once per shape of query too.
    """

    node: Node | None
    error: str = ""
    nodes: tuple[Node, ...] = ()
    selectors: tuple[Selector, ...] = ()
    memo: dict[str, tuple[object, Any]] = field(default_factory=dict, compare=False,
                                                 repr=False)

    def remembered(self, key: str, catalog: object, compute: Callable[[], T]) -> T:
        """``compute()`` once for this shape, ``key`` and ``catalog`` (which the memo keeps
        alive, so another catalog is never mistaken for it)."""
        found = self.memo.get(key)
        if found is not None and found[0] is catalog:
            return cast(T, found[1])
        value = compute()
        self.memo[key] = (catalog, value)
        return value

    @classmethod
    def of(cls, node: Node) -> Parsed:
        nodes = tuple(walk(node))
        return cls(node, "", nodes, tuple(n for n in nodes if isinstance(n, Selector)))


def parse(expr: str) -> Parsed:
    """Parse a query as Grafana would send it (see the module docstring)."""
    parsed = _parse_promql(substitute(expr))
    if parsed.node is None and ("$" in expr or "[[" in expr):
        retried = _parse_promql(substitute(expr, scalar=True))
        if retried.node is not None:
            return retried
    return parsed


@lru_cache(maxsize=4096)
def _parse_promql(text: str) -> Parsed:
    """Parse PromQL; queries that differ only in matcher values are parsed once."""
    try:
        return Parsed.of(convert(promql_parser.parse(text)))
    except ValueError as exc:
        return Parsed(None, str(exc))
