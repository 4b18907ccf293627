"""Grafana's answers read into this project's types, and the paths the client asks."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from dashkit.grafana.live import LiveGrant
from dashkit.model import GrantKind, Permission, Resource

SHARED_WITH_ME = "sharedwithme"


def pseudo_folder(row: dict[str, Any]) -> bool:
    """Grafana 11/12 lists "Shared with me" first on page 1 of the top level for a caller
    without access to every folder (pkg/services/folder/folderimpl/folder.go getRootFolders,
    pkg/services/folder/model.go SharedWithMeFolder, id -1). It is a view, not a folder."""
    return row.get("uid") == SHARED_WITH_ME or row.get("id") == -1


def api_prefix(path: str) -> str:
    """The sub-path of a Grafana URL as grafana-client's ``url_path_prefix`` wants it.

    grafana-client builds ``{protocol}://{host}/{url_path_prefix}api`` (client.py,
    construct_api_url), so a prefix needs a trailing slash and no leading one:
    ``/grafana`` -> ``grafana/``, giving ``/grafana/api``, not ``/grafanaapi``.
    """
    path = path.strip("/")
    return f"{path}/" if path else ""


def resource_path(kind: Resource, uid: str) -> str:
    if kind is Resource.FOLDER:
        return f"/folders/{quote(uid)}"
    return f"/dashboards/uid/{quote(uid)}"


def grant_from_row(row: dict[str, Any]) -> LiveGrant | None:
    """A row of GET /api/folders/:uid/permissions (or the dashboard one), if it is managed."""
    if row.get("inherited"):
        return None
    permission = Permission.of_level(int(row.get("permission") or 0))
    if permission is None:
        return None
    if row.get("role"):
        return LiveGrant(GrantKind.ROLE, str(row["role"]), str(row["role"]), permission)
    if row.get("teamId"):
        return LiveGrant(GrantKind.TEAM, str(row["teamId"]),
                         str(row.get("team") or row["teamId"]), permission)
    if row.get("userId"):
        name = row.get("userLogin") or row.get("userEmail") or row["userId"]
        return LiveGrant(GrantKind.USER, str(row["userId"]), str(name), permission)
    return None


def seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None
