"""POST /api/dashboards/db, GET/DELETE /api/dashboards/uid/:uid, versions and restore (§3–§6)."""

from __future__ import annotations

from typing import Any

from .. import guardian
from ..auth import Identity, require, require_any
from ..errors import access_denied, bad_request_data, message_error
from ..models import Dashboard, Org
from ..routing import Request, Router
from ..services import dashboards as service
from ..views import dashboard_meta, version_item


def save(req: Request) -> dict[str, Any]:
    caller = req.caller
    require_any(caller, ("dashboards:create", "dashboards:write"))
    cmd = service.command_from_body(req.json())
    store = req.store

    def check(org: Org, existing: Dashboard | None, folder_uid: str) -> None:
        may = guardian.folder_level(store, org, caller, folder_uid) >= guardian.EDIT
        if existing is not None:
            may = may and guardian.dashboard_level(store, org, caller, existing) >= guardian.EDIT
        if not may:
            raise guardian.save_denied()

    with store.lock:
        dash = service.save_dashboard(store, caller.org_id, caller.user, cmd, check)
        return service.save_response(dash)


def _readable(req: Request, caller: Identity, level: int) -> Dashboard:
    org = req.store.org(caller.org_id)
    dash = org.dashboards.get(req.params["uid"])
    if dash is None:
        raise message_error(404, "Dashboard not found", trace=True)
    guardian.require_dashboard(req.store, org, caller, dash, level,
                               guardian.view_denied() if level == guardian.VIEW else
                               access_denied("dashboards:write"))
    return dash


def get(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "dashboards:read")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        dash = org.dashboards.get(req.params["uid"])
        if dash is None:
            raise message_error(404, "Dashboard not found", trace=True)
        guardian.require_dashboard(req.store, org, caller, dash, guardian.VIEW,
                                   guardian.view_denied())
        if dash.api_version.startswith("v2"):
            # pkg/api/dashboard.go GetDashboard (12.x): "v2 is not supported in /api", answered
            # right after the lookup; versions, search and delete still work on it.
            namespace = "default" if caller.org_id == 1 else f"org-{caller.org_id}"
            raise message_error(
                406, "dashboard api version not supported, use /apis/dashboard.grafana.app/"
                f"{dash.api_version}/namespaces/{namespace}/dashboards/{dash.uid} instead")
        return {"meta": dashboard_meta(org, dash, caller), "dashboard": dash.snapshot()}


def delete(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "dashboards:delete")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        if req.params["uid"] in org.dashboards:
            guardian.require_dashboard(req.store, org, caller, org.dashboards[req.params["uid"]],
                                       guardian.EDIT, access_denied("dashboards:delete"))
        dash = service.delete_dashboard(req.store, caller.org_id, req.params["uid"])
    return {"title": dash.title, "message": f"Dashboard {dash.title} deleted", "uid": dash.uid}


def list_versions(req: Request) -> Any:
    caller = req.caller
    require(caller, "dashboards:write")
    limit = req.int_arg("limit") or 1000
    start = req.int_arg("continueToken") or req.int_arg("start")
    with req.store.lock:
        dash = _readable(req, caller, guardian.EDIT)
        rows = sorted(dash.versions, key=lambda v: v.version, reverse=True)
        page = [version_item(dash, row, listing=True) for row in rows[start : start + limit]]
        more = start + limit < len(rows)
        if not req.store.versions_as_object():
            return page
        return {"continueToken": str(start + limit) if more else "", "versions": page}


def get_version(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "dashboards:write")
    with req.store.lock:
        dash = _readable(req, caller, guardian.EDIT)
        raw = req.params["version"]
        row = next((v for v in dash.versions if str(v.version) == raw), None)
        if row is None:
            raise message_error(
                500, f"Dashboard version {raw} not found for dashboardId {dash.id}", trace=True
            )
        return version_item(dash, row, listing=False)


def restore(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "dashboards:write")
    body = req.json_object()
    version = body.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version <= 0:
        raise bad_request_data()
    with req.store.lock:
        dash = service.restore_version(
            req.store, caller.org_id, caller.user, req.params["uid"], version
        )
        return service.save_response(dash)


def register(router: Router) -> None:
    router.add("POST", "/api/dashboards/db", "dashboards.save", save)
    router.add("GET", "/api/dashboards/uid/:uid", "dashboards.get", get)
    router.add("DELETE", "/api/dashboards/uid/:uid", "dashboards.delete", delete)
    router.add("GET", "/api/dashboards/uid/:uid/versions", "dashboards.versions", list_versions)
    router.add(
        "GET", "/api/dashboards/uid/:uid/versions/:version", "dashboards.version", get_version
    )
    router.add("POST", "/api/dashboards/uid/:uid/restore", "dashboards.restore", restore)
