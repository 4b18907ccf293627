"""Default grants and replace-all permission updates (contract §3.7, §7.3, §8, §9)."""

from __future__ import annotations

from typing import Any

import pytest
from grafana_client.client import GrafanaBadInputError, GrafanaClientError, GrafanaServerError
from grafana_emulator import GrafanaEmulator

from .helpers import dashboard_json

ROLE_DEFAULTS = {"role:Editor": 2, "role:Viewer": 1}


def summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        if row.get("role"):
            out[f"role:{row['role']}"] = row["permission"]
        elif row["teamId"]:
            out[f"team:{row['team']}"] = row["permission"]
        else:
            out[f"user:{row['userLogin']}"] = row["permission"]
    return out


@pytest.fixture
def basic_api(grafana_emulator: GrafanaEmulator) -> Any:
    return grafana_emulator.api(("admin", "admin"))


def test_root_folder_by_service_account_gets_only_role_defaults(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("Root", uid="root")
    assert summary(grafana_api.folder.get_folder_permissions("root")) == ROLE_DEFAULTS


def test_root_folder_by_user_gets_creator_admin(basic_api: Any) -> None:
    basic_api.folder.create_folder("Root", uid="root")
    assert summary(basic_api.folder.get_folder_permissions("root")) == {
        "user:admin": 4,
        **ROLE_DEFAULTS,
    }


def test_nested_folders_get_no_role_rows(grafana_api: Any, basic_api: Any) -> None:
    basic_api.folder.create_folder("Root", uid="root")
    basic_api.folder.create_folder("Child", uid="child", parent_uid="root")
    grafana_api.folder.create_folder("Child 2", uid="child2", parent_uid="root")
    assert summary(basic_api.folder.get_folder_permissions("child")) == {"user:admin": 4}
    assert grafana_api.folder.get_folder_permissions("child2") == []


def test_dashboard_defaults_root_vs_folder(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    grafana_api.folder.create_folder("F", uid="f")
    grafana_api.dashboard.update_dashboard({"dashboard": dashboard_json("Root", "droot")})
    grafana_api.dashboard.update_dashboard(
        {"dashboard": dashboard_json("In F", "dinf"), "folderUid": "f"}
    )
    service_account = grafana_emulator.user("sa-1-emulator-admin")
    assert service_account is not None and service_account.is_service_account
    assert summary(grafana_api.dashboard.get_permissions_by_uid("droot")) == {
        "user:sa-1-emulator-admin": 4,
        **ROLE_DEFAULTS,
    }
    assert summary(grafana_api.dashboard.get_permissions_by_uid("dinf")) == {
        "user:sa-1-emulator-admin": 4
    }


def test_folder_row_shape(basic_api: Any) -> None:
    folder = basic_api.folder.create_folder("Department ABC", uid="dept")
    rows = basic_api.folder.get_folder_permissions("dept")
    user_row, editor_row = rows[0], rows[1]
    assert set(user_row) == {
        "folderId", "created", "updated", "userId", "userUid", "userLogin", "userEmail",
        "userAvatarUrl", "teamId", "teamUid", "teamEmail", "teamAvatarUrl", "team",
        "permission", "permissionName", "uid", "title", "slug", "isFolder", "url", "inherited",
    }  # fmt: skip
    assert user_row["folderId"] == folder["id"]
    assert user_row["userId"] == 1 and user_row["userLogin"] == "admin"
    assert user_row["permissionName"] == "Admin" and user_row["isFolder"] is True
    assert user_row["url"] == "/dashboards/f/dept/department-abc"
    assert editor_row["role"] == "Editor" and editor_row["userId"] == 0
    assert editor_row["permissionName"] == "Edit"
    assert "id" not in editor_row and "dashboardId" not in editor_row


def test_dashboard_row_shape(grafana_api: Any) -> None:
    created = grafana_api.dashboard.update_dashboard({"dashboard": dashboard_json("D", "d")})
    row = grafana_api.dashboard.get_permissions_by_uid("d")[0]
    assert row["dashboardId"] == created["id"]
    assert row["isFolder"] is False and row["uid"] == "d" and row["url"] == "/d/d/d"
    assert "folderId" not in row


def test_replace_semantics_remove_defaults(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    team = grafana_emulator.add_team("ops")
    alice = grafana_emulator.add_user("alice")
    grafana_api.folder.create_folder("Root", uid="root")
    result = grafana_api.folder.update_folder_permissions(
        "root",
        {"items": [{"teamId": team.id, "permission": 2}, {"userId": alice.id, "permission": 1}]},
    )
    assert result == {"message": "Folder permissions updated"}
    assert summary(grafana_api.folder.get_folder_permissions("root")) == {
        "team:ops": 2,
        "user:alice": 1,
    }
    assert grafana_emulator.permissions("folder", "root") == {"team:ops": 2, "user:alice": 1}
    grafana_api.folder.update_folder_permissions("root", {"items": []})
    assert grafana_api.folder.get_folder_permissions("root") == []


def test_permission_outside_levels_removes_entry(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("Root", uid="root")
    grafana_api.folder.update_folder_permissions(
        "root",
        {"items": [{"role": "Viewer", "permission": 3}, {"role": "Editor", "permission": 4}]},
    )
    assert summary(grafana_api.folder.get_folder_permissions("root")) == {"role:Editor": 4}


def test_dashboard_permissions_replace(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    team = grafana_emulator.add_team("sre")
    grafana_api.dashboard.update_dashboard({"dashboard": dashboard_json("D", "d")})
    result = grafana_api.dashboard.update_permissions_by_uid(
        "d", [{"teamId": team.id, "permission": 1}]
    )
    assert result == {"message": "Dashboard permissions updated"}
    assert summary(grafana_api.dashboard.get_permissions_by_uid("d")) == {"team:sre": 1}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"userId": 1, "teamId": 1, "permission": 1},
         "team and user permissions cannot have an associated role"),
        ({"userId": 1, "role": "Viewer", "permission": 1},
         "permissions cannot have both a user and team"),
        ({"teamId": 1, "role": "Editor", "permission": 1},
         "permissions cannot have both a user and team"),
    ],
)  # fmt: skip
def test_validation_messages_are_swapped_like_grafana(
    grafana_api: Any, grafana_emulator: GrafanaEmulator, item: dict[str, Any], message: str
) -> None:
    grafana_emulator.add_team("t")
    grafana_api.folder.create_folder("Root", uid="root")
    grafana_api.dashboard.update_dashboard({"dashboard": dashboard_json("D", "d")})
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.folder.update_folder_permissions("root", {"items": [item]})
    assert err.value.response == {"message": message, "traceID": ""}
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.dashboard.update_permissions_by_uid("d", [item])
    assert err.value.response == {"message": message, "traceID": ""}
    assert summary(grafana_api.folder.get_folder_permissions("root")) == ROLE_DEFAULTS


def test_unknown_user_or_team_is_500(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("Root", uid="root")
    grafana_api.dashboard.update_dashboard({"dashboard": dashboard_json("D", "d")})
    with pytest.raises(GrafanaServerError) as err:
        grafana_api.folder.update_folder_permissions("root", [{"userId": 999, "permission": 1}])
    assert err.value.response == {"message": "Failed to create permission", "traceID": ""}
    with pytest.raises(GrafanaServerError) as err:
        grafana_api.dashboard.update_permissions_by_uid("d", [{"teamId": 999, "permission": 1}])
    assert err.value.response == {"message": "Failed to update permissions", "traceID": ""}


def test_missing_resources(grafana_api: Any) -> None:
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.folder.get_folder_permissions("nope")
    assert err.value.status_code == 404
    assert err.value.response == {"message": "folder not found", "status": "not-found"}
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.dashboard.update_permissions_by_uid("nope", [])
    assert err.value.status_code == 404
    assert err.value.response == {"message": "Dashboard not found"}


def test_bad_body(raw: Any, grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.seed_folder("Root", uid="root")
    response = raw(
        "POST", "/api/folders/root/permissions", token=grafana_emulator.admin_token,
        body={"items": "nope"},
    )  # fmt: skip
    assert response.status == 400
    assert response.json() == {"message": "bad request data", "traceID": ""}
