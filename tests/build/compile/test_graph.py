"""The graph -> timeseries conversion against the cases of Grafana's own migration tests and
code (public/app/plugins/panel/timeseries/migrations.ts and its test snapshots)."""

from __future__ import annotations

from typing import Any

from grafanalib import core as G

from dashkit.build.compile.graph import graph_to_timeseries
from dashkit.build.compile.plain import to_plain


def converted(graph: Any) -> tuple[dict[str, Any], list[str]]:
    return graph_to_timeseries(to_plain(graph))


def test_grafanalibs_default_graph_comes_out_as_grafana_migrates_it() -> None:
    panel, lost = converted(G.Graph(title="g", targets=[G.Target(expr="up")]))
    assert lost == []
    assert panel["type"] == "timeseries"
    assert panel["fieldConfig"]["defaults"]["custom"] == {
        "axisPlacement": "auto", "drawStyle": "line", "showPoints": "never", "lineWidth": 2,
        "fillOpacity": 10, "spanNulls": True}
    assert panel["fieldConfig"]["defaults"]["unit"] == "short"
    assert panel["fieldConfig"]["defaults"]["nullValueMode"] == "connected"
    assert panel["options"] == {
        "legend": {"displayMode": "list", "showLegend": True, "placement": "bottom",
                   "calcs": []},
        "tooltip": {"mode": "multi", "sort": "none"}}


def test_legend_tooltip_sort_stacking_and_axes() -> None:
    panel, _ = converted(G.Graph(
        title="g", stack=True, percentage=False, steppedLine=True, fill=0, lineWidth=3,
        legend=G.Legend(avg=True, current=True, max=True, min=True, total=True, values=True,
                        alignAsTable=True, rightSide=True, sideWidth=250),
        tooltip=G.Tooltip(sort=G.SORT_DESC),
        yAxes=G.YAxes(G.YAxis(format="s", label="Latency", logBase=10, min=0, max=5,
                              decimals=1),
                      G.YAxis(format="short", show=False))))
    defaults = panel["fieldConfig"]["defaults"]
    assert (defaults["unit"], defaults["min"], defaults["max"], defaults["decimals"]) == (
        "s", 0, 5, 1)
    custom = defaults["custom"]
    assert custom["axisLabel"] == "Latency"
    assert custom["scaleDistribution"] == {"type": "log", "log": 10}
    assert custom["stacking"] == {"mode": "normal", "group": "A"}
    assert custom["lineInterpolation"] == "stepAfter"
    assert (custom["fillOpacity"], custom["lineWidth"]) == (0, 3)
    assert panel["options"]["legend"] == {
        "displayMode": "table", "showLegend": True, "placement": "right", "width": 250,
        "calcs": ["mean", "lastNotNull", "max", "min", "sum"]}
    assert panel["options"]["tooltip"] == {"mode": "multi", "sort": "desc"}


def test_alias_colors_and_series_overrides_become_field_overrides() -> None:
    panel, lost = converted(G.Graph(
        title="g", aliasColors={"errors": "red"},
        yAxes=G.YAxes(G.YAxis(format="short"), G.YAxis(format="percentunit", max=1)),
        seriesOverrides=[
            {"alias": "errors", "yaxis": 2, "color": "#F2495C", "fill": 0, "zindex": 3},
            {"alias": "/5xx.*/i", "bars": True, "stack": "B", "transform": "negative-Y"},
            {"alias": "p99", "dashes": True, "dashLength": 4},
            {"alias": "band", "fillBelowTo": "p50", "lines": False},
        ]))
    overrides = panel["fieldConfig"]["overrides"]
    assert overrides[0] == {"matcher": {"id": "byName", "options": "errors"}, "properties": [
        {"id": "color", "value": {"mode": "fixed", "fixedColor": "red"}}]}
    assert overrides[1] == {"matcher": {"id": "byName", "options": "errors"}, "properties": [
        {"id": "unit", "value": "percentunit"}, {"id": "max", "value": 1},
        {"id": "custom.axisPlacement", "value": "right"},
        {"id": "color", "value": {"fixedColor": "#F2495C", "mode": "fixed"}},
        {"id": "custom.fillOpacity", "value": 0}]}
    assert overrides[2] == {"matcher": {"id": "byRegexp", "options": "/5xx.*/i"}, "properties": [
        {"id": "custom.drawStyle", "value": "bars"}, {"id": "custom.fillOpacity", "value": 100},
        {"id": "custom.stacking", "value": {"mode": "normal", "group": "B"}},
        {"id": "custom.transform", "value": "negative-Y"}]}
    assert overrides[3]["properties"] == [
        {"id": "custom.lineStyle", "value": {"fill": "dash", "dash": [4, 10]}}]
    assert overrides[4]["properties"] == [
        {"id": "custom.fillBelowTo", "value": "p50"}, {"id": "custom.lineWidth", "value": 0}]
    assert panel["fieldConfig"]["defaults"]["custom"]["fillOpacity"] == 35
    assert lost == ["series override 'zindex' of 'errors'"]


def test_legacy_thresholds_become_steps_with_their_style() -> None:
    # The cases of Grafana's migrations.test.ts.
    panel, _ = converted(G.Graph(title="g", thresholds=[
        G.GraphThreshold(value=80.0, colorMode="critical", fill=True, line=False),
        G.GraphThreshold(value=50.0, colorMode="warning", fill=True, line=False)]))
    defaults = panel["fieldConfig"]["defaults"]
    assert defaults["thresholds"] == {"mode": "absolute", "steps": [
        {"color": "transparent", "value": None}, {"color": "orange", "value": 50},
        {"color": "red", "value": 80}]}
    assert defaults["custom"]["thresholdsStyle"] == {"mode": "area"}
    panel, _ = converted(G.Graph(title="g", thresholds=[
        G.GraphThreshold(value=80.0, colorMode="critical", fill=True, line=True),
        G.GraphThreshold(value=40.0, op="lt", colorMode="warning", fill=True, line=True)]))
    assert panel["fieldConfig"]["defaults"]["thresholds"]["steps"] == [
        {"color": "orange", "value": None}, {"color": "transparent", "value": 40},
        {"color": "red", "value": 80}]
    assert panel["fieldConfig"]["defaults"]["custom"]["thresholdsStyle"] == {
        "mode": "line+area"}


def test_what_cannot_be_carried_over_is_named() -> None:
    graph = to_plain(G.Graph(title="g", legend=G.Legend(sort="max", sortDesc=True),
                             tooltip=G.Tooltip(valueType=G.INDIVIDUAL)))
    _, lost = graph_to_timeseries({**graph, "decimals": 2})
    assert lost == ["legend sort by 'max'",
                    "tooltip value type 'individual' (stacked values are shown as they are)",
                    "panel decimals (the y axis decimals are kept)"]
