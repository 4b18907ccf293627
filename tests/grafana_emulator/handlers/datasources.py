"""GET /api/datasources and /api/datasources/uid/:uid (pkg/api/datasources.go), read-only:
datasources come from provisioning here. Secrets never come back (``secureJsonData`` is
reported only as which fields are set, as ``secureJsonFields``)."""

from __future__ import annotations

from typing import Any

from ..auth import require
from ..errors import message_error
from ..routing import Request, Router


def _view(item: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in item.items() if k != "secureJsonData"}
    out["secureJsonFields"] = {k: True for k in item.get("secureJsonData") or {}}
    out.setdefault("jsonData", {})
    out.setdefault("isDefault", False)
    return out


def list_datasources(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    require(caller, "datasources:read")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        return [_view(d) for d in sorted(org.datasources.values(), key=lambda d: d["name"])]


def get_datasource(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "datasources:read")
    with req.store.lock:
        found = req.store.org(caller.org_id).datasources.get(req.params["uid"])
        if found is None:
            raise message_error(404, "Data source not found")
        return _view(found)


def register(router: Router) -> None:
    router.add("GET", "/api/datasources", "datasources.list", list_datasources)
    router.add("GET", "/api/datasources/uid/:uid", "datasources.get", get_datasource)
