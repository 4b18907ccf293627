"""Grafana behind a sub-path (root_url https://host/grafana/): what answers where.

pkg/web/macaron.go ServeHTTP trims the prefix; pkg/middleware/subpath_redirect.go lets
``/api`` through without it when serve_from_sub_path is on; anything else finds no route.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

import pytest
from grafana_emulator import GrafanaEmulator


def _status(emulator: GrafanaEmulator, path: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{emulator.port}{path}",
                                     headers={"Authorization": f"Bearer {emulator.admin_token}"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.mark.parametrize("serve_from_sub_path, bare_api", [(False, 404), (True, 200)])
def test_the_api_answers_under_the_sub_path(grafana_emulator_factory: Any,
                                            serve_from_sub_path: bool, bare_api: int) -> None:
    emulator = grafana_emulator_factory(sub_path="/grafana/",
                                        serve_from_sub_path=serve_from_sub_path)
    assert emulator.url.endswith("/grafana")
    assert _status(emulator, "/grafana/api/health") == 200
    assert _status(emulator, "/grafana/api/folders") == 200
    assert _status(emulator, "/api/folders") == bare_api
    # grafana-client's url_path_prefix joined to "api" without a slash
    assert _status(emulator, "/grafanaapi/folders") == 404
    assert _status(emulator, "/grafana") == 404


def test_frontend_settings_carry_the_sub_path(grafana_emulator_factory: Any) -> None:
    emulator = grafana_emulator_factory(sub_path="grafana")
    assert emulator.api().client.GET("/frontend/settings")["appSubUrl"] == "/grafana"
