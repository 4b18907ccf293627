"""What import accepts and what it refuses."""

from __future__ import annotations

import json

import pytest

from dashkit.importer.read import NotADashboard, parse

EXPORT = {
    "__inputs": [
        {"name": "DS_PROMETHEUS", "label": "Prometheus", "type": "datasource",
         "pluginId": "prometheus", "pluginName": "Prometheus"},
        {"name": "DS_LOGS", "label": "Logs", "type": "datasource", "pluginId": "loki"},
        {"name": "DS_ES", "label": "ES", "type": "datasource", "pluginId": "elasticsearch"},
        {"name": "VAR_ENV", "type": "constant", "value": "prod"},
    ],
    "__requires": [{"type": "grafana", "id": "grafana", "version": "10.0.0"}],
    "title": "Exported",
    "uid": "exported",
    "panels": [{"type": "timeseries", "title": "A", "datasource": "${DS_PROMETHEUS}",
                "targets": [{"expr": 'up{env="${VAR_ENV}"}', "refId": "A",
                             "datasource": {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}}]},
               {"type": "logs", "title": "B", "datasource": {"uid": "${DS_LOGS}"}},
               {"type": "table", "title": "C", "datasource": {"uid": "${DS_ES}"}}],
}


def test_export_inputs_become_the_datasource_variables_and_constants_their_value() -> None:
    read = parse(json.dumps(EXPORT))
    data = read.dashboard
    assert "__inputs" not in data and "__requires" not in data
    panels = data["panels"]
    assert panels[0]["datasource"] == "${datasource}"
    assert panels[0]["targets"][0]["expr"] == 'up{env="prod"}'
    assert panels[0]["targets"][0]["datasource"]["uid"] == "${datasource}"
    assert panels[1]["datasource"] == {"uid": "${loki}"}
    assert panels[2]["datasource"] == {"uid": "${ds_elasticsearch}"}
    variables = {v["name"]: v for v in data["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    assert variables["ds_elasticsearch"]["query"] == "elasticsearch"
    assert any("DS_PROMETHEUS" in note and "$datasource" in note for note in read.notes)


def test_an_existing_datasource_variable_of_that_plugin_is_used() -> None:
    export = dict(EXPORT, templating={"list": [
        {"type": "datasource", "name": "prom", "query": "prometheus"}]})
    data = parse(json.dumps(export)).dashboard
    assert data["panels"][0]["datasource"] == "${prom}"
    assert [v["name"] for v in data["templating"]["list"]].count("prom") == 1


def test_the_apis_answer_is_unwrapped_and_a_missing_uid_comes_from_the_title() -> None:
    read = parse(json.dumps({"dashboard": {"title": "Node Exporter Full", "panels": []},
                             "meta": {"folderTitle": "Infra"}}))
    assert read.dashboard["uid"] == "node-exporter-full"
    assert any("had no uid" in note for note in read.notes)


def test_library_panels_are_reported() -> None:
    read = parse(json.dumps({"title": "L", "uid": "l", "panels": [
        {"id": 1, "title": "Shared", "libraryPanel": {"uid": "lib1", "name": "Shared CPU"},
         "gridPos": {"h": 8, "w": 12, "x": 0, "y": 0}}]}))
    assert any("library panel 'Shared CPU' (uid lib1)" in note for note in read.notes)


@pytest.mark.parametrize(("text", "says"), [
    ('{"title": "x",', "is not JSON"),
    ("[1, 2]", "is a JSON list, not a dashboard object"),
    ('{"title": "Not one", "foo": 1}', "has neither 'panels' nor 'rows'"),
    ('{"apiVersion": "dashboard.grafana.app/v2beta1", "kind": "Dashboard", "spec": '
     '{"title": "x", "elements": {}, "layout": {}}}', "v2 schema dashboard"),
])
def test_what_is_not_a_classic_dashboard_is_refused_with_why(text: str, says: str) -> None:
    with pytest.raises(NotADashboard, match=says):
        parse(text)
