"""Dashboards are input written by others: whatever their strings and keys hold, the module
import writes holds them as data, never as code, and builds back to the same dashboard."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from dashkit.build.modules import compile_module
from dashkit.importer.run import Input, import_all


def imported(tmp_path: Path, dashboard: dict, origin: str = "in.json") -> dict:
    results = import_all([Input(origin, json.dumps(dashboard), "")], tmp_path / "out",
                         when="2026-01-01")
    assert results[0].ok, results[0].error
    module = results[0].module
    assert module is not None
    outcome = compile_module(str(module), module.name)
    assert not outcome.failed, [p.render() for p in outcome.problems]
    return dict(orjson.loads(outcome.compiled[0].content))


def test_a_line_break_in_a_row_title_or_the_origin_is_not_code(tmp_path: Path) -> None:
    canary = tmp_path / "PWNED"
    title = f"x\n*(__import__('os').system('touch {canary}') and [] or []),  #"
    board = {"uid": "evil", "title": "Evil", "panels": [
        {"id": 1, "type": "row", "title": title, "collapsed": False,
         "gridPos": {"x": 0, "y": 0, "w": 24, "h": 1}}]}
    built = imported(tmp_path, board, origin="in\nprint('origin')\n.json")
    assert not canary.exists()
    assert built["panels"][0]["title"] == title


@pytest.mark.parametrize("templating", [None, [], {"list": None}])
def test_a_malformed_templating_is_read_as_none(tmp_path: Path, templating: object) -> None:
    board = {"uid": "t", "title": "T", "templating": templating, "panels": []}
    assert imported(tmp_path, board)["templating"] == {"list": []}


def test_an_input_of_a_plugin_with_dashes_becomes_a_variable_grafana_can_fill(
        tmp_path: Path) -> None:
    board = {"__inputs": [{"name": "DS_PG", "type": "datasource",
                           "pluginId": "grafana-postgresql-datasource"}],
             "uid": "pg", "title": "PG", "panels": [
                 {"id": 1, "type": "table", "title": "Rows", "datasource": {"uid": "${DS_PG}"},
                  "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8},
                  "targets": [{"refId": "A", "rawSql": "select 1", "format": "table"}]}]}
    built = imported(tmp_path, board)
    assert built["panels"][0]["datasource"]["uid"] == "${ds_grafana_postgresql_datasource}"


def test_keys_python_would_rewrite_or_refuse_are_kept(tmp_path: Path) -> None:
    options = {"ﬁeld": 1, "ℌ": 2, "__debug__": 3, "type_": 4, "class": 5, "a-b": 6}
    board = {"uid": "keys", "title": "Keys", "panels": [
        {"id": 1, "type": "text", "title": "Odd keys", "gridPos": {"x": 0, "y": 0, "w": 6, "h": 4},
         "options": {"content": "hi"}, **options}]}
    built = imported(tmp_path, board)
    assert {k: built["panels"][0][k] for k in options} == options


def test_rows_without_a_title_or_with_a_number_for_one(tmp_path: Path) -> None:
    board = {"uid": "rows", "title": "Rows", "panels": [
        {"id": 1, "type": "row", "collapsed": False, "gridPos": {"x": 0, "y": 0, "w": 24, "h": 1}},
        {"id": 2, "type": "row", "title": 5, "collapsed": False,
         "gridPos": {"x": 0, "y": 1, "w": 24, "h": 1}}]}
    panels = imported(tmp_path, board)["panels"]
    assert "title" not in panels[0] and panels[1]["title"] == 5
