"""Nested folders: create / update / move / recursive delete with Grafana's errors (contract §7)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ApiError, errutil_error, folder_not_found, message_error, status_error
from ..models import Folder, Org, User
from ..naming import uid_problem
from ..state import Store
from . import permissions
from .dashboards import remove_dashboard

RESERVED_UIDS = ("general", "sharedwithme")


@dataclass
class CreateFolder:
    title: str
    uid: str = ""
    description: str = ""
    parent_uid: str = ""


def depth_reached() -> ApiError:
    """11.x body of ``folder.maximum-depth-reached`` (errutil shape, no ``extra``)."""
    return errutil_error(
        400, "folder.maximum-depth-reached", "Maximum nested folder depth reached", with_extra=False
    )


def circular_reference() -> ApiError:
    return errutil_error(
        400, "folder.circular-reference", "Circular reference detected", with_extra=False
    )


def version_mismatch() -> ApiError:
    return status_error(412, "the folder has been changed by someone else", "version-mismatch")


def get_folder(org: Org, uid: str) -> Folder:
    folder = org.folders.get(uid)
    if folder is None:
        raise folder_not_found()
    return folder


def _validate_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise message_error(400, "folder title cannot be empty")
    if title.lower() == "general":
        raise message_error(400, "A folder with that name already exists")
    return title


def create_folder(store: Store, org_id: int, actor: User | None, cmd: CreateFolder) -> Folder:
    org = store.org(org_id)
    uid = cmd.uid.strip()
    if uid in RESERVED_UIDS:
        raise message_error(400, "invalid uid for folder provided")
    title = _validate_title(cmd.title)
    problem = uid_problem(uid)
    if problem:
        raise message_error(400, problem)
    parent_uid = cmd.parent_uid.strip()
    if parent_uid:
        get_folder(org, parent_uid)
        if len(store.ancestors(org_id, parent_uid)) >= store.settings.max_folder_depth:
            raise depth_reached()
        if parent_uid == uid:
            raise circular_reference()
    if uid in org.folders:
        raise version_mismatch()
    if uid in org.dashboards:
        raise message_error(409, "a folder/dashboard with the same uid already exists")
    now = store.now()
    name = actor.display if actor else "Anonymous"
    folder = Folder(
        id=store.next_object_id(),
        uid=uid or store.fresh_uid(org_id),
        org_id=org_id,
        title=title,
        description=cmd.description,
        parent_uid=parent_uid,
        version=1,
        created=now,
        updated=now,
        created_by=name,
        updated_by=name,
    )
    org.folders[folder.uid] = folder
    permissions.set_defaults(store, org, "folder", folder.uid, actor, at_root=not parent_uid)
    return folder


def update_folder(
    store: Store,
    org_id: int,
    actor: User,
    uid: str,
    *,
    title: str | None,
    description: str | None,
    version: int,
    overwrite: bool,
) -> Folder:
    org = store.org(org_id)
    folder = get_folder(org, uid)
    if version != folder.version and not overwrite:
        raise version_mismatch()
    if title is not None and title.strip():
        folder.title = _validate_title(title)
    if description is not None:
        folder.description = description
    folder.version += 1
    folder.updated, folder.updated_by = store.now(), actor.display
    return folder


def move_folder(store: Store, org_id: int, actor: User, uid: str, new_parent: str) -> Folder:
    org = store.org(org_id)
    folder = get_folder(org, uid)
    new_parent = new_parent.strip()
    if new_parent:
        get_folder(org, new_parent)
        if new_parent == uid or any(d.uid == new_parent for d in store.descendants(org_id, uid)):
            raise circular_reference()
        parent_levels = len(store.ancestors(org_id, new_parent)) + 1
        if parent_levels + store.subtree_height(org_id, uid) > store.settings.max_folder_depth + 1:
            raise depth_reached()
    folder.parent_uid = new_parent
    folder.updated, folder.updated_by = store.now(), actor.display
    return folder


def descendant_counts(store: Store, org_id: int, uid: str) -> dict[str, int]:
    """pkg/api/folder.go GetFolderDescendantCounts: everything below the folder, whoever may
    see it (pkg/services/folder/folderimpl GetDescendantCounts asks each registered service)."""
    org = store.org(org_id)
    get_folder(org, uid)
    below = list(store.descendants(org_id, uid))
    uids = {uid} | {f.uid for f in below}
    return {
        "folder": len(below),
        "dashboard": sum(1 for d in org.dashboards.values() if d.folder_uid in uids),
        "librarypanel": 0,
        "alertrule": sum(org.alert_rules.get(u, 0) for u in uids),
    }


def delete_folder(store: Store, org_id: int, uid: str, *, force_delete_rules: bool) -> list[str]:
    """Delete the folder, its subfolders and every dashboard inside; returns removed folder uids.

    With ``refuse_non_empty_delete`` it answers as the Kubernetes folder storage does
    (pkg/registry/apis/folders/validate.go validateOnDelete): a folder that holds anything is
    not deleted."""
    org = store.org(org_id)
    folder = get_folder(org, uid)
    tree = [folder, *store.descendants(org_id, uid)]
    uids = {f.uid for f in tree}
    if store.settings.refuse_non_empty_delete:
        counts = descendant_counts(store, org_id, uid)
        held = ", ".join(f"{n} {kind}s" for kind, n in counts.items() if n)
        if held:
            raise errutil_error(400, "folder.not-empty",
                                f"folder is not empty, contains {held}", with_extra=False)
    if not force_delete_rules and any(org.alert_rules.get(u) for u in uids):
        raise errutil_error(
            400,
            "folder.not-empty",
            "Folder cannot be deleted: folder is not empty",
            with_extra=False,
        )
    for dash in [d for d in org.dashboards.values() if d.folder_uid in uids]:
        remove_dashboard(org, dash)
    for f in tree:
        org.folders.pop(f.uid, None)
        org.acl.pop(("folder", f.uid), None)
        org.alert_rules.pop(f.uid, None)
    return [f.uid for f in tree]
