"""``dashboards import`` from files: one module per dashboard, nothing written for bad input,
nothing overwritten unless asked."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dashkit.cli import cli

DASHBOARD = {
    "title": "Legacy rows", "uid": "legacy-rows", "schemaVersion": 14,
    "rows": [{"title": "Traffic", "collapse": True, "panels": [
        {"type": "graph", "title": "Requests", "span": 6, "id": 1,
         "targets": [{"expr": "sum(rate(http_requests_total[5m]))", "refId": "A"}]},
        {"type": "singlestat", "title": "Errors", "span": 6, "id": 2,
         "targets": [{"expr": "sum(errors_total)", "refId": "A"}]}]}],
}


def invoke(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(project), *args])
    return result.exit_code, result.output


def test_good_files_are_imported_bad_ones_named_and_nothing_written_for_them(
        project: Path) -> None:
    (project / "old.json").write_text(json.dumps(DASHBOARD))
    (project / "broken.json").write_text('{"title": ')
    code, output = invoke(project, "import", str(project / "old.json"),
                          str(project / "broken.json"), "--out", str(project / "dashboards"),
                          "--folder", "Legacy")
    assert code == 1, output
    assert "broken.json is not JSON" in output
    assert "warning: Requests: converted the Angular 'graph' panel" in output
    assert "what the house style would change" in output
    assert "panel/has-description: 2 (e.g. panel 'Requests' of 'legacy-rows'" in output
    assert sorted(p.name for p in (project / "dashboards").iterdir()) == ["legacy_rows.py"]
    source = (project / "dashboards" / "legacy_rows.py").read_text()
    assert 'folder = "Legacy"' in source and "# Imported by `dashboards import` on " in source
    code, output = invoke(project, "build")
    assert code == 0, output
    built = json.loads((project / "build" / "Legacy" / "legacy-rows.json").read_text())
    row = built["panels"][0]
    assert row["type"] == "row" and row["collapsed"] is True
    assert [p["title"] for p in row["panels"]] == ["Requests", "Errors"]


def test_an_existing_module_is_not_replaced_without_force(project: Path) -> None:
    (project / "old.json").write_text(json.dumps(DASHBOARD))
    (project / "dashboards" / "legacy_rows.py").write_text("# mine\n")
    code, output = invoke(project, "import", str(project / "old.json"), "--out",
                          str(project / "dashboards"))
    assert code == 1 and "exists; nothing was written" in output
    assert (project / "dashboards" / "legacy_rows.py").read_text() == "# mine\n"
    code, _ = invoke(project, "import", str(project / "old.json"), "--out",
                     str(project / "dashboards"), "--force")
    assert code == 0
    assert "# mine" not in (project / "dashboards" / "legacy_rows.py").read_text()


def test_a_module_never_shadows_a_module_the_dashboards_import(project: Path) -> None:
    for uid in ("json", "grafanalib", "dashkit"):
        (project / f"{uid}.json").write_text(json.dumps(
            {"title": uid.title(), "uid": uid, "panels": []}))
    code, output = invoke(project, "import", *(str(project / f"{u}.json")
                                               for u in ("json", "grafanalib", "dashkit")),
                          "--out", str(project / "dashboards"))
    assert code == 0, output
    assert sorted(p.name for p in (project / "dashboards").iterdir()) == [
        "dashboard_dashkit.py", "dashboard_grafanalib.py", "dashboard_json.py"]
    code, output = invoke(project, "build")
    assert code == 0, output
