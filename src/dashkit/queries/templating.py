"""Template variables as Grafana fills them into a Prometheus query.

Grafana's template service finds ``$var``, ``${var}``, ``${var:format}`` and ``[[var]]``
(``public/app/features/templating/template_srv.ts``, ``variableRegex``); the Prometheus
datasource formats a multi-value or ``All`` selection as an escaped regex alternation, a
single value escaped for a string (``interpolateQueryExpr`` in Grafana's Prometheus
datasource, ``prometheusRegularEscape`` and ``prometheusSpecialRegexEscape``); ``All`` with an
``allValue`` is that value, untouched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

VARIABLE = re.compile(r"\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}")
"""Grafana's ``variableRegex``: ``$name``, ``[[name:format]]``, ``${name.field:format}``."""

ALL = "$__all"


@dataclass(frozen=True)
class Selection:
    """What a variable holds for the check: the chosen values, and how Grafana formats
    them. ``all_value`` is set when ``All`` is chosen and the variable has one."""

    name: str
    values: tuple[str, ...]
    multi: bool = False
    include_all: bool = False
    all_value: str | None = None
    is_all: bool = False

    @property
    def text(self) -> str:
        """How the selection reads in a panel title or legend."""
        return "All" if self.is_all else " + ".join(self.values)


def references(text: str) -> list[str]:
    """The variables ``text`` refers to, in order, each once (built-ins included)."""
    seen: dict[str, None] = {}
    for match in VARIABLE.finditer(text):
        seen.setdefault(match.group(1) or match.group(2) or match.group(4), None)
    return list(seen)


def interpolate(text: str, selections: Mapping[str, Selection],
                builtins: Mapping[str, str]) -> tuple[str, list[str]]:
    """``text`` with every variable Grafana would fill in filled in, and the names of those
    it refers to that are not known (left as written)."""
    unknown: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2) or match.group(4)
        fmt = match.group(3) or match.group(6)
        if name in builtins:
            return builtins[name]
        selection = selections.get(name)
        if selection is None:
            if name not in unknown:
                unknown.append(name)
            return match.group(0)
        return format_value(selection, fmt)

    return VARIABLE.sub(fill, text), unknown


def format_value(selection: Selection, fmt: str | None) -> str:
    """One variable's text in a Prometheus query, with Grafana's format options."""
    if selection.is_all and fmt == "text":
        return "All"
    if selection.is_all and selection.all_value is not None and \
            fmt not in ("percentencode", "queryparam"):
        return selection.all_value  # as written, whatever the format (Scenes' CustomAllValue)
    values = list(selection.values)
    if fmt == "raw":
        return ",".join(values)
    if fmt == "regex":
        return _alternation([regex_escape(v) for v in values])
    if fmt == "pipe":
        return "|".join(values)
    if fmt == "text":
        return " + ".join(values)
    if fmt == "csv":
        return ",".join(values)
    if fmt in ("singlequote",):
        return ",".join("'" + v.replace("'", "\\'") + "'" for v in values)
    if fmt in ("doublequote",):
        return ",".join('"' + v.replace('"', '\\"') + '"' for v in values)
    if not selection.multi and not selection.include_all:
        return regular_escape(values[0] if values else "")
    escaped = [special_regex_escape(v) for v in values]
    return escaped[0] if len(escaped) == 1 else _alternation(escaped)


def regular_escape(value: str) -> str:
    """A single value in a PromQL string (``prometheusRegularEscape``): a backslash doubled,
    a single quote as ``\\'``."""
    return value.replace("\\", "\\\\").replace("'", "\\\\'")


def special_regex_escape(value: str) -> str:
    """A value inside a regex matcher (``prometheusSpecialRegexEscape``): a backslash
    becomes four, each regex metacharacter gets two before it (one for the PromQL string,
    one for the regex)."""
    value = value.replace("\\", "\\\\\\\\")
    return re.sub(r"([$^*{}\[\]+?.()|])", r"\\\\\1", value)


def regex_escape(value: str) -> str:
    """The ``:regex`` format (``escapeRegex``): one backslash before each metacharacter."""
    return re.sub(r"[\\^$*+?.()|\[\]{}/]", lambda m: "\\" + m.group(0), value)


def _alternation(values: list[str]) -> str:
    return values[0] if len(values) == 1 else "(" + "|".join(values) + ")"
