"""Diff sees every change: annotations, targets that share a refId, edits inside a legacy
rows dashboard (as grafanalib writes them), and dashboards without a uid in --dir."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from grafanalib import core as G
from grafanalib._gen import DashboardEncoder

from dashkit.report import diff as report
from dashkit.review.baseline import from_dir
from dashkit.review.diff import diff_dashboards

BASE: dict[str, Any] = {
    "uid": "d", "title": "D",
    "annotations": {"list": [{"name": "Deploys", "expr": "changes(deploy_total[5m])",
                              "enable": True}]},
    "panels": [{"id": 1, "type": "timeseries", "title": "Errors",
                "gridPos": {"h": 8, "w": 12, "x": 0, "y": 0},
                "targets": [{"refId": "A", "expr": "sum(errors_a)"},
                            {"refId": "A", "expr": "sum(errors_b)"}]}],
}


def test_annotations_added_changed_and_removed_are_seen() -> None:
    new = copy.deepcopy(BASE)
    new["annotations"]["list"][0]["expr"] = "changes(deploy_total[15m])"
    new["annotations"]["list"].append({"name": "Incidents", "expr": "up == 0"})
    changes = diff_dashboards(BASE, new)
    assert changes.changed
    assert [(c.field, c.before is None, c.after is None) for c in changes.annotations] == [
        ("Deploys", False, False), ("Incidents", True, False)]
    lines = report._detail_lines(report_diff(BASE, new), lambda text, colour: text)
    assert "annotation 'Deploys' changed" in lines
    assert "    expr: changes(deploy_total[5m]) -> changes(deploy_total[15m])" in lines


def report_diff(old: dict[str, Any], new: dict[str, Any]) -> Any:
    from dashkit.review.diff import DashboardDiff
    return DashboardDiff("d", "changed", "D", "D", changes=diff_dashboards(old, new))


def test_an_edit_of_the_first_of_two_targets_with_one_refid_is_seen() -> None:
    new = copy.deepcopy(BASE)
    new["panels"][0]["targets"][0]["expr"] = "sum(errors_a) by (job)"
    [panel] = diff_dashboards(BASE, new).panels
    assert [(f.field, f.before, f.after) for f in panel.fields] == [
        ("query A", "sum(errors_a)", "sum(errors_a) by (job)")]


def _legacy(title: str, expr: str = "sum(rate(err[5m]))") -> dict[str, Any]:
    """A dashboard as grafanalib writes it with legacy rows: no panel ids, schema 12."""
    board = G.Dashboard(title="Legacy", uid="legacy", rows=[
        G.Row(title="Traffic", panels=[G.Graph(title="Requests",
                                               targets=[G.Target(expr="sum(rate(req[5m]))")])]),
        G.Row(title="Errors", collapse=True, panels=[
            G.Graph(title=title, targets=[G.Target(expr=expr)])]),
    ])
    data: dict[str, Any] = json.loads(json.dumps(board.to_json_data(), cls=DashboardEncoder))
    return data


def test_edits_inside_a_legacy_rows_dashboard_are_seen_panel_by_panel() -> None:
    old = _legacy("Error rate")
    assert "panels" not in old or not old["panels"]
    changes = diff_dashboards(old, _legacy("Error rate", "sum(rate(err[15m]))"))
    assert [(p.kind, p.title, p.row, [f.field for f in p.fields]) for p in changes.panels] == [
        ("changed", "Error rate", "Errors", ["query A"])]
    # Without ids, a panel is known by its title: a new title is one panel out, one in.
    renamed = diff_dashboards(old, _legacy("Error ratio")).panels
    assert sorted((p.kind, p.title) for p in renamed) == [
        ("added", "Error ratio"), ("removed", "Error rate")]
    assert diff_dashboards(old, copy.deepcopy(old)).changed is False


def test_a_dashboard_without_a_uid_in_a_directory_is_known_by_its_file_name(
        tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    exported = {"title": "Exported", "panels": []}
    (tmp_path / "team" / "exported.json").write_text(json.dumps(exported))
    (tmp_path / "package.json").write_text(json.dumps({"name": "not a dashboard"}))
    snapshots = from_dir(tmp_path)
    assert list(snapshots) == ["(no uid: team/exported.json)"]
    assert snapshots["(no uid: team/exported.json)"].title == "Exported"
