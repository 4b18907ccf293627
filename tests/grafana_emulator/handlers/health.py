"""GET/HEAD /api/health (§1), /healthz and GET /api/frontend/settings (grafana-client health)."""

from __future__ import annotations

import json
from typing import Any

from ..routing import Request, Response, Router

UTF8_JSON = "application/json; charset=UTF-8"


def health(req: Request) -> Response:
    settings = req.store.settings
    body = {
        "database": "ok" if settings.database_healthy else "failing",
        "version": settings.grafana_version,
        "commit": settings.commit,
    }
    return Response(
        status=200 if settings.database_healthy else 503,
        raw=json.dumps(body, indent=2).encode(),
        content_type=UTF8_JSON,
    )


def healthz(req: Request) -> Response:
    return Response(raw=b"Ok", content_type="text/plain; charset=utf-8")


def frontend_settings(req: Request) -> dict[str, Any]:
    settings = req.store.settings
    return {
        "appSubUrl": settings.app_sub_url,
        "buildInfo": {
            "version": settings.grafana_version,
            "commit": settings.commit,
            "edition": "Open Source",
            "env": "production",
            "hideVersion": False,
            "latestVersion": "",
            "hasUpdate": False,
        },
        "featureToggles": {"nestedFolders": True},
    }


def register(router: Router) -> None:
    router.add("GET", "/api/health", "health", health, signed_in=False)
    router.add("GET", "/healthz", "healthz", healthz, signed_in=False)
    router.add(
        "GET", "/api/frontend/settings", "frontend.settings", frontend_settings, signed_in=False
    )
