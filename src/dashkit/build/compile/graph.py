"""The Angular ``graph`` panel -> ``timeseries``, as Grafana's own auto-migration does it.

The reference is Grafana's ``graphToTimeseriesOptions`` (called by
``graphPanelChangedHandler``), public/app/plugins/panel/timeseries/migrations.ts: the left y
axis becomes the field defaults (unit, min, max, decimals, label, log scale, hidden), the
right one an override per series on it; ``aliasColors`` and ``seriesOverrides`` become field
overrides; lines, bars, points, fill, gradient, dashes, steps, stacking and null handling
become the custom field config; legend, tooltip (with its sort) and thresholds (with their
line/area style) are carried over. What Grafana drops silently is named here instead, so the
build can say what did not survive.
"""

from __future__ import annotations

import re
from typing import Any

from dashkit.build.compile.plain import JSON

KEEP = ("datasource", "description", "gridPos", "id", "interval", "links", "maxDataPoints",
        "repeat", "repeatDirection", "targets", "timeFrom", "timeShift", "hideTimeOverride",
        "title", "transparent", "transformations", "libraryPanel")
"""What Grafana keeps of the panel as it is (``mustKeepProps`` in PanelModel.ts)."""

_REGEX_ALIAS = re.compile(r"^([/~@;%#'])(.*?)\1([gimsuy]*)$")
_REDUCERS = {"min": "min", "max": "max", "avg": "mean", "current": "lastNotNull",
             "total": "sum"}
_THRESHOLD_COLORS = {"critical": "red", "warning": "orange"}


def graph_to_timeseries(panel: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The timeseries panel, and what of the graph it could not carry over."""
    lost: list[str] = []
    out: dict[str, Any] = {key: panel[key] for key in KEEP if key in panel}
    out["type"] = "timeseries"
    yaxes = [a if isinstance(a, dict) else {} for a in panel.get("yaxes") or []]
    config = panel.get("fieldConfig") or {}
    defaults = {**(config.get("defaults") or {}), **_axis(yaxes[0] if yaxes else None)}
    overrides: list[dict[str, Any]] = list(config.get("overrides") or [])
    overrides += _alias_colors(panel.get("aliasColors"))
    series, below = _series_overrides(panel, defaults, yaxes, lost)
    overrides += series
    defaults["custom"] = {**(defaults.get("custom") or {}), **_draw(panel, below)}
    if panel.get("stack") and panel.get("percentage") and panel.get("yaxis"):
        defaults.pop("min", None)  # a percentage stack has its own range
        defaults.pop("max", None)
        if defaults.get("decimals") == 0:
            del defaults["decimals"]
    if panel.get("nullPointMode") is not None:
        defaults["nullValueMode"] = panel["nullPointMode"]
    legend: dict[str, Any] = {"displayMode": "list", "showLegend": True,
                              "placement": "bottom", "calcs": []}
    tooltip: dict[str, Any] = {"mode": "single", "sort": "none"}
    overrides += _legend(panel.get("legend"), legend, lost)
    _tooltip(panel.get("tooltip"), tooltip, lost)
    _thresholds(panel.get("thresholds"), defaults)
    xaxis = panel.get("xaxis") or {}
    if xaxis.get("show") is False and xaxis.get("mode", "time") == "time":
        overrides.append({"matcher": {"id": "byType", "options": "time"},
                          "properties": [{"id": "custom.axisPlacement", "value": "hidden"}]})
    if xaxis.get("mode") in ("series", "histogram"):
        lost.append(f"x axis mode {xaxis['mode']!r} (Grafana makes a "
                    f"{'bar chart' if xaxis['mode'] == 'series' else 'histogram'} of it)")
    for key, what in (("decimals", "panel decimals (the y axis decimals are kept)"),
                      ("hiddenSeries", "hidden series"), ("timeRegions", "time regions"),
                      ("alert", "the legacy alert (define alert rules instead)")):
        if panel.get(key):
            lost.append(what)
    out["fieldConfig"] = {"defaults": {k: v for k, v in defaults.items() if v is not None},
                          "overrides": overrides}
    out["options"] = {"legend": legend, "tooltip": tooltip}
    return out, lost


def _axis(axis: JSON) -> dict[str, Any]:
    """``getFieldConfigFromOldAxis``: one legacy y axis as field config."""
    if not isinstance(axis, dict):
        return {}
    custom: dict[str, Any] = {"axisPlacement": "auto" if axis.get("show") else "hidden"}
    if axis.get("label"):
        custom["axisLabel"] = axis["label"]
    if axis.get("logBase") in (2, 10):
        custom["scaleDistribution"] = {"type": "log", "log": axis["logBase"]}
    found = {"unit": axis.get("format"), "decimals": _number(axis.get("decimals")),
             "min": _number(axis.get("min")), "max": _number(axis.get("max")),
             "custom": custom}
    return {k: v for k, v in found.items() if v is not None}


def _alias_colors(colors: JSON) -> list[dict[str, Any]]:
    if not isinstance(colors, dict):
        return []
    return [{"matcher": {"id": "byName", "options": alias},
             "properties": [{"id": "color", "value": {"mode": "fixed", "fixedColor": color}}]}
            for alias, color in colors.items() if color]


def _series_overrides(panel: dict[str, Any], defaults: dict[str, Any], yaxes: list[Any],
                      lost: list[str]) -> tuple[list[dict[str, Any]], bool]:
    """One override per ``seriesOverrides`` entry; and whether one fills below another."""
    rules, below = [], False
    for item in panel.get("seriesOverrides") or []:
        if not isinstance(item, dict) or not item.get("alias"):
            continue
        alias = str(item["alias"])
        props: list[dict[str, Any]] = []
        dashes = {}
        for key, value in item.items():
            if key in ("alias", "$$hashKey"):
                continue
            if key in ("dashes", "dashLength", "spaceLength"):
                dashes[key] = value
            elif key == "yaxis":
                if value == 2:
                    props += _right_axis(defaults, yaxes[1] if len(yaxes) > 1 else None)
            elif key == "fillBelowTo":
                below = True
                props.append({"id": "custom.fillBelowTo", "value": value})
            else:
                found = _override_property(key, value)
                if found is None:
                    lost.append(f"series override {key!r} of {alias!r}")
                props += found or []
        if dashes:
            props.append({"id": "custom.lineStyle", "value": _line_style(
                dashes.get("dashes", panel.get("dashes")),
                dashes.get("dashLength", panel.get("dashLength")),
                dashes.get("spaceLength", panel.get("spaceLength")))})
        if props:
            matcher = "byRegexp" if _REGEX_ALIAS.match(alias) else "byName"
            rules.append({"matcher": {"id": matcher, "options": alias}, "properties": props})
    return rules, below


def _override_property(key: str, value: Any) -> list[dict[str, Any]] | None:
    """The properties one ``seriesOverrides`` key becomes; None when Grafana drops it."""
    if key == "fill":
        return [{"id": "custom.fillOpacity", "value": _number(value, 0) * 10}]
    if key == "fillGradient":
        return [{"id": "custom.fillGradient", "value": "opacity"},
                {"id": "custom.fillOpacity", "value": _number(value, 0) * 10}] if value else []
    if key == "points":
        return [{"id": "custom.showPoints", "value": "always" if value else "never"}]
    if key == "bars":
        return ([{"id": "custom.drawStyle", "value": "bars"},
                 {"id": "custom.fillOpacity", "value": 100}] if value else
                [{"id": "custom.drawStyle", "value": "line"}])
    if key == "lines":
        return [{"id": "custom.drawStyle", "value": "line"} if value else
                {"id": "custom.lineWidth", "value": 0}]
    if key == "linewidth":
        return [{"id": "custom.lineWidth", "value": value}]
    if key == "pointradius":
        return [{"id": "custom.pointSize", "value": 2 + _number(value, 0) * 2}]
    if key == "stack":
        return [{"id": "custom.stacking", "value": {
            "mode": "normal" if value else "none",
            "group": value if isinstance(value, str) else "A"}}]
    if key == "color":
        return [{"id": "color", "value": {"fixedColor": value, "mode": "fixed"}}]
    if key == "transform":
        return [{"id": "custom.transform",
                 "value": "negative-Y" if value == "negative-Y" else "constant"}]
    return None


def _right_axis(left: dict[str, Any], axis: JSON) -> list[dict[str, Any]]:
    """``fillY2DynamicValues``: what differs on the right axis, and the placement right."""
    right = _axis(axis)
    props = [{"id": key, "value": value} for key, value in right.items()
             if key != "custom" and value != left.get(key)]
    props.append({"id": "custom.axisPlacement", "value": "right"})
    left_custom = left.get("custom") or {}
    props += [{"id": f"custom.{key}", "value": value}
              for key, value in (right.get("custom") or {}).items()
              if value != left_custom.get(key) or key == "scaleDistribution"]
    return props


def _draw(panel: dict[str, Any], fill_below: bool) -> dict[str, Any]:
    """How series are drawn (the custom field config of the defaults)."""
    style = "bars" if panel.get("bars") else "line" if panel.get("lines") else "points"
    custom: dict[str, Any] = {"drawStyle": style}
    if panel.get("points"):
        custom["showPoints"] = "always"
        if isinstance(panel.get("pointradius"), int | float):
            custom["pointSize"] = 2 + panel["pointradius"] * 2
    elif style != "points":
        custom["showPoints"] = "never"
    if panel.get("linewidth") is not None:
        custom["lineWidth"] = panel["linewidth"]
    if panel.get("dashes"):
        custom["lineStyle"] = _line_style(True, panel.get("dashLength"),
                                          panel.get("spaceLength"))
    if isinstance(panel.get("fill"), int | float):
        custom["fillOpacity"] = panel["fill"] * 10
    if fill_below:
        custom["fillOpacity"] = 35  # "bands are hardcoded in flot"
    if panel.get("fillGradient"):
        custom["gradientMode"] = "opacity"
        custom["fillOpacity"] = panel["fillGradient"] * 10
    custom["spanNulls"] = panel.get("nullPointMode") == "connected"
    if panel.get("steppedLine"):
        custom["lineInterpolation"] = "stepAfter"
    if style == "bars":
        custom["fillOpacity"] = 100
    if panel.get("stack"):
        custom["stacking"] = {"mode": "percent" if panel.get("percentage") else "normal",
                              "group": "A"}
    return custom


def _line_style(dashes: Any, length: Any, space: Any) -> dict[str, Any]:
    return {"fill": "dash" if dashes else "solid",
            "dash": [length if length is not None else 10, space if space is not None else 10]}


def _legend(legend: JSON, out: dict[str, Any], lost: list[str]) -> list[dict[str, Any]]:
    if not isinstance(legend, dict):
        return []
    if legend.get("show"):
        out["displayMode"] = "table" if legend.get("alignAsTable") else "list"
    else:
        out["showLegend"] = False
    if legend.get("rightSide"):
        out["placement"] = "right"
    if legend.get("values"):
        out["calcs"] = [_REDUCERS[key] for key, on in legend.items()
                        if on and key in _REDUCERS]
    if legend.get("sideWidth"):
        out["width"] = legend["sideWidth"]
    if legend.get("sort"):
        lost.append(f"legend sort by {legend['sort']!r}")
    rules = []
    for key, reducer in (("hideZero", "allIsZero"), ("hideEmpty", "allIsNull")):
        if legend.get(key):
            rules.append({"matcher": {"id": "byValue", "options": {
                "reducer": reducer, "op": "gte", "value": 0}}, "properties": [{
                    "id": "custom.hideFrom",
                    "value": {"tooltip": True, "viz": False, "legend": True}}]})
    return rules


def _tooltip(tooltip: JSON, out: dict[str, Any], lost: list[str]) -> None:
    if not isinstance(tooltip, dict):
        return
    if tooltip.get("shared") is not None:
        out["mode"] = "multi" if tooltip["shared"] else "single"
    if tooltip.get("shared") and tooltip.get("sort") is not None:
        out["sort"] = {1: "asc", 2: "desc"}.get(tooltip["sort"], "none")
    if tooltip.get("value_type") == "individual" and tooltip.get("shared"):
        lost.append("tooltip value type 'individual' (stacked values are shown as they are)")


def _thresholds(thresholds: JSON, defaults: dict[str, Any]) -> None:
    """Legacy graph thresholds (``gt``/``lt`` with fill and line) -> steps and their style."""
    if not isinstance(thresholds, list) or not thresholds:
        return
    found = sorted((t for t in thresholds if isinstance(t, dict)),
                   key=lambda t: _number(t.get("value"), 0))
    steps: list[dict[str, Any]] = []
    area = line = False
    for index, item in enumerate(found):
        area, line = area or bool(item.get("fill")), line or bool(item.get("line"))
        following = found[index + 1] if index + 1 < len(found) else None
        value = _number(item.get("value"))
        if item.get("op") == "gt":
            steps.append({"color": _color(item), "value": value})
        elif item.get("op") == "lt":
            if not steps:
                steps.append({"color": _color(item), "value": None})
            if following is not None and following.get("op") == "lt":
                steps.append({"color": _color(following), "value": value})
            else:
                steps.append({"color": "transparent", "value": value})
    if steps and steps[0]["value"] is not None:
        steps.insert(0, {"color": "transparent", "value": None})
    defaults["thresholds"] = {"mode": "absolute", "steps": steps}
    mode = "line+area" if line and area else "area" if area else "line"
    defaults.setdefault("custom", {})["thresholdsStyle"] = {"mode": mode}


def _color(threshold: dict[str, Any]) -> str:
    mode = threshold.get("colorMode")
    if mode == "custom":
        return str(threshold.get("fillColor") or threshold.get("lineColor") or "red")
    return _THRESHOLD_COLORS.get(str(mode), "red")


def _number(value: JSON, default: Any = None) -> Any:
    """Grafana's ``validNumber``: numbers, and strings that hold one."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float):
        return value
    if isinstance(value, str) and value.strip():
        try:
            number = float(value)
        except ValueError:
            return default
        return int(number) if number.is_integer() else number
    return default
