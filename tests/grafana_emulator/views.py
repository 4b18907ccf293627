"""JSON shapes (DTOs) the HTTP handlers return; pure functions of the stored records."""

from __future__ import annotations

from typing import Any

from .auth import Identity
from .clock import rfc3339
from .models import Dashboard, DashboardVersion, Folder, Org, Team, User
from .naming import avatar_url, dashboard_url, folder_url, slugify
from .state import Store

ZERO_TIME = "0001-01-01T00:00:00Z"


def _can(identity: Identity | None, action: str) -> bool:
    return identity is None or identity.can(action)


def folder_dto(
    store: Store, org: Org, folder: Folder, identity: Identity | None, *, with_parents: bool = True
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": folder.id,
        "uid": folder.uid,
        "orgId": org.id,
        "title": folder.title,
        "url": folder_url(folder.uid, folder.title),
        "hasAcl": False,
        "canSave": _can(identity, "folders:write"),
        "canEdit": _can(identity, "folders:write"),
        "canAdmin": _can(identity, "folders.permissions:write"),
        "canDelete": _can(identity, "folders:delete"),
        "createdBy": folder.created_by,
        "created": rfc3339(folder.created),
        "updatedBy": folder.updated_by,
        "updated": rfc3339(folder.updated),
        "version": folder.version,
    }
    if folder.parent_uid:
        body["parentUid"] = folder.parent_uid
    if with_parents:
        parents = [
            folder_dto(store, org, p, identity, with_parents=False)
            for p in store.ancestors(org.id, folder.uid)
        ]
        if parents:
            body["parents"] = parents
    return body


def folder_search_hit(folder: Folder) -> dict[str, Any]:
    hit: dict[str, Any] = {"id": folder.id, "uid": folder.uid, "title": folder.title}
    if folder.parent_uid:
        hit["parentUid"] = folder.parent_uid
    return hit


def _folder_fields(org: Org, folder_uid: str) -> dict[str, Any]:
    folder = org.folders.get(folder_uid) if folder_uid else None
    if folder is None:
        return {}
    return {
        "folderId": folder.id,
        "folderUid": folder.uid,
        "folderTitle": folder.title,
        "folderUrl": folder_url(folder.uid, folder.title),
    }


def dashboard_hit(org: Org, dash: Dashboard) -> dict[str, Any]:
    hit: dict[str, Any] = {
        "id": dash.id,
        "uid": dash.uid,
        "orgId": org.id,
        "title": dash.title,
        "uri": f"db/{slugify(dash.title)}",
        "url": dashboard_url(dash.uid, dash.title),
        "slug": "",
        "type": "dash-db",
        "tags": dash.tags,
        "isStarred": False,
    }
    hit.update(_folder_fields(org, dash.folder_uid))
    hit.update({"sortMeta": 0, "isDeleted": False})
    return hit


def folder_hit(org: Org, folder: Folder) -> dict[str, Any]:
    hit: dict[str, Any] = {
        "id": folder.id,
        "uid": folder.uid,
        "orgId": org.id,
        "title": folder.title,
        "uri": f"db/{slugify(folder.title)}",
        "url": folder_url(folder.uid, folder.title),
        "slug": "",
        "type": "dash-folder",
        "tags": [],
        "isStarred": False,
    }
    hit.update(_folder_fields(org, folder.parent_uid))
    hit.update({"sortMeta": 0, "isDeleted": False})
    return hit


def dashboard_meta(org: Org, dash: Dashboard, identity: Identity | None) -> dict[str, Any]:
    folder = org.folders.get(dash.folder_uid) if dash.folder_uid else None
    prov = dash.provisioning
    annotations = {
        "canAdd": _can(identity, "annotations:create"),
        "canEdit": _can(identity, "annotations:write"),
        "canDelete": _can(identity, "annotations:delete"),
    }
    return {
        "type": "db",
        "canSave": _can(identity, "dashboards:write"),
        "canEdit": _can(identity, "dashboards:write"),
        "canAdmin": _can(identity, "dashboards.permissions:write"),
        "canStar": identity is not None and not identity.is_service_account,
        "canDelete": _can(identity, "dashboards:delete"),
        "slug": slugify(dash.title),
        "url": dashboard_url(dash.uid, dash.title),
        "expires": ZERO_TIME,
        "created": rfc3339(dash.created),
        "updated": rfc3339(dash.updated),
        "updatedBy": dash.updated_by,
        "createdBy": dash.created_by,
        "version": dash.version,
        "hasAcl": False,
        "isFolder": False,
        "folderId": folder.id if folder else 0,
        "folderUid": folder.uid if folder else "",
        "folderTitle": folder.title if folder else "General",
        "folderUrl": folder_url(folder.uid, folder.title) if folder else "",
        "provisioned": prov is not None and not prov.allow_ui_updates,
        "provisionedExternalId": prov.external_id if prov else "",
        "annotationsPermissions": {"dashboard": dict(annotations), "organization": annotations},
    }


def version_item(dash: Dashboard, row: DashboardVersion, *, listing: bool) -> dict[str, Any]:
    message = row.message
    if listing:  # GetDashboardVersions rewrites messages of restored and initial versions
        if row.restored_from > 0:
            message = f"Restored from version {row.restored_from}"
        if row.parent_version == 0:
            message = "Initial save"
    return {
        "id": row.id,
        "dashboardId": dash.id,
        "uid": dash.uid,
        "parentVersion": row.parent_version,
        "restoredFrom": row.restored_from,
        "version": row.version,
        "created": rfc3339(row.created),
        "message": message,
        "data": None if listing else row.data,
        "createdBy": row.created_by,
    }


def team_dto(team: Team) -> dict[str, Any]:
    return {
        "id": team.id,
        "uid": team.uid,
        "orgId": team.org_id,
        "name": team.name,
        "email": team.email,
        "externalUID": "",
        "isProvisioned": False,
        "avatarUrl": avatar_url(team.email or team.name),
        "memberCount": len(team.members),
        "permission": 0,
        "accessControl": None,
    }


def org_user_dto(user: User, org_id: int) -> dict[str, Any]:
    return {
        "orgId": org_id,
        "userId": user.id,
        "uid": user.uid,
        "email": user.email,
        "name": user.name,
        "avatarUrl": avatar_url(user.email),
        "login": user.login,
        "role": user.orgs.get(org_id, "Viewer"),
        "lastSeenAt": rfc3339(user.created),
        "lastSeenAtAge": "10 years",
        "accessControl": None,
        "authLabels": [],
        "isExternallySynced": False,
        "isDisabled": False,
    }


def user_lookup_dto(user: User) -> dict[str, Any]:
    return {
        "userId": user.id,
        "uid": user.uid,
        "login": user.login,
        "avatarUrl": avatar_url(user.email),
    }


def user_profile_dto(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "uid": user.uid,
        "email": user.email,
        "name": user.name,
        "login": user.login,
        "theme": "",
        "orgId": next(iter(user.orgs), 1),
        "isGrafanaAdmin": user.is_admin,
        "isDisabled": False,
        "isExternal": False,
        "isExternallySynced": False,
        "isGrafanaAdminExternallySynced": False,
        "authLabels": [],
        "updatedAt": rfc3339(user.created),
        "createdAt": rfc3339(user.created),
        "avatarUrl": avatar_url(user.email),
    }
