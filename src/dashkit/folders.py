"""The folder tree: declared folders plus the ones dashboards name by path, parents first."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashkit.ids import slug
from dashkit.model import FolderSpec
from dashkit.problems import Location, Problem, UserError

MAX_FOLDER_DEPTH = 5
"""Grafana refuses a folder whose parent already has 4 ancestors: 5 levels at most."""

DERIVED_PREFIX = "dk-"
"""Folders a dashboard names by path without declaring them get uids with this prefix."""


@dataclass
class FolderTree:
    """Folders by uid, and the uid of every folder path (``"Platform/Pipeline"``)."""

    folders: dict[str, FolderSpec] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)

    def depth(self, uid: str) -> int:
        depth, current = 0, uid
        while current:
            depth += 1
            current = self.folders[current].parent
        return depth

    def ordered(self) -> list[FolderSpec]:
        """Parents before children; siblings by uid."""
        return sorted(self.folders.values(), key=lambda f: (self.depth(f.uid), f.uid))

    def path_of(self, uid: str) -> str:
        parts = []
        while uid:
            parts.append(self.folders[uid].title)
            uid = self.folders[uid].parent
        return "/".join(reversed(parts))


def declared_paths(declared: Iterable[FolderSpec]) -> dict[str, str]:
    """The path of titles of every declared folder -> its uid (the declaration unchecked:
    a parent that is missing or a cycle ends the path there)."""
    folders = {f.uid: f for f in declared}
    out = {}
    for folder in folders.values():
        parts: list[str] = []
        seen: set[str] = set()
        current: FolderSpec | None = folder
        while current is not None and current.uid not in seen:
            seen.add(current.uid)
            parts.append(current.title)
            current = folders.get(current.parent) if current.parent else None
        out["/".join(reversed(parts))] = folder.uid
    return out


def undeclared(declared: Iterable[FolderSpec], named: dict[str, list[str]],
               config: str | None = None) -> list[Problem]:
    """A problem for every folder path that dashboards name (``named``: path -> the
    dashboards naming it) and no ``folders:`` entry declares, with the nearest declared
    paths: a typo or a renamed title would otherwise make a new folder nobody declared."""
    paths = declared_paths(declared)
    problems = []
    for path, names in sorted(named.items()):
        if not path or path in paths:
            continue
        close = difflib.get_close_matches(path, list(paths), n=3, cutoff=0.6)
        guess = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        problems.append(Problem(
            f"folder {path!r}, named by dashboard {', '.join(names)}, is not declared in "
            f"folders:{guess}", Location(config, field="folders"),
            ("fix the dashboard's folder, declare the folder under folders: in "
             "dashboards.yaml, or set 'undeclared_folders: create' to let push make it",)))
    return problems


def derived_uid(path: str) -> str:
    uid = DERIVED_PREFIX + slug(path)
    if len(uid) > 40 or not slug(path):
        uid = uid[:31] + "-" + hashlib.sha256(path.encode()).hexdigest()[:8]
    return uid


def build_tree(declared: Iterable[FolderSpec], dashboard_folders: Iterable[str],
               config: str | None = None) -> FolderTree:
    """Check the declared folders and add the undeclared ones that dashboards name."""
    tree = FolderTree()
    where = Location(config, field="folders") if config else Location(field="folders")
    for folder in declared:
        if folder.uid in tree.folders:
            raise UserError(f"folder uid {folder.uid!r} is declared twice", location=where)
        tree.folders[folder.uid] = folder
    for folder in tree.folders.values():
        if folder.parent and folder.parent not in tree.folders:
            raise UserError(f"folder {folder.uid!r} has parent {folder.parent!r}, which is not "
                            "declared", location=where,
                            hints=("declare the parent folder, or remove 'parent'",))
    for folder in tree.folders.values():
        _check_cycle(tree, folder.uid, where)
    for folder in tree.ordered():
        path = tree.path_of(folder.uid)
        if path in tree.paths:
            raise UserError(f"two folders have the path {path!r}", location=where,
                            hints=("give sibling folders different titles",))
        tree.paths[path] = folder.uid
    for path in sorted(set(dashboard_folders)):
        _add_path(tree, path)
    for folder in tree.folders.values():
        if tree.depth(folder.uid) > MAX_FOLDER_DEPTH:
            raise UserError(f"folder {tree.path_of(folder.uid)!r} is {tree.depth(folder.uid)} "
                            f"levels deep; Grafana allows {MAX_FOLDER_DEPTH}", location=where,
                            hints=("flatten the folder tree",))
    return tree


def _add_path(tree: FolderTree, path: str) -> None:
    parent = ""
    parts = [p for p in path.split("/") if p]
    for depth in range(1, len(parts) + 1):
        prefix = "/".join(parts[:depth])
        uid = tree.paths.get(prefix)
        if uid is None:
            uid = derived_uid(prefix)
            if uid in tree.folders:
                raise UserError(f"folder path {prefix!r} needs uid {uid!r}, which another "
                                "folder has", hints=("declare this folder with its own uid",))
            tree.folders[uid] = FolderSpec(uid, parts[depth - 1], parent, None, declared=False)
            tree.paths[prefix] = uid
        parent = uid


def _check_cycle(tree: FolderTree, uid: str, where: Location) -> None:
    seen = {uid}
    current = tree.folders[uid].parent
    while current:
        if current in seen:
            raise UserError(f"folder {uid!r} is its own ancestor", location=where,
                            hints=("fix the 'parent' settings so they form a tree",))
        seen.add(current)
        current = tree.folders[current].parent
