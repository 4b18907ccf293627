"""The one normalisation that diff, push plans and drift checks share.

Two dashboards are "the same" when they differ only in what Grafana owns or adds by itself:
server-owned fields (id, version, iteration), migration noise (schemaVersion,
pluginVersion), runtime state of variables (their resolved options and current value), null
versus absent, empty list or object versus absent, key order and panel order (Grafana sorts
panels by position when it saves). Plugin option defaults that Grafana's frontend fills in when
a dashboard is opened are handled by :func:`without_filled_defaults`.
"""

from __future__ import annotations

import json
from typing import Any

from dashkit.ids import all_panels, fill_missing_ids

SERVER_OWNED = ("id", "version", "iteration", "meta", "schemaVersion", "__inputs",
                "__requires", "__elements", "gnetId")
PANEL_NOISE = ("pluginVersion",)
RUNTIME_VARIABLE_KEYS = ("current", "options")

DEFAULT_ZONES = (("options",), ("fieldConfig", "defaults", "custom"))
LOAD_DEFAULTS: dict[str, Any] = {"fiscalYearStartMonth": 0, "weekStart": "", "refresh": "",
                                 "liveNow": False, "graphTooltip": 0, "editable": True}
"""Dashboard fields at the value Grafana gives them when they are missing (the
``DashboardModel`` constructor in public/app/features/dashboard/state/DashboardModel.ts):
written or not, the same dashboard."""
BUILTIN_ANNOTATION_NAME = "Annotations & Alerts"
"""The built-in annotation query Grafana adds to a dashboard that has none
(``addBuiltInAnnotationQuery`` in the same file)."""
"""Where Grafana's frontend writes plugin defaults into a panel when it is opened and saved."""


def normalize(dashboard: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``dashboard`` with everything that does not matter removed.

    A dashboard of the old schema (legacy ``rows``) gets its rows as Grafana lays them out,
    and panels without an id get the ids a build would give them, so that edits inside are
    matched panel by panel."""
    out = {k: v for k, v in dashboard.items() if k not in SERVER_OWNED and k != "rows"
           and not (k in LOAD_DEFAULTS and v == LOAD_DEFAULTS[k])}
    annotations = (out.get("annotations") or {}).get("list") if isinstance(
        out.get("annotations"), dict) else None
    if isinstance(annotations, list):
        out["annotations"] = {"list": [a for a in annotations if not _builtin_default(a)]}
    panels = dashboard.get("panels") or []
    if not panels and isinstance(dashboard.get("rows"), list):
        # Imported here: the compile package is not needed for the usual, current schema.
        from dashkit.build.compile.rows import rows_to_panels

        panels = rows_to_panels(json.loads(json.dumps(dashboard["rows"])))
    out["panels"] = _panels(panels)
    fill_missing_ids(all_panels(out["panels"]))
    templating = (dashboard.get("templating") or {}).get("list") or []
    out["templating"] = {"list": [_variable(v) for v in templating if isinstance(v, dict)]}
    return _prune(out)  # type: ignore[no-any-return]


def _builtin_default(annotation: Any) -> bool:
    """Grafana's own built-in annotation query, as it adds it (enabled, hidden)."""
    return (isinstance(annotation, dict) and annotation.get("builtIn") == 1
            and annotation.get("name") == BUILTIN_ANNOTATION_NAME
            and annotation.get("enable") is not False and annotation.get("hide") is not False
            and (annotation.get("datasource") or {}).get("uid") in (None, "-- Grafana --",
                                                                     "grafana"))


def without_filled_defaults(desired: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
    """``live`` minus keys Grafana filled in: in the plugin-default zones of each panel, keys
    that ``desired`` does not set are dropped. Both arguments should be normalised first."""
    wanted = {p.get("id"): p for p in all_panels(desired.get("panels") or [])}
    out = dict(live)
    if "panels" in live:
        out["panels"] = [_trim_panel(p, wanted.get(p.get("id"))) for p in live["panels"]]
    return out


def _trim_panel(panel: dict[str, Any], desired: dict[str, Any] | None) -> dict[str, Any]:
    if desired is None:
        return panel
    out = dict(panel)
    for zone in DEFAULT_ZONES:
        live_zone, want_zone = dig(out, zone), dig(desired, zone)
        if isinstance(live_zone, dict):
            _set(out, zone, _subset(live_zone, want_zone if isinstance(want_zone, dict) else {}))
    if "panels" in out and desired.get("panels"):
        children = {p.get("id"): p for p in desired["panels"]}
        out["panels"] = [_trim_panel(p, children.get(p.get("id"))) for p in out["panels"]]
    return _prune(out)  # type: ignore[no-any-return]


def _subset(live: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in live.items():
        if key not in wanted:
            continue
        if isinstance(value, dict) and isinstance(wanted[key], dict):
            out[key] = _subset(value, wanted[key])
        else:
            out[key] = value
    return out


def _panels(panels: list[Any]) -> list[dict[str, Any]]:
    cleaned = []
    for panel in panels:
        if not isinstance(panel, dict):
            continue
        p = {k: v for k, v in panel.items() if k not in PANEL_NOISE}
        if "panels" in p:
            p["panels"] = _panels(p["panels"] or [])
        cleaned.append(p)
    return sorted(cleaned, key=_position)


def _position(panel: dict[str, Any]) -> tuple[int, int]:
    grid = panel.get("gridPos") or {}
    return (int(grid.get("y", 0) or 0), int(grid.get("x", 0) or 0))


def _variable(var: dict[str, Any]) -> dict[str, Any]:
    if var.get("type") in ("query", "datasource"):
        return {k: v for k, v in var.items() if k not in RUNTIME_VARIABLE_KEYS}
    return dict(var)


def _prune(value: Any, threshold_step: bool = False) -> Any:
    """Drop nulls and empty containers; a threshold step keeps ``"value": null`` (minus
    infinity, the base step)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if item is None:
                if threshold_step and key == "value":
                    out[key] = None
                continue
            pruned: Any = (
                [_prune(step, threshold_step=True) for step in item]
                if key == "steps" and isinstance(item, list) else _prune(item)
            )
            if pruned in ({}, []):
                continue
            out[key] = pruned
        return out
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


def dig(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    """``data[path[0]][path[1]]...``, or None where the path runs out."""
    current: Any = data
    for part in path:
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    current = data
    for part in path[:-1]:
        current[part] = dict(current.get(part) or {})
        current = current[part]
    current[path[-1]] = value
