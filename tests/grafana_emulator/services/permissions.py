"""Managed permission rows: defaults, replace-all updates, legacy ACL DTOs.

Contract §3.7, §7.3, §8, §9.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from ..clock import rfc3339
from ..errors import bad_request_data, message_error
from ..models import AclEntry, Dashboard, Folder, Org, User
from ..naming import avatar_url, dashboard_url, folder_url, slugify
from ..state import Store

ResourceKind = Literal["dashboard", "folder"]
BUILTIN_ROLES = ("Viewer", "Editor", "Admin")


@dataclass(frozen=True)
class PermissionItem:
    user_id: int
    team_id: int
    role: str | None
    permission: int


def _entry(subject: str, subject_id: int, role: str, permission: int, now: datetime) -> AclEntry:
    return AclEntry(subject, subject_id, role, permission, now, now)


def set_defaults(
    store: Store, org: Org, kind: ResourceKind, uid: str, creator: User | None, *, at_root: bool
) -> None:
    """Dashboards: creator (user or service account) Admin; folders: creator Admin only for users.

    Root-level resources additionally get builtin ``Editor -> Edit`` and ``Viewer -> View``.
    """
    now = store.now()
    rows: list[AclEntry] = []
    if creator is not None and (kind == "dashboard" or not creator.is_service_account):
        rows.append(_entry("user", creator.id, "", 4, now))
    if at_root:
        rows.append(_entry("role", 0, "Editor", 2, now))
        rows.append(_entry("role", 0, "Viewer", 1, now))
    org.acl[(kind, uid)] = rows


def _as_int(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad_request_data()
    return int(value)


def parse_items(body: Any) -> list[PermissionItem]:
    """Bind and validate the ``{"items": [...]}`` body (messages swapped exactly as in Grafana)."""
    if not isinstance(body, dict):
        raise bad_request_data()
    raw_items = body.get("items") or []
    if not isinstance(raw_items, list):
        raise bad_request_data()
    items: list[PermissionItem] = []
    for raw in raw_items:
        if not isinstance(raw, dict):
            raise bad_request_data()
        role = raw.get("role")
        if role is not None and not isinstance(role, str):
            raise bad_request_data()
        items.append(
            PermissionItem(
                _as_int(raw.get("userId")),
                _as_int(raw.get("teamId")),
                role,
                _as_int(raw.get("permission")),
            )
        )
    for item in items:
        if item.user_id > 0 and item.team_id > 0:
            raise message_error(
                400, "team and user permissions cannot have an associated role", trace=True
            )
        if (item.user_id > 0 or item.team_id > 0) and item.role is not None:
            raise message_error(400, "permissions cannot have both a user and team", trace=True)
    return items


def replace(
    store: Store,
    org: Org,
    kind: ResourceKind,
    uid: str,
    items: list[PermissionItem],
    failure_message: str,
) -> None:
    """Full replace of the managed rows: unlisted old rows and levels outside 1/2/4 are removed."""
    failure = message_error(500, failure_message, trace=True)
    now = store.now()
    old = {row.key: row for row in org.acl.get((kind, uid), [])}
    new: dict[tuple[str, int, str], AclEntry] = {}
    for item in items:
        if item.user_id:
            user = store.users.get(item.user_id)
            if user is None or org.id not in user.orgs:
                raise failure
            key = ("user", item.user_id, "")
        elif item.team_id:
            if item.team_id not in org.teams:
                raise failure
            key = ("team", item.team_id, "")
        elif item.role is not None:
            if item.role not in BUILTIN_ROLES:
                raise failure
            key = ("role", 0, item.role)
        else:
            continue
        if item.permission not in (1, 2, 4):
            new.pop(key, None)
            continue
        previous = old.get(key)
        created = previous.created if previous else now
        new.pop(key, None)
        new[key] = AclEntry(key[0], key[1], key[2], item.permission, created, now)
    org.acl[(kind, uid)] = list(new.values())


def _subject_fields(store: Store, org: Org, row: AclEntry) -> dict[str, Any]:
    user = store.users.get(row.subject_id) if row.subject == "user" else None
    team = org.teams.get(row.subject_id) if row.subject == "team" else None
    fields: dict[str, Any] = {
        "userId": user.id if user else 0,
        "userUid": user.uid if user else "",
        "userLogin": user.login if user else "",
        "userEmail": user.email if user else "",
        "userAvatarUrl": avatar_url(user.email) if user else "",
        "teamId": team.id if team else 0,
        "teamUid": team.uid if team else "",
        "teamEmail": team.email if team else "",
        "teamAvatarUrl": avatar_url(team.email or team.name) if team else "",
        "team": team.name if team else "",
    }
    if row.subject == "role":
        fields["role"] = row.role
    return fields


def _rows(
    store: Store, org: Org, kind: ResourceKind, uid: str, head: dict[str, Any], tail: dict[str, Any]
) -> list[dict[str, Any]]:
    result = []
    for row in org.acl.get((kind, uid), []):
        item = dict(head)
        item["created"] = rfc3339(row.created)
        item["updated"] = rfc3339(row.updated)
        item.update(_subject_fields(store, org, row))
        item["permission"] = row.permission
        item["permissionName"] = row.permission_name
        item.update(tail)
        result.append(item)
    return result


def folder_rows(store: Store, org: Org, folder: Folder) -> list[dict[str, Any]]:
    head: dict[str, Any] = {"folderId": folder.id}
    if folder.parent_uid:
        head["folderUid"] = folder.parent_uid
    tail = {
        "uid": folder.uid,
        "title": folder.title,
        "slug": "",
        "isFolder": True,
        "url": folder_url(folder.uid, folder.title),
        "inherited": False,
    }
    return _rows(store, org, "folder", folder.uid, head, tail)


def dashboard_rows(store: Store, org: Org, dash: Dashboard) -> list[dict[str, Any]]:
    head: dict[str, Any] = {"dashboardId": dash.id}
    folder = org.folders.get(dash.folder_uid) if dash.folder_uid else None
    if folder is not None:
        head["folderId"] = folder.id
        head["folderUid"] = folder.uid
    tail = {
        "uid": dash.uid,
        "title": dash.title,
        "slug": slugify(dash.title),
        "isFolder": False,
        "url": dashboard_url(dash.uid, dash.title),
        "inherited": False,
    }
    return _rows(store, org, "dashboard", dash.uid, head, tail)
