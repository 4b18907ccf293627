"""/api/folders: list children, get, create, update, delete (recursive), move (§7)."""

from __future__ import annotations

from typing import Any

from .. import guardian
from ..auth import require
from ..errors import bad_request_data
from ..routing import Request, Router
from ..services import folders as service
from ..views import folder_dto, folder_search_hit


def _optional_str(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise bad_request_data()
    return value


SHARED_WITH_ME = {"id": -1, "uid": "sharedwithme", "title": "Shared with me"}
"""pkg/services/folder/model.go SharedWithMeFolder, as GetFolders lists it."""


def list_children(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    require(caller, "folders:read")
    parent = req.arg("parentUid")
    limit = req.int_arg("limit") or 1000
    page = max(req.int_arg("page") or 1, 1)
    store = req.store
    with store.lock:
        org = store.org(caller.org_id)
        if parent:
            service.get_folder(org, parent)
        kids = sorted(
            (f for f in store.children(caller.org_id, parent)
             if guardian.folder_level(store, org, caller, f.uid) >= guardian.VIEW),
            key=lambda f: (f.title.lower(), f.uid),
        )
        hits = [folder_search_hit(f) for f in kids[(page - 1) * limit : page * limit]]
        # pkg/services/folder/folderimpl/folder.go getRootFolders: a caller whose folders:read
        # is scoped (not folders:*) gets "Shared with me" first, on page 1 of the top level.
        if not parent and page == 1 and guardian.limited(store, caller):
            hits.insert(0, dict(SHARED_WITH_ME))
        return hits


def get(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "folders:read")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        folder = service.get_folder(org, req.params["uid"])
        guardian.require_folder(req.store, org, caller, folder.uid, guardian.VIEW,
                                "folders:read")
        return folder_dto(req.store, org, folder, caller)


def create(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "folders:create")
    body = req.json_object()
    cmd = service.CreateFolder(
        title=_optional_str(body, "title") or "",
        uid=_optional_str(body, "uid") or "",
        description=_optional_str(body, "description") or "",
        parent_uid=_optional_str(body, "parentUid") or "",
    )
    with req.store.lock:
        org = req.store.org(caller.org_id)
        if cmd.parent_uid in org.folders or not cmd.parent_uid:
            guardian.require_folder(req.store, org, caller, cmd.parent_uid, guardian.EDIT,
                                    "folders:create")
        folder = service.create_folder(req.store, caller.org_id, caller.user, cmd)
        return folder_dto(req.store, req.store.org(caller.org_id), folder, caller)


def update(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "folders:write")
    body = req.json_object()
    version = body.get("version") or 0
    if isinstance(version, bool) or not isinstance(version, int | float):
        raise bad_request_data()
    with req.store.lock:
        org = req.store.org(caller.org_id)
        if req.params["uid"] in org.folders:
            guardian.require_folder(req.store, org, caller, req.params["uid"], guardian.EDIT,
                                    "folders:write")
        folder = service.update_folder(
            req.store,
            caller.org_id,
            caller.user,
            req.params["uid"],
            title=_optional_str(body, "title"),
            description=_optional_str(body, "description"),
            version=int(version),
            overwrite=bool(body.get("overwrite")),
        )
        return folder_dto(req.store, req.store.org(caller.org_id), folder, caller)


def delete(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "folders:delete")
    force = req.arg("forceDeleteRules").lower() == "true"
    with req.store.lock:
        org = req.store.org(caller.org_id)
        if req.params["uid"] in org.folders:
            guardian.require_folder(req.store, org, caller, req.params["uid"], guardian.EDIT,
                                    "folders:delete")
        service.delete_folder(req.store, caller.org_id, req.params["uid"], force_delete_rules=force)
    return {"message": "Folder deleted"}


def counts(req: Request) -> dict[str, int]:
    caller = req.caller
    require(caller, "folders:read")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        service.get_folder(org, req.params["uid"])
        guardian.require_folder(req.store, org, caller, req.params["uid"], guardian.VIEW,
                                "folders:read")
        return service.descendant_counts(req.store, caller.org_id, req.params["uid"])


def move(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "folders:write")
    body = req.json_object()
    with req.store.lock:
        org = req.store.org(caller.org_id)
        for uid in (req.params["uid"], _optional_str(body, "parentUid") or ""):
            if uid in org.folders or not uid:
                guardian.require_folder(req.store, org, caller, uid, guardian.EDIT,
                                        "folders:write")
        folder = service.move_folder(
            req.store,
            caller.org_id,
            caller.user,
            req.params["uid"],
            _optional_str(body, "parentUid") or "",
        )
        return folder_dto(req.store, req.store.org(caller.org_id), folder, caller)


def register(router: Router) -> None:
    router.add("GET", "/api/folders", "folders.list", list_children)
    router.add("POST", "/api/folders", "folders.create", create)
    router.add("GET", "/api/folders/:uid", "folders.get", get)
    router.add("PUT", "/api/folders/:uid", "folders.update", update)
    router.add("DELETE", "/api/folders/:uid", "folders.delete", delete)
    router.add("POST", "/api/folders/:uid/move", "folders.move", move)
    router.add("GET", "/api/folders/:uid/counts", "folders.counts", counts)
