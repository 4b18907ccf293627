"""What ``check-queries`` runs: one check per Prometheus panel target (a range query over
the dashboard's default time range, with its variables and macros filled in as Grafana
would), one per recording rule and one per part of each alert expression (instant
queries at now)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import promql_parser

from dashkit.ids import all_panels
from dashkit.queries.macros import TimeRange, aligned, macros, step_for
from dashkit.queries.templating import interpolate, references
from dashkit.queries.variables import Resolved


class Kind(StrEnum):
    PANEL = "panel"
    ALERT = "alert"
    RECORDING = "recording rule"


class Status(StrEnum):
    OK = "ok"
    EMPTY = "empty"
    ERROR = "error"
    UNRESOLVED = "unresolved variable"


@dataclass(frozen=True)
class Check:
    """One query to run. ``query`` is what Prometheus is sent (None when a variable could not
    be resolved: ``problem`` says why). Range checks have a ``step``; instant ones run at
    ``end``."""

    kind: Kind
    container: str
    """The dashboard's title, or the rule's module or group."""
    uid: str
    """The dashboard's uid, or the rule's name."""
    name: str
    """The panel's title, or the alert or recorded series' name."""
    ref: str
    """The target's refId, or which part of an alert expression."""
    expr: str
    query: str | None
    start: float = 0.0
    end: float = 0.0
    step: float | None = None
    problem: str = ""
    problem_status: Status = Status.UNRESOLVED
    source: str = ""
    panel_id: int | None = None


def dashboard_checks(data: Mapping[str, Any], source: str, resolved: Resolved,
                     window: TimeRange, scrape: float,
                     datasource_types: Mapping[str, str]) -> list[Check]:
    """A check for each Prometheus target of each panel, in layout order. Targets of other
    datasources (Loki, Tempo) and hidden or empty ones are not checked."""
    title, uid = str(data.get("title", "")), str(data.get("uid", ""))
    variable_types = _variable_types(data)
    checks = []
    for panel in all_panels(data.get("panels") or ()):
        for target in panel.get("targets") or ():
            if not isinstance(target, Mapping) or target.get("hide"):
                continue
            expr = str(target.get("expr") or "")
            ds = target.get("datasource") or panel.get("datasource")
            if not expr.strip() or not _is_prometheus(ds, variable_types, datasource_types):
                continue
            step = step_for(window, max_data_points=panel.get("maxDataPoints"),
                            panel_interval=panel.get("interval") or None,
                            target_interval=target.get("interval") or None,
                            interval_factor=target.get("intervalFactor"), scrape=scrape)
            span = aligned(window, step.step_ms)
            check = Check(Kind.PANEL, title, uid, str(panel.get("title") or ""),
                          str(target.get("refId") or ""), expr, None, span.start, span.end,
                          step.step_ms / 1000, source=source, panel_id=panel.get("id"))
            checks.append(_filled(check, expr, resolved, macros(window, step)))
    return checks


def _filled(check: Check, expr: str, resolved: Resolved, builtins: Mapping[str, str]) -> Check:
    from dataclasses import replace

    for name in references(expr):
        if name in resolved.failed:
            return replace(check, problem=f"${name}: {resolved.failed[name]}",
                           problem_status=Status.ERROR)
        if name in resolved.unresolved:
            return replace(check, problem=f"${name}: {resolved.unresolved[name]}")
    query, unknown = interpolate(expr, resolved.selections, builtins)
    if unknown:
        return replace(check, problem=f"${unknown[0]} is not a variable of this dashboard")
    return replace(check, query=query)


def rule_checks(alerts: Sequence[tuple[str, str, str]], recordings: Sequence[tuple[str, str, str]],
                now: float) -> list[Check]:
    """Recording rules run whole; an alert runs part by part (the sides of ``and``/``or``/
    ``unless``, without a comparison against a number), so a quiet alert still shows that
    what it watches exists. Each item is (name, expr, where)."""
    checks = [Check(Kind.RECORDING, where, name, name, "expr", expr, expr, now, now,
                    source=where) for name, expr, where in recordings]
    for name, expr, where in alerts:
        try:
            parts = list(_alert_parts(promql_parser.parse(expr)))
        except ValueError as exc:
            checks.append(Check(Kind.ALERT, where, name, name, "expr", expr, None, now, now,
                                problem=f"not PromQL: {exc}", problem_status=Status.ERROR,
                                source=where))
            continue
        for index, part in enumerate(parts, 1):
            ref = "expr" if len(parts) == 1 else f"part {index} of {len(parts)}"
            checks.append(Check(Kind.ALERT, where, name, name, ref, expr, part, now, now,
                                source=where))
    return checks


_SET_OPS = {"and", "or", "unless"}
_COMPARISONS = {"==", "!=", ">", "<", ">=", "<="}


def _alert_parts(node: Any) -> Iterator[str]:
    while isinstance(node, promql_parser.ParenExpr):
        node = node.expr
    if isinstance(node, promql_parser.BinaryExpr):
        op = str(node.op)
        if op in _SET_OPS:
            yield from _alert_parts(node.lhs)
            yield from _alert_parts(node.rhs)
            return
        if op in _COMPARISONS and not _returns_bool(node):
            if isinstance(node.rhs, promql_parser.NumberLiteral):
                yield from _alert_parts(node.lhs)
                return
            if isinstance(node.lhs, promql_parser.NumberLiteral):
                yield from _alert_parts(node.rhs)
                return
    yield str(node)


def _returns_bool(node: Any) -> bool:
    modifier = getattr(node, "modifier", None)
    return bool(modifier is not None and getattr(modifier, "return_bool", False))


def _variable_types(data: Mapping[str, Any]) -> dict[str, str]:
    """Datasource variables and the plugin type each stands for: ``prometheus`` -> type."""
    templating = data.get("templating") or {}
    return {str(v.get("name")): str(v.get("query")) for v in templating.get("list") or ()
            if isinstance(v, Mapping) and v.get("type") == "datasource"}


def _is_prometheus(ds: Any, variables: Mapping[str, str],
                   configured: Mapping[str, str]) -> bool:
    """Whether a target's datasource is Prometheus: by its type, by the datasource
    variable it names, or by ``datasources:`` in dashboards.yaml. No datasource at all is
    Grafana's default datasource, taken to be Prometheus."""
    if ds is None or ds == "":
        return True
    if isinstance(ds, str):
        uid, kind = ds, None
    elif isinstance(ds, Mapping):
        uid, kind = str(ds.get("uid") or ""), ds.get("type")
    else:
        return False
    if kind:
        return bool(kind == "prometheus")
    names = references(uid)
    if names:
        return variables.get(names[0]) == "prometheus"
    return configured.get(uid, "prometheus") == "prometheus"
