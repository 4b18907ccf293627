"""compile_dashboard: grafanalib in, the JSON Grafana 11/12 saves out, every problem named."""

from __future__ import annotations

import json
from typing import Any

import pytest
from grafanalib import core as G

from dashkit.build.compile import SCHEMA_VERSION, compile_dashboard
from dashkit.ids import panel_id
from dashkit.model import DashboardSpec


def compiled(board: Any, folder: str = "") -> dict[str, Any]:
    result = compile_dashboard(DashboardSpec(board, folder), "dashboards/x.py", "x")
    assert result.dashboard is not None, [p.render() for p in result.problems]
    data: dict[str, Any] = json.loads(result.dashboard.content)
    return data


def errors(board: Any, folder: str = "") -> list[str]:
    result = compile_dashboard(DashboardSpec(board, folder), "dashboards/x.py", "x")
    assert result.dashboard is None
    return [p.render() for p in result.problems if p.severity == "error"]


def nulls(value: Any, path: str = "") -> list[str]:
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if item is None and not (key == "value" and "steps" in path):
                found.append(f"{path}.{key}")
            found.extend(nulls(item, f"{path}.{key}"))
        return found
    if isinstance(value, list):
        return [n for i, item in enumerate(value) for n in nulls(item, f"{path}[{i}]")]
    return []


def test_grafanalib_quirks_are_kept_out_of_the_output() -> None:
    board = G.Dashboard(title="Legacy", uid="legacy", panels=[
        G.Graph(title="g", dataSource="Prometheus", targets=[G.Target(expr="up")]),
        G.SingleStat(title="s", targets=[G.Target(expr="up")]),
        G.Heatmap(title="h", targets=[G.Target(expr="up")]),
        G.Stat(title="stat", targets=[G.Target(expr="up")]),
    ])
    data = compiled(board)
    assert data["schemaVersion"] == SCHEMA_VERSION >= 39
    assert nulls(data) == []
    for legacy_key in ("rows", "style", "hideControls", "sharedCrosshair", "gnetId", "id",
                       "version", "__inputs"):
        assert legacy_key not in data
    types = [p["type"] for p in data["panels"]]
    assert types == ["timeseries", "stat", "heatmap", "stat"]
    heatmap = data["panels"][2]
    assert "cards" not in heatmap and "dataFormat" not in heatmap
    assert heatmap["options"]["calculate"] is True
    assert data["panels"][0]["datasource"] == {"uid": "Prometheus"}, "a name: type not guessed"
    for panel in data["panels"]:
        if panel["type"] == "heatmap":  # no thresholds to draw; none are invented
            assert "thresholds" not in panel["fieldConfig"]["defaults"]
            continue
        steps = panel["fieldConfig"]["defaults"]["thresholds"]["steps"]
        assert isinstance(steps, list) and steps[0]["value"] is None
        for target in panel["targets"]:
            # grafanalib's Target copies expr into query and writes Graphite's target and a
            # step no datasource reads; intervalFactor 2 is kept: Grafana's Prometheus backend
            # multiplies the step by it (pkg/promlib/models/query.go, calculatePrometheusInterval).
            assert target == {"expr": "up", "refId": "A", "intervalFactor": 2, **(
                {"datasource": {"uid": "Prometheus"}} if "datasource" in target else {})}


def test_a_saved_dashboard_has_what_grafana_adds_on_load() -> None:
    data = compiled(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="a", targets=[G.Target(expr="up")])]))
    builtin = data["annotations"]["list"][0]
    assert builtin["builtIn"] == 1 and builtin["datasource"]["uid"] == "-- Grafana --"
    assert data["fiscalYearStartMonth"] == 0 and data["weekStart"] == ""
    assert data["timepicker"] == {}
    legend = data["panels"][0]["options"]["legend"]
    assert legend["showLegend"] is True
    assert data["panels"][0]["fieldConfig"]["overrides"] == []


def test_panels_without_ids_get_ids_from_their_titles() -> None:
    data = compiled(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="Queue depth"), G.TimeSeries(title="Oldest message")]))
    assert [p["id"] for p in data["panels"]] == [panel_id("queue-depth"),
                                                 panel_id("oldest-message")]


def test_panels_without_grid_positions_are_placed_without_overlap() -> None:
    data = compiled(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title=f"p{i}") for i in range(3)]))
    assert [(p["gridPos"]["x"], p["gridPos"]["y"]) for p in data["panels"]] == [
        (0, 0), (12, 0), (0, 8)]


def test_legacy_rows_become_row_panels() -> None:
    board = G.Dashboard(title="T", uid="t", rows=[
        G.Row(title="one", panels=[G.Graph(title="a"), G.Graph(title="b")]),
        G.Row(title="two", panels=[G.Graph(title="c")]),
    ])
    data = compiled(board)
    assert [(p["type"], p["title"]) for p in data["panels"]] == [
        ("row", "one"), ("timeseries", "a"), ("timeseries", "b"), ("row", "two"),
        ("timeseries", "c")]


@pytest.mark.parametrize("uid, message", [
    ("x" * 41, "is 41 characters; Grafana allows at most 40"),
    ("has space", "has characters Grafana rejects"),
    ("slash/uid", "has characters Grafana rejects"),
])
def test_bad_uids_are_refused_with_the_rule(uid: str, message: str) -> None:
    (error,) = errors(G.Dashboard(title="T", uid=uid))
    assert message in error and "field 'uid'" in error


def test_panels_without_ids_whose_titles_repeat_get_distinct_stable_ids() -> None:
    # Seen in real grafanalib projects: untitled legacy rows, copies of one panel.
    data = compiled(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="Latency", gridPos=G.GridPos(h=8, w=12, x=0, y=0)),
        G.TimeSeries(title="Latency", gridPos=G.GridPos(h=8, w=12, x=12, y=0)),
        G.TimeSeries(title="Latency", gridPos=G.GridPos(h=8, w=12, x=0, y=8))]))
    assert [p["id"] for p in data["panels"]] == [
        panel_id("latency"), panel_id("latency-2"), panel_id("latency-3")]


def test_two_panels_given_one_id_are_refused_naming_both() -> None:
    (error,) = errors(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="Latency", id=7, gridPos=G.GridPos(h=8, w=12, x=0, y=0)),
        G.TimeSeries(title="Latency", id=7, gridPos=G.GridPos(h=8, w=12, x=12, y=0))]))
    assert "panel 'Latency'" in error and "same panel key" in error and "key=" in error


def test_overlapping_panels_are_refused() -> None:
    (error,) = errors(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="a", gridPos=G.GridPos(h=8, w=12, x=0, y=0)),
        G.TimeSeries(title="b", gridPos=G.GridPos(h=8, w=12, x=6, y=4))]))
    assert "panel 'b'" in error and "overlaps panel 'a'" in error


def test_panels_off_the_grid_are_refused() -> None:
    (error,) = errors(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="wide", gridPos=G.GridPos(h=8, w=20, x=10, y=0))]))
    assert "24-column grid" in error


def test_a_partial_grid_position_is_completed_as_grafana_does() -> None:
    # PanelModel's defaults (x 0, y 0, h 3, w 6) fill what a gridPos lacks.
    data = compiled(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="no x", extraJson={"gridPos": {"h": 16, "w": 24, "y": 10}})]))
    assert data["panels"][0]["gridPos"] == {"h": 16, "w": 24, "x": 0, "y": 10}


@pytest.mark.parametrize("grid", [
    {"h": 8, "w": 12, "x": 0, "y": "3"},
    {"h": 8.0, "w": 12, "x": 0, "y": 0},
    {"h": 8, "w": 12, "x": True, "y": 0},
])
def test_grid_positions_need_four_integers(grid: Any) -> None:
    (error,) = errors(G.Dashboard(title="T", uid="t", panels=[
        G.TimeSeries(title="odd", extraJson={"gridPos": grid})]))
    assert "panel 'odd'" in error and "needs integer x, y, w and h" in error


def test_the_word_null_in_a_text_is_kept() -> None:
    data = compiled(G.Dashboard(title="T", uid="t", description="null is not none", panels=[
        G.TimeSeries(title="null", gridPos=G.GridPos(h=8, w=12, x=0, y=0))]))
    assert data["description"] == "null is not none" and data["panels"][0]["title"] == "null"


def test_angular_plugin_panels_are_refused_with_a_replacement() -> None:
    (error,) = errors(G.Dashboard(title="T", uid="t", panels=[
        G.Worldmap(title="map", gridPos=G.GridPos(h=8, w=12, x=0, y=0))]))
    assert "'grafana-worldmap-panel' is not a core" in error and "geomap" in error


def test_missing_title_and_bad_folder_are_both_reported() -> None:
    found = errors(G.Dashboard(title="", uid="t"), folder="Platform//x")
    assert any("has no title" in e for e in found)
    assert any("not a clean path" in e for e in found)


def test_nulls_from_anywhere_are_swept_but_threshold_bases_stay() -> None:
    data = compiled(G.Dashboard(title="T", uid="t", panels=[G.TimeSeries(
        title="a", extraJson={"options": {"deep": {"er": {"x": None, "y": 1}}}},
        links=[{"title": "l", "url": "/x", "tooltip": None}])]))
    assert nulls(data) == []
    assert data["panels"][0]["options"]["deep"] == {"er": {"y": 1}}
    assert data["panels"][0]["fieldConfig"]["defaults"]["thresholds"]["steps"][0] == {
        "color": "green", "value": None}
