"""plan_push is pure: desired + observed in, every action with its reason out."""

from __future__ import annotations

from typing import Any

from dashkit.folders import build_tree
from dashkit.grafana.access import GrantChange
from dashkit.grafana.desired import Desired, DesiredDashboard
from dashkit.grafana.live import (
    Caller,
    DashboardVersion,
    History,
    LiveDashboard,
    LiveFolder,
    LiveGrant,
    Observed,
)
from dashkit.grafana.plan import plan_push
from dashkit.model import FolderSpec, GrantKind, Permission

TAG = "dashkit:test"
SRE = LiveGrant(GrantKind.TEAM, "7", "sre", Permission.ADMIN)
VIEWERS = LiveGrant(GrantKind.ROLE, "Viewer", "Viewer", Permission.VIEW)
EDITORS = LiveGrant(GrantKind.ROLE, "Editor", "Editor", Permission.EDIT)


def desired(*dashboards: DesiredDashboard, folders: tuple[FolderSpec, ...] = (),
            grants: dict[str, tuple[LiveGrant, ...]] | None = None) -> Desired:
    tree = build_tree(folders, [])
    return Desired(tree, dashboards, TAG, grants or {})


def want(uid: str, title: str = "T", folder: str = "", **extra: Any) -> DesiredDashboard:
    return DesiredDashboard(uid, title, folder, {"uid": uid, "title": title, "tags": [TAG],
                                                 **extra})


def live(uid: str, title: str = "T", folder: str = "", version: int = 3,
         tags: tuple[str, ...] = (TAG,), provisioned: bool = False) -> LiveDashboard:
    return LiveDashboard(uid, title, folder, version, provisioned,
                         {"uid": uid, "title": title, "tags": list(tags), "id": 9,
                          "version": version})


def actions(plan: Any) -> dict[str, str]:
    return {a.uid: a.action for a in plan.dashboards}


def test_create_update_unchanged_and_server_fields_do_not_count() -> None:
    plan = plan_push("t", desired(want("new"), want("same"), want("moved", folder="f")),
                     Observed({}, {"new": None, "same": live("same"), "moved": live("moved")}))
    assert actions(plan) == {"new": "create", "same": "unchanged", "moved": "update"}
    moved = next(a for a in plan.dashboards if a.uid == "moved")
    assert moved.reason == "moved from folder (top level) to f" and moved.version == 3


def test_a_dashboard_without_the_ownership_tag_is_refused_unless_forced() -> None:
    observed = Observed({}, {"x": live("x", title="Theirs", tags=())})
    plan = plan_push("t", desired(want("x")), observed)
    assert actions(plan) == {"x": "refused"} and "not managed by this project" in \
        plan.dashboards[0].reason
    assert actions(plan_push("t", desired(want("x")), observed, force=True)) == {"x": "update"}


def test_an_edit_by_someone_else_is_refused_with_who_when_and_what() -> None:
    history = History(DashboardVersion(4, "alice", "2026-01-02T03:04:05Z", ""),
                      last_pushed={"uid": "x", "title": "Old", "tags": [TAG]})
    observed = Observed({}, {"x": live("x", title="Edited")}, history={"x": history})
    action = plan_push("t", desired(want("x", title="Code")), observed).dashboards[0]
    assert action.action == "refused"
    assert "changed in Grafana by alice at 2026-01-02T03:04:05Z" in action.reason
    assert action.drift is not None and action.drift.fields[0].after == "Edited"


def test_our_own_last_write_is_not_drift() -> None:
    for latest in (DashboardVersion(3, "sa", "now", "dashkit push: commit abc"),
                   DashboardVersion(1, "sa", "now", "Initial save")):
        observed = Observed({}, {"x": live("x", title="Old")}, history={"x": History(latest)})
        assert actions(plan_push("t", desired(want("x", title="New")), observed)) == {
            "x": "update"}


def test_provisioned_dashboards_are_reported_even_with_force() -> None:
    observed = Observed({}, {"p": live("p", provisioned=True, title="Other")})
    assert actions(plan_push("t", desired(want("p")), observed, force=True)) == {
        "p": "provisioned"}


def test_new_top_level_folder_grants_remove_grafanas_defaults() -> None:
    folder = FolderSpec("ops", "Ops", "", ())
    plan = plan_push("t", desired(folders=(folder,), grants={"ops": (SRE,)}), Observed({}, {}))
    (grant,) = plan.grants
    assert grant.add == (SRE,) and set(grant.remove) == {EDITORS, VIEWERS}


def test_existing_grants_show_additions_changes_and_removals() -> None:
    folder = FolderSpec("ops", "Ops", "", ())
    sre_view = LiveGrant(GrantKind.TEAM, "7", "sre", Permission.VIEW)
    observed = Observed({"ops": LiveFolder("ops", "Ops", "")}, {},
                        folder_grants={"ops": (sre_view, VIEWERS)})
    (grant,) = plan_push("t", desired(folders=(folder,), grants={"ops": (SRE,)}),
                         observed).grants
    assert grant.action == "update" and grant.add == () and grant.remove == (VIEWERS,)
    assert grant.change == (GrantChange(sre_view, SRE),)
    assert str(grant.change[0]) == "team sre: View -> Admin"


CI = Caller("sa-1-ci", "12", service_account=True, role="Editor", org_wide=False,
            scopes={"folders:create": ("folders:uid:general",),
                    "dashboards:create": ("folders:uid:general",)})
ADMIN = Caller("sa-1-admin", "3", service_account=True, role="Admin", org_wide=True)


def test_grants_grafana_gives_on_creation_show_as_removals() -> None:
    creator = LiveGrant(GrantKind.USER, "12", "sa-1-ci", Permission.ADMIN)
    plan = plan_push("t", Desired(build_tree((), []), (want("svc"),), TAG, {},
                                  {"svc": (SRE,)}),
                     Observed({}, {"svc": None}, caller=CI))
    (grant,) = plan.grants
    assert grant.add == (SRE,) and grant.on_creation == tuple(sorted((creator, EDITORS,
                                                                       VIEWERS)))
    assert set(grant.remove) == {creator, EDITORS, VIEWERS}
    # A new nested folder created by a service account: Grafana gives it nothing.
    nested = (FolderSpec("p", "P"), FolderSpec("c", "C", "p", ()))
    plan = plan_push("t", desired(folders=nested, grants={"c": (SRE,)}), Observed({}, {},
                                                                                  caller=CI))
    assert [g.remove for g in plan.grants] == [()]


def test_taking_the_editor_grant_from_an_editor_token_is_a_lockout() -> None:
    scopes = {**CI.scopes, "dashboards:write": ("folders:uid:ops",)}
    ci = Caller("sa-1-ci", "12", True, "Editor", False, (), scopes)
    folder = FolderSpec("ops", "Ops", "", ())
    observed = Observed({"ops": LiveFolder("ops", "Ops", "")}, {"svc": None},
                        folder_grants={"ops": (EDITORS, VIEWERS)}, caller=ci)
    plan = plan_push("t", desired(want("svc", folder="ops"), folders=(folder,),
                                  grants={"ops": (VIEWERS, SRE)}), observed)
    assert plan.lockouts == (
        "folder Ops [uid ops]: the declared permissions take Edit from this token (service "
        "account sa-1-ci (role Editor)), which needs it to write dashboards there",)
    kept = plan_push("t", desired(want("svc", folder="ops"), folders=(folder,),
                                  grants={"ops": (EDITORS, SRE)}), observed)
    assert kept.lockouts == ()
    as_admin = plan_push("t", desired(want("svc", folder="ops"), folders=(folder,),
                                      grants={"ops": (VIEWERS, SRE)}),
                         Observed(observed.folders, observed.dashboards,
                                  folder_grants=observed.folder_grants, caller=ADMIN))
    assert as_admin.lockouts == ()


def test_folders_are_created_parents_first_then_moved_and_renamed() -> None:
    folders = (FolderSpec("child", "Child", "parent"), FolderSpec("parent", "Parent"),
               FolderSpec("old", "New title", "parent"))
    observed = Observed({"old": LiveFolder("old", "Old title", "")}, {})
    plan = plan_push("t", desired(folders=folders), observed)
    assert [(a.action, a.uid) for a in plan.folders] == [
        ("create", "parent"), ("create", "child"), ("move", "old"), ("rename", "old")]


def test_prune_deletes_owned_leftovers_and_only_empty_derived_folders_deepest_first() -> None:
    observed = Observed(
        folders={"dk-a": LiveFolder("dk-a", "A", ""), "dk-a-b": LiveFolder("dk-a-b", "B", "dk-a"),
                 "dk-busy": LiveFolder("dk-busy", "Busy", ""),
                 "manual": LiveFolder("manual", "Manual", "")},
        dashboards={"keep": live("keep")},
        owned={"old": live("old", folder="dk-a-b")},
        folder_contents={"dk-a": set(), "dk-a-b": {"old"}, "dk-busy": {"someone-elses"}})
    plan = plan_push("t", desired(want("keep")), observed, prune=True)
    assert actions(plan) == {"keep": "unchanged", "old": "delete"}
    assert [(a.action, a.uid) for a in plan.folders] == [("delete", "dk-a-b"),
                                                         ("delete", "dk-a")]
    assert actions(plan_push("t", desired(want("keep")), observed)) == {"keep": "unchanged"}
