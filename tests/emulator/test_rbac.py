"""rbac=True: a Viewer or Editor reaches folders and dashboards only through managed
permission rows (guardian.py names the Grafana source of each rule)."""

from __future__ import annotations

from typing import Any

import pytest
from grafana_client.client import GrafanaClientError
from grafana_emulator import GrafanaEmulator

from .helpers import dashboard_json


@pytest.fixture
def grafana(grafana_emulator_factory: Any) -> GrafanaEmulator:
    emulator: GrafanaEmulator = grafana_emulator_factory(rbac=True)
    return emulator


def _editor(grafana: GrafanaEmulator) -> Any:
    return grafana.api(grafana.add_token("ci", role="Editor"))


def test_an_editor_token_writes_through_the_editor_grant_of_a_root_folder(
        grafana: GrafanaEmulator) -> None:
    admin, editor = grafana.api(), _editor(grafana)
    admin.folder.create_folder("Ops", uid="ops")  # a root folder: Editor Edit, Viewer View
    editor.dashboard.update_dashboard({"dashboard": dashboard_json("A", "a"), "folderUid": "ops"})
    assert editor.dashboard.get_dashboard("a")["meta"]["folderUid"] == "ops"
    # Replace the folder's grants: the Editor role keeps nothing.
    admin.folder.update_folder_permissions("ops", {"items": [{"role": "Viewer",
                                                              "permission": 1}]})
    with pytest.raises(GrafanaClientError) as caught:
        editor.dashboard.update_dashboard({"dashboard": dashboard_json("B", "b"),
                                           "folderUid": "ops"})
    assert caught.value.status_code == 403
    assert caught.value.response["message"] == "Access denied to save dashboard"
    with pytest.raises(GrafanaClientError) as caught:
        editor.folder.get_folder("ops")
    assert caught.value.status_code == 403
    # What it created stays its own: its creator row gives it Admin on dashboard a.
    assert [h["uid"] for h in editor.search.search_dashboards()] == ["a"]
    admin.dashboard.update_dashboard({"dashboard": dashboard_json("C", "c"), "folderUid": "ops"})
    with pytest.raises(GrafanaClientError) as caught:
        editor.dashboard.get_dashboard("c")
    assert caught.value.response == {"message": "Access denied to this dashboard"}


def test_an_editor_needs_admin_on_a_folder_to_read_or_set_its_permissions(
        grafana: GrafanaEmulator) -> None:
    admin, editor = grafana.api(), _editor(grafana)
    admin.folder.create_folder("Ops", uid="ops")
    with pytest.raises(GrafanaClientError) as caught:
        editor.folder.get_folder_permissions("ops")
    assert caught.value.status_code == 403
    assert "folders.permissions:read" in caught.value.response["message"]
    sa = next(u for u in grafana.users() if u.login == "sa-1-ci")
    admin.folder.update_folder_permissions("ops", {"items": [
        {"userId": sa.id, "permission": 4}]})
    assert [r["permission"] for r in editor.folder.get_folder_permissions("ops")] == [4]


def test_role_rows_are_not_inherited_upward_but_folder_rows_flow_down(
        grafana: GrafanaEmulator) -> None:
    admin, editor = grafana.api(), _editor(grafana)
    admin.folder.create_folder("Ops", uid="ops")
    admin.folder.create_folder("Sub", uid="sub", parent_uid="ops")
    admin.folder.update_folder_permissions("ops", {"items": [{"role": "Viewer",
                                                              "permission": 2}]})
    with pytest.raises(GrafanaClientError):
        editor.folder.get_folder("sub")
    admin.folder.update_folder_permissions("ops", {"items": [{"role": "Editor",
                                                              "permission": 2}]})
    assert editor.folder.get_folder("sub")["uid"] == "sub"


def test_a_limited_caller_sees_shared_with_me_first_at_the_top_level(
        grafana: GrafanaEmulator) -> None:
    admin, editor = grafana.api(), _editor(grafana)
    admin.folder.create_folder("Ops", uid="ops")
    admin.folder.create_folder("Private", uid="private")
    admin.folder.update_folder_permissions("private", {"items": []})
    assert editor.folder.get_all_folders() == [
        {"id": -1, "uid": "sharedwithme", "title": "Shared with me"},
        {"id": admin.folder.get_folder("ops")["id"], "uid": "ops", "title": "Ops"}]
    assert [f["uid"] for f in admin.folder.get_all_folders()] == ["ops", "private"]
    assert editor.client.GET("/folders", params={"page": 2}) == []
    assert editor.client.GET("/folders", params={"parentUid": "ops"}) == []


def test_who_is_calling(grafana: GrafanaEmulator) -> None:
    editor = _editor(grafana)
    me = editor.client.GET("/user")
    assert (me["id"], me["login"]) == (0, "sa-1-ci")
    assert me["uid"].startswith("service-account:")
    with pytest.raises(GrafanaClientError) as caught:
        editor.client.GET("/user/teams")
    assert caught.value.status_code == 403
    grafana.api().folder.create_folder("Ops", uid="ops")
    scopes = editor.client.GET("/access-control/user/permissions")
    assert scopes["folders:create"] == ["folders:uid:general"]
    assert scopes["dashboards:write"] == ["folders:uid:ops"]
    assert "dashboards:*" not in str(scopes)
    assert grafana.api().client.GET("/access-control/user/permissions")["dashboards:write"] == \
        ["*"]
