"""GET /api/search: filters, paging and Grafana's folders-first ordering (§2)."""

from __future__ import annotations

from typing import Any

from .. import guardian
from ..errors import message_error
from ..models import Dashboard, Folder, Org
from ..routing import Request, Router
from ..views import dashboard_hit, folder_hit

MAX_LIMIT = 5000
ROOT_ALIASES = ("", "general")


def _ints(values: list[str]) -> set[int]:
    result = set()
    for value in values:
        try:
            result.add(int(value))
        except ValueError:
            continue
    return result


class _Filter:
    def __init__(self, req: Request, org: Org) -> None:
        self.query = req.arg("query").lower()
        self.tags = set(req.args("tag"))
        self.kind = req.arg("type")
        self.dash_uids = set(req.args("dashboardUIDs") + req.args("dashboardUID"))
        self.dash_ids = _ints(req.args("dashboardIds"))
        folder_uids = req.args("folderUIDs")
        self.folder_filter = bool(folder_uids) or bool(req.args("folderIds"))
        self.folder_uids = {"" if u in ROOT_ALIASES else u for u in folder_uids}
        for folder_id in _ints(req.args("folderIds")):
            match = next((f.uid for f in org.folders.values() if f.id == folder_id), None)
            if folder_id == 0:
                self.folder_uids.add("")
            elif match is not None:
                self.folder_uids.add(match)
        self.starred = req.arg("starred").lower() == "true"

    def _common(self, title: str, uid: str, obj_id: int, parent: str) -> bool:
        if self.starred:  # stars are not modelled: nothing is starred
            return False
        if self.query and self.query not in title.lower():
            return False
        if self.dash_uids and uid not in self.dash_uids:
            return False
        if self.dash_ids and obj_id not in self.dash_ids:
            return False
        return not (self.folder_filter and parent not in self.folder_uids)

    def dashboard(self, dash: Dashboard) -> bool:
        if self.kind == "dash-folder" or not self.tags.issubset(dash.tags):
            return False
        return self._common(dash.title, dash.uid, dash.id, dash.folder_uid)

    def folder(self, folder: Folder) -> bool:
        if self.kind == "dash-db" or self.tags:
            return False
        return self._common(folder.title, folder.uid, folder.id, folder.parent_uid)


def search(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    limit = req.int_arg("limit") or 1000
    if limit > MAX_LIMIT:
        raise message_error(
            422,
            "Limit is above maximum allowed (5000), use page parameter to access hits beyond limit",
        )
    if (req.args("dashboardIds") and (req.args("dashboardUIDs") or req.args("dashboardUID"))) or (
        req.args("folderIds") and req.args("folderUIDs")
    ):
        raise message_error(400, "search supports UIDs or IDs, not both")
    page = max(req.int_arg("page") or 1, 1)
    sort = req.arg("sort")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        flt = _Filter(req, org)
        store = req.store
        hits = [folder_hit(org, f) for f in org.folders.values() if flt.folder(f)
                and guardian.folder_level(store, org, caller, f.uid) >= guardian.VIEW]
        hits += [dashboard_hit(org, d) for d in org.dashboards.values() if flt.dashboard(d)
                 and guardian.dashboard_level(store, org, caller, d) >= guardian.VIEW]
    hits.sort(key=lambda h: (h["title"].lower(), h["id"]), reverse=sort == "alpha-desc")
    hits = hits[(page - 1) * limit : page * limit]
    if not sort:  # sortedHits: folders first, then dashboards, each by title
        hits.sort(key=lambda h: (h["type"] != "dash-folder", h["title"].lower()))
    return hits


def register(router: Router) -> None:
    router.add("GET", "/api/search", "search", search)
