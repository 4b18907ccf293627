"""Dashboard save / delete / restore with Grafana's validation order (contract §3, §5, §6)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import ApiError, bad_request_data, message_error, status_error
from ..models import Dashboard, DashboardVersion, Org, User
from ..naming import dashboard_url, duration_seconds, slugify, uid_problem
from ..state import Store, version_tuple
from . import permissions


@dataclass
class SaveCommand:
    dashboard: dict[str, Any]
    folder_uid: str | None = None  # None: absent from the request
    folder_id: int | None = None
    overwrite: bool = False
    message: str = ""
    restored_from: int = 0
    validate_provisioned: bool = True


def _number(value: Any) -> int:
    """simplejson ``Int64()``: numbers only, anything else reads as 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    return int(value)


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def command_from_body(body: Any) -> SaveCommand:
    if not isinstance(body, dict) or not isinstance(body.get("dashboard"), dict):
        raise bad_request_data()
    if body.get("isFolder"):
        raise message_error(400, "Use folders endpoint for saving folders.")
    folder_uid = body.get("folderUid")
    if folder_uid is not None and not isinstance(folder_uid, str):
        raise bad_request_data()
    folder_id = body.get("folderId")
    return SaveCommand(
        dashboard=body["dashboard"],
        folder_uid=folder_uid,
        folder_id=_number(folder_id) if folder_id is not None else None,
        overwrite=bool(body.get("overwrite")),
        message=_string(body.get("message")),
    )


def _resolve_folder(store: Store, org: Org, cmd: SaveCommand) -> str:
    if cmd.folder_uid:
        if cmd.folder_uid not in org.folders:
            raise message_error(400, "folder not found")
        return cmd.folder_uid
    if cmd.folder_uid is None and cmd.folder_id:
        folder = store.folder_by_id(org.id, cmd.folder_id)
        if folder is None:
            raise message_error(400, "folder not found")
        return folder.uid
    return ""


def _type_mismatch() -> ApiError:
    return message_error(400, "Dashboard cannot be changed to a folder")


def _find_existing(store: Store, org: Org, dash_id: int, uid: str) -> tuple[Dashboard | None, str]:
    by_id: Dashboard | None = None
    if dash_id > 0:
        if store.folder_by_id(org.id, dash_id) is not None:
            raise _type_mismatch()
        by_id = store.dashboard_by_id(org.id, dash_id)
        if by_id is None:
            raise status_error(404, "Dashboard not found", "not-found")
        uid = uid or by_id.uid
    by_uid: Dashboard | None = None
    if uid:
        if uid in org.folders:
            raise _type_mismatch()
        by_uid = org.dashboards.get(uid)
    if by_id is not None and by_uid is not None and by_id is not by_uid:
        raise message_error(400, "A dashboard with the same uid already exists")
    return by_id or by_uid, uid


SaveCheck = Callable[[Org, "Dashboard | None", str], None]
"""Raises when the caller may not save (the existing dashboard or None, the target folder)."""


def save_dashboard(store: Store, org_id: int, actor: User | None, cmd: SaveCommand,
                   check: SaveCheck | None = None) -> Dashboard:
    """Create or update; raises ApiError with Grafana's statuses/bodies. Caller holds the lock.

    ``check`` runs where Grafana asks the guardian (BuildSaveDashboardCommand in
    pkg/services/dashboards/service/dashboard_service.go): after the title, uid and folder
    are validated, before the version is compared."""
    org = store.org(org_id)
    raw = cmd.dashboard
    dash_id = _number(raw.get("id"))
    uid = _string(raw.get("uid")).strip()
    version = _number(raw.get("version")) if (dash_id or uid) else 0
    title = _string(raw.get("title")).strip()
    if not title:
        raise status_error(400, "Dashboard title cannot be empty", "empty-name")
    problem = uid_problem(uid)
    if problem:
        raise message_error(400, problem)
    folder_uid = _resolve_folder(store, org, cmd)
    existing, uid = _find_existing(store, org, dash_id, uid)
    if check is not None:
        check(org, existing, folder_uid)
    if existing is not None:
        if version != existing.version:
            if not cmd.overwrite:
                if store.settings.main_mode:
                    raise message_error(
                        409, "Dashboard already exists. Use overwrite flag to update."
                    )
                raise status_error(
                    412, "The dashboard has been changed by someone else", "version-mismatch"
                )
            version = existing.version
        if existing.plugin_id and not cmd.overwrite:
            # pkg/services/dashboards/database ValidateDashboardBeforeSave raises
            # UpdatePluginDashboardError; pkg/api/apierrors/dashboard.go answers it with 412.
            plugin = existing.plugin_name or existing.plugin_id
            raise status_error(412, f"The dashboard belongs to plugin {plugin}.",
                               "plugin-dashboard")
        prov = existing.provisioning
        if cmd.validate_provisioned and prov is not None and not prov.allow_ui_updates:
            raise message_error(400, "Cannot save provisioned dashboard")
    if version_tuple(store.settings.grafana_version) < (11, 3) and not cmd.overwrite:
        # Up to 11.2, ValidateDashboardBeforeSave refuses a second dashboard with the same title
        # in a folder (ErrDashboardWithSameNameInFolderExists, pkg/services/dashboards/errors.go).
        clash = next((d for d in org.dashboards.values() if d.title == title
                      and d.folder_uid == folder_uid and (existing is None or d is not existing)),
                     None)
        if clash is not None:
            raise status_error(412, "A dashboard with the same name in the folder already exists",
                               "name-exists")
    return _store(store, org, actor, cmd, existing, uid, title, folder_uid, version)


def _name(actor: User | None) -> str:
    """createdBy/updatedBy: provisioning saves as nobody (SaveProvisionedDashboard)."""
    return actor.display if actor is not None else "Anonymous"


def _clamp_refresh(store: Store, data: dict[str, Any]) -> None:
    """A ``refresh`` shorter than ``min_refresh_interval`` is silently raised to it (§3.4)."""
    minimum = store.settings.min_refresh_interval
    refresh = data.get("refresh")
    if not minimum or not isinstance(refresh, str) or not refresh:
        return
    seconds, floor = duration_seconds(refresh), duration_seconds(minimum)
    if seconds is not None and floor is not None and seconds < floor:
        data["refresh"] = minimum


def _store(
    store: Store,
    org: Org,
    actor: User | None,
    cmd: SaveCommand,
    existing: Dashboard | None,
    uid: str,
    title: str,
    folder_uid: str,
    carried_version: int,
) -> Dashboard:
    now = store.now()
    data = copy.deepcopy(cmd.dashboard)
    data["title"] = title
    _clamp_refresh(store, data)
    if existing is None:
        dash = Dashboard(
            id=store.next_object_id(),
            uid=uid or store.fresh_uid(org.id),
            org_id=org.id,
            title=title,
            data=data,
            folder_uid=folder_uid,
            version=1,
            created=now,
            updated=now,
            created_by=_name(actor),
            updated_by=_name(actor),
        )
        org.dashboards[dash.uid] = dash
        permissions.set_defaults(store, org, "dashboard", dash.uid, actor, at_root=not folder_uid)
    else:
        dash = existing
        if uid and uid != dash.uid:  # matched by id with a new free uid: the uid changes
            del org.dashboards[dash.uid]
            org.acl[("dashboard", uid)] = org.acl.pop(("dashboard", dash.uid), [])
            dash.uid = uid
            org.dashboards[uid] = dash
        dash.title, dash.data, dash.folder_uid = title, data, folder_uid
        dash.version = carried_version + 1
        dash.updated, dash.updated_by = now, _name(actor)
    dash.data = dash.snapshot()
    dash.versions.append(
        DashboardVersion(
            id=store.next_version_id(),
            version=dash.version,
            parent_version=carried_version,
            restored_from=cmd.restored_from,
            message=cmd.message,
            data=copy.deepcopy(dash.data),
            created=now,
            created_by=_name(actor),
        )
    )
    return dash


def delete_dashboard(store: Store, org_id: int, uid: str) -> Dashboard:
    org = store.org(org_id)
    if uid in org.folders:
        raise message_error(400, "Use folders endpoint for deleting folders.")
    dash = org.dashboards.get(uid)
    if dash is None:
        raise message_error(404, "Dashboard not found", trace=True)
    if dash.provisioning is not None:
        raise message_error(400, "provisioned dashboard cannot be deleted", trace=True)
    remove_dashboard(org, dash)
    return dash


def remove_dashboard(org: Org, dash: Dashboard) -> None:
    org.dashboards.pop(dash.uid, None)
    org.acl.pop(("dashboard", dash.uid), None)


def restore_version(store: Store, org_id: int, actor: User, uid: str, version: int) -> Dashboard:
    org = store.org(org_id)
    dash = org.dashboards.get(uid)
    if dash is None:
        raise message_error(404, "Dashboard not found", trace=True)
    row = next((v for v in dash.versions if v.version == version), None)
    if row is None:
        raise message_error(404, "Dashboard version not found")
    data = copy.deepcopy(row.data)
    data.update({"id": dash.id, "uid": dash.uid, "version": dash.version})
    cmd = SaveCommand(
        dashboard=data,
        folder_uid=dash.folder_uid,
        message=f"Restored from version {version}",
        restored_from=version,
    )
    return save_dashboard(store, org_id, actor, cmd)


def save_response(dash: Dashboard) -> dict[str, Any]:
    return {
        "id": dash.id,
        "uid": dash.uid,
        "url": dashboard_url(dash.uid, dash.title),
        "status": "success",
        "version": dash.version,
        "slug": slugify(dash.title),
        "folderUid": dash.folder_uid,
    }
