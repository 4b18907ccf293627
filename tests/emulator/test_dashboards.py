"""POST /api/dashboards/db, GET/DELETE by uid, versions (contract §3–§6) via grafana-client."""

from __future__ import annotations

from typing import Any

import pytest
from grafana_client.client import GrafanaBadInputError, GrafanaClientError, GrafanaServerError
from grafana_emulator import FakeClock, GrafanaEmulator

from .helpers import dashboard_json


def save(api: Any, dashboard: dict[str, Any], **extra: Any) -> dict[str, Any]:
    result: dict[str, Any] = api.dashboard.update_dashboard({"dashboard": dashboard, **extra})
    return result


def test_create_get_update_increments_versions(
    grafana_api: Any, grafana_emulator: GrafanaEmulator, grafana_clock: FakeClock
) -> None:
    created = save(grafana_api, dashboard_json("Production Overview", "prod-overview"))
    assert created == {
        "id": created["id"],
        "uid": "prod-overview",
        "url": "/d/prod-overview/production-overview",
        "status": "success",
        "version": 1,
        "slug": "production-overview",
        "folderUid": "",
    }
    grafana_clock.advance(60)
    fetched = grafana_api.dashboard.get_dashboard("prod-overview")
    assert fetched["dashboard"]["version"] == 1
    assert fetched["dashboard"]["id"] == created["id"]
    body = fetched["dashboard"]
    body["panels"] = [{"id": 1, "type": "timeseries", "title": "CPU"}]
    updated = save(grafana_api, body, message="add CPU panel")
    assert updated["version"] == 2
    meta = grafana_api.dashboard.get_dashboard("prod-overview")["meta"]
    assert meta["version"] == 2
    assert meta["created"] == "2024-01-01T00:00:00Z"
    assert meta["updated"] == "2024-01-01T00:01:00Z"
    assert meta["createdBy"] == meta["updatedBy"] == "emulator-admin"
    assert meta["folderUid"] == "" and meta["folderTitle"] == "General" and meta["folderId"] == 0
    assert meta["provisioned"] is False and meta["provisionedExternalId"] == ""
    assert meta["expires"] == "0001-01-01T00:00:00Z"
    versions = grafana_emulator.dashboard_versions("prod-overview")
    assert [(v.version, v.parent_version, v.message) for v in versions] == [
        (1, 0, ""),
        (2, 1, "add CPU panel"),
    ]


def test_title_is_trimmed_and_written_back(grafana_api: Any) -> None:
    save(grafana_api, dashboard_json("  Padded  ", "padded"))
    assert grafana_api.dashboard.get_dashboard("padded")["dashboard"]["title"] == "Padded"


def test_generated_uid_when_absent(grafana_api: Any) -> None:
    created = save(grafana_api, dashboard_json("No uid"))
    assert created["uid"] and len(created["uid"]) <= 40
    assert grafana_api.dashboard.get_dashboard(created["uid"])["dashboard"]["title"] == "No uid"


def test_stale_version_412_and_overwrite_adopts(grafana_api: Any) -> None:
    save(grafana_api, dashboard_json("D", "d1"))
    save(grafana_api, dashboard_json("D", "d1", version=1))
    with pytest.raises(GrafanaClientError) as err:
        save(grafana_api, dashboard_json("D", "d1", version=1))
    assert err.value.status_code == 412
    assert err.value.response == {
        "message": "The dashboard has been changed by someone else",
        "status": "version-mismatch",
    }
    with pytest.raises(GrafanaClientError) as missing:
        save(grafana_api, dashboard_json("D", "d1"))  # no version on update = version 0
    assert missing.value.status_code == 412
    adopted = save(grafana_api, dashboard_json("D", "d1", version=1), overwrite=True)
    assert adopted["version"] == 3


def test_main_mode_stale_version_is_409(grafana_emulator_factory: Any) -> None:
    emulator = grafana_emulator_factory(main_mode=True)
    api = emulator.api()
    save(api, dashboard_json("D", "d1"))
    with pytest.raises(GrafanaClientError) as err:
        save(api, dashboard_json("D", "d1", version=7))
    assert err.value.status_code == 409
    assert err.value.response == {
        "message": "Dashboard already exists. Use overwrite flag to update."
    }


def test_same_uid_different_id_is_400_even_with_overwrite(grafana_api: Any) -> None:
    first = save(grafana_api, dashboard_json("A", "uid-a"))
    save(grafana_api, dashboard_json("B", "uid-b"))
    clash = dashboard_json("A", "uid-b", version=1)
    clash["id"] = first["id"]
    with pytest.raises(GrafanaBadInputError) as err:
        save(grafana_api, clash, overwrite=True)
    assert err.value.response == {"message": "A dashboard with the same uid already exists"}


def test_unknown_id_is_404(grafana_api: Any) -> None:
    body = dashboard_json("Ghost")
    body["id"] = 999
    with pytest.raises(GrafanaClientError) as err:
        save(grafana_api, body)
    assert err.value.status_code == 404
    assert err.value.response == {"message": "Dashboard not found", "status": "not-found"}


@pytest.mark.parametrize(
    ("uid", "message"),
    [
        ("x" * 41, "uid too long, max 40 characters"),
        ("bad uid!", "uid contains illegal characters"),
        ("a/b", "uid contains illegal characters"),
    ],
)
def test_uid_validation(grafana_api: Any, uid: str, message: str) -> None:
    with pytest.raises(GrafanaBadInputError) as err:
        save(grafana_api, dashboard_json("T", uid))
    assert err.value.response == {"message": message}


def test_uid_of_exactly_40_chars_and_surrounding_spaces_are_fine(grafana_api: Any) -> None:
    assert save(grafana_api, dashboard_json("T", "y" * 40))["uid"] == "y" * 40
    assert save(grafana_api, dashboard_json("T", "  spaced  "))["uid"] == "spaced"


@pytest.mark.parametrize("title", ["", "   "])
def test_empty_title(grafana_api: Any, title: str) -> None:
    with pytest.raises(GrafanaBadInputError) as err:
        save(grafana_api, dashboard_json(title, "t"))
    assert err.value.response == {
        "message": "Dashboard title cannot be empty",
        "status": "empty-name",
    }


def test_folder_not_found_is_400(grafana_api: Any) -> None:
    with pytest.raises(GrafanaBadInputError) as err:
        save(grafana_api, dashboard_json("T", "t"), folderUid="nope")
    assert err.value.response == {"message": "folder not found"}


def test_is_folder_rejected(grafana_api: Any) -> None:
    with pytest.raises(GrafanaBadInputError) as err:
        save(grafana_api, dashboard_json("T", "t"), isFolder=True)
    assert err.value.response == {"message": "Use folders endpoint for saving folders."}


def test_saving_onto_a_folder_uid_is_rejected(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("F", uid="shared")
    with pytest.raises(GrafanaBadInputError) as err:
        save(grafana_api, dashboard_json("T", "shared"))
    assert err.value.response == {"message": "Dashboard cannot be changed to a folder"}


def test_folder_meta_and_omitting_folder_moves_to_root(grafana_api: Any) -> None:
    folder = grafana_api.folder.create_folder("Team A", uid="team-a")
    save(grafana_api, dashboard_json("In folder", "inf"), folderUid="team-a")
    meta = grafana_api.dashboard.get_dashboard("inf")["meta"]
    assert meta["folderUid"] == "team-a"
    assert meta["folderTitle"] == "Team A"
    assert meta["folderId"] == folder["id"]
    assert meta["folderUrl"] == "/dashboards/f/team-a/team-a"
    moved = save(grafana_api, dashboard_json("In folder", "inf", version=1))
    assert moved["folderUid"] == ""
    assert grafana_api.dashboard.get_dashboard("inf")["meta"]["folderTitle"] == "General"


def test_get_and_delete(grafana_api: Any) -> None:
    save(grafana_api, dashboard_json("Prod", "prod"))
    assert grafana_api.dashboard.delete_dashboard("prod") == {
        "title": "Prod",
        "message": "Dashboard Prod deleted",
        "uid": "prod",
    }
    for call in (grafana_api.dashboard.get_dashboard, grafana_api.dashboard.delete_dashboard):
        with pytest.raises(GrafanaClientError) as err:
            call("prod")
        assert err.value.status_code == 404
        assert err.value.response == {"message": "Dashboard not found", "traceID": ""}


def test_delete_folder_uid_via_dashboards_endpoint(grafana_api: Any) -> None:
    grafana_api.folder.create_folder("F", uid="fold")
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.dashboard.delete_dashboard("fold")
    assert err.value.response == {"message": "Use folders endpoint for deleting folders."}


def test_provisioned_dashboard_save_and_delete_are_400(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    save(grafana_api, dashboard_json("Prov", "prov"))
    grafana_emulator.mark_provisioned("prov", external_id="team/prov.json")
    meta = grafana_api.dashboard.get_dashboard("prov")["meta"]
    assert meta["provisioned"] is True
    assert meta["provisionedExternalId"] == "team/prov.json"
    with pytest.raises(GrafanaBadInputError) as err:
        save(grafana_api, dashboard_json("Prov", "prov", version=1))
    assert err.value.response == {"message": "Cannot save provisioned dashboard"}
    with pytest.raises(GrafanaBadInputError) as err:
        grafana_api.dashboard.delete_dashboard("prov")
    assert err.value.response == {
        "message": "provisioned dashboard cannot be deleted",
        "traceID": "",
    }


def test_provisioned_with_ui_updates_saves_but_never_deletes(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    save(grafana_api, dashboard_json("Prov", "prov"))
    grafana_emulator.mark_provisioned("prov", allow_ui_updates=True)
    meta = grafana_api.dashboard.get_dashboard("prov")["meta"]
    assert meta["provisioned"] is False and meta["provisionedExternalId"] == "prov.json"
    assert save(grafana_api, dashboard_json("Prov", "prov", version=1))["version"] == 2
    with pytest.raises(GrafanaBadInputError):
        grafana_api.dashboard.delete_dashboard("prov")


def test_ui_edit_is_recorded_as_that_user(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    save(grafana_api, dashboard_json("D", "d"))
    grafana_emulator.ui_edit("d", user="alice", changes={"refresh": "1m"}, message="tweak")
    fetched = grafana_api.dashboard.get_dashboard("d")
    assert fetched["dashboard"]["refresh"] == "1m"
    assert fetched["meta"]["version"] == 2
    assert fetched["meta"]["updatedBy"] == "alice"
    assert fetched["meta"]["createdBy"] == "emulator-admin"
    versions = grafana_api.dashboard_versions.get_dashboard_versions_by_uid("d")["versions"]
    assert [(v["version"], v["createdBy"], v["message"]) for v in versions] == [
        (2, "alice", "tweak"),
        (1, "emulator-admin", "Initial save"),
    ]


def test_versions_list_is_an_object_from_11_6(grafana_api: Any) -> None:
    save(grafana_api, dashboard_json("D", "d"), message="first")
    save(grafana_api, dashboard_json("D", "d", version=1), message="second")
    listing = grafana_api.dashboard_versions.get_dashboard_versions_by_uid("d")
    assert listing["continueToken"] == ""
    first, second = listing["versions"][1], listing["versions"][0]
    assert second["version"] == 2 and second["parentVersion"] == 1
    assert second["message"] == "second" and second["data"] is None
    assert first["message"] == "Initial save"
    assert set(second) == {
        "id", "dashboardId", "uid", "parentVersion", "restoredFrom", "version", "created",
        "message", "data", "createdBy",
    }  # fmt: skip


def test_versions_list_is_a_bare_array_before_11_6(grafana_emulator_factory: Any) -> None:
    api = grafana_emulator_factory(grafana_version="11.5.2").api()
    save(api, dashboard_json("D", "d"))
    listing = api.dashboard_versions.get_dashboard_versions_by_uid("d")
    assert isinstance(listing, list)
    assert [v["version"] for v in listing] == [1]


def test_versions_paging_with_continue_token(raw: Any, grafana_emulator: GrafanaEmulator) -> None:
    for version in range(3):
        grafana_emulator.seed_dashboard(dashboard_json("D", "d", version=version))
    token = grafana_emulator.admin_token
    page = raw("GET", "/api/dashboards/uid/d/versions?limit=2", token=token).json()
    assert [v["version"] for v in page["versions"]] == [3, 2]
    assert page["continueToken"]
    rest = raw(
        "GET", f"/api/dashboards/uid/d/versions?limit=2&continueToken={page['continueToken']}",
        token=token,
    ).json()  # fmt: skip
    assert [v["version"] for v in rest["versions"]] == [1]
    assert rest["continueToken"] == ""


def test_single_version_and_unknown_version(grafana_api: Any) -> None:
    created = save(grafana_api, dashboard_json("D", "d", refresh="5m"), message="hello")
    version = grafana_api.dashboard_versions.get_dashboard_version_by_uid("d", 1)
    assert version["message"] == "hello"
    assert version["data"]["refresh"] == "5m" and version["data"]["version"] == 1
    with pytest.raises(GrafanaServerError) as err:
        grafana_api.dashboard_versions.get_dashboard_version_by_uid("d", 7)
    assert err.value.status_code == 500
    assert err.value.response == {
        "message": f"Dashboard version 7 not found for dashboardId {created['id']}",
        "traceID": "",
    }


def test_restore_creates_a_new_version(grafana_api: Any) -> None:
    save(grafana_api, dashboard_json("D", "d", refresh="1m"))
    save(grafana_api, dashboard_json("D", "d", version=1, refresh="5m"))
    restored = grafana_api.dashboard_versions.restore_dashboard_by_uid("d", 1)
    assert restored["version"] == 3 and restored["status"] == "success"
    fetched = grafana_api.dashboard.get_dashboard("d")["dashboard"]
    assert fetched["refresh"] == "1m"
    listing = grafana_api.dashboard_versions.get_dashboard_versions_by_uid("d")["versions"]
    assert listing[0]["restoredFrom"] == 1
    assert listing[0]["message"] == "Restored from version 1"


def test_default_dashboard_stored_as_posted(grafana_api: Any) -> None:
    body = dashboard_json("D", "d", tags=["b", "a"], templating={"list": []}, schemaVersion=41)
    save(grafana_api, body)
    stored = grafana_api.dashboard.get_dashboard("d")["dashboard"]
    assert stored["schemaVersion"] == 41
    assert stored["tags"] == ["b", "a"]
    assert stored["templating"] == {"list": []}


def test_refresh_below_minimum_is_raised_silently(grafana_api: Any) -> None:
    save(grafana_api, dashboard_json("Fast", "fast", refresh="1s"))
    save(grafana_api, dashboard_json("Ok", "ok", refresh="30s"))
    assert grafana_api.dashboard.get_dashboard("fast")["dashboard"]["refresh"] == "5s"
    assert grafana_api.dashboard.get_dashboard("ok")["dashboard"]["refresh"] == "30s"


def test_orgs_are_isolated(grafana_emulator: GrafanaEmulator, raw: Any) -> None:
    org_two = grafana_emulator.add_org("Second")
    other = grafana_emulator.api(grafana_emulator.add_token("org2", org_id=org_two))
    save(other, dashboard_json("Only in two", "two"))
    assert grafana_emulator.api().search.search_dashboards() == []
    assert [h["orgId"] for h in other.search.search_dashboards()] == [org_two]
    grafana_emulator.add_org_member("admin", org_two, role="Admin")
    hits = raw(
        "GET", "/api/search", basic=("admin", "admin"), headers={"X-Grafana-Org-Id": str(org_two)}
    ).json()
    assert [h["uid"] for h in hits] == ["two"]


def test_matching_by_id_with_a_new_free_uid_renames(grafana_api: Any) -> None:
    created = save(grafana_api, dashboard_json("D", "old-uid"))
    body = dashboard_json("D", "new-uid", version=1)
    body["id"] = created["id"]
    renamed = save(grafana_api, body)
    assert renamed["uid"] == "new-uid" and renamed["id"] == created["id"]
    assert renamed["version"] == 2
    with pytest.raises(GrafanaClientError):
        grafana_api.dashboard.get_dashboard("old-uid")


def test_seeded_content_shows_seeding_user(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    grafana_emulator.seed_folder("Ops", uid="ops", as_user="carol")
    grafana_emulator.seed_dashboard(dashboard_json("D", "d"), folder_uid="ops", as_user="carol")
    assert grafana_api.folder.get_folder("ops")["createdBy"] == "carol"
    assert grafana_api.dashboard.get_dashboard("d")["meta"]["createdBy"] == "carol"
    assert grafana_emulator.permissions("folder", "ops") == {
        "user:carol": 4,
        "role:Editor": 2,
        "role:Viewer": 1,
    }
    assert grafana_emulator.permissions("dashboard", "d") == {"user:carol": 4}


def test_read_without_dashboards_read_is_403(grafana_emulator: GrafanaEmulator) -> None:
    grafana_emulator.seed_dashboard(dashboard_json("D", "d"))
    api = grafana_emulator.api(grafana_emulator.add_token("blind", actions=["folders:read"]))
    with pytest.raises(GrafanaClientError) as err:
        api.dashboard.get_dashboard("d")
    assert err.value.status_code == 403
    assert err.value.response["title"] == "Access denied"
    assert err.value.response["message"].endswith("Permissions needed: dashboards:read")


def test_a_dashboard_saved_in_the_v2_schema_answers_406_on_get_only(
    grafana_api: Any, grafana_emulator: GrafanaEmulator
) -> None:
    # pkg/api/dashboard.go GetDashboard (12.x); a real trace from Grafana 12.1.0 has the same
    # message. Versions, search and delete still work.
    save(grafana_api, dashboard_json("Layouts", "layouts", tags=["x"]))
    grafana_emulator.save_as_v2("layouts")
    with pytest.raises(GrafanaClientError) as caught:
        grafana_api.dashboard.get_dashboard("layouts")
    assert caught.value.status_code == 406
    assert caught.value.response == {
        "message": "dashboard api version not supported, use /apis/dashboard.grafana.app/"
                   "v2beta1/namespaces/default/dashboards/layouts instead"}
    hits = grafana_api.search.search_dashboards(dashboard_uids="layouts")
    assert [(h["uid"], h["title"], h["tags"]) for h in hits] == [("layouts", "Layouts", ["x"])]
    assert grafana_api.client.GET("/dashboards/uid/layouts/versions")
    grafana_api.dashboard.delete_dashboard("layouts")
    assert grafana_emulator.dashboard("layouts") is None
