"""The one adapter over grafana-client: typed calls, retries, and errors that say what to do.

Nothing outside this module touches grafana-client. Every call goes through
:class:`~dashkit.grafana.retry.RetryPolicy` (429 with Retry-After, 5xx, timeouts and dropped or
refused connections are retried with backoff; other 4xx are not), and every failure that reaches the
caller is a :class:`GrafanaApiError` whose text never contains the credentials.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

import niquests
from grafana_client.api import GrafanaApi
from grafana_client.client import GrafanaException

from dashkit.grafana.answers import (
    api_prefix,
    grant_from_row,
    pseudo_folder,
    resource_path,
    seconds,
)
from dashkit.grafana.errors import Answer, GrafanaApiError, is_deterministic
from dashkit.grafana.live import Caller, DashboardVersion, LiveDashboard, LiveFolder, LiveGrant
from dashkit.grafana.retry import RETRIABLE_STATUS, RetryPolicy, TransientError
from dashkit.model import Resource


class GrafanaPort(Protocol):
    """What push needs from a Grafana. The adapter below implements it over HTTP."""

    def version(self) -> str: ...
    def folders(self) -> list[LiveFolder]: ...
    def folder(self, uid: str) -> LiveFolder | None: ...
    def create_folder(self, uid: str, title: str, parent: str) -> LiveFolder: ...
    def rename_folder(self, uid: str, title: str, version: int) -> None: ...
    def move_folder(self, uid: str, parent: str) -> None: ...
    def delete_folder(self, uid: str) -> None: ...
    def folder_counts(self, uid: str) -> dict[str, int] | None: ...
    def grants(self, kind: Resource, uid: str) -> list[LiveGrant]: ...
    def set_grants(self, kind: Resource, uid: str, grants: list[LiveGrant]) -> None: ...
    def dashboard(self, uid: str) -> LiveDashboard | None: ...
    def caller(self) -> Caller | None: ...
    def dashboards_tagged(self, tag: str) -> list[tuple[str, str]]: ...
    def folder_dashboards(self, uid: str) -> set[str]: ...
    def all_dashboards(self) -> list[tuple[str, str, str]]: ...
    def versions(self, uid: str) -> list[DashboardVersion]: ...
    def version_data(self, uid: str, version: int) -> dict[str, Any] | None: ...
    def save_dashboard(self, data: dict[str, Any], folder_uid: str, message: str,
                       version: int | None) -> int: ...
    def delete_dashboard(self, uid: str) -> None: ...
    def team_id(self, name: str) -> str | None: ...
    def user_id(self, login_or_email: str) -> str | None: ...
    def known_names(self) -> tuple[list[str], list[str]]: ...


class GrafanaHttp:
    """:class:`GrafanaPort` over grafana-client, one HTTP session per thread."""

    def __init__(self, url: str, credential: str | tuple[str, str], *, org_id: int = 1,
                 verify: bool | str = True, timeout: float = 10.0,
                 retry: RetryPolicy | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not a Grafana URL: {url!r}")
        self._make: Callable[[], Any] = lambda: GrafanaApi(
            auth=credential, host=parts.hostname, port=parts.port,
            url_path_prefix=api_prefix(parts.path), protocol=parts.scheme, verify=verify,
            timeout=timeout, organization_id=org_id)
        self.basic_auth = not isinstance(credential, str)
        self._local = threading.local()
        self.retry = retry or RetryPolicy()
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()

    # --- plumbing ---------------------------------------------------------------------------
    def _api(self) -> Any:
        api = getattr(self._local, "api", None)
        if api is None:
            api = self._local.api = self._make()
            api.client.s.hooks.setdefault("response", []).append(self._remember)
        return api

    def _remember(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        self._local.retry_after = response.headers.get("Retry-After")
        return response

    def _call(self, method: str, path: str, kind: str, **kwargs: Any) -> Any:
        def attempt() -> Any:
            with self._lock:
                self.requests[kind] += 1
            self._local.retry_after = None
            try:
                return getattr(self._api().client, method)(path, **kwargs)
            except GrafanaException as exc:
                answer = Answer.of(int(exc.status_code or 0), exc.response, str(exc.message))
                retriable = answer.status in RETRIABLE_STATUS or answer.status == 0
                if retriable and not is_deterministic(answer.status, answer.message):
                    raise TransientError(f"{answer.status or 'network'}: {answer.message}",
                                         seconds(getattr(self._local, "retry_after", None)),
                                         ) from None
                raise GrafanaApiError(method, "/api" + path, answer,
                                      basic_auth=self.basic_auth) from None
            except (niquests.exceptions.ConnectionError, niquests.exceptions.Timeout,
                    OSError) as exc:
                raise TransientError(f"network: {type(exc).__name__}") from None

        try:
            return self.retry.run(attempt)
        except TransientError as exc:
            raise GrafanaApiError(method, "/api" + path,
                                  Answer(0, f"gave up after {self.retry.attempts} attempts: {exc}"),
                                  basic_auth=self.basic_auth) from None

    # --- reads ------------------------------------------------------------------------------
    def version(self) -> str:
        return str(self._call("GET", "/health", "health").get("version", ""))

    def folders(self) -> list[LiveFolder]:
        """Every folder, nested ones included: one level at a time, siblings in parallel."""
        found: list[LiveFolder] = []
        level = [""]
        with ThreadPoolExecutor(max_workers=8) as pool:
            while level:
                children = [f for batch in pool.map(self._children, level) for f in batch]
                found.extend(children)
                level = [f.uid for f in children]
        return found

    def _children(self, parent: str) -> list[LiveFolder]:
        out: list[LiveFolder] = []
        page = 1
        while True:
            params: dict[str, Any] = {"limit": 1000, "page": page}
            if parent:
                params["parentUid"] = parent
            rows = self._call("GET", "/folders", "folders.list", params=params)
            out.extend(LiveFolder(r["uid"], r["title"], parent, int(r.get("version") or 0))
                       for r in rows if not pseudo_folder(r))
            if len(rows) < 1000:
                return out
            page += 1

    def folder(self, uid: str) -> LiveFolder | None:
        try:
            row = self._call("GET", f"/folders/{quote(uid)}", "folders.get")
        except GrafanaApiError as exc:
            if exc.status == 404:
                return None
            raise
        return LiveFolder(row["uid"], row["title"], row.get("parentUid") or "",
                          int(row.get("version") or 0))

    def grants(self, kind: Resource, uid: str) -> list[LiveGrant]:
        rows = self._call("GET", f"{resource_path(kind, uid)}/permissions", f"{kind}s.permissions")
        return sorted(g for g in (grant_from_row(r) for r in rows) if g is not None)

    def dashboard(self, uid: str) -> LiveDashboard | None:
        try:
            body = self._call("GET", f"/dashboards/uid/{quote(uid)}", "dashboards.get")
        except GrafanaApiError as exc:
            if exc.status == 404:
                return None
            if exc.status == 406:  # saved in the v2 schema: pkg/api/dashboard.go GetDashboard
                return self._v2_dashboard(uid)
            raise
        meta, data = body.get("meta") or {}, body.get("dashboard") or {}
        return LiveDashboard(
            uid=uid, title=str(data.get("title", "")), folder_uid=meta.get("folderUid") or "",
            version=int(data.get("version") or meta.get("version") or 0),
            provisioned=bool(meta.get("provisioned")), data=data,
            updated_by=str(meta.get("updatedBy") or ""), updated=str(meta.get("updated") or ""))

    def _v2_dashboard(self, uid: str) -> LiveDashboard:
        """What search tells of a dashboard /api cannot read: title, folder and tags."""
        hits = self._call("GET", "/search", "search",
                          params={"type": "dash-db", "dashboardUIDs": uid, "limit": 1})
        hit: dict[str, Any] = next((h for h in hits if h.get("uid") == uid), {})
        return LiveDashboard(uid=uid, title=str(hit.get("title") or uid),
                             folder_uid=str(hit.get("folderUid") or ""), version=0,
                             provisioned=False, data={"tags": list(hit.get("tags") or [])},
                             saved_as_v2=True)

    def caller(self) -> Caller | None:
        """Who this token is (pkg/api/user.go GetSignedInUser: a service account answers with
        uid ``service-account:<id>``) and what it holds (pkg/api/accesscontrol.go
        getUserPermissions). None where Grafana cannot say (10.x answers 403 for a service
        account)."""
        try:
            me = self._call("GET", "/user", "user.get")
            held = self._call("GET", "/access-control/user/permissions", "user.permissions")
        except GrafanaApiError as exc:
            if exc.status in (403, 404):
                return None
            raise
        uid = str(me.get("uid") or "")
        service_account = uid.startswith("service-account:")
        scopes = {str(a): tuple(str(s) for s in v) for a, v in (held or {}).items()
                  if isinstance(v, list)}
        write = scopes.get("dashboards:write", ())
        org_wide = bool(me.get("isGrafanaAdmin")) or any(
            s in ("*", "dashboards:*", "folders:*", "dashboards:uid:*", "folders:uid:*")
            for s in write)
        editor = "folders:uid:general" in scopes.get("folders:create", ())
        teams: tuple[str, ...] = ()
        if not service_account and not org_wide:
            teams = tuple(str(t.get("id")) for t in self._call("GET", "/user/teams",
                                                               "user.teams"))
        return Caller(login=str(me.get("login") or ""),
                      user_id=uid.split(":", 1)[1] if service_account else str(me.get("id")),
                      service_account=service_account,
                      role="Admin" if org_wide else "Editor" if editor else "Viewer",
                      org_wide=org_wide, teams=teams, scopes=scopes)

    def dashboards_tagged(self, tag: str) -> list[tuple[str, str]]:
        """(uid, title) of every dashboard carrying ``tag``."""
        found: list[tuple[str, str]] = []
        page = 1
        while True:
            hits = self._call("GET", "/search", "search", params={
                "type": "dash-db", "tag": tag, "limit": 5000, "page": page})
            found.extend((h["uid"], h.get("title", "")) for h in hits)
            if len(hits) < 5000:
                return found
            page += 1

    def folder_dashboards(self, uid: str) -> set[str]:
        """Uids of every dashboard directly in folder ``uid``, whoever owns them."""
        hits = self._call("GET", "/search", "search", params={
            "type": "dash-db", "folderUIDs": uid, "limit": 5000})
        return {h["uid"] for h in hits}

    def all_dashboards(self) -> list[tuple[str, str, str]]:
        """(uid, title, folder uid) of every dashboard the caller may see (search pages
        through them: pkg/api/search.go)."""
        found: list[tuple[str, str, str]] = []
        page = 1
        while True:
            hits = self._call("GET", "/search", "search", params={
                "type": "dash-db", "limit": 5000, "page": page})
            found.extend((h["uid"], str(h.get("title", "")), str(h.get("folderUid") or ""))
                         for h in hits)
            if len(hits) < 5000:
                return found
            page += 1

    def versions(self, uid: str) -> list[DashboardVersion]:
        body = self._call("GET", f"/dashboards/uid/{quote(uid)}/versions", "dashboards.versions",
                          params={"limit": 50})
        rows = body.get("versions", []) if isinstance(body, dict) else body
        return [DashboardVersion(int(r["version"]), str(r.get("createdBy") or ""),
                                 str(r.get("created") or ""), str(r.get("message") or ""))
                for r in rows]

    def version_data(self, uid: str, version: int) -> dict[str, Any] | None:
        try:
            body = self._call("GET", f"/dashboards/uid/{quote(uid)}/versions/{version}",
                              "dashboards.version")
        except GrafanaApiError:
            return None
        data = body.get("data")
        return data if isinstance(data, dict) else None

    def known_names(self) -> tuple[list[str], list[str]]:
        """(team names, user logins and emails) of the org, to suggest the name meant."""
        teams: list[str] = []
        page = 1
        while True:
            body = self._call("GET", "/teams/search", "teams.search",
                              params={"perpage": 1000, "page": page})
            rows = body.get("teams", []) if isinstance(body, dict) else []
            teams.extend(str(t.get("name")) for t in rows)
            if len(rows) < 1000:
                break
            page += 1
        users = [str(v) for row in self._call("GET", "/org/users", "users.list")
                 for v in (row.get("login"), row.get("email")) if v]
        return teams, users

    def team_id(self, name: str) -> str | None:
        body = self._call("GET", "/teams/search", "teams.search", params={"name": name})
        teams = [t for t in body.get("teams", []) if t.get("name") == name]
        return str(teams[0]["id"]) if teams else None

    def user_id(self, login_or_email: str) -> str | None:
        rows = self._call("GET", "/org/users/lookup", "users.lookup",
                          params={"query": login_or_email, "limit": 100})
        for row in rows:
            if login_or_email in (row.get("login"), row.get("email")):
                return str(row["userId"])
        if "@" in login_or_email:  # the lookup answers logins only; emails need the org list
            for row in self._call("GET", "/org/users", "users.list"):
                if str(row.get("email", "")).lower() == login_or_email.lower():
                    return str(row["userId"])
        return None

    # --- writes -----------------------------------------------------------------------------
    def create_folder(self, uid: str, title: str, parent: str) -> LiveFolder:
        body: dict[str, Any] = {"uid": uid, "title": title}
        if parent:
            body["parentUid"] = parent
        row = self._call("POST", "/folders", "folders.create", json=body)
        return LiveFolder(row["uid"], row["title"], parent, int(row.get("version") or 0))

    def rename_folder(self, uid: str, title: str, version: int) -> None:
        """Rename; ``version`` 0 means "the version Grafana has now" (read first)."""
        if not version:
            current = self.folder(uid)
            version = current.version if current else 0
        self._call("PUT", f"/folders/{quote(uid)}", "folders.update",
                   json={"title": title, "version": version})

    def move_folder(self, uid: str, parent: str) -> None:
        self._call("POST", f"/folders/{quote(uid)}/move", "folders.move",
                   json={"parentUid": parent})

    def delete_folder(self, uid: str) -> None:
        self._call("DELETE", f"/folders/{quote(uid)}", "folders.delete")

    def folder_counts(self, uid: str) -> dict[str, int] | None:
        """What a folder holds, counted by Grafana whoever may see it (pkg/api/folder.go
        GetFolderDescendantCounts); None where this Grafana cannot count."""
        try:
            body = self._call("GET", f"/folders/{quote(uid)}/counts", "folders.counts")
        except GrafanaApiError as exc:
            if exc.status == 404 and exc.message != "folder not found":
                return None
            raise
        return {str(k): int(v) for k, v in body.items() if isinstance(v, int)}

    def set_grants(self, kind: Resource, uid: str, grants: list[LiveGrant]) -> None:
        self._call("POST", f"{resource_path(kind, uid)}/permissions", f"{kind}s.permissions.set",
                   json={"items": [g.item() for g in grants]})

    def save_dashboard(self, data: dict[str, Any], folder_uid: str, message: str,
                       version: int | None) -> int:
        """Create (``version`` None) or update the dashboard only if Grafana still has
        ``version``: a concurrent change makes Grafana answer 412 instead of losing it."""
        dashboard = dict(data, id=None)
        if version is not None:
            dashboard["version"] = version
        body = self._call("POST", "/dashboards/db", "dashboards.save", json={
            "dashboard": dashboard, "folderUid": folder_uid, "message": message,
            "overwrite": False})
        return int(body.get("version") or 0)

    def delete_dashboard(self, uid: str) -> None:
        self._call("DELETE", f"/dashboards/uid/{quote(uid)}", "dashboards.delete")
