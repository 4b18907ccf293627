"""Permissions that fail closed, pushed by tokens of different roles."""

from __future__ import annotations

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
