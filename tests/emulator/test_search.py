"""GET /api/search filters, hit shape and ordering (contract §2)."""

from __future__ import annotations

from typing import Any

import pytest
from grafana_client.client import GrafanaClientError
from grafana_emulator import GrafanaEmulator

from .helpers import dashboard_json


@pytest.fixture
def seeded(grafana_emulator: GrafanaEmulator) -> GrafanaEmulator:
    grafana_emulator.seed_folder("Team B", uid="team-b")
    grafana_emulator.seed_folder("team a", uid="team-a")
    grafana_emulator.seed_folder("Nested", uid="nested", parent_uid="team-a")
    grafana_emulator.seed_dashboard(dashboard_json("Zeta", "zeta", tags=["prod", "k8s"]))
    grafana_emulator.seed_dashboard(dashboard_json("alpha", "alpha", tags=["prod"]))
    grafana_emulator.seed_dashboard(
        dashboard_json("Beta service", "beta", tags=["staging"]), folder_uid="team-a"
    )
    grafana_emulator.seed_dashboard(dashboard_json("Deep", "deep"), folder_uid="nested")
    return grafana_emulator


def titles(hits: list[dict[str, Any]]) -> list[str]:
    return [hit["title"] for hit in hits]


def test_default_ordering_folders_first_then_dashboards(seeded: Any, grafana_api: Any) -> None:
    hits = grafana_api.search.search_dashboards()
    assert titles(hits) == ["Nested", "team a", "Team B", "alpha", "Beta service", "Deep", "Zeta"]


def test_dashboard_hit_shape(seeded: Any, grafana_api: Any) -> None:
    root_hit, folder_hit = grafana_api.search.search_dashboards(dashboard_uids=["zeta", "beta"])
    assert folder_hit["uid"] == "zeta" or root_hit["uid"] == "beta"
    by_uid = {h["uid"]: h for h in (root_hit, folder_hit)}
    zeta, beta = by_uid["zeta"], by_uid["beta"]
    assert zeta == {
        "id": zeta["id"], "uid": "zeta", "orgId": 1, "title": "Zeta", "uri": "db/zeta",
        "url": "/d/zeta/zeta", "slug": "", "type": "dash-db", "tags": ["k8s", "prod"],
        "isStarred": False, "sortMeta": 0, "isDeleted": False,
    }  # fmt: skip
    assert beta["folderUid"] == "team-a" and beta["folderTitle"] == "team a"
    assert beta["folderUrl"] == "/dashboards/f/team-a/team-a"
    assert isinstance(beta["folderId"], int)


def test_folder_hit_shape(seeded: Any, grafana_api: Any) -> None:
    hits = grafana_api.search.search_dashboards(type_="dash-folder", query="nested")
    assert len(hits) == 1
    nested = hits[0]
    assert nested["type"] == "dash-folder" and nested["tags"] == []
    assert nested["url"] == "/dashboards/f/nested/nested"
    assert nested["folderUid"] == "team-a"


def test_query_is_case_insensitive_substring(seeded: Any, grafana_api: Any) -> None:
    assert titles(grafana_api.search.search_dashboards(query="BETA")) == ["Beta service"]
    assert titles(grafana_api.search.search_dashboards(query="team")) == ["team a", "Team B"]


def test_all_tags_must_match(seeded: Any, grafana_api: Any) -> None:
    assert titles(grafana_api.search.search_dashboards(tag="prod")) == ["alpha", "Zeta"]
    assert titles(grafana_api.search.search_dashboards(tag=["prod", "k8s"])) == ["Zeta"]
    assert grafana_api.search.search_dashboards(tag=["prod", "staging"]) == []


def test_type_filters(seeded: Any, grafana_api: Any) -> None:
    folders = grafana_api.search.search_dashboards(type_="dash-folder")
    assert {h["type"] for h in folders} == {"dash-folder"} and len(folders) == 3
    dashboards = grafana_api.search.search_dashboards(type_="dash-db")
    assert {h["type"] for h in dashboards} == {"dash-db"} and len(dashboards) == 4


def test_folder_uids_filter(seeded: Any, grafana_api: Any) -> None:
    in_a = grafana_api.search.search_dashboards(folder_uids=["team-a"])
    assert titles(in_a) == ["Nested", "Beta service"]
    only_dash = grafana_api.search.search_dashboards(folder_uids=["nested"], type_="dash-db")
    assert titles(only_dash) == ["Deep"]


def test_limit_and_page(seeded: Any, grafana_api: Any) -> None:
    first = grafana_api.search.search_dashboards(type_="dash-db", limit=2, page=1)
    second = grafana_api.search.search_dashboards(type_="dash-db", limit=2, page=2)
    third = grafana_api.search.search_dashboards(type_="dash-db", limit=2, page=3)
    assert titles(first) + titles(second) == ["alpha", "Beta service", "Deep", "Zeta"]
    assert third == []


def test_limit_above_maximum_is_422(grafana_api: Any) -> None:
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.search.search_dashboards(limit=5001)
    assert err.value.status_code == 422
    assert err.value.response == {
        "message": "Limit is above maximum allowed (5000), use page parameter to access "
        "hits beyond limit"
    }


def test_ids_and_uids_together_is_400(grafana_api: Any) -> None:
    with pytest.raises(GrafanaClientError) as err:
        grafana_api.search.search_dashboards(dashboard_ids=[1], dashboard_uids=["x"])
    assert err.value.response == {"message": "search supports UIDs or IDs, not both"}


def test_alpha_desc_sort(seeded: Any, raw: Any, grafana_emulator: GrafanaEmulator) -> None:
    hits = raw(
        "GET", "/api/search?type=dash-db&sort=alpha-desc", token=grafana_emulator.admin_token
    ).json()
    assert titles(hits) == ["Zeta", "Deep", "Beta service", "alpha"]
