"""Grafana started from `dashboards provision`'s tree: every dashboard in its declared folder
as provisioned; then push sets the folder tree and permissions and writes no dashboard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO
from grafana_emulator import GrafanaEmulator
from scenarios.backends import EmulatorBackend, RealBackend
from scenarios.conftest import REAL, Project

from dashkit.cli import cli


def _project(root: Path) -> Project:
    root.mkdir()
    project = Project(root, EmulatorBackend.__new__(EmulatorBackend))
    p = project.prefix
    project.config.update(undeclared_folders="refuse", folders=[
        {"uid": f"{p}-platform", "title": f"{p} Platform",
         "permissions": [{"role": "Viewer", "permission": "View"},
                         {"team": f"{p}-sre", "permission": "Admin"}]},
        {"uid": f"{p}-pipeline", "title": "Pipeline", "parent": f"{p}-platform",
         "permissions": [{"team": f"{p}-sre", "permission": "Admin"},
                         {"team": f"{p}-pipeline", "permission": "Edit"}]},
        {"uid": f"{p}-empty", "title": "Empty", "parent": f"{p}-platform"},
    ], datasources=[
        {"uid": "prom", "name": "Prometheus", "type": "prometheus",
         "url": "http://prometheus:9090", "default": True},
        {"uid": "logs", "name": "Loki", "type": "loki", "url": "http://loki:3100"},
        {"uid": "traces", "name": "Tempo", "type": "tempo", "url": "http://tempo:3200"},
    ])
    project.write_config()
    project.dashboard("home")
    project.dashboard("overview", folder=f"{p} Platform")
    project.dashboard("api", folder=f"{p} Platform/Pipeline")
    project.dashboard("jobs", folder=f"{p} Platform/Pipeline")
    return project


def _run(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args], env=env)
    return result.exit_code, result.output


def test_a_grafana_started_from_the_tree_then_push_sets_only_folders_and_permissions(
        tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    p = project.prefix
    tree = tmp_path / "provisioning"
    code, out = _run(project.root, "provision", "--out", str(tree))
    assert code == 0, out
    with GrafanaEmulator(provisioning=tree, rbac=True) as grafana:
        assert grafana.provisioning_log.entries == []
        placed = {d.uid: (d.folder_uid, d.provisioning is not None) for d in grafana.dashboards()}
        assert placed == {project.uid("home"): ("", True),
                          project.uid("overview"): (f"{p}-platform", True),
                          project.uid("api"): (f"{p}-pipeline", True),
                          project.uid("jobs"): (f"{p}-pipeline", True)}
        pipeline = grafana.folder(f"{p}-pipeline")
        assert pipeline is not None and pipeline.parent_uid == "", "file provisioning nests nothing"
        assert {d["uid"]: d["type"] for d in grafana.datasources()} == {
            "prom": "prometheus", "logs": "loki", "traces": "tempo"}
        tempo = next(d for d in grafana.datasources() if d["uid"] == "traces")
        assert tempo["jsonData"]["tracesToLogsV2"]["datasourceUid"] == "logs"
        for team in ("sre", "pipeline"):
            grafana.add_team(f"{p}-{team}")
        env = {"GRAFANA_URL": grafana.url, "GRAFANA_TOKEN": grafana.admin_token}
        code, out = _run(project.root, "push", "--folders-only", env=env)
        assert code == 0, out
        folders = {f.uid: (f.title, f.parent_uid) for f in grafana.folders()}
        assert folders == {f"{p}-platform": (f"{p} Platform", ""),
                           f"{p}-pipeline": ("Pipeline", f"{p}-platform"),
                           f"{p}-empty": ("Empty", f"{p}-platform")}
        assert grafana.permissions("folder", f"{p}-platform") == {
            "role:Viewer": 1, f"team:{p}-sre": 4}
        assert grafana.permissions("folder", f"{p}-pipeline") == {
            f"team:{p}-sre": 4, f"team:{p}-pipeline": 2}
        code, out = _run(project.root, "push", env=env)
        assert code == 0, out
        assert "0 to create, 0 to update, 0 unchanged, 0 to delete, 0 refused, 4 provisioned" \
            in out and "Applied: nothing to write." in out
        assert grafana.request_log.count(method="POST", path="*/api/dashboards/db") == 0
        assert grafana.provisioning_log.entries == []


def test_provision_check_names_stale_and_stray_files(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    tree = tmp_path / "provisioning"
    assert _run(project.root, "provision", "--check", "--out", str(tree))[0] == 1
    assert _run(project.root, "provision", "--out", str(tree))[0] == 0
    code, out = _run(project.root, "provision", "--check", "--out", str(tree))
    assert code == 0 and "is up to date" in out
    stray = tree / "dashboards" / "general" / "manifest.json"
    stray.write_text("{}")
    project.dashboard("home", panels=("Requests",))
    code, out = _run(project.root, "provision", "--check", "--out", str(tree))
    assert code == 1
    assert f"changed: dashboards/general/{project.uid('home')}.json" in out
    assert "not generated; Grafana would load it: dashboards/general/manifest.json" in out
    code, out = _run(project.root, "provision", "--out", str(tree))
    assert code == 0 and "removed dashboards/general/manifest.json" in out
    assert not stray.exists()


if REAL:  # the opt-in suite: a Grafana started by provisioning/compose.yaml
    @pytest.mark.real_grafana
    def test_the_real_stack_holds_the_repositorys_dashboards_where_declared() -> None:
        env = {"GRAFANA_URL": os.environ["GRAFANA_URL"],
               "GRAFANA_TOKEN": os.environ["GRAFANA_TOKEN"]}
        for team in ("platform-sre", "pipeline", "publishing"):
            RealBackend().add_team(team)
        code, out = _run(REPO, "push", "--folders-only", env=env)
        assert code == 0, out
        code, out = _run(REPO, "push", env=env)
        assert code == 0, out
        assert "0 to create, 0 to update, 0 unchanged, 0 to delete, 0 refused, 5 provisioned" \
            in out and "Applied: nothing to write." in out
        api = RealBackend().api
        folders = {f["uid"]: f for f in api.folder.get_all_folders()}
        assert "platform" in folders
        for uid, parent in (("platform-pipeline", "platform"), ("platform-publishing", "platform")):
            assert api.folder.get_folder(uid)["parentUid"] == parent
        config = yaml.safe_load((REPO / "dashboards.yaml").read_text())
        declared = {f["uid"]: f for f in config["folders"]}
        for uid, folder in declared.items():
            rows = RealBackend().folder_permissions(uid)
            assert len(rows) == len(folder["permissions"]), (uid, rows)


def test_folders_only_cannot_prune(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    code, out = _run(project.root, "push", "--folders-only", "--prune",
                     env={"GRAFANA_URL": "http://127.0.0.1:9", "GRAFANA_TOKEN": "x"})
    assert code == 2 and "cannot go with --folders-only" in out
