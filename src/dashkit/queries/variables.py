"""A dashboard's template variables resolved to real values, as Grafana would on load.

Query variables run against the Prometheus under test (``label_values``, ``label_names``,
``metrics``, ``query_result`` or a bare selector, as in Grafana's
``packages/grafana-prometheus/src/metric_find_query.ts``), are filtered by their ``regex``
and sorted (``QueryVariable.getValueOptions`` in ``@grafana/scenes``); the saved selection
is kept where still offered, else ``All`` when the variable has it, else the first option
(``MultiValueVariable.getStateUpdateGivenNewOptions``). A query variable that finds nothing
is *unresolved*: every query that uses it is reported so, not run with an empty value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashkit.queries.macros import TimeRange, format_interval, parse_duration, round_interval
from dashkit.queries.prometheus import Prometheus, QueryError
from dashkit.queries.templating import ALL, Selection, interpolate

_LABEL_VALUES = re.compile(r"^label_values\((?:(.+),\s*)?(.+)\)\s*$", re.DOTALL)
_LABEL_NAMES = re.compile(r"^label_names\(\)\s*$")
_METRICS = re.compile(r"^metrics\((.+)\)\s*$", re.DOTALL)
_QUERY_RESULT = re.compile(r"^query_result\((.+)\)\s*$", re.DOTALL)


@dataclass(frozen=True)
class Resolved:
    """Every variable Grafana could fill in, and why the others could not be."""

    selections: dict[str, Selection]
    unresolved: dict[str, str]
    failed: dict[str, str]
    """Variables whose query Prometheus refused: the queries using them are errors."""


def resolve(variables: Sequence[Mapping[str, Any]], prometheus: Prometheus,
            window: TimeRange, scrape: float) -> Resolved:
    """The variables in dashboard order; each may use the ones before it."""
    selections: dict[str, Selection] = {}
    unresolved: dict[str, str] = {}
    failed: dict[str, str] = {}
    builtins = {"__interval": format_interval(scrape * 1000),
                "__interval_ms": str(int(scrape * 1000)),
                "__range": f"{round(window.seconds)}s", "__range_s": str(round(window.seconds)),
                "__range_ms": str(int(window.seconds * 1000))}
    for variable in variables:
        name = str(variable.get("name") or "")
        if not name:
            continue
        try:
            options = _options(variable, prometheus, window, selections, builtins)
        except _Failed as exc:
            failed[name] = str(exc)
            continue
        except _Unresolved as exc:
            unresolved[name] = str(exc)
            continue
        if options is None:  # not a value variable (ad hoc filters)
            continue
        selections[name] = _select(variable, options)
    return Resolved(selections, unresolved, failed)


class _Unresolved(Exception):
    """The variable has no value to offer."""


class _Failed(_Unresolved):
    """Its query failed in Prometheus."""


def _options(variable: Mapping[str, Any], prometheus: Prometheus, window: TimeRange,
             known: Mapping[str, Selection], builtins: Mapping[str, str]) -> list[str] | None:
    kind = variable.get("type", "query")
    query = variable.get("query")
    if isinstance(query, Mapping):  # the newer editor's object form: only its text runs
        query = query.get("query", "")
    text = str(query or "")
    if kind == "query":
        filled, unknown = interpolate(text, known, builtins)
        if unknown:
            raise _Unresolved(f"its query uses ${unknown[0]}, which has no value here")
        values = _run(filled, prometheus, window)
        try:
            values = _filter(values, str(variable.get("regex") or ""))
        except re.error as exc:
            raise _Failed(f"its regex {variable.get('regex')!r} is not valid: {exc}") from None
        values = _sorted(values, int(variable.get("sort") or 0))
        if not values:
            raise _Unresolved(f"its query {filled!r} finds no values in this Prometheus")
        return values
    if kind == "custom":
        items = re.findall(r"(?:\\,|[^,])+", text)
        return [item.replace("\\,", ",").strip().split(" : ")[-1] for item in items]
    if kind == "constant":
        return [text]
    if kind == "textbox":
        current = (variable.get("current") or {}).get("value")
        value = current[0] if isinstance(current, list) and current else current
        return [str(value if value not in (None, "") else text)]
    if kind == "interval":
        return _interval_options(variable, text, window)
    if kind == "datasource":
        return [str(text)]  # the datasource under test stands in for any of that type
    return None


def _run(query: str, prometheus: Prometheus, window: TimeRange) -> list[str]:
    try:
        if _LABEL_NAMES.match(query):
            return sorted(prometheus.label_names(window.start, window.end))
        if match := _LABEL_VALUES.match(query):
            selector, label = match.group(1), match.group(2).strip()
            return prometheus.label_values(label, [selector.strip()] if selector else [],
                                           window.start, window.end)
        if match := _METRICS.match(query):
            names = prometheus.label_values("__name__", [], window.start, window.end)
            try:
                pattern = re.compile(_python_regex(match.group(1).strip()))
            except re.error as exc:
                raise _Failed(f"its metrics() pattern is not valid: {exc}") from None
            return [n for n in names if pattern.search(n)]
        if match := _QUERY_RESULT.match(query):
            rows = prometheus.query(match.group(1), window.end)
            return [_result_line(row) for row in rows]
        rows = prometheus.query(query, window.end)  # a bare selector: its series
        return [_series_name(row.get("metric", {})) for row in rows]
    except QueryError as exc:
        raise _Failed(f"its query {query!r} failed: {exc}") from None


def _result_line(row: Mapping[str, Any]) -> str:
    value = row.get("value") or [0, ""]
    return f"{_series_name(row.get('metric', {}))} {value[1]} {int(float(value[0]) * 1000)}"


def _series_name(labels: Mapping[str, str]) -> str:
    name = labels.get("__name__", "")
    pairs = ",".join(f'{k}="{v}"' for k, v in labels.items() if k != "__name__")
    return f"{name}{{{pairs}}}"


def _filter(values: list[str], regex: str) -> list[str]:
    """The variable's regex over each value: group 1 (or the named ``value`` group) where
    it has groups, the value itself where it matches without, dropped where it does not."""
    if not regex:
        return list(dict.fromkeys(values))
    match = re.fullmatch(r"/(.*)/([a-z]*)", regex, re.DOTALL)
    flags = match.group(2) if match else ""
    pattern = re.compile(_python_regex(match.group(1) if match else f"^{regex}$"),
                         re.IGNORECASE if "i" in flags else 0)
    out: list[str] = []
    for value in values:
        found = list(pattern.finditer(value)) if "g" in flags else \
            [m for m in [pattern.search(value)] if m]
        for hit in found:
            groups = hit.groupdict()
            if groups.get("value") is not None:
                out.append(groups["value"])
            elif groups.get("text") is not None:
                out.append(groups["text"])
            elif hit.groups():
                out.append(hit.group(1) or "")
            else:
                out.append(value)
    return list(dict.fromkeys(out))


def _python_regex(pattern: str) -> str:
    """A JavaScript regex as Python reads it: named groups are ``(?<name>...)`` there and
    ``(?P<name>...)`` here (look-behinds ``(?<=``, ``(?<!`` are the same in both)."""
    return re.sub(r"\(\?<(?![=!])", "(?P<", pattern)


def _sorted(values: list[str], sort: int) -> list[str]:
    def number(value: str) -> float:
        found = re.search(r"\d+", value)
        return float(found.group(0)) if found else float("-inf")

    if sort in (1, 2):
        return sorted(values, reverse=sort == 2)
    if sort in (3, 4):
        return sorted(values, key=number, reverse=sort == 4)
    if sort in (5, 6, 7, 8):
        return sorted(values, key=str.lower, reverse=sort in (6, 8))
    return values


def _interval_options(variable: Mapping[str, Any], text: str, window: TimeRange) -> list[str]:
    options = [m.group(2) or m.group(0) for m in re.finditer(r"([\"'])(.*?)\1|\w+", text)] \
        or ["1m", "10m", "30m", "1h", "6h", "12h", "1d", "7d", "14d", "30d"]
    current = (variable.get("current") or {}).get("value")
    current = current[0] if isinstance(current, list) and current else current
    if (isinstance(current, str) and current.startswith("$__auto")) or (
            variable.get("auto") and not current):
        count = int(variable.get("auto_count") or 30)
        low = parse_duration(str(variable.get("auto_min") or "10s")) or 10_000
        ms = max(round_interval(window.seconds * 1000 / count), low)
        return [format_interval(ms)]
    if isinstance(current, str) and current in options:
        return [current] + [o for o in options if o != current]
    return options


def _select(variable: Mapping[str, Any], options: list[str]) -> Selection:
    name = str(variable["name"])
    multi, include_all = bool(variable.get("multi")), bool(variable.get("includeAll"))
    all_value = variable.get("allValue") or None
    current = (variable.get("current") or {}).get("value")
    saved = [str(v) for v in (current if isinstance(current, list) else [current])
             if v is not None and v != ""]
    kind = variable.get("type", "query")
    if kind in ("constant", "textbox", "interval", "datasource"):
        return Selection(name, (options[0],))
    if include_all and (ALL in saved or not saved):
        return Selection(name, tuple(options), multi, include_all, all_value, is_all=True)
    kept = [v for v in saved if v in options]
    if not kept:
        if include_all:
            return Selection(name, tuple(options), multi, include_all, all_value, is_all=True)
        kept = options[:1]
    return Selection(name, tuple(kept if multi else kept[:1]), multi, include_all)
