"""Desired state + observed state -> the Plan: every folder, grant and dashboard action.

Pure: no I/O. ``push --dry-run`` prints a Plan; ``push`` applies exactly the Plan it printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from dashkit.folders import DERIVED_PREFIX, FolderTree
from dashkit.grafana.access import AccessInputs, GrantChange, creation_grants, grant_delta, lockouts
from dashkit.grafana.desired import Desired, DesiredDashboard, differs
from dashkit.grafana.live import (
    V2_SCHEMA,
    History,
    LiveGrant,
    Observed,
    is_ours,
)
from dashkit.model import FolderSpec, Resource
from dashkit.review.diff import DashboardChanges, diff_dashboards


class Action(StrEnum):
    """What a plan does to a folder, a set of grants or a dashboard."""

    CREATE = "create"
    UPDATE = "update"
    RENAME = "rename"
    MOVE = "move"
    UNCHANGED = "unchanged"
    REFUSED = "refused"
    PROVISIONED = "provisioned"
    IGNORED = "ignored"
    """Left alone, and not a reason to fail: a dashboard this tool cannot manage."""
    DELETE = "delete"


QUIET = frozenset({Action.UNCHANGED, Action.REFUSED, Action.PROVISIONED, Action.IGNORED})
"""Actions that write nothing."""


@dataclass(frozen=True)
class FolderAction:
    action: Action
    uid: str
    title: str
    parent: str
    path: str
    reason: str = ""


@dataclass(frozen=True)
class GrantAction:
    """The declared grants of one folder or dashboard against what it holds now (or what
    Grafana will give it on creation, ``on_creation``)."""

    action: Action
    resource: Resource
    uid: str
    title: str
    grants: tuple[LiveGrant, ...]
    add: tuple[LiveGrant, ...] = ()
    remove: tuple[LiveGrant, ...] = ()
    change: tuple[GrantChange, ...] = ()
    on_creation: tuple[LiveGrant, ...] = ()


@dataclass(frozen=True)
class DashboardAction:
    action: Action
    uid: str
    title: str
    folder_uid: str = ""
    source: str = ""
    reason: str = ""
    version: int | None = None
    changes: DashboardChanges | None = None
    drift: DashboardChanges | None = None
    payload: dict[str, Any] | None = field(default=None, repr=False)
    checksum: str = ""


@dataclass(frozen=True)
class Plan:
    target: str
    folders: tuple[FolderAction, ...] = ()
    grants: tuple[GrantAction, ...] = ()
    dashboards: tuple[DashboardAction, ...] = ()
    lockouts: tuple[str, ...] = ()
    """Access the push token would take from itself; push refuses them without --force."""
    caller: str = ""

    def actions(self) -> list[Action]:
        return ([a.action for a in self.folders] + [a.action for a in self.grants]
                + [a.action for a in self.dashboards])

    def count(self, action: Action) -> int:
        return self.actions().count(action)

    @property
    def writes(self) -> int:
        return sum(1 for action in self.actions() if action not in QUIET)

    @property
    def refused(self) -> list[DashboardAction]:
        return [a for a in self.dashboards if a.action is Action.REFUSED]


def plan_push(target: str, desired: Desired, observed: Observed, *, force: bool = False,
              prune: bool = False) -> Plan:
    folders = _plan_folders(desired.tree, observed)
    dashboards = [_plan_dashboard(d, observed, desired.owner_tag, force)
                  for d in sorted(desired.dashboards, key=lambda d: (d.folder_uid, d.uid))]
    caller = observed.caller
    new_folders = frozenset(a.uid for a in folders if a.action is Action.CREATE)
    new_dashboards = frozenset(a.uid for a in dashboards if a.action is Action.CREATE)
    parents = {f.uid: f.parent for f in desired.tree.folders.values()}
    homes = {d.uid: d.folder_uid for d in desired.dashboards}
    titles = {Resource.FOLDER: {f.uid: f.title for f in desired.tree.folders.values()},
              Resource.DASHBOARD: {d.uid: d.title for d in desired.dashboards}}
    grants = [
        *_plan_grants(Resource.FOLDER, desired.folder_grants, observed.folder_grants,
                      titles[Resource.FOLDER],
                      {uid: creation_grants(caller, Resource.FOLDER, not parents.get(uid))
                       for uid in new_folders}),
        *_plan_grants(Resource.DASHBOARD, desired.dashboard_grants, observed.dashboard_grants,
                      titles[Resource.DASHBOARD],
                      {uid: creation_grants(caller, Resource.DASHBOARD, not homes.get(uid))
                       for uid in new_dashboards})]
    written = {a.uid: a.folder_uid for a in dashboards
               if a.action in (Action.CREATE, Action.UPDATE)}
    found = lockouts(caller, AccessInputs(
        parents, new_folders, desired.folder_grants,
        {**written, **{uid: homes[uid] for uid in desired.dashboard_grants if uid in homes}},
        new_dashboards, desired.dashboard_grants),
        lambda resource, uid: titles[resource].get(uid, uid))
    if prune:
        wanted = {d.uid for d in desired.dashboards}
        doomed = sorted(uid for uid in observed.owned if uid not in wanted)
        for uid in doomed:
            live = observed.owned[uid]
            if live.saved_as_v2:
                dashboards.append(DashboardAction(Action.IGNORED, uid, live.title,
                                                  live.folder_uid,
                                                  reason=f"{V2_SCHEMA}; not deleted"))
                continue
            dashboards.append(DashboardAction(
                Action.DELETE, uid, live.title, live.folder_uid,
                reason=f"tagged {desired.owner_tag!r} and no longer in code"))
        folders.extend(_plan_folder_prune(desired.tree, observed, set(doomed)))
    return Plan(target, tuple(folders), tuple(grants), tuple(dashboards), found,
                str(caller) if caller else "")


def _plan_folders(tree: FolderTree, observed: Observed) -> list[FolderAction]:
    actions = []
    for folder in tree.ordered():
        path = tree.path_of(folder.uid)
        live = observed.folders.get(folder.uid)
        if live is None:
            actions.append(_folder(Action.CREATE, folder, path))
            continue
        if live.parent != folder.parent:
            actions.append(_folder(Action.MOVE, folder, path,
                                   f"parent {live.parent or '(top level)'} -> "
                                   f"{folder.parent or '(top level)'}"))
        if live.title != folder.title:
            actions.append(_folder(Action.RENAME, folder, path,
                                   f"title {live.title!r} -> {folder.title!r}"))
        if live.parent == folder.parent and live.title == folder.title:
            actions.append(_folder(Action.UNCHANGED, folder, path))
    return actions


def _folder(action: Action, folder: FolderSpec, path: str, reason: str = "") -> FolderAction:
    return FolderAction(action, folder.uid, folder.title, folder.parent, path, reason)


def _plan_folder_prune(tree: FolderTree, observed: Observed,
                       deleted: set[str]) -> list[FolderAction]:
    """Folders this project made (derived uids), no longer wanted and left empty."""
    candidates = {uid for uid in observed.folders
                  if uid.startswith(DERIVED_PREFIX) and uid not in tree.folders}
    children: dict[str, set[str]] = {}
    for folder in observed.folders.values():
        children.setdefault(folder.parent, set()).add(folder.uid)
    removable: set[str] = set()

    def empty(uid: str) -> bool:
        if uid not in candidates:
            return False
        if observed.folder_contents.get(uid, set()) - deleted:
            return False
        return all(empty(child) for child in children.get(uid, set()))

    removable = {uid for uid in candidates if empty(uid)}

    def depth(uid: str) -> int:
        parent = observed.folders[uid].parent
        return 1 + depth(parent) if parent in observed.folders else 1

    reason = "empty, made by this project, no longer declared"
    return [FolderAction(Action.DELETE, uid, live.title, live.parent, live.title, reason)
            for uid in sorted(removable, key=lambda u: (-depth(u), u))
            for live in (observed.folders[uid],)]


def _plan_dashboard(want: DesiredDashboard, observed: Observed, owner_tag: str,
                    force: bool) -> DashboardAction:
    def make(action: Action, reason: str = "", version: int | None = None,
             changes: DashboardChanges | None = None, drift: DashboardChanges | None = None,
             payload: dict[str, Any] | None = None) -> DashboardAction:
        return DashboardAction(action, want.uid, want.title, want.folder_uid, want.source,
                               reason, version, changes, drift, payload, want.checksum)

    live = observed.dashboards.get(want.uid)
    if live is None:
        return make(Action.CREATE, "new", payload=want.data)
    if live.saved_as_v2:
        return make(Action.REFUSED, V2_SCHEMA)
    if live.provisioned:
        return make(Action.PROVISIONED, "provisioned from files by Grafana; never written by push",
                    live.version)
    if not differs(want, live):
        return make(Action.UNCHANGED, version=live.version)
    changes = diff_dashboards(live.data, want.data)
    if owner_tag not in live.tags and not force:
        if not differs(replace(want, data=_without_tag(want.data, owner_tag)), live):
            # Imported from this Grafana as it is (dashboards import --target): taking it over
            # adds the tag and changes nothing else.
            return make(Action.UPDATE, f"identical to what Grafana holds; push takes it over "
                        f"(adds the tag {owner_tag!r}), nothing else changes", live.version,
                        changes, payload=want.data)
        return make(Action.REFUSED, f"exists in Grafana but is not managed by this project (no tag "
                               f"{owner_tag!r}); --force takes it over", live.version, changes)
    history = observed.history.get(want.uid, History(None))
    if not is_ours(history.latest) and not force:
        latest = history.latest
        who = f"{latest.created_by or 'someone'} at {latest.created}" if latest else "someone"
        drift = (diff_dashboards(history.last_pushed, live.data)
                 if history.last_pushed is not None else None)
        return make(Action.REFUSED, f"changed in Grafana by {who} since this project last pushed "
                               f"it (version {live.version}); --force overwrites",
                    live.version, changes, drift)
    return make(Action.UPDATE, _summary(changes, live.folder_uid, want.folder_uid), live.version,
                changes, payload=want.data)


def _without_tag(data: dict[str, Any], tag: str) -> dict[str, Any]:
    return {**data, "tags": [t for t in data.get("tags") or [] if t != tag]}


def _summary(changes: DashboardChanges, old_folder: str, new_folder: str) -> str:
    parts = []
    if old_folder != new_folder:
        parts.append(f"moved from folder {old_folder or '(top level)'} to "
                     f"{new_folder or '(top level)'}")
    kinds: dict[str, int] = {}
    for panel in changes.panels:
        kinds[panel.kind] = kinds.get(panel.kind, 0) + 1
    parts.extend(f"{n} panel{'s' if n > 1 else ''} {kind}" for kind, n in sorted(kinds.items()))
    parts.extend(f"{f.field} changed" for f in changes.fields)
    if changes.variables:
        parts.append(f"variables changed: {', '.join(v.field for v in changes.variables)}")
    if changes.links:
        parts.append("links changed")
    return "; ".join(parts) or "changed"


def _plan_grants(resource: Resource, desired: dict[str, tuple[LiveGrant, ...]],
                 live: dict[str, tuple[LiveGrant, ...]], titles: dict[str, str],
                 created: dict[str, tuple[LiveGrant, ...]]) -> list[GrantAction]:
    """Declared grants against what each resource holds now, or (``created``) what Grafana
    gives it when this push creates it."""
    actions = []
    for uid, grants in sorted(desired.items()):
        current = created[uid] if uid in created else live.get(uid, ())
        add, change, remove = grant_delta(current, grants)
        action = Action.UPDATE if add or change or remove else Action.UNCHANGED
        actions.append(GrantAction(action, resource, uid, titles.get(uid, uid),
                                   tuple(sorted(grants)), add, remove, change,
                                   created.get(uid, ())))
    return actions
