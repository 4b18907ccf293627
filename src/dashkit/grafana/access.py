"""Permissions in a plan: the grants to add, change and remove for each declared folder and
dashboard, what Grafana itself grants on creation, and whether the push token would lock
itself out.

Grafana's rules, from its source:
- A new top-level folder or dashboard gets ``role Editor: Edit`` and ``role Viewer: View``;
  a nested one inherits instead. The creator gets Admin on a new dashboard, user or service
  account, and on a new folder only when it is a user (pkg/api/folder.go
  setDefaultFolderPermissions; pkg/services/dashboards/service/dashboard_service.go
  SetDefaultPermissions).
- A row reaches the token if it names the token's user id, a team it belongs to, or exactly
  its basic role: a role row is not inherited upward (accesscontrol GetOrgRoles). A folder's
  rows also apply to its subfolders and the dashboards in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dashkit.grafana.live import GRAFANA_FOLDER_DEFAULTS, Caller, LiveGrant
from dashkit.model import GrantKind, Permission, Resource


@dataclass(frozen=True)
class GrantChange:
    """A grant whose level changes."""

    before: LiveGrant
    after: LiveGrant

    def __str__(self) -> str:
        return f"{self.after.kind} {self.after.name}: {self.before.permission} -> " \
               f"{self.after.permission}"


def creation_grants(caller: Caller | None, resource: Resource,
                    at_root: bool) -> tuple[LiveGrant, ...]:
    """What Grafana gives a folder or dashboard the token creates (see the module docstring)."""
    rows: list[LiveGrant] = list(GRAFANA_FOLDER_DEFAULTS) if at_root else []
    if caller is not None and caller.user_id and (
            resource is Resource.DASHBOARD or not caller.service_account):
        rows.append(LiveGrant(GrantKind.USER, caller.user_id, caller.login, Permission.ADMIN))
    return tuple(sorted(rows))


def grant_delta(current: tuple[LiveGrant, ...], wanted: tuple[LiveGrant, ...],
                ) -> tuple[tuple[LiveGrant, ...], tuple[GrantChange, ...], tuple[LiveGrant, ...]]:
    """(added, changed, removed): rows by grantee; a grantee in both at another level is a
    change, not an addition and a removal."""
    before = {g.key: g for g in current}
    after = {g.key: g for g in wanted}
    add = tuple(sorted(g for k, g in after.items() if k not in before))
    change = tuple(GrantChange(before[k], g) for k, g in sorted(after.items())
                   if k in before and before[k].permission != g.permission)
    remove = tuple(sorted(g for k, g in before.items() if k not in after))
    return add, change, remove


_RANK = {Permission.VIEW: 1, Permission.EDIT: 2, Permission.ADMIN: 4}
_FROM_SCOPES = ((4, ("folders.permissions:write", "dashboards.permissions:write")),
                (2, ("dashboards:write", "dashboards:create")),
                (1, ("dashboards:read", "folders:read")))


def reaching(caller: Caller, rows: tuple[LiveGrant, ...]) -> int:
    """The highest level (1 View, 2 Edit, 4 Admin; 0 none) that ``rows`` give the token."""
    return max((_RANK[g.permission] for g in rows
                if (g.kind is GrantKind.USER and g.ref == caller.user_id)
                or (g.kind is GrantKind.TEAM and g.ref in caller.teams)
                or (g.kind is GrantKind.ROLE and g.ref == caller.role)), default=0)


def held(caller: Caller, resource: Resource, uid: str) -> int:
    """The level the token's own rows give it on one folder or dashboard now, read from the
    scopes Grafana lists for it (inheritance is not in that list)."""
    scope = f"{resource}s:uid:{uid}"
    return next((level for level, actions in _FROM_SCOPES
                 if any(scope in caller.scopes.get(a, ()) for a in actions)), 0)


@dataclass(frozen=True)
class AccessInputs:
    """What the lockout check needs, gathered by the planner."""

    parents: Mapping[str, str]
    """Folder uid -> parent uid ("" at the top level), for every folder the plan knows."""
    new_folders: frozenset[str]
    folder_grants: Mapping[str, tuple[LiveGrant, ...]]
    """Declared grants by folder uid (the rows each will hold after the push)."""
    dashboard_folders: Mapping[str, str]
    """Dashboard uid -> folder uid, for the dashboards this push writes or declares grants on."""
    new_dashboards: frozenset[str]
    dashboard_grants: Mapping[str, tuple[LiveGrant, ...]]


def lockouts(caller: Caller | None, inputs: AccessInputs,
             titles: Callable[[Resource, str], str]) -> tuple[str, ...]:
    """Every place where the declared grants take from the token an access it has now and
    needs: Edit on each folder it writes dashboards into and each dashboard with declared
    grants, and Admin where it sets grants."""
    if caller is None or caller.org_wide:
        return ()

    def own(resource: Resource, uid: str, after: bool) -> int:
        declared = (inputs.folder_grants if resource is Resource.FOLDER
                    else inputs.dashboard_grants).get(uid)
        if after and declared is not None:
            return reaching(caller, declared)
        new = inputs.new_folders if resource is Resource.FOLDER else inputs.new_dashboards
        if uid in new:
            root = resource is Resource.FOLDER and not inputs.parents.get(uid)
            root = root or (resource is Resource.DASHBOARD
                            and not inputs.dashboard_folders.get(uid))
            return reaching(caller, creation_grants(caller, resource, root))
        return held(caller, resource, uid)

    def folder(uid: str, after: bool) -> int:
        level, seen = 0, set()
        while uid and uid not in seen:
            seen.add(uid)
            level = max(level, own(Resource.FOLDER, uid, after))
            uid = inputs.parents.get(uid, "")
        return level

    def dashboard(uid: str, after: bool) -> int:
        return max(own(Resource.DASHBOARD, uid, after),
                   folder(inputs.dashboard_folders.get(uid, ""), after))

    receiving = set(inputs.dashboard_folders.values()) - {""}
    found = []
    for resource, uids, level_of, declared, writes in (
            (Resource.FOLDER, sorted(receiving | set(inputs.folder_grants)), folder,
             inputs.folder_grants, receiving),
            (Resource.DASHBOARD, sorted(inputs.dashboard_grants), dashboard,
             inputs.dashboard_grants, set(inputs.dashboard_grants))):
        for uid in uids:
            before, after = level_of(uid, False), level_of(uid, True)
            needs = [(2, "Edit", "write dashboards there")] if uid in writes else []
            if uid in declared:
                needs.append((4, "Admin", "set its permissions again"))
            for need, name, purpose in needs:
                if before >= need > after:
                    found.append(f"{resource} {titles(resource, uid)} [uid {uid}]: the declared "
                                 f"permissions take {name} from this token ({caller}), which "
                                 f"needs it to {purpose}")
    return tuple(found)
