"""Legacy rows and the dashboard-level leftovers of old grafanalib output, upgraded as
Grafana upgrades them (DashboardMigrator.ts: upgradeToGridLayout, the schema 14 and 16 steps),
with the cases seen in real projects: untitled rows, collapsed rows, sharedCrosshair."""

from __future__ import annotations

import json
from typing import Any

from grafanalib import core as G
from grafanalib.influxdb import InfluxDBTarget

from dashkit.build.compile import compile_dashboard
from dashkit.build.compile.rows import grid_height, rows_to_panels
from dashkit.build.compile.plain import to_plain
from dashkit.ids import panel_id
from dashkit.model import DashboardSpec, NamedDatasource


def compiled(board: Any, *named: NamedDatasource) -> tuple[dict[str, Any], list[str]]:
    result = compile_dashboard(DashboardSpec(board), "dashboards/x.py", "x", named)
    assert result.dashboard is not None, [p.render() for p in result.problems]
    return json.loads(result.dashboard.content), [p.summary for p in result.problems]


def test_grid_heights_follow_grafana() -> None:
    assert [grid_height(v) for v in ("250px", 250, "60px", None, "400px")] == [7, 7, 3, 7, 11]


def test_rows_are_laid_out_as_grafana_lays_them_out() -> None:
    rows = to_plain([
        G.Row(panels=[G.Graph(title="a", span=6), G.Graph(title="b", span=6),
                      G.Graph(title="c", span=4)]),
        G.Row(title="B", collapse=True, panels=[G.Graph(title="d")]),
        G.Row(title="C", height=G.Pixels(100), panels=[G.Graph(title="e", span=3)]),
    ])
    panels = rows_to_panels(rows)
    assert [(p.get("title"), p["type"], p["gridPos"], p.get("collapsed"),
             [c["title"] for c in p.get("panels", [])]) for p in panels] == [
        ("New row", "row", {"h": 1, "w": 24, "x": 0, "y": 0}, False, []),
        ("a", "graph", {"h": 7, "w": 12, "x": 0, "y": 1}, None, []),
        ("b", "graph", {"h": 7, "w": 12, "x": 12, "y": 1}, None, []),
        ("c", "graph", {"h": 7, "w": 8, "x": 0, "y": 8}, None, []),
        ("B", "row", {"h": 1, "w": 24, "x": 0, "y": 15}, True, ["d"]),
        ("C", "row", {"h": 1, "w": 24, "x": 0, "y": 16}, False, []),
        ("e", "graph", {"h": 3, "w": 6, "x": 0, "y": 17}, None, []),
    ]
    assert panels[4]["panels"][0]["gridPos"] == {"h": 7, "w": 24, "x": 0, "y": 16}


def test_without_a_collapsed_titled_or_repeated_row_there_are_no_row_panels() -> None:
    panels = rows_to_panels(to_plain([G.Row(panels=[G.Graph(title="a")]),
                                      G.Row(panels=[G.Graph(title="b")])]))
    assert [(p["title"], p["gridPos"]["y"]) for p in panels] == [("a", 0), ("b", 7)]


def test_untitled_rows_compile_with_distinct_ids_and_collapsed_rows_stay_collapsed() -> None:
    data, _ = compiled(G.Dashboard(title="T", uid="t", rows=[
        G.Row(panels=[G.Graph(title="cpu")]),
        G.Row(panels=[G.Graph(title="cpu")]),
        G.Row(title="Detail", collapse=True, panels=[G.Graph(title="memory")]),
    ]))
    rows = [p for p in data["panels"] if p["type"] == "row"]
    assert [(r["title"], r["collapsed"], len(r["panels"])) for r in rows] == [
        ("New row", False, 0), ("New row", False, 0), ("Detail", True, 1)]
    ids = [p["id"] for p in data["panels"]] + [rows[2]["panels"][0]["id"]]
    assert len(set(ids)) == len(ids) == 6
    assert ids[:2] == [panel_id("new-row"), panel_id("cpu")]
    assert rows[2]["panels"][0]["type"] == "timeseries", "nested panels are upgraded too"


def test_shared_crosshair_becomes_graph_tooltip_1_and_a_chosen_tooltip_is_kept() -> None:
    assert compiled(G.Dashboard(title="T", uid="t", sharedCrosshair=True))[0][
        "graphTooltip"] == 1
    assert compiled(G.Dashboard(title="T", uid="t", sharedCrosshair=False,
                                graphTooltip=2))[0]["graphTooltip"] == 2


def test_influxdb_queries_keep_every_field_and_a_declared_name_gets_uid_and_type() -> None:
    board = G.Dashboard(title="T", uid="t", panels=[G.TimeSeries(
        title="connections", dataSource="influx", gridPos=G.GridPos(h=8, w=12, x=0, y=0),
        targets=[InfluxDBTarget(
            query='SELECT mean("value") FROM "connections" WHERE $timeFilter GROUP BY '
                  'time(1m) fill(previous)', alias="$tag_host", refId="A")])])
    data, warnings = compiled(board)
    [panel] = data["panels"]
    assert panel["datasource"] == {"type": "influxdb", "uid": "influx"}, "from the class"
    assert panel["targets"] == [{
        "datasource": {"type": "influxdb", "uid": "influx"}, "alias": "$tag_host",
        "query": 'SELECT mean("value") FROM "connections" WHERE $timeFilter GROUP BY '
                 'time(1m) fill(previous)', "rawQuery": True, "refId": "A",
        "resultFormat": "time_series"}]
    assert warnings == []
    data, _ = compiled(board, NamedDatasource("influx", "P951FEA4DE68E13C5", "influxdb"))
    assert data["panels"][0]["datasource"] == {"type": "influxdb", "uid": "P951FEA4DE68E13C5"}
