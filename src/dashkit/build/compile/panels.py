"""One panel of grafanalib output -> the panel JSON Grafana 11/12 saves."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from dashkit.build.compile import graph, legacy
from dashkit.build.compile.cleanup import strip_nulls, thresholds
from dashkit.build.compile.datasources import TYPE_HINT, Datasources
from dashkit.problems import Location, Problem, Severity

CORE_PANEL_TYPES = frozenset({
    "alertlist", "annolist", "barchart", "bargauge", "candlestick", "canvas", "dashlist",
    "datagrid", "flamegraph", "gauge", "geomap", "heatmap", "histogram", "logs", "news",
    "nodeGraph", "piechart", "row", "stat", "state-timeline", "status-history", "table", "text",
    "timeseries", "traces", "trend", "xychart",
})
"""Panel types built into Grafana 11/12 (React panels; no Angular)."""

REPLACEMENTS = {
    "graph": "timeseries", "singlestat": "stat", "grafana-piechart-panel": "piechart",
    "grafana-worldmap-panel": "geomap", "natel-discrete-panel": "state-timeline",
    "flant-statusmap-panel": "status-history", "table-old": "table",
}

# Keys grafanalib writes that Grafana no longer reads, or writes only at its defaults.
_LEGACY_PANEL_KEYS = frozenset({
    "editable", "error", "height", "span", "minSpan", "isNew", "cacheTimeout"})
_DEFAULT_NOISE: dict[str, Any] = {
    "hideTimeOverride": False, "transparent": False, "links": [], "transformations": [],
    "maxDataPoints": 100, "interval": "", "description": "",
}
_TARGET_NOISE: dict[str, Any] = {
    "hide": False, "interval": "", "legendFormat": "", "instant": False,
    "expr": "", "query": "", "target": "", "metric": "",
    "rawSql": "", "measurement": "", "datasource": "", "step": 10, "intervalFactor": 1,
}
"""Target keys at a value that means "not set" (grafanalib's ``Target`` writes every key of
every datasource: ``target`` for Graphite, ``query`` and ``metric`` empty, ``step`` 10, the
Prometheus-only ``expr`` for a Graphite query). A key with any other value is the query, or
a setting of it, for some datasource: it is kept. ``format: time_series`` is Prometheus'
default only: a SQL query's default is ``table`` (``applyQueryDefaults`` in Grafana's
``public/app/features/plugins/sql/defaults.ts``), so it is dropped from PromQL targets
alone."""
_HINT_KEY = frozenset({TYPE_HINT})
_SQL_FIELDS = ("rawSql", "rawQuery", "sql", "table", "timeColumn")


def _sql(target: dict[str, Any]) -> bool:
    """Whether a target is a SQL datasource's query (its format defaults to table)."""
    ds = target.get("datasource")
    kind = ds.get("type") if isinstance(ds, dict) else None
    return any(k in target for k in _SQL_FIELDS) or kind in (
        "mysql", "postgres", "grafana-postgresql-datasource", "mssql")
_NO_FIELD_CONFIG = frozenset({"text", "news", "dashlist", "alertlist", "annolist"})
_TABLE_LEGACY_KEYS = ("columns", "fontSize", "styles", "color", "mappings", "transform", "sort")


@dataclass
class PanelContext:
    """What a panel needs from its dashboard, and where its problems go."""

    dashboard: str
    source: str
    datasources: Datasources = field(default_factory=Datasources)
    problems: list[Problem] = field(default_factory=list)

    def warn(self, panel: dict[str, Any], summary: str, *hints: str) -> None:
        self.problems.append(Problem(summary, self._where(panel), hints, severity=Severity.WARNING))

    def error(self, panel: dict[str, Any], summary: str, *hints: str) -> None:
        self.problems.append(Problem(summary, self._where(panel), hints))

    def _where(self, panel: dict[str, Any]) -> Location:
        title = panel.get("title") or f"#{panel.get('id', '?')}"
        return Location(path=self.source, dashboard=self.dashboard, panel=str(title))


def modernize_panel(panel: dict[str, Any], ctx: PanelContext) -> dict[str, Any]:
    kind = panel.get("type")
    converted = kind in ("graph", "singlestat", "heatmap")
    if kind == "graph":
        panel, lost = graph.graph_to_timeseries(panel)
        ctx.warn(panel, "converted the Angular 'graph' panel to 'timeseries' as Grafana does"
                 + (f"; not carried over: {', '.join(lost)}" if lost else ""),
                 "use grafanalib.core.TimeSeries (or a dashkit.style factory) to control it")
    elif kind == "singlestat":
        ctx.warn(panel, "converted the Angular 'singlestat' panel to 'stat'",
                 "use grafanalib.core.Stat (or dashkit.style.stat) to control it")
        panel = legacy.singlestat_to_stat(panel)
    elif kind == "heatmap" and ("cards" in panel or "dataFormat" in panel):
        panel = legacy.heatmap_to_current(panel)
    elif kind in ("bargauge", "gauge"):
        panel = legacy.gauge_field_options(panel)
    elif kind in REPLACEMENTS:
        ctx.error(panel, f"panel type {kind!r} is not a core Grafana 11/12 panel",
                  f"use the core '{REPLACEMENTS[kind]}' panel")
    elif kind not in CORE_PANEL_TYPES:
        ctx.warn(panel, f"panel type {kind!r} is a plugin panel, not a core Grafana 11/12 "
                 "panel: every Grafana that shows it needs that plugin installed (and "
                 "Grafana 11 no longer runs Angular plugins)",
                 "use a core panel type where one does the job")

    # The panel is this compile's own data (from to_plain): its parts are edited in place.
    out = _clean(panel, _LEGACY_PANEL_KEYS, _DEFAULT_NOISE)
    if not out.get("repeat"):
        for key in ("repeat", "repeatDirection", "maxPerRow"):
            out.pop(key, None)

    if kind == "row":
        return _row(out, ctx)
    targets = out.get("targets") or []
    hints = {t.get(TYPE_HINT) for t in targets if isinstance(t, dict)} - {None}
    if out.get("datasource") is not None:
        out["datasource"] = ctx.datasources.ref(
            out["datasource"], next(iter(hints)) if len(hints) == 1 else None)
    if "targets" in out:
        out["targets"] = _targets(out["targets"], out.get("datasource"), ctx)
        if not out["targets"]:
            del out["targets"]
    _field_config(out)
    _options(out)
    if out.get("type") == "table":
        for key in _TABLE_LEGACY_KEYS:
            out.pop(key, None)
    # Only the legacy translations can introduce nulls; to_plain already dropped the rest.
    return strip_nulls(out) if converted else out


def _clean(data: dict[str, Any], legacy: frozenset[str],
           noise: dict[str, Any]) -> dict[str, Any]:
    """``data`` without null members, ``legacy`` keys and keys at their ``noise`` default.

    This runs for every panel and target: one comprehension, no calls per key."""
    return {k: v for k, v in data.items()
            if v is not None and k not in legacy and (k not in noise or noise[k] != v)}


def _row(row: dict[str, Any], ctx: PanelContext) -> dict[str, Any]:
    out: dict[str, Any] = {k: row[k] for k in ("collapsed", "gridPos", "id", "title", "type",
                                               "repeat") if k in row}
    out["collapsed"] = bool(row.get("collapsed"))
    children = row.get("panels") or []
    out["panels"] = [modernize_panel(child, ctx) for child in children] if out["collapsed"] else []
    return strip_nulls(out)  # type: ignore[no-any-return]


def lift_open_rows(panels: list[Any], ctx: PanelContext) -> list[Any]:
    """Panels inside a row that is open are not shown by Grafana (it reads a row's panels
    only when it is collapsed); they are placed right after their row instead, and said so."""
    out: list[Any] = []
    for panel in panels:
        out.append(panel)
        if not isinstance(panel, dict) or panel.get("type") != "row" or panel.get("collapsed"):
            continue
        children = [child for child in panel.get("panels") or [] if isinstance(child, dict)]
        if children:
            ctx.warn(panel, f"the row is open but holds {len(children)} panel(s), which Grafana "
                            "would not show; they are placed after the row",
                     "set collapsed=True to keep them inside, or list them after the row")
            panel["panels"] = []
            out.extend(children)
    return out


def _targets(targets: list[Any], panel_ds: Any, ctx: PanelContext) -> list[dict[str, Any]]:
    out = []
    spare = None
    for target in targets:
        if not isinstance(target, dict):
            continue
        hint = target.get(TYPE_HINT)
        t = _clean(target, _HINT_KEY, _TARGET_NOISE)
        if "query" in t and t["query"] == t.get("expr"):
            del t["query"]  # grafanalib's Target copies expr into query
        if t.get("format") == "time_series" and (t.get("expr") or not _sql(t)):
            del t["format"]
        if not t.get("refId"):
            if spare is None:
                used = {t.get("refId") for t in targets if isinstance(t, dict)}
                spare = (letter for letter in string.ascii_uppercase if letter not in used)
            t["refId"] = next(spare)
        ds = t.get("datasource")
        if ds is not None:
            t["datasource"] = ctx.datasources.ref(ds, hint)
        elif panel_ds is not None:
            t["datasource"] = panel_ds
        out.append(t)
    return out


def _field_config(panel: dict[str, Any]) -> None:
    if panel.get("type") in _NO_FIELD_CONFIG:
        # These panels read no field config. grafanalib writes an empty one, which goes; one
        # a dashboard carries (an export from Grafana) is kept as it is.
        if _empty_field_config(panel.get("fieldConfig")):
            panel.pop("fieldConfig", None)
        return
    config = panel.get("fieldConfig") or {}
    defaults = {k: v for k, v in (config.get("defaults") or {}).items() if v is not None}
    custom = defaults.get("custom")
    if isinstance(custom, dict):
        custom = {k: v for k, v in custom.items() if v is not None}
        if custom:
            defaults["custom"] = custom
        else:
            del defaults["custom"]
    if defaults.get("unit") == "":
        del defaults["unit"]
    if defaults.get("noValue") == "none" and panel.get("type") == "stat":
        del defaults["noValue"]  # grafanalib's default prints the word "none" for no data
    if "thresholds" in defaults:  # absent, the panel plugin's own defaults apply in Grafana
        thresholds(defaults)
    panel["fieldConfig"] = {"defaults": defaults, "overrides": list(config.get("overrides") or [])}


def _empty_field_config(config: Any) -> bool:
    if not isinstance(config, dict):
        return True
    defaults = {k: v for k, v in (config.get("defaults") or {}).items() if v is not None}
    steps = (defaults.get("thresholds") or {}).get("steps") if isinstance(
        defaults.get("thresholds"), dict) else None
    return not config.get("overrides") and set(defaults) <= {"thresholds"} and not steps


def _options(panel: dict[str, Any]) -> None:
    options = panel.get("options")
    if isinstance(options, list):  # grafanalib's Heatmap writes options=[]
        options = {}
    if not isinstance(options, dict):
        return
    options = {k: ({k2: v2 for k2, v2 in v.items() if v2 is not None}
                   if isinstance(v, dict) else v)
               for k, v in options.items() if v is not None}
    legend = options.get("legend")
    if isinstance(legend, dict) and "displayMode" in legend:
        legend.setdefault("showLegend", legend["displayMode"] != "hidden")
        legend.setdefault("calcs", [])
    if options.get("dataLinks") == [] and panel.get("type") != "graph":
        options.pop("dataLinks")
    panel["options"] = options
