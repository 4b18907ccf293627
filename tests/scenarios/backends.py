"""Where the push scenarios run: the project's Grafana emulator, or a real Grafana.

A real Grafana is used when GRAFANA_URL and GRAFANA_TOKEN are set (the token needs the Admin
role), with GRAFANA_ADMIN_USER/GRAFANA_ADMIN_PASSWORD (default admin/admin) for the steps that
play a person in the UI or create users. Everything a scenario creates there carries a
per-test prefix and is deleted afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from grafana_client.api import GrafanaApi
from grafana_emulator import GrafanaEmulator


def _summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        if row.get("inherited"):
            continue
        if row.get("role"):
            out[f"role:{row['role']}"] = row["permission"]
        elif row.get("teamId"):
            out[f"team:{row['team']}"] = row["permission"]
        elif row.get("userId"):
            out[f"user:{row['userLogin']}"] = row["permission"]
    return out


class Backend:
    """What a scenario needs besides the push itself: seed, play a person, inspect."""

    name = "base"
    url: str
    token: str
    api: Any

    # --- inspection (HTTP, works on both) --------------------------------------------------
    def dashboard(self, uid: str) -> dict[str, Any] | None:
        try:
            return dict(self.api.dashboard.get_dashboard(uid))
        except Exception:
            return None

    def folder(self, uid: str) -> dict[str, Any] | None:
        try:
            return dict(self.api.folder.get_folder(uid))
        except Exception:
            return None

    def folder_permissions(self, uid: str) -> dict[str, int]:
        return _summary(self.api.folder.get_folder_permissions(uid))

    def versions(self, uid: str) -> list[dict[str, Any]]:
        body = self.api.client.GET(f"/dashboards/uid/{uid}/versions")
        return list(body["versions"] if isinstance(body, dict) else body)

    # --- seeding -------------------------------------------------------------------------
    def add_team(self, name: str) -> None:
        existing = self.api.teams.search_teams(query=name)
        if not any(t["name"] == name for t in existing):
            self.api.teams.add_team({"name": name})

    def seed_dashboard(self, data: dict[str, Any], folder_uid: str = "") -> None:
        self.api.dashboard.update_dashboard({"dashboard": dict(data, id=None),
                                             "folderUid": folder_uid, "overwrite": True})

    def cleanup(self, prefix: str) -> None:
        pass


class EmulatorBackend(Backend):
    name = "emulator"

    def __init__(self, emulator: GrafanaEmulator) -> None:
        self.emulator = emulator
        self.url, self.token = emulator.url, emulator.admin_token
        self.api = emulator.api()

    def add_user(self, login: str, email: str) -> None:
        self.emulator.add_user(login, email=email)

    def service_account_token(self, name: str, role: str) -> str:
        return self.emulator.add_token(name, role=role)

    def ui_edit(self, uid: str, change: Callable[[dict[str, Any]], None]) -> None:
        self.emulator.ui_edit(uid, user="alice", changes=change)

    def provisioned_uid(self, prefix: str) -> str:
        uid = f"{prefix}-provisioned"
        self.emulator.seed_dashboard({"uid": uid, "title": "Provisioned from files"})
        self.emulator.mark_provisioned(uid)
        return uid

    def writes(self) -> int:
        return sum(n for (method, n) in self.emulator.request_log.counts("method").items()
                   if method != "GET")


class RealBackend(Backend):
    name = "real"

    def __init__(self) -> None:
        self.url = os.environ["GRAFANA_URL"].rstrip("/")
        self.token = os.environ["GRAFANA_TOKEN"]
        # grafana-client needs the trailing slash when the URL has a path (/grafana/).
        self.api = GrafanaApi.from_url(self.url + "/", credential=self.token)
        admin = (os.environ.get("GRAFANA_ADMIN_USER", "admin"),
                 os.environ.get("GRAFANA_ADMIN_PASSWORD", "admin"))
        self.admin = GrafanaApi.from_url(self.url + "/", credential=admin)
        self.service_accounts: list[int] = []

    def service_account_token(self, name: str, role: str) -> str:
        account = self.admin.serviceaccount.create({"name": name, "role": role})
        created = self.admin.serviceaccount.create_token(account["id"], {"name": name})
        self.service_accounts.append(int(account["id"]))
        return str(created["key"])

    def add_user(self, login: str, email: str) -> None:
        try:
            self.admin.admin.create_user({"login": login, "email": email, "name": login,
                                          "password": "dashkit-scenario-pw"})
        except Exception as exc:  # already there from an earlier run
            if "already exists" not in str(exc).lower() and "412" not in str(exc):
                raise

    def ui_edit(self, uid: str, change: Callable[[dict[str, Any]], None]) -> None:
        body = self.admin.dashboard.get_dashboard(uid)
        data = body["dashboard"]
        change(data)
        self.admin.dashboard.update_dashboard({
            "dashboard": data, "folderUid": body["meta"].get("folderUid", ""),
            "overwrite": False, "message": "edited in the UI"})

    def provisioned_uid(self, prefix: str) -> str:
        uid = "platform-overview"
        found = self.dashboard(uid)
        if found is None or not found["meta"].get("provisioned"):
            raise AssertionError(f"the real Grafana must provision dashboard {uid!r} from "
                                 "files (provisioning/compose.yaml does)")
        return uid

    def writes(self) -> int:
        return -1

    def cleanup(self, prefix: str) -> None:
        for account in self.service_accounts:
            self.admin.serviceaccount.delete(account)
        self.service_accounts.clear()
        for hit in self.api.search.search_dashboards(query="", limit=5000):
            if hit.get("type") == "dash-db" and hit["uid"].startswith(prefix):
                self.api.dashboard.delete_dashboard(hit["uid"])
        for hit in self.api.folder.get_all_folders():
            if hit["uid"].startswith(("dk-" + prefix, prefix)):
                self.api.folder.delete_folder(hit["uid"])
