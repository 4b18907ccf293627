"""Starting from a provisioning directory as Grafana does (pkg/services/provisioning)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from grafana_client.client import GrafanaBadInputError
from grafana_emulator import GrafanaEmulator
from grafana_emulator.provisioning import ProvisioningFailed, expand

MOUNT = "/etc/grafana/provisioning"


def _tree(root: Path, providers: str, files: dict[str, object]) -> Path:
    (root / "dashboards").mkdir(parents=True)
    (root / "dashboards" / "providers.yaml").write_text(providers)
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body if isinstance(body, str) else json.dumps(body))
    return root


def test_providers_place_dashboards_by_folder_uid_title_or_at_the_top(tmp_path: Path) -> None:
    root = _tree(tmp_path, f"""
apiVersion: 1
providers:
  - {{name: by-uid, folder: Ops, folderUid: ops, options: {{path: {MOUNT}/dashboards/ops}}}}
  - {{name: by-title, folder: Team, options: {{path: {MOUNT}/dashboards/team}}}}
  - {{name: top, options: {{path: {MOUNT}/dashboards/top}}}}
""", {"dashboards/ops/a.json": {"uid": "a", "title": "A", "id": 99},
      "dashboards/ops/deeper/b.json": {"uid": "b", "title": "B"},
      "dashboards/ops/.hidden/c.json": {"uid": "c", "title": "C"},
      "dashboards/ops/notes.txt": "not a dashboard",
      "dashboards/ops/untitled.json": {"uid": "u"},
      "dashboards/team/d.json": {"uid": "d", "title": "D"},
      "dashboards/top/e.json": {"uid": "e", "title": "E"}})
    with GrafanaEmulator(provisioning=root) as grafana:
        placed = {d.uid: d.folder_uid for d in grafana.dashboards()}
        assert placed == {"a": "ops", "b": "ops", "d": placed["d"], "e": ""}
        team = grafana.folder(placed["d"])
        assert team is not None and team.title == "Team" and team.parent_uid == ""
        ops = grafana.api().dashboard.get_dashboard("a")
        assert ops["meta"]["provisioned"] and ops["meta"]["provisionedExternalId"] == "a.json"
        assert ops["dashboard"]["id"] != 99
        assert grafana.provisioning_log.messages("error") == [
            f"failed to load dashboard from {root}/dashboards/ops/untitled.json: dashboard title "
            "cannot be empty"]
        with pytest.raises(GrafanaBadInputError):
            grafana.api().dashboard.update_dashboard({"dashboard": {"uid": "a", "title": "A2",
                                                                    "version": 1}})


def test_a_folder_uid_is_found_at_any_depth_and_a_removed_file_is_a_removed_dashboard(
        tmp_path: Path) -> None:
    root = _tree(tmp_path, f"""
apiVersion: 1
providers:
  - {{name: nested, folder: Sub, folderUid: sub, options: {{path: {MOUNT}/dashboards/sub}}}}
""", {"dashboards/sub/a.json": {"uid": "a", "title": "A"},
      "dashboards/sub/b.json": {"uid": "b", "title": "B"}})
    with GrafanaEmulator(provisioning=root) as grafana:
        made = grafana.folder("sub")
        assert made is not None and made.parent_uid == "", "made at the top level when missing"
        api = grafana.api()
        api.folder.create_folder("Parent", uid="parent")
        api.client.POST("/folders/sub/move", json={"parentUid": "parent"})
        (root / "dashboards" / "sub" / "b.json").unlink()
        grafana.reprovision()
        moved = grafana.folder("sub")
        assert moved is not None and moved.parent_uid == "parent"
        assert [(d.uid, d.folder_uid) for d in grafana.dashboards()] == [("a", "sub")]


def test_a_missing_path_stops_the_providers_after_it(tmp_path: Path) -> None:
    root = _tree(tmp_path, f"""
apiVersion: 1
providers:
  - {{name: first, options: {{path: {MOUNT}/dashboards/missing}}}}
  - {{name: second, options: {{path: {MOUNT}/dashboards/top}}}}
""", {"dashboards/top/e.json": {"uid": "e", "title": "E"}})
    with GrafanaEmulator(provisioning=root) as grafana:
        assert grafana.dashboards() == []
        assert "does not exist" in grafana.provisioning_log.messages("error")[0]


def test_datasources_expand_the_environment_and_refuse_two_defaults(tmp_path: Path) -> None:
    (tmp_path / "datasources").mkdir()
    (tmp_path / "datasources" / "ds.yaml").write_text("""
apiVersion: 1
datasources:
  - {name: Prom, type: prometheus, uid: prom, url: $PROM_URL, isDefault: true,
     jsonData: {exemplarTraceIdDestinations: [{name: trace_id, url: '$${__value.raw}'}]},
     secureJsonData: {basicAuthPassword: '$__env{PROM_PASSWORD}'}}
  - {name: No uid, type: loki, url: 'http://loki:3100'}
""")
    env = {"PROM_URL": "http://prom:9090", "PROM_PASSWORD": "s3cret"}
    with GrafanaEmulator(provisioning=tmp_path, environment=env) as grafana:
        prom, loki = grafana.datasources()[1], grafana.datasources()[0]
        assert prom["url"] == "http://prom:9090"
        assert prom["jsonData"]["exemplarTraceIdDestinations"][0]["url"] == "${__value.raw}"
        assert prom["secureJsonData"] == {"basicAuthPassword": "s3cret"}
        assert loki["uid"] == "P" + hashlib.sha256(b"No uid").hexdigest()[:16].upper()
        listed = grafana.api().client.GET("/datasources/uid/prom")
        assert "secureJsonData" not in listed and listed["secureJsonFields"] == {
            "basicAuthPassword": True}
    (tmp_path / "datasources" / "more.yaml").write_text(
        "apiVersion: 1\ndatasources: [{name: Other, type: prometheus, isDefault: true}]\n")
    with pytest.raises(ProvisioningFailed, match="only one datasource per organization"):
        GrafanaEmulator(provisioning=tmp_path, environment=env)


def test_a_missing_datasource_uid_is_grafanas_hash_of_the_name() -> None:
    from grafana_emulator.provisioning import _uid_from_name

    assert _uid_from_name("Prometheus") == "PBFA97CFB590B2093"  # Grafana's docs' example


def test_expand() -> None:
    env = {"A": "1", "B_C": "2"}
    assert expand("$A ${B_C} $__env{A} $$A $${x} $MISSING.", env) == "1 2 1 $A ${x} ."
