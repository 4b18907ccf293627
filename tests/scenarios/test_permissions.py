"""Permissions that fail closed, pushed by tokens of different roles."""

from __future__ import annotations

import json

from grafana_client.api import GrafanaApi
from scenarios.backends import Backend, EmulatorBackend
from scenarios.conftest import Project


def test_an_editor_token_pushes_and_shared_with_me_is_not_a_folder(
        project: Project, backend: Backend) -> None:
    token = backend.service_account_token(f"{project.prefix}-ci", "Editor")
    project.dashboard("api", folder=f"{project.prefix} Ops")
    first = project.run("push", token=token)
    assert first.code == 0, first.out + first.err
    again = project.run("plan", "-v", token=token)
    assert again.code == 0, again.out + again.err
    assert "sharedwithme" not in again.out and "Shared with me" not in again.out
    assert "0 to create, 0 to update, 1 unchanged" in again.out


def _locked_folders(project: Project) -> None:
    p = project.prefix
    project.config["folders"] = [
        {"uid": f"{p}-ops", "title": f"{p} Ops",
         "permissions": [{"role": "Viewer", "permission": "View"}]},
        {"uid": f"{p}-ops-db", "title": "Databases", "parent": f"{p}-ops"},
        {"uid": f"{p}-open", "title": f"{p} Open"},
    ]
    project.write_config()
    project.dashboard("api", folder=f"{p} Ops")
    project.dashboard("pg", folder=f"{p} Ops/Databases")
    project.dashboard("home", folder=f"{p} Open")


def test_a_folder_whose_grants_cannot_be_set_receives_no_dashboard(
        emulated_project: Project, emulated: EmulatorBackend) -> None:
    project, grafana = emulated_project, emulated.emulator
    _locked_folders(project)
    grafana.faults.add_status("POST", f"*/api/folders/{project.prefix}-ops/permissions",
                              status=503, times=5)
    result = project.run("push")
    assert result.code == 4, result.out + result.err
    assert grafana.dashboard(project.uid("api")) is None
    assert grafana.dashboard(project.uid("pg")) is None, "a subfolder inherits the open parent"
    assert grafana.dashboard(project.uid("home")) is not None
    held = (f"held back: the permissions of folder {project.prefix} Ops could not be set, so it "
            "may still be open to everyone Grafana's defaults allow")
    assert f"skipped: dashboard create {project.uid('api')}: {held}" in result.out
    assert f"skipped: dashboard create {project.uid('pg')}: {held}" in result.out
    again = project.run("push")
    assert again.code == 0, again.out + again.err
    assert grafana.permissions("folder", f"{project.prefix}-ops") == {"role:Viewer": 1}
    assert grafana.dashboard(project.uid("pg")) is not None


def test_the_plan_shows_a_level_change_as_one_change_in_text_and_json(
        project: Project, backend: Backend) -> None:
    p = project.prefix
    backend.add_team(f"{p}-pipeline")
    folder = {"uid": f"{p}-ops", "title": f"{p} Ops", "permissions": [
        {"role": "Editor", "permission": "Edit"}, {"team": f"{p}-pipeline", "permission": "Edit"}]}
    project.config["folders"] = [folder]
    project.write_config()
    project.dashboard("api", folder=f"{p} Ops")
    assert project.run("push").code == 0
    folder["permissions"] = [{"role": "Editor", "permission": "View"},
                             {"team": f"{p}-pipeline", "permission": "Admin"}]
    project.write_config()
    plan_file = project.root / "plan.json"
    result = project.run("plan", "--plan-json", str(plan_file))
    assert result.code == 0, result.out + result.err
    assert (f"~ folder {p} Ops: ~ role Editor: Edit -> View; ~ team {p}-pipeline: Edit -> "
            "Admin") in result.out
    (grant,) = json.loads(plan_file.read_text())["permissions"]
    assert [(c["before"]["permission"], c["after"]["permission"]) for c in grant["change"]] == [
        ("Edit", "View"), ("Edit", "Admin")]
    assert grant["add"] == [] and grant["remove"] == []


def test_the_creators_admin_grant_shows_as_a_removal_and_is_removed(
        project: Project, backend: Backend) -> None:
    p = project.prefix
    backend.add_team(f"{p}-oncall")
    project.config["dashboard_permissions"] = {
        project.uid("svc"): [{"team": f"{p}-oncall", "permission": "Edit"}]}
    project.write_config()
    project.dashboard("svc")
    login = backend.api.client.GET("/user")["login"]
    result = project.run("push")
    assert result.code == 0, result.out + result.err
    assert f"- user {login}: Admin (Grafana gives it on creation)" in result.out
    assert "- role Viewer: View (Grafana gives it on creation)" in result.out
    rows = backend.api.dashboard.get_permissions_by_uid(project.uid("svc"))
    assert [r.get("team") for r in rows if not r.get("inherited")] == [f"{p}-oncall"]


def test_a_declaration_that_locks_the_token_out_is_refused_before_anything_is_written(
        project: Project, backend: Backend) -> None:
    p = project.prefix
    token = backend.service_account_token(f"{p}-ci", "Editor")
    project.config["folders"] = [{"uid": f"{p}-ops", "title": f"{p} Ops"}]
    project.write_config()
    project.dashboard("api", folder=f"{p} Ops")
    assert project.run("push").code == 0  # the admin makes the folder: Editor Edit, Viewer View
    # Someone let the CI token manage the folder: Admin through its own row.
    me = backend.api.client  # the admin's client sets the rows
    ci_id = int(GrafanaApi.from_url(backend.url + "/", credential=token).client.GET(
        "/user")["uid"].split(":")[1])
    me.POST(f"/folders/{p}-ops/permissions", json={"items": [
        {"role": "Editor", "permission": 2}, {"role": "Viewer", "permission": 1},
        {"userId": ci_id, "permission": 4}]})
    project.config["folders"][0]["permissions"] = [{"role": "Viewer", "permission": "View"}]
    project.write_config()
    project.dashboard("api", folder=f"{p} Ops", panels=("Requests", "Errors", "Latency"))
    plan = project.run("plan", token=token)
    assert plan.code == 1
    who = f"this token (service account sa-1-{p}-ci (role Editor))"
    assert (f"! folder {p} Ops [uid {p}-ops]: the declared permissions take Edit from {who}, "
            "which needs it to write dashboards there") in plan.out
    assert (f"! folder {p} Ops [uid {p}-ops]: the declared permissions take Admin from {who}, "
            "which needs it to set its permissions again") in plan.out
    pushed = project.run("push", token=token)
    assert pushed.code == 1 and "nothing was written" in pushed.err
    assert backend.folder_permissions(f"{p}-ops") == {
        "role:Editor": 2, "role:Viewer": 1, f"user:sa-1-{p}-ci": 4}
    assert len(backend.dashboard(project.uid("api"))["dashboard"]["panels"]) == 2
    # Told to go ahead, push does what was declared, and the token loses what it needed.
    forced = project.run("push", "--force", token=token)
    assert forced.code == 4, forced.out + forced.err
    assert backend.folder_permissions(f"{p}-ops") == {"role:Viewer": 1}
    assert "failed: dashboard update" in forced.out


def test_a_folder_path_nobody_declared_is_refused_with_the_nearest_declared_path(
        project: Project, backend: Backend) -> None:
    p = project.prefix
    project.config["undeclared_folders"] = "refuse"
    project.config["folders"] = [{"uid": f"{p}-platform", "title": f"{p} Platform"},
                                 {"uid": f"{p}-pipeline", "title": "Pipeline",
                                  "parent": f"{p}-platform"}]
    project.write_config()
    project.dashboard("api", folder=f"{p} Platform/Pipeline")
    project.dashboard("jobs", folder=f"{p} Platfrom/Pipeline")
    result = project.run("plan")
    assert result.code == 1
    assert (f"folder '{p} Platfrom/Pipeline', named by dashboard '{project.uid('jobs')}', is not "
            f"declared in folders:; did you mean '{p} Platform/Pipeline'") in result.err
    assert "nothing was pushed" in result.err
    assert backend.folder(f"{p}-platform") is None
    project.dashboard("jobs", folder=f"{p} Platform/Pipeline")
    assert project.run("push").code == 0


def test_prune_deletes_only_folders_grafana_counts_empty(
        emulated_project: Project, emulated: EmulatorBackend) -> None:
    project, grafana = emulated_project, emulated.emulator
    p = project.prefix
    project.dashboard("a", folder=f"{p} Rules")
    project.dashboard("b", folder=f"{p} Gone")
    assert project.run("push").code == 0
    grafana.add_alert_rule(f"dk-{p}-rules")  # search does not show it; the folder holds it
    project.remove("a")
    project.remove("b")
    result = project.run("push", "--prune")
    assert result.code == 0, result.out + result.err
    assert (f"kept: folder delete dk-{p}-rules: left alone: Grafana says it holds 1 alertrule"
            in result.out)
    assert grafana.folder(f"dk-{p}-rules") is not None
    assert grafana.folder(f"dk-{p}-gone") is None
    assert grafana.request_log.count(method="DELETE", path=f"*/api/folders/dk-{p}-rules") == 0
