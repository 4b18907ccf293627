"""Push scenarios, run against the Grafana emulator (and a real Grafana when configured)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from scenarios.backends import Backend
from scenarios.conftest import Project


def version(backend: Backend, uid: str) -> int:
    found = backend.dashboard(uid)
    assert found is not None, uid
    return int(found["dashboard"]["version"])


def test_first_push_to_an_empty_grafana_creates_folders_and_dashboards(
        project: Project, backend: Backend) -> None:
    project.dashboard("api", folder=f"{project.prefix} Platform/Pipeline")
    project.dashboard("home")
    result = project.run("push")
    assert result.code == 0, result.out + result.err
    assert "2 to create" in result.out and "Applied: 2 dashboard create, 2 folder create" \
        in result.out
    api = backend.dashboard(project.uid("api"))
    assert api is not None
    assert api["meta"]["folderTitle"] == "Pipeline"
    assert f"dashkit:{project.prefix}" in api["dashboard"]["tags"]
    parent = backend.folder(api["meta"]["folderUid"])
    assert parent is not None and parent["parentUid"] == f"dk-{project.prefix}-platform"
    history = backend.versions(project.uid("api"))
    assert history[0]["version"] == 1


def test_a_second_push_writes_nothing(project: Project, backend: Backend) -> None:
    project.dashboard("api", folder=f"{project.prefix} Platform")
    assert project.run("push").code == 0
    writes = backend.writes() if backend.name == "emulator" else None
    result = project.run("push")
    assert result.code == 0
    assert "0 to create, 0 to update, 1 unchanged" in result.out
    assert "Applied: nothing to write" in result.out
    assert version(backend, project.uid("api")) == 1
    if writes is not None:
        assert backend.writes() == writes


def test_one_changed_module_writes_one_dashboard_with_commit_and_checksum(
        project: Project, backend: Backend) -> None:
    for name in ("a", "b", "c"):
        project.dashboard(name)
    project.run("push")
    project.dashboard("b", panels=("Requests", "Errors", "Latency"))
    result = project.run("push")
    assert result.code == 0
    assert "1 to update, 2 unchanged" in result.out
    assert "panel 'Latency' (timeseries) added" in result.out
    assert [version(backend, project.uid(n)) for n in "abc"] == [1, 2, 1]
    message = backend.versions(project.uid("b"))[0]["message"]
    assert message.startswith("dashkit push: commit ") and "checksum sha256:" in message


def test_folder_moved_and_renamed_by_declaration(project: Project, backend: Backend) -> None:
    p = project.prefix
    project.config["folders"] = [
        {"uid": f"{p}-a", "title": f"{p} A"},
        {"uid": f"{p}-b", "title": f"{p} B"},
        {"uid": f"{p}-team", "title": "Team", "parent": f"{p}-a"},
    ]
    project.write_config()
    project.dashboard("svc", folder=f"{p} A/Team")
    assert project.run("push").code == 0
    project.config["folders"][2].update(parent=f"{p}-b", title="Team renamed")
    project.write_config()
    project.dashboard("svc", folder=f"{p} B/Team renamed")
    result = project.run("push")
    assert result.code == 0, result.out
    assert "~ move" in result.out and "~ rename" in result.out
    folder = backend.folder(f"{p}-team")
    assert folder is not None
    assert (folder["title"], folder["parentUid"]) == ("Team renamed", f"{p}-b")
    assert version(backend, project.uid("svc")) == 1  # the dashboard itself did not change


def test_permissions_are_authoritative_and_tightening_removes_grants(
        project: Project, backend: Backend) -> None:
    p = project.prefix
    backend.add_team(f"{p}-sre")
    backend.add_user(f"{p}-alice", f"{p}-alice@example.com")
    project.config["folders"] = [{"uid": f"{p}-ops", "title": f"{p} Ops", "permissions": [
        {"team": f"{p}-sre", "permission": "Admin"},
        {"user": f"{p}-alice@example.com", "permission": "Edit"},
        {"role": "Viewer", "permission": "View"},
    ]}]
    project.write_config()
    project.dashboard("svc", folder=f"{p} Ops")
    result = project.run("push")
    assert result.code == 0, result.out + result.err
    assert "- role Editor: Edit" in result.out  # Grafana's default, not declared
    assert backend.folder_permissions(f"{p}-ops") == {
        f"team:{p}-sre": 4, f"user:{p}-alice": 2, "role:Viewer": 1}

    project.config["folders"][0]["permissions"] = [{"team": f"{p}-sre", "permission": "Admin"}]
    project.write_config()
    plan = project.run("plan")
    assert plan.code == 0
    assert "- user" in plan.out and "- role Viewer: View" in plan.out
    assert project.run("push").code == 0
    assert backend.folder_permissions(f"{p}-ops") == {f"team:{p}-sre": 4}
    assert "Permission sets: 0 to change" in project.run("plan").out


def test_an_unknown_team_stops_the_push_before_anything_is_written(
        project: Project, backend: Backend) -> None:
    p = project.prefix
    backend.add_team(f"{p}-pipeline")
    project.config["folders"] = [{"uid": f"{p}-ops", "title": f"{p} Ops", "permissions": [
        {"team": f"{p}-nobody", "permission": "View"},
        {"team": f"{p}-pipline", "permission": "Edit"}]}]
    project.write_config()
    project.dashboard("svc", folder=f"{p} Ops")
    result = project.run("push")
    assert result.code == 1
    assert ("folder permissions name 2 team(s) or user(s) Grafana does not know; nothing was "
            "written") in result.err
    assert f"team '{p}-nobody', named by folder {p}-ops" in result.err
    assert (f"team '{p}-pipline', named by folder {p}-ops; did you mean '{p}-pipeline'?"
            in result.err)
    assert backend.folder(f"{p}-ops") is None
    assert backend.dashboard(project.uid("svc")) is None


def test_a_ui_edit_is_refused_with_who_and_what_then_forced(
        project: Project, backend: Backend) -> None:
    project.dashboard("svc")
    project.run("push")

    def edit(data: dict[str, Any]) -> None:
        data["panels"][0]["title"] = "Edited in the UI"

    backend.ui_edit(project.uid("svc"), edit)
    project.dashboard("svc", panels=("Requests", "Errors", "New"))
    refused = project.run("push")
    assert refused.code == 1
    assert "! refused" in refused.out and "changed in Grafana by" in refused.out
    assert "title: Requests -> Edited in the UI" in refused.out
    assert version(backend, project.uid("svc")) == 2
    forced = project.run("push", "--force")
    assert forced.code == 0 and "~ update" in forced.out
    live = backend.dashboard(project.uid("svc"))
    assert live is not None
    assert [p["title"] for p in live["dashboard"]["panels"]] == ["Requests", "Errors", "New"]


def test_a_provisioned_dashboard_is_reported_and_never_written(
        project: Project, backend: Backend) -> None:
    uid = backend.provisioned_uid(project.prefix)
    before = version(backend, uid)
    (project.root / "dashboards" / "prov.py").write_text(
        "from grafanalib.core import Dashboard\n"
        f"dashboard = Dashboard(title='Mine now', uid={uid!r})\n")
    result = project.run("push", "--force")
    assert result.code == 0, result.out + result.err
    assert f"= provisioned {uid}" in result.out.replace("  ", " ").replace("  ", " ")
    assert version(backend, uid) == before


def test_prune_removes_only_owned_dashboards_and_their_empty_folders(
        project: Project, backend: Backend) -> None:
    p = project.prefix
    project.dashboard("keep", folder=f"{p} Stays")
    project.dashboard("gone", folder=f"{p} Goes")
    project.run("push")
    backend.seed_dashboard({"uid": f"{p}-manual", "title": "Made by hand"})
    backend.seed_dashboard({"uid": f"{p}-other-owner", "title": "Other repo",
                            "tags": ["dashkit:someone-else"]})
    project.remove("gone")
    without = project.run("push")
    assert without.code == 0 and "- delete" not in without.out
    assert backend.dashboard(project.uid("gone")) is not None
    result = project.run("push", "--prune")
    assert result.code == 0, result.out
    assert f"- delete      {p}-gone" in result.out
    assert backend.dashboard(project.uid("gone")) is None
    assert backend.folder(f"dk-{p}-goes") is None
    for uid in (project.uid("keep"), f"{p}-manual", f"{p}-other-owner"):
        assert backend.dashboard(uid) is not None
    assert backend.folder(f"dk-{p}-stays") is not None


def test_the_token_never_appears_in_any_output(project: Project, backend: Backend) -> None:
    project.dashboard("svc")
    secret = "glsa_not_a_real_token_0123456789abcdef"
    result = project.run("--debug", "push", token=secret)
    assert result.code == 1
    assert "401" in result.err and "token is missing, wrong, expired or revoked" in result.err
    assert secret not in result.out + result.err
    good = project.run("push", "-v")
    assert backend.token not in good.out + good.err


def test_plan_writes_nothing_and_can_be_saved_as_json(project: Project,
                                                      backend: Backend) -> None:
    project.dashboard("svc", folder=f"{project.prefix} Ops")
    plan_file = project.root / "plan.json"
    result = project.run("plan", "--plan-json", str(plan_file))
    assert result.code == 0
    assert backend.dashboard(project.uid("svc")) is None
    data = json.loads(plan_file.read_text())
    assert [(d["action"], d["uid"]) for d in data["dashboards"]] == [
        ("create", project.uid("svc"))]
    assert data["folders"][0]["action"] == "create" and "payload" not in data["dashboards"][0]
    dry = project.run("push", "--dry-run")
    assert dry.code == 0 and dry.out == result.out
    assert backend.dashboard(project.uid("svc")) is None


def test_skipping_tls_verification_is_loud(project: Project, backend: Backend) -> None:
    project.dashboard("svc")
    result = project.run("plan", "--insecure")
    assert result.code == 0
    assert "warning: TLS certificate verification is OFF" in result.err


def test_dashboard_permissions_replace_grafanas_defaults(project: Project,
                                                          backend: Backend) -> None:
    p = project.prefix
    backend.add_team(f"{p}-oncall")
    project.config["dashboard_permissions"] = {
        project.uid("svc"): [{"team": f"{p}-oncall", "permission": "Edit"}]}
    project.write_config()
    project.dashboard("svc")
    result = project.run("push")
    assert result.code == 0, result.out + result.err
    assert f"dashboard Svc: + team {p}-oncall: Edit" in result.out
    rows = backend.api.dashboard.get_permissions_by_uid(project.uid("svc"))
    assert {(r.get("team") or r.get("role") or r.get("userLogin"), r["permission"])
            for r in rows if not r.get("inherited")} == {(f"{p}-oncall", 2)}
    assert "Permission sets: 0 to change" in project.run("plan").out


def test_diff_against_grafana_agrees_with_the_push_plan(project: Project,
                                                        backend: Backend) -> None:
    for name in ("a", "b", "c"):
        project.dashboard(name)
    project.run("push")
    clean = project.run("diff", "--live", "--exit-code")
    assert clean.code == 0 and "No dashboard changes (3 unchanged)" in clean.out

    def edit(data: dict[str, Any]) -> None:
        data["panels"][1]["title"] = "Edited"

    backend.ui_edit(project.uid("a"), edit)
    project.dashboard("b", panels=("Requests", "Errors", "More"))
    diff = project.run("diff", "--live", "--format", "json")
    changed = {d["uid"] for d in json.loads(diff.out)["dashboards"]}
    plan = project.run("plan", "--plan-json", str(project.root / "plan.json"))
    planned = {d["uid"] for d in json.loads((project.root / "plan.json").read_text())[
        "dashboards"] if d["action"] in ("update", "refused", "create", "delete")}
    assert changed == planned == {project.uid("a"), project.uid("b")}
    assert plan.code == 1  # a is refused: edited in Grafana


def test_diff_against_grafana_has_the_tls_options_and_hides_the_token(
        project: Project, backend: Backend) -> None:
    project.dashboard("svc")
    result = project.run("diff", "--live", "--insecure")
    assert result.code == 0, result.out + result.err
    assert "warning: TLS certificate verification is OFF" in result.err
    secret = "glsa_not_a_real_token_fedcba9876543210"
    failed = project.run("--debug", "diff", "--live", token=secret)
    assert failed.code == 1 and "401" in failed.err
    assert secret not in failed.out + failed.err
    missing = project.run("diff", "--live", "--ca-bundle", str(project.root / "no-such.pem"))
    assert missing.code == 2 and "does not exist" in missing.err


def test_ctrl_c_during_a_push_says_what_was_applied(project: Project, backend: Backend,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from dashkit.grafana.client import GrafanaHttp

    for name in ("a", "b", "c", "d"):
        project.dashboard(name)
    real = GrafanaHttp.save_dashboard
    calls: list[str] = []

    def save(self: GrafanaHttp, data: dict[str, Any], *args: Any) -> int:
        calls.append(data["uid"])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(self, data, *args)

    monkeypatch.setattr(GrafanaHttp, "save_dashboard", save)
    result = project.run("push", "-c", "1")
    assert result.code == 130, result.out + result.err
    assert "Applied: 2 dashboard create." in result.out
    assert ("interrupted: 2 of 4 writes were applied before Ctrl-C (listed above); the other 2 "
            "were not finished") in result.err
    assert [backend.dashboard(project.uid(n)) is not None for n in "abcd"] == [
        True, True, False, False]
    monkeypatch.setattr(GrafanaHttp, "save_dashboard", real)
    again = project.run("push")
    assert again.code == 0 and "2 to create, 0 to update, 2 unchanged" in again.out
