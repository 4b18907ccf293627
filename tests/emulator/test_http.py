"""Raw HTTP checks of exact bodies and headers (urllib, no grafana-client)."""

from __future__ import annotations

from typing import Any

from grafana_emulator import GrafanaEmulator

from .helpers import RawHTTP


def test_health_is_pretty_json_without_auth(raw: RawHTTP) -> None:
    response = raw("GET", "/api/health")
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert response.body == (
        b'{\n  "database": "ok",\n  "version": "11.6.0",\n  "commit": "emulator"\n}'
    )
    assert response.headers["Content-Length"] == str(len(response.body))


def test_health_reports_failing_database(raw: RawHTTP, grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.set_database_healthy(False)
    response = raw("GET", "/api/health")
    assert response.status == 503
    assert response.json()["database"] == "failing"


def test_health_head(raw: RawHTTP) -> None:
    response = raw("HEAD", "/api/health")
    assert response.status == 200 and response.body == b""


def test_healthz(raw: RawHTTP) -> None:
    response = raw("GET", "/healthz")
    assert response.status == 200 and response.body == b"Ok"


def test_version_is_configurable(grafana_emulator_factory: Any) -> None:
    emulator = grafana_emulator_factory(grafana_version="12.1.0")
    api = emulator.api()
    assert api.health.check()["version"] == "12.1.0"
    assert api.version == "12.1.0"
    emulator.grafana_version = "11.4.0"
    assert RawHTTP(emulator)("GET", "/api/health").json()["version"] == "11.4.0"


def test_json_error_bodies_have_content_length(raw: RawHTTP) -> None:
    response = raw("GET", "/api/search")
    assert response.status == 401
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Content-Length"] == str(len(response.body))


def test_unknown_method_on_known_path_is_404(
    raw: RawHTTP, grafana_emulator: GrafanaEmulator
) -> None:
    response = raw("PATCH", "/api/dashboards/db", token=grafana_emulator.admin_token, body={})
    assert response.status == 404 and response.json() == {"message": "Not found"}


def test_invalid_json_is_bad_request_data(raw: RawHTTP, grafana_emulator: GrafanaEmulator) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        grafana_emulator.url + "/api/dashboards/db", data=b"{not json", method="POST",
        headers={"Authorization": f"Bearer {grafana_emulator.admin_token}"},
    )  # fmt: skip
    try:
        urllib.request.urlopen(request, timeout=5)
        raise AssertionError("expected 400")
    except urllib.error.HTTPError as error:
        assert error.code == 400
        assert error.read() == b'{"message":"bad request data","traceID":""}'


def test_frontend_settings_build_info(raw: RawHTTP) -> None:
    body = raw("GET", "/api/frontend/settings").json()
    assert body["buildInfo"]["version"] == "11.6.0"
    assert body["buildInfo"]["commit"] == "emulator"
