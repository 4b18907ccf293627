"""The Grafana adapter: retries what can succeed, not what cannot, and explains refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from grafana_emulator import GrafanaEmulator

from dashkit.grafana.client import GrafanaHttp
from dashkit.grafana.errors import GrafanaApiError
from dashkit.grafana.live import LiveGrant
from dashkit.grafana.retry import RetryPolicy
from dashkit.model import GrantKind, Permission, Resource


@pytest.fixture
def grafana() -> Iterator[GrafanaEmulator]:
    with GrafanaEmulator() as emulator:
        yield emulator


@pytest.fixture
def sleeps() -> list[float]:
    return []


def client(grafana: GrafanaEmulator, sleeps: list[float], token: str | None = None,
           timeout: float = 5.0) -> GrafanaHttp:
    policy = RetryPolicy(attempts=4, sleep=sleeps.append, jitter=lambda: 1.0)
    return GrafanaHttp(grafana.url, token or grafana.admin_token, timeout=timeout, retry=policy)


def test_429_waits_as_long_as_retry_after_says(grafana: GrafanaEmulator,
                                               sleeps: list[float]) -> None:
    grafana.faults.add_rate_limit("POST", "/api/folders", retry_after=7, times=2)
    created = client(grafana, sleeps).create_folder("f", "F", "")
    assert created.uid == "f"
    assert sleeps == [7.0, 7.0]
    assert grafana.request_log.count(method="POST", path="/api/folders") == 3


@pytest.mark.parametrize("fault", ["status", "drop", "slow"])
def test_5xx_dropped_and_slow_answers_are_retried_with_backoff(
        grafana: GrafanaEmulator, sleeps: list[float], fault: str) -> None:
    if fault == "status":
        grafana.faults.add_status("GET", "/api/folders", status=503, times=2)
    elif fault == "drop":
        grafana.faults.add_drop("GET", "/api/folders", times=2)
    else:
        grafana.faults.add_delay("GET", "/api/folders", seconds=2.0, times=2)
    assert client(grafana, sleeps, timeout=0.6).folders() == []
    assert sleeps == [0.25, 0.5]  # exponential: base, then twice the base


def test_a_4xx_that_will_not_change_is_not_retried(grafana: GrafanaEmulator,
                                                   sleeps: list[float]) -> None:
    with pytest.raises(GrafanaApiError) as caught:
        client(grafana, sleeps).create_folder("x" * 41, "Bad", "")
    assert caught.value.status == 400 and "uid too long" in str(caught.value)
    assert sleeps == []
    assert grafana.request_log.count(method="POST", path="/api/folders") == 1


def test_giving_up_says_how_often_it_tried(grafana: GrafanaEmulator,
                                           sleeps: list[float]) -> None:
    grafana.faults.add_status("GET", "/api/folders", status=502, times=10)
    with pytest.raises(GrafanaApiError, match="gave up after 4 attempts: 502"):
        client(grafana, sleeps).folders()


def test_refused_connections_are_retried_then_reported(sleeps: list[float]) -> None:
    with GrafanaEmulator() as dead:
        url = dead.url
    policy = RetryPolicy(attempts=3, sleep=sleeps.append, jitter=lambda: 1.0)
    with pytest.raises(GrafanaApiError, match="gave up after 3 attempts: network"):
        GrafanaHttp(url, "glsa_x", retry=policy).folders()
    assert len(sleeps) == 2


def test_401_and_403_say_what_the_token_needs(grafana: GrafanaEmulator,
                                              sleeps: list[float]) -> None:
    with pytest.raises(GrafanaApiError, match="token is missing, wrong, expired or revoked"):
        client(grafana, sleeps, token="glsa_wrong").folders()
    reader = grafana.add_token("reader", actions={"folders:read"})
    with pytest.raises(GrafanaApiError) as caught:
        client(grafana, sleeps, token=reader).create_folder("f", "F", "")
    assert caught.value.status == 403
    assert "the token needs folders:create (Editor role or above)" in str(caught.value)


def test_users_resolve_by_login_or_email_and_teams_by_exact_name(
        grafana: GrafanaEmulator, sleeps: list[float]) -> None:
    grafana.add_user("alice", email="alice@example.com")
    grafana.add_team("sre")
    grafana.add_team("sre-oncall")
    api = client(grafana, sleeps)
    assert api.user_id("alice") == api.user_id("alice@example.com") is not None
    assert api.user_id("bob") is None
    assert api.team_id("sre") != api.team_id("sre-oncall")
    assert api.team_id("sr") is None


def test_versions_are_read_in_both_list_shapes(grafana: GrafanaEmulator,
                                               sleeps: list[float]) -> None:
    api = client(grafana, sleeps)
    api.save_dashboard({"uid": "d", "title": "D"}, "", "dashkit push: one", None)
    api.save_dashboard({"uid": "d", "title": "D2"}, "", "dashkit push: two", 1)
    new_shape = api.versions("d")
    grafana.grafana_version = "11.4.0"
    old_shape = api.versions("d")
    assert [v.version for v in new_shape] == [v.version for v in old_shape] == [2, 1]
    assert new_shape[0].message == "dashkit push: two"


@pytest.mark.parametrize("serve_from_sub_path", [False, True])
@pytest.mark.parametrize("slash", ["", "/"])
def test_a_grafana_behind_a_sub_path_is_reached_with_or_without_a_trailing_slash(
        sleeps: list[float], slash: str, serve_from_sub_path: bool) -> None:
    with GrafanaEmulator(sub_path="/ops/grafana", serve_from_sub_path=serve_from_sub_path,
                         grafana_version="12.0.2") as grafana:
        port = client_at(grafana.url + slash, grafana, sleeps)
        assert port.version() == "12.0.2"
        assert port.create_folder("f", "F", "").uid == "f"
        assert [f.uid for f in port.folders()] == ["f"]
        paths = {e.path for e in grafana.request_log.entries()}
        assert paths and all(p.startswith("/ops/grafana/api/") for p in paths), paths


def client_at(url: str, grafana: GrafanaEmulator, sleeps: list[float]) -> GrafanaHttp:
    policy = RetryPolicy(attempts=2, sleep=sleeps.append, jitter=lambda: 1.0)
    return GrafanaHttp(url, grafana.admin_token, retry=policy)


def test_a_deterministic_500_is_not_retried(grafana: GrafanaEmulator,
                                            sleeps: list[float]) -> None:
    port = client(grafana, sleeps)
    port.create_folder("f", "F", "")
    # pkg/api/folder_permission.go: an unknown user id -> 500 "Failed to create permission"
    bad = LiveGrant(GrantKind.USER, "999", "ghost", Permission.VIEW)
    with pytest.raises(GrafanaApiError) as caught:
        port.set_grants(Resource.FOLDER, "f", [bad])
    assert caught.value.status == 500 and caught.value.message == "Failed to create permission"
    assert grafana.request_log.count(method="POST", path="/api/folders/f/permissions") == 1
    # pkg/api/dashboard.go GetDashboardVersion: an unknown version number -> 500, once
    grafana.seed_dashboard({"uid": "d", "title": "D"})
    with pytest.raises(GrafanaApiError):
        port._call("GET", "/dashboards/uid/d/versions/7", "dashboards.version")
    assert grafana.request_log.count(path="/api/dashboards/uid/d/versions/7") == 1
    assert sleeps == []


def test_a_transient_500_is_still_retried(grafana: GrafanaEmulator, sleeps: list[float]) -> None:
    grafana.faults.add_status("GET", "/api/folders", status=500, times=2)
    assert client(grafana, sleeps).folders() == []
    assert grafana.request_log.count(path="/api/folders") == 3


def test_a_401_under_basic_auth_speaks_of_the_password_not_a_token(
        grafana: GrafanaEmulator, sleeps: list[float]) -> None:
    port = GrafanaHttp(grafana.url, ("admin", "wrong"), retry=RetryPolicy(attempts=1))
    with pytest.raises(GrafanaApiError) as caught:
        port.folders()
    text = caught.value.describe()
    assert "401: Invalid username or password" in text
    assert "the user name or password is wrong, or the user is locked out" in text
    assert "token" not in text
    token = GrafanaHttp(grafana.url, "glsa_wrong", retry=RetryPolicy(attempts=1))
    with pytest.raises(GrafanaApiError) as caught:
        token.folders()
    assert "401: Invalid API key (the token is missing, wrong, expired or revoked)" in \
        caught.value.describe()
