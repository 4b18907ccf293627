"""``dashboards build``: discover modules, compile what changed, write canonical JSON.

Modules whose source and local imports are unchanged since the last build are not imported
again; their dashboards are taken from the build cache. Modules are compiled in parallel
processes when there are many. Files are rewritten only when their bytes change, and a build
with errors never deletes anything.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dashkit.build.cache import (
    CACHE_NAME,
    SELF,
    CachedModule,
    read_cache,
    render_cache,
    still_valid,
    toolkit_fingerprint,
)
from dashkit.build.manifest import MANIFEST_NAME, ManifestEntry, read_manifest, render_manifest
from dashkit.build.modules import STAGING, ModuleOutcome, compile_modules
from dashkit.build.writer import FolderBusy, folder_lock, move_into_place, remove_file
from dashkit.build.writer import write_if_changed
from dashkit.ids import slug
from dashkit.model import DEFAULT_BUILD, BuildOptions
from dashkit.problems import Location, Problem, UserError

LOCK_NAME = ".dashkit-build.lock"
"""Held while a build writes to its folder: two builds into one folder would delete each
other's staged outputs."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did: dashboards, files written/unchanged/removed, and every problem."""

    entries: list[ManifestEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    modules: int = 0
    compiled_modules: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def build(paths: Sequence[Path], out_dir: Path, *, root: Path, jobs: int | None = None,
          use_cache: bool = True, options: BuildOptions = DEFAULT_BUILD) -> BuildReport:
    """Build every dashboard under ``paths`` into ``out_dir``; see the module docstring."""
    try:
        with folder_lock(out_dir, LOCK_NAME):
            return _build(paths, out_dir, root=root, jobs=jobs, use_cache=use_cache,
                          options=options)
    except FolderBusy:
        raise UserError(f"another dashboards command is building into {out_dir}",
                        hints=("wait for it to finish and run this again, or build into "
                               "another folder with --out",)) from None


def _build(paths: Sequence[Path], out_dir: Path, *, root: Path, jobs: int | None,
           use_cache: bool, options: BuildOptions) -> BuildReport:
    toolkit = toolkit_fingerprint(options.fingerprint)
    shutil.rmtree(out_dir / STAGING, ignore_errors=True)
    cache = read_cache(out_dir, toolkit) if use_cache else {}
    scope = _Scope.of(paths, root, read_manifest(out_dir))

    # Scope and cache: compile the modules whose cached outputs cannot be reused.
    reusable = {path: entry for path, entry in cache.items() if still_valid(entry, out_dir)}
    outcomes, modules = compile_modules(
        paths, root=root, jobs=jobs, out_dir=out_dir,
        skip={path: entry.digest for path, entry in reusable.items()},
        options=options)
    compiled = {o.path for o in outcomes}
    found = {str(p) for p in modules}
    kept = {p: e for p, e in reusable.items() if p in found and p not in compiled}

    # Every uid belongs to one module, across this build and the rest of the folder.
    outcomes, kept = _without_duplicate_uids(outcomes, kept, scope.elsewhere)

    # Write out: staged files into place, stale entries for failed modules, then removals.
    written = _write_out(outcomes, kept, scope, out_dir)
    removed = _remove_outputs_no_longer_built(written, scope, out_dir)
    shutil.rmtree(out_dir / STAGING, ignore_errors=True)  # outputs refused by this build
    report = BuildReport(
        entries=sorted(written.entries, key=lambda e: (e.folder, e.uid)),
        problems=written.problems, written=written.written, unchanged=written.unchanged,
        removed=removed, modules=len(modules), compiled_modules=len(outcomes))
    new_cache = {**{p: e for p, e in cache.items() if not scope.contains(p)},
                 **written.cache}
    out_dir.mkdir(parents=True, exist_ok=True)
    if report.compiled_modules or report.removed or new_cache.keys() != cache.keys():
        write_if_changed(out_dir / MANIFEST_NAME, render_manifest(report.entries))
        write_if_changed(out_dir / CACHE_NAME, render_cache(toolkit, new_cache))
    return report


@dataclass(frozen=True)
class _Scope:
    """The modules this build is about (``paths``), and the previous build's entries split
    into theirs (``inside``, which this build replaces) and the rest (``elsewhere``, left
    alone: building some modules never touches the outputs of the others)."""

    paths: tuple[str, ...]
    prefixes: tuple[str, ...]
    inside: tuple[ManifestEntry, ...]
    elsewhere: tuple[ManifestEntry, ...]

    @classmethod
    def of(cls, paths: Sequence[Path], root: Path, previous: list[ManifestEntry]) -> _Scope:
        resolved = tuple(str(p.resolve()) for p in paths)
        prefixes = tuple(s.rstrip(os.sep) + os.sep for s in resolved)
        real_root = os.path.realpath(root)

        def contains(path: str) -> bool:
            return path in resolved or path.startswith(prefixes)

        inside: list[ManifestEntry] = []
        elsewhere: list[ManifestEntry] = []
        for entry in previous:
            module = os.path.normpath(os.path.join(real_root, entry.source))
            (inside if contains(module) else elsewhere).append(entry)
        return cls(resolved, prefixes, tuple(inside), tuple(elsewhere))

    def contains(self, path: str) -> bool:
        """``path`` (resolved) is one of the paths or inside one of those folders."""
        return path in self.paths or path.startswith(self.prefixes)


def _without_duplicate_uids(outcomes: list[ModuleOutcome], kept: dict[str, CachedModule],
                            elsewhere: Sequence[ManifestEntry],
                            ) -> tuple[list[ModuleOutcome], dict[str, CachedModule]]:
    """A uid used by two modules: neither module is written, both are named. A cached
    module that takes part becomes a failed outcome like a compiled one."""
    users: dict[str, list[str]] = defaultdict(list)
    for entry in elsewhere:
        users[entry.uid].append(entry.source)
    for outcome in outcomes:
        for dashboard in outcome.dashboards:
            users[dashboard.uid].append(outcome.display)
    for cached in kept.values():
        for entry in cached.entries:
            users[entry.uid].append(entry.source)
    clashes = {uid: ", ".join(sorted(sources)) for uid, sources in users.items()
               if len(sources) > 1}
    if not clashes:
        return outcomes, kept

    def problem(uid: str, source: str) -> Problem:
        named = [s for s in sorted(set(users[uid])) if _uid_from_file_name(uid, s)]
        hint = ("give each dashboard its own uid",)
        if named:
            files = " and ".join(named)
            noun = "file name" if len(named) == 1 else "file names"
            hint = (f"uid {uid!r} comes from the {noun} {files}; set uid= in the "
                    "dashboard to tell them apart",)
        return Problem(f"uid {uid!r} is used by more than one dashboard ({clashes[uid]})",
                       Location(source, dashboard=uid, field="uid"), hint)

    checked = []
    for outcome in outcomes:
        mine = [uid for uid in clashes if outcome.display in users[uid]]
        checked.append(outcome.refused(*(problem(uid, outcome.display) for uid in mine))
                       if mine else outcome)
    still_kept = {}
    for path, cached in kept.items():
        mine = [uid for uid in clashes if any(e.uid == uid for e in cached.entries)]
        if not mine:
            still_kept[path] = cached
            continue
        source = cached.entries[0].source if cached.entries else path
        checked.append(ModuleOutcome(path, source, cached.digest, cached.deps, (), tuple(
            problem(uid, source) for uid in mine)))
    return checked, still_kept


def _uid_from_file_name(uid: str, source: str) -> bool:
    """Whether ``uid`` is the one a dashboard without its own gets from ``source``'s name."""
    stem = slug(PurePosixPath(source).name.removesuffix(".py").removesuffix(".dashboard"))
    return uid == stem[:40] or (uid.startswith(f"{stem}-") and uid[len(stem) + 1:].isdigit())


@dataclass(frozen=True)
class _Written:
    """What writing out left in the build folder, and the cache entries that describe it."""

    entries: list[ManifestEntry]
    problems: list[Problem]
    written: list[str]
    unchanged: list[str]
    cache: dict[str, CachedModule]


def _write_out(outcomes: list[ModuleOutcome], kept: dict[str, CachedModule], scope: _Scope,
               out_dir: Path) -> _Written:
    """Move each successful module's staged outputs into place; a failed module keeps its
    previous outputs, marked stale."""
    result = _Written(list(scope.elsewhere), [], [], [], {})
    for path, cached in sorted(kept.items()):
        result.entries.extend(cached.entries)
        result.problems.extend(cached.warnings)
        result.unchanged.extend(e.path for e in cached.entries)
        result.cache[path] = cached
    previous: dict[str, list[ManifestEntry]] = defaultdict(list)
    for entry in scope.inside:
        previous[entry.source].append(entry)
    folders: set[str] = set()
    out_text = str(out_dir)
    for outcome in sorted(outcomes, key=lambda o: o.display):
        result.problems.extend(outcome.problems)
        if outcome.failed:
            result.entries.extend(ManifestEntry.of(e, stale=True)
                                  for e in previous[outcome.display]
                                  if (out_dir / e.path).exists())
            continue
        made = []
        for dashboard in outcome.dashboards:
            staged = outcome.staged.get(dashboard.relpath)
            if staged:
                move_into_place(staged, os.path.join(out_text, dashboard.relpath), folders)
            (result.written if staged else result.unchanged).append(dashboard.relpath)
            made.append(ManifestEntry.of(dashboard))
        result.entries.extend(made)
        result.cache[outcome.path] = CachedModule(
            deps={SELF: outcome.digest, **outcome.deps}, entries=tuple(made),
            warnings=tuple(p for p in outcome.problems if not p.is_error),
            outputs={d.relpath: outcome.stats[d.relpath] for d in outcome.dashboards})
    return result


def _remove_outputs_no_longer_built(written: _Written, scope: _Scope,
                                    out_dir: Path) -> list[str]:
    """Outputs of this build's modules that it did not make again; only after a build
    without errors (a failed build deletes nothing)."""
    if any(p.is_error for p in written.problems):
        return []
    live = {e.path for e in written.entries}
    removed = []
    for entry in scope.inside:
        if entry.path not in live:
            remove_file(out_dir / entry.path, out_dir)
            removed.append(entry.path)
    return removed


@dataclass(frozen=True)
class Built:
    """A dashboard as the build folder holds it: its manifest entry and its bytes."""

    entry: ManifestEntry
    content: bytes = field(repr=False)


def built_dashboards(paths: Sequence[Path], *, root: Path, build_dir: Path,
                     jobs: int | None = None, purpose: str = "continue",
                     options: BuildOptions = DEFAULT_BUILD) -> list[Built]:
    """Build incrementally, then return the dashboards of the modules under ``paths``.

    Commands that need compiled dashboards (diff, push, lint) go through here, so modules
    unchanged since the last build are not compiled again. Any module error stops them.
    """
    report = build(paths, build_dir, root=root, jobs=jobs, options=options)
    if not report.ok:
        raise UserError(f"{len(report.errors)} dashboard module problem(s); fix them to "
                        f"{purpose}", details="\n".join(p.render() for p in report.errors),
                        hints=("run 'dashboards build' for the details",))
    scope = [p.absolute() for p in paths]
    base = root.absolute()
    return [Built(entry, (build_dir / entry.path).read_bytes()) for entry in report.entries
            if any((base / entry.source) == s or (base / entry.source).is_relative_to(s)
                   for s in scope)]
