"""Dashboards read from a Grafana for ``dashboards import --target``: by uid, every one in a
folder (and its subfolders), or all, each with the folder path it lives in. Reads only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dashkit.grafana.client import GrafanaPort
from dashkit.grafana.live import LiveFolder
from dashkit.problems import UserError


@dataclass(frozen=True)
class Exported:
    uid: str
    title: str
    folder: str
    """The folder path, titles joined by '/'; "" for the top level."""
    data: dict[str, Any] | None
    problem: str = ""
    folder_uid: str = ""
    """Why it cannot be imported (saved in the v2 schema, gone since it was listed)."""


def exported(port: GrafanaPort, *, uids: Sequence[str] = (), folder: str | None = None,
             everything: bool = False) -> tuple[list[Exported], list[LiveFolder]]:
    """The dashboards asked for, in uid order, and the folders they are in (with parents)."""
    all_folders = port.folders()
    folders = {f.uid: f for f in all_folders}

    def path_of(uid: str) -> str:
        parts, seen = [], set()
        while uid in folders and uid not in seen:
            seen.add(uid)
            parts.append(folders[uid].title)
            uid = folders[uid].parent
        return "/".join(reversed(parts))

    if uids:
        wanted = sorted(set(uids))
    else:
        listed = port.all_dashboards()
        if folder is not None and not everything:
            paths = {path_of(uid): uid for uid in folders}
            if folder.strip("/") not in paths:
                known = ", ".join(sorted(p for p in paths if p)) or "none"
                raise UserError(f"no folder {folder!r} in that Grafana",
                                hints=(f"its folders: {known}",))
            root = folder.strip("/")
            listed = [item for item in listed if path_of(item[2]) == root
                      or path_of(item[2]).startswith(root + "/")]
        wanted = sorted({uid for uid, _, _ in listed})
    out = []
    for uid in wanted:
        live = port.dashboard(uid)
        if live is None:
            out.append(Exported(uid, uid, "", None, f"no dashboard with uid {uid!r} there"))
        elif live.saved_as_v2:
            out.append(Exported(uid, live.title, path_of(live.folder_uid), None,
                                "is saved in Grafana 12's v2 schema, which /api cannot read"))
        else:
            out.append(Exported(uid, live.title, path_of(live.folder_uid), live.data,
                                folder_uid=live.folder_uid))
    return out, folders_of(all_folders, out)


def folders_of(port_folders: Sequence[LiveFolder], items: Sequence[Exported]) -> list[LiveFolder]:
    """The folders the dashboards are in and their parents, parents first: what
    dashboards.yaml must declare (with these uids) for push to find them where they are."""
    by_uid = {f.uid: f for f in port_folders}
    chosen: dict[str, LiveFolder] = {}

    def add(uid: str) -> None:
        folder = by_uid.get(uid)
        if folder is None or uid in chosen:
            return
        add(folder.parent)
        chosen[uid] = folder

    for item in items:
        add(item.folder_uid)
    return list(chosen.values())
