"""Import from a Grafana (the emulator, and a real one when GRAFANA_URL and GRAFANA_TOKEN are
set): the modules record the folders the dashboards are in, and the plan that follows
changes nothing but the ownership tag."""

from __future__ import annotations

from scenarios.backends import Backend
from scenarios.conftest import Project

PANELS = [
    {"id": 1, "type": "timeseries", "title": "Requests", "gridPos": {"h": 8, "w": 12, "x": 0,
                                                                    "y": 0},
     "datasource": {"type": "prometheus", "uid": "prom"},
     "targets": [{"refId": "A", "expr": "sum(rate(http_requests_total[5m]))",
                  "datasource": {"type": "prometheus", "uid": "prom"}}],
     "fieldConfig": {"defaults": {"unit": "reqps"}, "overrides": []}},
    {"id": 2, "type": "row", "title": "Details", "collapsed": True,
     "gridPos": {"h": 1, "w": 24, "x": 0, "y": 8},
     "panels": [{"id": 3, "type": "stat", "title": "Errors",
                 "gridPos": {"h": 4, "w": 6, "x": 0, "y": 9},
                 "targets": [{"refId": "A", "expr": "sum(errors_total)"}]}]},
]


def test_import_from_a_grafana_then_plan_changes_nothing_but_the_tag(
        project: Project, backend: Backend) -> None:
    team = project.uid("team")
    sub = project.uid("sub")
    backend.api.folder.create_folder("Imported team", uid=team)
    backend.api.folder.create_folder("Sub", uid=sub, parent_uid=team)
    backend.seed_dashboard({"uid": project.uid("made-in-ui"), "title": "Made in the UI",
                            "tags": ["ui"], "panels": PANELS, "schemaVersion": 39,
                            "time": {"from": "now-1h", "to": "now"}}, folder_uid=sub)
    result = project.run("import", "--folder", "Imported team", "--out",
                         str(project.root / "dashboards"))
    assert result.code == 0, result.out + result.err
    assert f"{{uid: {sub}, title: Sub, parent: {team}}}" in result.out
    module = project.root / "dashboards" / f"{project.uid('made-in-ui').replace('-', '_')}.py"
    assert 'folder = "Imported team/Sub"' in module.read_text()
    project.config["folders"] = [{"uid": team, "title": "Imported team"},
                                 {"uid": sub, "title": "Sub", "parent": team}]
    project.write_config()
    plan = project.run("plan")
    assert plan.code == 0, plan.out + plan.err
    assert "identical to what Grafana holds; push takes it over" in plan.out, plan.out
    assert "panel" not in plan.out.split("takes it over")[1].split("\n")[0]


def test_import_names_what_it_cannot_read(project: Project, backend: Backend) -> None:
    result = project.run("import", "--uid", project.uid("nowhere"), "--out",
                         str(project.root / "dashboards"))
    assert result.code == 1 and "no dashboard with uid" in result.out
