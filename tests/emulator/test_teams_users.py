"""Teams (contract §11) and user lookups (§12)."""

from __future__ import annotations

from typing import Any

import pytest
from grafana_client.client import GrafanaClientError
from grafana_emulator import GrafanaEmulator

from .helpers import RawHTTP


def test_create_and_search_teams(grafana_api: Any, grafana_emulator: GrafanaEmulator) -> None:
    created = grafana_api.teams.add_team({"name": "platform-ops", "email": "ops@example.com"})
    assert created["message"] == "Team created"
    assert isinstance(created["teamId"], int) and created["uid"]
    grafana_api.teams.add_team({"name": "sre"})
    teams = grafana_api.teams.search_teams(query="OPS")
    assert [t["name"] for t in teams] == ["platform-ops"]
    team = teams[0]
    assert team["id"] == created["teamId"] and team["email"] == "ops@example.com"
    assert team["memberCount"] == 0  # a service-account creator is not added as a member
    assert [t["name"] for t in grafana_api.teams.get_team_by_name("sre")] == ["sre"]
    assert grafana_api.teams.get_team_by_name("sr") == []
    assert grafana_api.teams.get_team(created["teamId"])["name"] == "platform-ops"


def test_search_paging_shape(raw: RawHTTP, grafana_emulator: GrafanaEmulator) -> None:
    for name in ("a", "b", "c"):
        grafana_emulator.add_team(name)
    body = raw("GET", "/api/teams/search?perpage=2&page=2", token=grafana_emulator.admin_token)
    assert body.json()["totalCount"] == 3
    assert body.json()["page"] == 2 and body.json()["perPage"] == 2
    assert [t["name"] for t in body.json()["teams"]] == ["c"]


def test_team_auto_pagination_in_grafana_client(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    for index in range(5):
        grafana_emulator.add_team(f"team-{index}")
    grafana_emulator.request_log.reset()
    everything = grafana_api.teams.search_teams(perpage=2)  # walks pages 1..3
    assert [t["name"] for t in everything] == [f"team-{i}" for i in range(5)]
    assert grafana_emulator.request_log.count(route="teams.search") == 3
    page_two = grafana_api.teams.search_teams(perpage=2, page=2)
    assert [t["name"] for t in page_two] == ["team-2", "team-3"]


def test_duplicate_team_name_is_409(grafana_api: Any) -> None:
    grafana_api.teams.add_team({"name": "ops"})
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.teams.add_team({"name": "ops"})
    assert err.value.status_code == 409
    assert err.value.response == {"message": "Team name taken", "traceID": ""}


def test_user_creator_becomes_team_admin(grafana_emulator: GrafanaEmulator) -> None:
    api = grafana_emulator.api(("admin", "admin"))
    api.teams.add_team({"name": "mine"})
    assert api.teams.get_team_by_name("mine")[0]["memberCount"] == 1


def test_org_users_lookup(raw: RawHTTP, grafana_emulator: GrafanaEmulator) -> None:
    alice = grafana_emulator.add_user("alice", email="alice@example.com", name="Alice A")
    grafana_emulator.add_user("bob")
    token = grafana_emulator.admin_token
    hits = raw("GET", "/api/org/users/lookup?query=ali&limit=10", token=token).json()
    assert hits == [
        {"userId": alice.id, "uid": alice.uid, "login": "alice", "avatarUrl": hits[0]["avatarUrl"]}
    ]
    assert hits[0]["avatarUrl"].startswith("/avatar/")
    everyone = raw("GET", "/api/org/users/lookup?query=&limit=2", token=token).json()
    assert [u["login"] for u in everyone] == ["admin", "alice"]


def test_org_users_lookup_allowed_with_folder_permission_write(
    raw: RawHTTP, grafana_emulator: GrafanaEmulator
) -> None:
    grafana_emulator.add_user("alice")
    token = grafana_emulator.add_token("perm", actions=["folders.permissions:write"])
    assert raw("GET", "/api/org/users/lookup?query=alice", token=token).status == 200
    denied = grafana_emulator.add_token("none", actions=["dashboards:read"])
    response = raw("GET", "/api/org/users/lookup?query=alice", token=denied)
    assert response.status == 403
    assert response.json()["message"].endswith(
        "any(org.users:read, teams.permissions:write, folders.permissions:write, "
        "dashboards.permissions:write)"
    )


def test_org_users_excludes_service_accounts(grafana_api: Any) -> None:
    users = grafana_api.organization.get_current_organization_users()
    assert [u["login"] for u in users] == ["admin"]
    assert users[0]["role"] == "Admin"


def test_users_lookup_not_found(grafana_emulator: GrafanaEmulator) -> None:
    admin = grafana_emulator.api(("admin", "admin"))
    with pytest.raises(GrafanaClientError) as err:
        admin.users.find_user("ghost")
    assert err.value.status_code == 404
    assert err.value.response == {"message": "user not found"}
    profile = admin.users.find_user("admin")
    assert profile["isGrafanaAdmin"] is True and profile["login"] == "admin"
