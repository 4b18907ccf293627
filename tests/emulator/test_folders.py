"""Nested folders (contract §7) via grafana-client."""

from __future__ import annotations

from typing import Any

import pytest
from grafana_client.client import GrafanaBadInputError, GrafanaClientError
from grafana_emulator import GrafanaEmulator

from .helpers import dashboard_json

NOT_FOUND = {"message": "folder not found", "status": "not-found"}


def chain(api: Any, depth: int, prefix: str = "lvl") -> list[str]:
    uids: list[str] = []
    for level in range(1, depth + 1):
        parent = uids[-1] if uids else None
        api.folder.create_folder(f"Level {level}", uid=f"{prefix}{level}", parent_uid=parent)
        uids.append(f"{prefix}{level}")
    return uids


def test_create_and_get_folder_dto(grafana_api: Any) -> None:
    created = grafana_api.folder.create_folder("Department ABC", uid="dept-abc")
    assert created["uid"] == "dept-abc"
    assert created["title"] == "Department ABC"
    assert created["url"] == "/dashboards/f/dept-abc/department-abc"
    assert created["version"] == 1
    assert created["createdBy"] == created["updatedBy"] == "emulator-admin"
    assert "parentUid" not in created and "parents" not in created
    assert grafana_api.folder.get_folder("dept-abc") == created


def test_nested_folder_has_parent_uid_and_parents(grafana_api: Any) -> None:
    chain(grafana_api, 3)
    leaf = grafana_api.folder.get_folder("lvl3")
    assert leaf["parentUid"] == "lvl2"
    assert [p["uid"] for p in leaf["parents"]] == ["lvl1", "lvl2"]


def test_list_returns_direct_children_only(grafana_api: Any) -> None:
    chain(grafana_api, 3)
    grafana_api.folder.create_folder("Beta", uid="beta")
    grafana_api.folder.create_folder("alpha", uid="alpha")
    assert grafana_api.folder.get_all_folders() == [
        {"id": grafana_api.folder.get_folder("alpha")["id"], "uid": "alpha", "title": "alpha"},
        {"id": grafana_api.folder.get_folder("beta")["id"], "uid": "beta", "title": "Beta"},
        {"id": grafana_api.folder.get_folder("lvl1")["id"], "uid": "lvl1", "title": "Level 1"},
    ]
    children = grafana_api.folder.get_all_folders(parent_uid="lvl1")
    assert [(c["uid"], c["parentUid"]) for c in children] == [("lvl2", "lvl1")]
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.folder.get_all_folders(parent_uid="missing")
    assert err.value.status_code == 404


def test_depth_limit(grafana_api: Any) -> None:
    chain(grafana_api, 5)  # root -> ... -> level 5 is allowed (parent has 3 ancestors)
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.folder.create_folder("Level 6", uid="lvl6", parent_uid="lvl5")
    assert err.value.response["message"] == "Maximum nested folder depth reached"
    assert err.value.response["messageId"] == "folder.maximum-depth-reached"


def test_missing_parent_is_404(grafana_api: Any) -> None:
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.folder.create_folder("Orphan", parent_uid="nope")
    assert err.value.status_code == 404
    assert err.value.response == NOT_FOUND


@pytest.mark.parametrize(
    ("title", "uid", "message"),
    [
        ("", "x", "folder title cannot be empty"),
        ("General", "x", "A folder with that name already exists"),
        ("T", "general", "invalid uid for folder provided"),
        ("T", "z" * 41, "uid too long, max 40 characters"),
        ("T", "no spaces", "uid contains illegal characters"),
    ],
)
def test_create_validation(grafana_api: Any, title: str, uid: str, message: str) -> None:
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.folder.create_folder(title, uid=uid)
    assert err.value.response == {"message": message}


def test_duplicate_uid_is_412_and_titles_need_not_be_unique(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("Same", uid="one")
    grafana_api.folder.create_folder("Same", uid="two")
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.folder.create_folder("Other", uid="one")
    assert err.value.status_code == 412
    assert err.value.response == {
        "message": "the folder has been changed by someone else",
        "status": "version-mismatch",
    }


def test_update_title_with_version(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("Old", uid="f")
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.folder.update_folder("f", title="New")  # no version sent
    assert err.value.status_code == 412
    updated = grafana_api.folder.update_folder("f", title="New", version=1)
    assert updated["title"] == "New" and updated["version"] == 2
    forced = grafana_api.folder.update_folder("f", title="Newer", overwrite=True)
    assert forced["version"] == 3
    with pytest.raises(GrafanaClientError) as missing:
        grafana_api.folder.update_folder("nope", title="x", version=1)
    assert missing.value.status_code == 404 and missing.value.response == NOT_FOUND


def test_move_folder(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("A", uid="a")
    grafana_api.folder.create_folder("B", uid="b")
    moved = grafana_api.folder.move_folder("b", "a")
    assert moved["parentUid"] == "a"
    assert [c["uid"] for c in grafana_api.folder.get_all_folders(parent_uid="a")] == ["b"]
    back = grafana_api.folder.move_folder("b", "")
    assert "parentUid" not in back
    assert [f["uid"] for f in grafana_api.folder.get_all_folders()] == ["a", "b"]


def test_move_circular_reference(grafana_api: Any) -> None:
    chain(grafana_api, 3)
    for target in ("lvl3", "lvl1"):
        with pytest.raises(GrafanaBadInputError) as err:
            grafana_api.folder.move_folder("lvl1", target)
        assert err.value.response["messageId"] == "folder.circular-reference"
        assert err.value.response["message"] == "Circular reference detected"


def test_move_respects_depth_of_the_moved_subtree(grafana_api: Any) -> None:
    chain(grafana_api, 3, prefix="a")
    chain(grafana_api, 3, prefix="b")
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.folder.move_folder("b1", "a3")  # would make 6 levels
    assert err.value.response["messageId"] == "folder.maximum-depth-reached"
    assert grafana_api.folder.move_folder("b2", "a3")["parentUid"] == "a3"  # 5 levels


def test_recursive_delete(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    chain(grafana_api, 3)
    grafana_api.folder.create_folder("Keep", uid="keep")
    for uid, folder in (("d1", "lvl1"), ("d3", "lvl3"), ("dk", "keep"), ("droot", "")):
        grafana_api.dashboard.update_dashboard(
            {"dashboard": dashboard_json(uid, uid), "folderUid": folder}
        )
    assert grafana_api.folder.delete_folder("lvl1") == {"message": "Folder deleted"}
    assert {f.uid for f in grafana_emulator.folders()} == {"keep"}
    assert {d.uid for d in grafana_emulator.dashboards()} == {"dk", "droot"}
    assert grafana_emulator.acl_entries("folder", "lvl2") == []
    for uid in ("lvl1", "lvl3"):
        with pytest.raises(GrafanaClientError) as err:
            grafana_api.folder.get_folder(uid)
        assert err.value.response == NOT_FOUND
    with pytest.raises(GrafanaClientError):
        grafana_api.dashboard.get_dashboard("d3")


def test_delete_with_alert_rules_needs_force(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    chain(grafana_api, 2)
    grafana_emulator.add_alert_rule("lvl2")
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.folder.delete_folder("lvl1")
    assert err.value.response["messageId"] == "folder.not-empty"
    assert grafana_api.folder.delete_folder("lvl1", force_delete_rules=True) == {
        "message": "Folder deleted"
    }


def test_delete_missing_folder(grafana_api: Any) -> None:
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.folder.delete_folder("nope")
    assert err.value.status_code == 404 and err.value.response == NOT_FOUND


def test_descendant_counts_and_the_newer_refusal_to_delete_a_folder_that_holds_anything(
        grafana_emulator_factory: Any) -> None:
    grafana = grafana_emulator_factory(refuse_non_empty_delete=True)
    api = grafana.api()
    api.folder.create_folder("Ops", uid="ops")
    api.folder.create_folder("Sub", uid="sub", parent_uid="ops")
    grafana.seed_dashboard({"uid": "d", "title": "D"}, folder_uid="sub")
    grafana.add_alert_rule("ops", count=2)
    assert api.client.GET("/folders/ops/counts") == {
        "folder": 1, "dashboard": 1, "librarypanel": 0, "alertrule": 2}
    with pytest.raises(GrafanaBadInputError) as caught:
        api.folder.delete_folder("ops")
    assert caught.value.response["messageId"] == "folder.not-empty"
    assert "contains 1 folders, 1 dashboards, 2 alertrules" in caught.value.response["message"]
    assert grafana.dashboard("d") is not None
