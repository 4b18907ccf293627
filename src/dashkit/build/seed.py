"""Seeding another checkout's build folder from this one's, for a fast build of a git base.

``dashboards diff --base REF`` builds the base revision in a temporary worktree. Most modules
are the same there as here; their outputs and cache entries are carried over (hard links when
the file system allows), so the base build compiles only what differs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dashkit.build.discover import file_digest
from dashkit.build.cache import (
    CACHE_NAME,
    SELF,
    CachedModule,
    read_cache,
    render_cache,
    still_valid,
    toolkit_fingerprint,
)
from dashkit.build.writer import write_if_changed


def seed_build(source_dir: Path, source_root: Path, target_dir: Path, target_root: Path,
               options: str = "") -> int:
    """Give ``target_dir`` the outputs of every module that is the same under
    ``target_root`` as it was when ``source_dir`` was built from ``source_root`` (same path,
    same bytes, same local imports), with its cache entry, so a build there compiles only
    what differs. Used to build another checkout (a git base) of the same project quickly.
    ``options`` is the fingerprint of the build options both builds use. Returns how many
    modules were carried over."""
    toolkit = toolkit_fingerprint(options)
    seeded: dict[str, CachedModule] = {}
    for path, entry in read_cache(source_dir, toolkit).items():
        if not still_valid(entry, source_dir):
            continue
        deps = _rerooted(entry.deps, Path(path), source_root, target_root)
        if deps is None:
            continue
        outputs = {}
        for relpath in entry.outputs:
            copied = target_dir / relpath
            copied.parent.mkdir(parents=True, exist_ok=True)
            try:  # a hard link costs nothing; a later write there replaces the link, not this
                os.link(source_dir / relpath, copied)
            except OSError:
                shutil.copy2(source_dir / relpath, copied)
            stat = copied.stat()
            outputs[relpath] = (stat.st_size, stat.st_mtime_ns)
        module = target_root / Path(path).relative_to(source_root)
        seeded[str(module)] = CachedModule(deps, entry.entries, entry.warnings, outputs)
    target_dir.mkdir(parents=True, exist_ok=True)
    write_if_changed(target_dir / CACHE_NAME, render_cache(toolkit, seeded))
    return len(seeded)


def _rerooted(deps: dict[str, str], module: Path, source_root: Path,
              target_root: Path) -> dict[str, str] | None:
    """The module's dependencies as they would be under ``target_root``, if all unchanged."""
    out = {}
    for dep, digest in deps.items():
        original = module if dep == SELF else Path(dep)
        if not original.is_relative_to(source_root):
            if dep == SELF:
                return None
            moved = original  # outside the project: the very same file
        else:
            moved = target_root / original.relative_to(source_root)
        try:
            if file_digest(moved) != digest:
                return None
        except OSError:
            return None
        out[dep if dep == SELF else str(moved)] = digest
    return out
