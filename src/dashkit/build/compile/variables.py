"""Template variables and dashboard-level parts (annotations, time picker) in current form."""

from __future__ import annotations

from typing import Any

from dashkit.build.compile.cleanup import strip_nulls
from dashkit.build.compile.datasources import Datasources

BUILTIN_ANNOTATION: dict[str, Any] = {
    "builtIn": 1,
    "datasource": {"type": "grafana", "uid": "-- Grafana --"},
    "enable": True,
    "hide": True,
    "iconColor": "rgba(0, 211, 255, 1)",
    "name": "Annotations & Alerts",
    "type": "dashboard",
}
"""The annotation query Grafana adds to every dashboard that lacks one."""

GRAFANA_DEFAULT_REFRESH_INTERVALS = ["5s", "10s", "30s", "1m", "5m", "15m", "30m", "1h", "2h",
                                     "1d"]

_COMMON = ("name", "label", "type", "hide", "description", "skipUrlSync")
_BY_TYPE: dict[str, tuple[str, ...]] = {
    "query": ("datasource", "definition", "query", "refresh", "regex", "sort", "multi",
              "includeAll", "allValue", "current", "options"),
    "datasource": ("query", "regex", "multi", "includeAll", "current", "options", "refresh"),
    "custom": ("query", "multi", "includeAll", "allValue", "current", "options"),
    "interval": ("query", "auto", "auto_min", "auto_count", "current", "options", "refresh"),
    "constant": ("query", "current", "options"),
    "textbox": ("query", "current", "options"),
    "adhoc": ("datasource", "filters", "baseFilters"),
}


def variable_types(templating: list[dict[str, Any]]) -> dict[str, str]:
    """Datasource variables by name -> the plugin type they select (``prometheus``...)."""
    return {
        v["name"]: str(v.get("query") or "prometheus")
        for v in templating
        if isinstance(v, dict) and v.get("type") == "datasource" and v.get("name")
    }


def modernize_variable(var: dict[str, Any], datasources: Datasources) -> dict[str, Any]:
    kind = var.get("type", "query")
    keys = _COMMON + _BY_TYPE.get(kind, tuple(var))
    out = {k: var[k] for k in keys if k in var}
    out["type"] = kind
    current = out.get("current")
    if isinstance(current, dict):
        current = {k: v for k, v in current.items() if k != "tags"}
        if current.get("value") is None:
            current = {}
        out["current"] = current
    if kind == "query":
        if out.get("datasource") is not None:
            out["datasource"] = datasources.ref(out["datasource"])
        query = out.get("query")
        if isinstance(query, str) and not out.get("definition"):
            out["definition"] = query
        out["options"] = out.get("options") or []
        out["regex"] = out.get("regex") or ""
    if kind == "datasource":
        out["regex"] = out.get("regex") or ""
        out["options"] = []
    if not out.get("allValue"):
        out.pop("allValue", None)  # grafanalib writes it empty; a value is kept, as Grafana does
    return strip_nulls(out)  # type: ignore[no-any-return]


def annotation_list(raw: Any) -> dict[str, Any]:
    items = list((raw or {}).get("list") or []) if isinstance(raw, dict) else []
    if not any(isinstance(a, dict) and a.get("builtIn") == 1 for a in items):
        items.insert(0, dict(BUILTIN_ANNOTATION))
    return {"list": strip_nulls(items)}


def timepicker(raw: Any) -> dict[str, Any]:
    """Drop ``time_options`` (removed in schema 41) and anything left at Grafana's default."""
    if not isinstance(raw, dict):
        return {}
    out = {k: v for k, v in raw.items() if k != "time_options" and v is not None}
    if out.get("refresh_intervals") == GRAFANA_DEFAULT_REFRESH_INTERVALS:
        del out["refresh_intervals"]
    if out.get("hidden") is False:
        del out["hidden"]
    if out.get("nowDelay") == "":
        del out["nowDelay"]
    return out
