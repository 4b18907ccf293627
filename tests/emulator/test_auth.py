"""401/403 bodies and RBAC action checks (contract §0.2, §0.4)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from grafana_client.client import GrafanaClientError, GrafanaUnauthorizedError
from grafana_emulator import ORG_ACTIONS, GrafanaEmulator

from .helpers import RawHTTP, dashboard_json


def errutil(message_id: str, message: str) -> dict[str, Any]:
    return {
        "extra": None, "message": message, "messageId": message_id, "statusCode": 401,
        "traceID": "",
    }  # fmt: skip


def test_missing_credentials_is_401(raw: RawHTTP) -> None:
    response = raw("GET", "/api/search")
    assert response.status == 401
    assert response.json() == errutil("auth.unauthorized", "Unauthorized")


def test_unknown_token_is_401_invalid_api_key(grafana_emulator: GrafanaEmulator) -> None:
    with pytest.raises(GrafanaUnauthorizedError) as err:
        grafana_emulator.api("glsa_wrong").search.search_dashboards()
    assert err.value.response == errutil("api-key.invalid", "Invalid API key")


def test_revoked_and_expired_tokens(grafana_emulator: GrafanaEmulator, grafana_clock: Any) -> None:
    token = grafana_emulator.add_token("ci")
    grafana_emulator.revoke_token(token)
    with pytest.raises(GrafanaUnauthorizedError) as err:
        grafana_emulator.api(token).search.search_dashboards()
    assert err.value.response["messageId"] == "api-key.revoked"
    expiring = grafana_emulator.add_token("ci2", expires=grafana_clock() + timedelta(seconds=10))
    assert grafana_emulator.api(expiring).search.search_dashboards() == []
    grafana_clock.advance(10)
    with pytest.raises(GrafanaUnauthorizedError) as err:
        grafana_emulator.api(expiring).search.search_dashboards()
    assert err.value.response["messageId"] == "api-key.expired"


def test_basic_auth(grafana_emulator: GrafanaEmulator) -> None:
    assert grafana_emulator.api(("admin", "admin")).search.search_dashboards() == []
    with pytest.raises(GrafanaUnauthorizedError) as err:
        grafana_emulator.api(("admin", "wrong")).search.search_dashboards()
    assert err.value.response == errutil("password-auth.failed", "Invalid username or password")


def test_token_org_mismatch(raw: RawHTTP, grafana_emulator: GrafanaEmulator) -> None:
    response = raw(
        "GET", "/api/search", token=grafana_emulator.admin_token,
        headers={"X-Grafana-Org-Id": "2"},
    )  # fmt: skip
    assert response.status == 401
    assert response.json()["messageId"] == "api-key.organization-mismatch"


def test_rbac_denial_body(grafana_emulator: GrafanaEmulator) -> None:
    token = grafana_emulator.add_token("reader", actions=["dashboards:read", "folders:read"])
    api = grafana_emulator.api(token)
    with pytest.raises(GrafanaClientError) as err:
        api.folder.create_folder("F")
    assert err.value.status_code == 403
    body = err.value.response
    assert re.fullmatch(r"ACE\d{10}", body.pop("accessErrorId"))
    assert body == {
        "message": "You'll need additional permissions to perform this action. "
        "Permissions needed: folders:create",
        "title": "Access denied",
    }
    with pytest.raises(GrafanaClientError) as err:
        api.dashboard.update_dashboard({"dashboard": dashboard_json("D")})
    assert err.value.response["message"].endswith(
        "Permissions needed: any(dashboards:create, dashboards:write)"
    )
    assert grafana_emulator.dashboards() == []
    assert api.search.search_dashboards() == []  # search only needs a signed-in identity


def test_users_lookup_needs_global_users_read(grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.add_user("alice", email="alice@example.com")
    with pytest.raises(GrafanaClientError) as err:
        grafana_emulator.api().users.find_user("alice")
    assert err.value.status_code == 403
    assert err.value.response["message"].endswith("Permissions needed: users:read")
    admin = grafana_emulator.api(("admin", "admin"))
    assert admin.users.find_user("alice@example.com")["login"] == "alice"
    granted = grafana_emulator.add_token("sa", actions=[*ORG_ACTIONS, "users:read"])
    assert grafana_emulator.api(granted).users.find_user("alice")["login"] == "alice"


def test_user_kind_token_creates_folders_as_that_user(grafana_emulator: GrafanaEmulator) -> None:
    token = grafana_emulator.add_token("bob-key", kind="user", login="bob")
    folder = grafana_emulator.api(token).folder.create_folder("Bob's", uid="bobs")
    assert folder["createdBy"] == "bob"
    assert grafana_emulator.permissions("folder", "bobs") == {
        "user:bob": 4, "role:Editor": 2, "role:Viewer": 1,
    }  # fmt: skip


def test_unknown_route_is_404_without_auth(raw: RawHTTP) -> None:
    response = raw("GET", "/api/nothing/here")
    assert response.status == 404
    assert response.json() == {"message": "Not found"}
