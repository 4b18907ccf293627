"""Legacy ACL endpoints: GET/POST /api/{dashboards/uid,folders}/:uid/permissions (§8, §9)."""

from __future__ import annotations

from typing import Any

from .. import guardian
from ..auth import require
from ..errors import access_denied, folder_not_found, message_error
from ..routing import Request, Router
from ..services import permissions as acl


def get_dashboard_acl(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    require(caller, "dashboards.permissions:read")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        dash = org.dashboards.get(req.params["uid"])
        if dash is None:
            raise message_error(404, "Dashboard not found")
        guardian.require_dashboard(req.store, org, caller, dash, guardian.ADMIN,
                                   access_denied("dashboards.permissions:read"))
        return acl.dashboard_rows(req.store, org, dash)


def post_dashboard_acl(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "dashboards.permissions:write")
    items = acl.parse_items(req.json())
    with req.store.lock:
        org = req.store.org(caller.org_id)
        dash = org.dashboards.get(req.params["uid"])
        if dash is None:
            raise message_error(404, "Dashboard not found")
        guardian.require_dashboard(req.store, org, caller, dash, guardian.ADMIN,
                                   access_denied("dashboards.permissions:write"))
        acl.replace(req.store, org, "dashboard", dash.uid, items, "Failed to update permissions")
    return {"message": "Dashboard permissions updated"}


def get_folder_acl(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    require(caller, "folders.permissions:read")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        folder = org.folders.get(req.params["uid"])
        if folder is None:
            raise folder_not_found()
        guardian.require_folder(req.store, org, caller, folder.uid, guardian.ADMIN,
                                "folders.permissions:read")
        return acl.folder_rows(req.store, org, folder)


def post_folder_acl(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "folders.permissions:write")
    items = acl.parse_items(req.json())
    with req.store.lock:
        org = req.store.org(caller.org_id)
        folder = org.folders.get(req.params["uid"])
        if folder is None:
            raise folder_not_found()
        guardian.require_folder(req.store, org, caller, folder.uid, guardian.ADMIN,
                                "folders.permissions:write")
        acl.replace(req.store, org, "folder", folder.uid, items, "Failed to create permission")
    return {"message": "Folder permissions updated"}


def register(router: Router) -> None:
    router.add(
        "GET",
        "/api/dashboards/uid/:uid/permissions",
        "dashboards.permissions.get",
        get_dashboard_acl,
    )
    router.add(
        "POST",
        "/api/dashboards/uid/:uid/permissions",
        "dashboards.permissions.set",
        post_dashboard_acl,
    )
    router.add("GET", "/api/folders/:uid/permissions", "folders.permissions.get", get_folder_acl)
    router.add("POST", "/api/folders/:uid/permissions", "folders.permissions.set", post_folder_acl)
