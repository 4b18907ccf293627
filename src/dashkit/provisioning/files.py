"""The provisioning tree on disk: written file by file (only what changed, never half), or
compared with what is there. Nothing outside the tree's own files is touched, but files
under ``dashboards/`` that the tree does not hold are removed: Grafana would load them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dashkit.build.writer import holds, remove_file, write_if_changed
from dashkit.provisioning.tree import HEADER, Tree


@dataclass
class Written:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Stale:
    """How the directory on disk differs from the tree: ``missing`` and ``changed`` files,
    and ``extra`` ones Grafana would load that the tree does not hold."""

    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.changed or self.extra)


def _extra(tree: Tree, root: Path) -> list[str]:
    found = []
    for managed in tree.managed:
        folder = root / managed
        if folder.is_dir():
            found += [p.relative_to(root).as_posix() for p in sorted(folder.rglob("*"))
                      if p.is_file() and p.relative_to(root).as_posix() not in tree.files]
    generated = HEADER.split("{")[0].encode()
    for name in ("datasources/dashkit.yaml",):
        path = root / name
        if name not in tree.files and path.is_file() and path.read_bytes().startswith(generated):
            found.append(name)
    return found


def write_tree(tree: Tree, root: Path) -> Written:
    result = Written()
    for rel, content in sorted(tree.files.items()):
        (result.written if write_if_changed(root / rel, content) else result.unchanged
         ).append(rel)
    for rel in _extra(tree, root):
        remove_file(root / rel, root)
        result.removed.append(rel)
    return result


def check_tree(tree: Tree, root: Path) -> Stale:
    stale = Stale()
    for rel, content in sorted(tree.files.items()):
        path = root / rel
        if not path.is_file():
            stale.missing.append(rel)
        elif not holds(path, content):
            stale.changed.append(rel)
    stale.extra = _extra(tree, root)
    return stale
