"""Helpers for the emulator's contract tests: raw urllib HTTP and dashboard JSON."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from grafana_emulator import GrafanaEmulator


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class RawHTTP:
    """urllib-based client for checks of exact status lines, headers and bodies."""

    def __init__(self, emulator: GrafanaEmulator) -> None:
        self.emulator = emulator

    def __call__(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        basic: tuple[str, str] | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> RawResponse:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.emulator.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        if basic:
            encoded = base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()
            request.add_header("Authorization", f"Basic {encoded}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return RawResponse(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return RawResponse(error.code, dict(error.headers), error.read())


def dashboard_json(title: str, uid: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"id": None, "title": title, "panels": [], "schemaVersion": 39}
    if uid is not None:
        body["uid"] = uid
    body.update(extra)
    return body
