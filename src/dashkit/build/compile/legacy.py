"""Translations of grafanalib's pre-Grafana-8 output into current core panel JSON.

Existing grafanalib modules use ``Graph``, ``SingleStat``, the old ``Heatmap`` and ``rows``;
these become ``timeseries``, ``stat``, the Grafana 9+ heatmap and row panels, so the output
is what Grafana 11/12 itself would save.
"""

from __future__ import annotations

from typing import Any

from dashkit.build.compile.plain import JSON

GRID_COLUMNS = 24


def singlestat_to_stat(panel: dict[str, Any]) -> dict[str, Any]:
    calc = {"avg": "mean", "current": "lastNotNull", "total": "sum"}.get(
        panel.get("valueName", "avg"), panel.get("valueName", "mean"))
    steps: list[dict[str, Any]] = [{"color": "green", "value": None}]
    raw = panel.get("thresholds")
    colors = panel.get("colors") or []
    if isinstance(raw, str) and raw.strip():
        for i, value in enumerate(raw.split(",")):
            color = colors[i + 1] if i + 1 < len(colors) else "red"
            steps.append({"color": color, "value": _number(value.strip())})
    out = _common(panel, "stat")
    out["fieldConfig"] = {
        "defaults": {
            "unit": panel.get("format") or "none",
            "decimals": panel.get("decimals"),
            "thresholds": {"mode": "absolute", "steps": steps},
            "color": {"mode": "thresholds"},
            "mappings": [],
        },
        "overrides": [],
    }
    out["options"] = {
        "colorMode": "background" if panel.get("colorBackground") else "value",
        "graphMode": "area" if (panel.get("sparkline") or {}).get("show") else "none",
        "justifyMode": "auto",
        "orientation": "auto",
        "reduceOptions": {"calcs": [calc], "fields": "", "values": False},
        "textMode": "auto",
    }
    return out


def heatmap_to_current(panel: dict[str, Any]) -> dict[str, Any]:
    """grafanalib's Grafana 7 heatmap (cards, dataFormat, yAxis) -> the Grafana 9+ options."""
    yaxis = panel.get("yAxis") or {}
    color = panel.get("color") or {}
    calculate = panel.get("dataFormat", "timeseries") != "tsbuckets"
    out = _common(panel, "heatmap")
    out["fieldConfig"] = {
        "defaults": {"custom": {"hideFrom": {"legend": False, "tooltip": False, "viz": False},
                                "scaleDistribution": {"type": "linear"}}},
        "overrides": [],
    }
    out["options"] = {
        "calculate": calculate,
        "cellGap": 1,
        "color": {
            "exponent": color.get("exponent", 0.5),
            "fill": color.get("cardColor", "dark-orange"),
            "mode": "scheme",
            "reverse": False,
            "scale": "exponential",
            "scheme": color.get("colorScheme", "interpolateOranges").replace("interpolate", ""),
            "steps": 64,
        },
        "exemplars": {"color": "rgba(255,0,255,0.7)"},
        "filterValues": {"le": 1e-9},
        "legend": {"show": bool((panel.get("legend") or {}).get("show"))},
        "rowsFrame": {"layout": "auto"},
        "tooltip": {"mode": "single", "showColorScale": False, "yHistogram": False},
        "yAxis": {"axisPlacement": "left", "reverse": bool(panel.get("reverseYBuckets")),
                  "unit": yaxis.get("format") or "short", "decimals": yaxis.get("decimals")},
    }
    if panel.get("hideZeroBuckets"):
        out["options"]["filterValues"] = {"le": 1e-9}
    return out


def gauge_field_options(panel: dict[str, Any]) -> dict[str, Any]:
    """Fold grafanalib's pre-7 ``fieldOptions`` (bar gauge, gauge) into fieldConfig/options."""
    options = dict(panel.get("options") or {})
    field_options = options.pop("fieldOptions", None) or {}
    config = panel.get("fieldConfig") or {}
    defaults = dict(config.get("defaults") or {})
    legacy = dict(field_options.get("defaults") or {})
    for key in ("calcs", "limit", "override", "values", "title", "links"):
        if key in defaults:
            legacy.setdefault(key, defaults.pop(key))
    calcs = field_options.get("calcs") or legacy.get("calcs") or ["lastNotNull"]
    for key in ("decimals", "max", "min", "unit"):
        if key in legacy and key not in defaults:
            defaults[key] = legacy[key]
    mappings = field_options.get("mappings") or defaults.get("mappings") or []
    defaults["mappings"] = mappings
    if "thresholds" not in defaults and field_options.get("thresholds"):
        defaults["thresholds"] = {"mode": "absolute", "steps": field_options["thresholds"]}
    values = field_options.get("values", legacy.get("values", False))
    options["reduceOptions"] = {"calcs": list(calcs), "fields": "", "values": bool(values)}
    limit = field_options.get("limit", legacy.get("limit"))
    if limit is not None:
        options["reduceOptions"]["limit"] = limit
    for key in ("showThresholdLabels", "showThresholdMarkers"):
        if key in panel:
            options.setdefault(key, panel.pop(key))
    out = dict(panel)
    out["options"] = options
    out["fieldConfig"] = {"defaults": defaults, "overrides": config.get("overrides") or []}
    return out


def _common(panel: dict[str, Any], new_type: str) -> dict[str, Any]:
    keep = ("datasource", "description", "gridPos", "id", "interval", "links", "maxDataPoints",
            "repeat", "repeatDirection", "maxPerRow", "targets", "timeFrom", "timeShift", "title",
            "transparent", "transformations", "libraryPanel")
    out = {key: panel[key] for key in keep if key in panel}
    out["type"] = new_type
    return out


def _number(value: JSON) -> float | int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return value
    try:
        number = float(str(value))
    except ValueError:
        return None
    return int(number) if number.is_integer() else number
