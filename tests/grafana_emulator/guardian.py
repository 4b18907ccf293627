"""Per-resource access for identities whose basic role is Viewer or Editor (``rbac=True``).

In Grafana 11/12 these roles hold almost nothing org-wide. Their fixed roles give only
top-level rights (pkg/services/dashboards/accesscontrol.go and pkg/services/folder: Editor's
fixed:dashboards:creator and fixed:folders:creator grant ``dashboards:create`` and
``folders:create`` on ``folders:uid:general``; Viewer's fixed:folders.general:reader grants
``folders:read`` on it). Access to a folder or dashboard comes from its managed permission rows
(pkg/services/accesscontrol/resourcepermissions):
- a row for the identity's user id, for a team it belongs to, or for exactly its basic role;
  managed role rows are not inherited upward (accesscontrol GetOrgRoles returns the one role),
  so "Viewer: View" gives an Editor nothing;
- a folder's rows apply to its subfolders and the dashboards inside;
- View = folders:read + dashboards:read; Edit adds folders:write/delete and
  dashboards:create/write/delete; Admin adds the permissions actions.

Org Admins, Grafana admins and tokens with an explicit action list are not limited here.
"""

from __future__ import annotations

from collections.abc import Iterator

from .auth import Identity
from .errors import ApiError, access_denied, message_error
from .models import Dashboard, Org
from .state import Store

VIEW, EDIT, ADMIN = 1, 2, 4
ROLE_RANK = {"Viewer": 1, "Editor": 2, "Admin": 4}


def limited(store: Store, identity: Identity) -> bool:
    """Whether managed permissions decide what ``identity`` may do."""
    return (store.settings.rbac and identity.explicit_actions is None
            and not identity.user.is_admin and identity.role in ("Viewer", "Editor"))


def _matches(store: Store, org: Org, identity: Identity, subject: str, subject_id: int,
             role: str) -> bool:
    if subject == "user":
        return subject_id == identity.user.id
    if subject == "team":
        team = org.teams.get(subject_id)
        return team is not None and identity.user.id in team.members
    return role == identity.role


def _chain(org: Org, folder_uid: str) -> Iterator[str]:
    while folder_uid:
        yield folder_uid
        parent = org.folders.get(folder_uid)
        folder_uid = parent.parent_uid if parent is not None else ""


def folder_level(store: Store, org: Org, identity: Identity, folder_uid: str) -> int:
    """The identity's level on a folder (``""``: the top level, where only the basic role's
    fixed rights count: Editor may create there, Viewer may look)."""
    if not limited(store, identity):
        return ADMIN
    if not folder_uid:
        return EDIT if identity.role == "Editor" else VIEW
    return max((row.permission for uid in _chain(org, folder_uid)
                for row in org.acl.get(("folder", uid), [])
                if _matches(store, org, identity, row.subject, row.subject_id, row.role)),
               default=0)


def dashboard_level(store: Store, org: Org, identity: Identity, dash: Dashboard) -> int:
    if not limited(store, identity):
        return ADMIN
    own = max((row.permission for row in org.acl.get(("dashboard", dash.uid), [])
               if _matches(store, org, identity, row.subject, row.subject_id, row.role)),
              default=0)
    inherited = folder_level(store, org, identity, dash.folder_uid) if dash.folder_uid else 0
    return max(own, inherited)


def require_folder(store: Store, org: Org, identity: Identity, folder_uid: str, level: int,
                   action: str) -> None:
    """The route's permission check (pkg/api/folder.go registers each folder route with
    ``authorize(ac.EvalPermission(<action>, folders:uid:<uid>))``): 403 in the middleware's
    shape."""
    if folder_level(store, org, identity, folder_uid) < level:
        raise access_denied(f"{action}")


def require_dashboard(store: Store, org: Org, identity: Identity, dash: Dashboard, level: int,
                      denied: ApiError) -> None:
    if dashboard_level(store, org, identity, dash) < level:
        raise denied


def save_denied() -> ApiError:
    # pkg/api/dashboard.go postDashboard: the guardian's CanSave is false.
    return message_error(403, "Access denied to save dashboard", trace=True)


def view_denied() -> ApiError:
    # pkg/api/dashboard.go dashboardGuardianResponse.
    return message_error(403, "Access denied to this dashboard")


def _own_level(store: Store, org: Org, identity: Identity, kind: str, uid: str) -> int:
    return max((row.permission for row in org.acl.get((kind, uid), [])
                if _matches(store, org, identity, row.subject, row.subject_id, row.role)),
               default=0)


def permissions(store: Store, org: Org, identity: Identity) -> dict[str, list[str]]:
    """GET /api/access-control/user/permissions: each action the identity holds, with its
    scopes (pkg/api/accesscontrol.go getUserPermissions). Managed rows appear with the scope
    of the folder or dashboard they are on; what a folder passes to its subfolders and
    dashboards is resolved when a request is checked, so it does not appear here."""
    if not limited(store, identity):
        return {action: ["*"] for action in sorted(identity.actions)}
    out: dict[str, set[str]] = {"folders:read": {"folders:uid:general"}}
    if identity.role == "Editor":
        out["folders:create"] = {"folders:uid:general"}
        out["dashboards:create"] = {"folders:uid:general"}
    by_level = {
        VIEW: ("folders:read", "dashboards:read"),
        EDIT: ("folders:write", "folders:delete", "dashboards:create", "dashboards:write",
               "dashboards:delete"),
        ADMIN: ("folders.permissions:read", "folders.permissions:write",
                "dashboards.permissions:read", "dashboards.permissions:write"),
    }
    for kind, uids in (("folder", list(org.folders)), ("dashboard", list(org.dashboards))):
        for uid in uids:
            level = _own_level(store, org, identity, kind, uid)
            for threshold, actions in by_level.items():
                for action in actions if level >= threshold else ():
                    if kind == "folder" or action.startswith("dashboards"):
                        out.setdefault(action, set()).add(f"{kind}s:uid:{uid}")
    for action in ("teams:read", "org.users:read"):
        out.setdefault(action, set()).add("*")
    return {action: sorted(scopes) for action, scopes in sorted(out.items())}
