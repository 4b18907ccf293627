"""``dashboards build``: discover modules, compile what changed, write canonical JSON.

Modules whose source and local imports are unchanged since the last build are not imported
again; their dashboards are taken from the build cache. Modules are compiled in parallel
processes when there are many. Files are rewritten only when their bytes change, and a build
with errors never deletes anything.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import importlib.util
import io
import os
import shutil
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dashkit.build.compile import compile_dashboard
from dashkit.build.discover import file_digest, find_modules, load_module
from dashkit.problems import Location, Problem, Severity, UserError
from dashkit.build.manifest import (
    CACHE_NAME,
    MANIFEST_NAME,
    CachedModule,
    ManifestEntry,
    read_cache,
    read_manifest,
    render_cache,
    render_manifest,
)
from dashkit.model import CompiledDashboard
from dashkit.build.writer import (
    FolderBusy,
    folder_lock,
    held_stat,
    move_into_place,
    remove_file,
    write_if_changed,
    write_temp,
)

STAGING = ".dashkit-staging"
"""Complete outputs wait here until the build has checked every module (uids across modules)."""

PARALLEL_THRESHOLD = 16
"""Below this many modules to compile, worker processes cost more than they save."""


@dataclass
class ModuleOutcome:
    path: str
    display: str
    digest: str
    deps: dict[str, str]
    dashboards: list[CompiledDashboard]
    problems: list[Problem]
    staged: dict[str, str] = field(default_factory=dict)  # relpath -> complete temp file
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)
    """relpath -> (size, mtime_ns) of the output as it will be once in place."""

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass
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


def compile_module(path: str, display: str, out_dir: str | None = None) -> ModuleOutcome:
    """Import one module and compile its dashboards; all or nothing for the module.

    With ``out_dir``, each dashboard whose bytes differ from the file already there is
    written to a complete temporary file in the staging folder (in this worker, so writing
    runs in parallel too); the build moves it into place only if the whole build allows it.
    """
    loaded = load_module(Path(path), display)
    problems = list(loaded.problems)
    dashboards: list[CompiledDashboard] = []
    for spec, default_uid in loaded.specs:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            result = compile_dashboard(spec, display, default_uid)
        problems.extend(result.problems)
        if result.dashboard is not None:
            dashboards.append(result.dashboard)
        if printed.getvalue().strip():
            problems.append(Problem("grafanalib printed while compiling", Location(display),
                                    details=printed.getvalue(), severity=Severity.WARNING))
    outcome = ModuleOutcome(path, display, loaded.digest, loaded.deps, dashboards, problems)
    if outcome.failed:
        outcome.dashboards = []
    elif out_dir is not None:
        _stage(outcome, Path(out_dir))
    return outcome


def _stage(outcome: ModuleOutcome, out_dir: Path) -> None:
    light = []
    for dashboard in outcome.dashboards:
        stat = held_stat(out_dir / dashboard.relpath, dashboard.content)
        if stat is None:
            # A folder per worker: workers creating files side by side in one folder wait
            # on each other's lock of that folder.
            staged = write_temp(out_dir / STAGING / str(os.getpid()), dashboard.content)
            outcome.staged[dashboard.relpath] = str(staged)
            stat = staged.stat()  # a rename keeps size and mtime
        outcome.stats[dashboard.relpath] = (stat.st_size, stat.st_mtime_ns)
        light.append(replace(dashboard, content=b""))  # no need to send it back
    outcome.dashboards = light


def _worker_setup() -> None:
    # Dashboards allocate many small objects and free them by reference counting; collecting
    # cycles every 700 allocations costs time and finds little.
    gc.set_threshold(20_000, 20, 20)


WorkItem = tuple[str, str, str | None]
"""What a worker needs to compile one module: path, display path, output folder."""


def _compile_chunk(items: list[WorkItem]) -> list[ModuleOutcome]:
    return [compile_module(*item) for item in items]


def _chunks(work: list[WorkItem], jobs: int, largest: int = 16) -> list[list[WorkItem]]:
    """Work in shrinking chunks: big ones first (less traffic between processes), small ones
    last, so the workers finish together instead of one waiting for the other's last chunk."""
    chunks, start = [], 0
    while start < len(work):
        size = max(1, min(largest, (len(work) - start) // (jobs * 4)))
        chunks.append(work[start:start + size])
        start += size
    return chunks


COMPILER_PARTS = ("build", "catalog", "ids.py", "model.py", "problems.py", "style")
"""The parts of dashkit that decide what a build writes (not lint, push or the CLI)."""


def toolkit_fingerprint() -> str:
    """Changes whenever the compiler, grafanalib or Python changes: all cached work is void."""
    digest = hashlib.sha256(sys.version.encode())
    grafanalib = importlib.util.find_spec("grafanalib")
    if grafanalib is not None and grafanalib.origin:
        for source in sorted(Path(grafanalib.origin).parent.glob("*.py")):
            stat = source.stat()
            digest.update(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    package = Path(__file__).resolve().parents[1]
    for part in COMPILER_PARTS:
        path = package / part
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` if it is inside, else as it is."""
    text, base = str(path), str(root).rstrip(os.sep)
    if text.startswith(base + os.sep):
        return Path(text[len(base) + 1:]).as_posix()
    return text


def _within(scope: Sequence[str]) -> tuple[str, ...]:
    """Prefixes of the given resolved paths, for :func:`_in_scope`."""
    return tuple(s.rstrip(os.sep) + os.sep for s in scope)


def _in_scope(path: str, scope: Sequence[str], prefixes: tuple[str, ...]) -> bool:
    """``path`` is one of ``scope`` or inside one of those folders (resolved strings)."""
    return path in scope or path.startswith(prefixes)


def compile_modules(paths: Sequence[Path], *, root: Path, jobs: int | None = None,
                    skip: dict[str, str] | None = None,
                    out_dir: Path | None = None) -> tuple[list[ModuleOutcome], list[Path]]:
    """Compile every module under ``paths`` except those in ``skip`` (path -> digest).

    With ``out_dir``, changed outputs are staged there (see :func:`compile_module`)."""
    modules = find_modules(paths)
    work: list[WorkItem] = []
    for module in modules:
        known = skip.get(str(module)) if skip else None
        if known is not None and _digest_or_none(module) == known:
            continue
        work.append((str(module), display_path(module, root), str(out_dir) if out_dir else None))
    jobs = jobs or os.cpu_count() or 1
    parallel = jobs > 1 and len(work) >= PARALLEL_THRESHOLD
    outcomes = _compile_in_workers(work, jobs) if parallel else None
    if outcomes is None:
        outcomes = [compile_module(*item) for item in work]
    return outcomes, modules


def _compile_in_workers(work: list[WorkItem], jobs: int) -> list[ModuleOutcome] | None:
    """Compile in forked workers, in order; None where processes cannot be forked."""
    from dashkit.build.workers import can_fork, forked_pool  # only a parallel build needs them

    if not can_fork():
        return None
    import grafanalib.core  # noqa: F401  (once here, inherited by every forked worker)

    with forked_pool(jobs, initializer=_worker_setup) as pool:
        futures = [pool.submit(_compile_chunk, chunk) for chunk in _chunks(work, jobs)]
        return [outcome for future in futures for outcome in future.result()]


def _digest_or_none(path: Path) -> str | None:
    """The file's digest, or None if it cannot be read (compiling it will say why)."""
    try:
        return file_digest(path)
    except OSError:
        return None


LOCK_NAME = ".dashkit-build.lock"
"""Held while a build writes to its folder: two builds into one folder would delete each
other's staged outputs."""


def build(paths: Sequence[Path], out_dir: Path, *, root: Path, jobs: int | None = None,
          use_cache: bool = True) -> BuildReport:
    """Build every dashboard under ``paths`` into ``out_dir``; see the module docstring."""
    try:
        with folder_lock(out_dir, LOCK_NAME):
            return _build(paths, out_dir, root=root, jobs=jobs, use_cache=use_cache)
    except FolderBusy:
        raise UserError(f"another dashboards command is building into {out_dir}",
                        hints=("wait for it to finish and run this again, or build into "
                               "another folder with --out",)) from None


def _build(paths: Sequence[Path], out_dir: Path, *, root: Path, jobs: int | None,
           use_cache: bool) -> BuildReport:
    toolkit = toolkit_fingerprint()
    shutil.rmtree(out_dir / STAGING, ignore_errors=True)
    cache = read_cache(out_dir, toolkit) if use_cache else {}
    fresh_cache = {path: entry for path, entry in cache.items() if still_valid(entry, out_dir)}
    skip = {path: entry.deps["__self__"] for path, entry in fresh_cache.items()}
    outcomes, modules = compile_modules(paths, root=root, jobs=jobs, skip=skip,
                                        out_dir=out_dir)
    report = BuildReport(modules=len(modules), compiled_modules=len(outcomes))

    compiled_paths = {o.path for o in outcomes}
    all_modules = {str(p) for p in modules}
    kept = {p: e for p, e in fresh_cache.items() if p in all_modules and p not in compiled_paths}

    # Building some modules leaves the outputs of the others alone.
    scope = [str(p.resolve()) for p in paths]
    prefixes = _within(scope)
    real_root = os.path.realpath(root)
    previous: list[ManifestEntry] = []
    elsewhere: list[ManifestEntry] = []
    for entry in read_manifest(out_dir):
        module = os.path.normpath(os.path.join(real_root, entry.source))
        (previous if _in_scope(module, scope, prefixes) else elsewhere).append(entry)
    _reject_duplicate_uids(outcomes, kept, report, elsewhere)
    by_source: dict[str, list[ManifestEntry]] = defaultdict(list)
    for entry in previous:
        by_source[entry.source].append(entry)

    new_cache = {path: entry for path, entry in cache.items()
                 if not _in_scope(path, scope, prefixes)}
    entries: list[ManifestEntry] = list(elsewhere)
    folders: set[str] = set()
    out_text = str(out_dir)
    for path, cached in sorted(kept.items()):
        entries.extend(cached.entries)
        report.problems.extend(cached.warnings)
        report.unchanged.extend(e.path for e in cached.entries)
        new_cache[path] = cached
    for outcome in sorted(outcomes, key=lambda o: o.display):
        report.problems.extend(outcome.problems)
        if outcome.failed:
            entries.extend(_as_stale(by_source.get(outcome.display, []), out_dir))
            continue
        outputs: dict[str, tuple[int, int]] = {}
        made: list[ManifestEntry] = []
        for dashboard in outcome.dashboards:
            staged = outcome.staged.get(dashboard.relpath)
            if staged:
                move_into_place(staged, os.path.join(out_text, dashboard.relpath), folders)
            (report.written if staged else report.unchanged).append(dashboard.relpath)
            outputs[dashboard.relpath] = outcome.stats[dashboard.relpath]
            made.append(ManifestEntry.of(dashboard))
        entries.extend(made)
        new_cache[outcome.path] = CachedModule(
            deps={"__self__": outcome.digest, **outcome.deps}, entries=made,
            warnings=[p for p in outcome.problems if not p.is_error], outputs=outputs)

    if report.ok:
        live = {e.path for e in entries}
        for entry in previous:
            if entry.path not in live:
                remove_file(out_dir / entry.path, out_dir)
                report.removed.append(entry.path)
    shutil.rmtree(out_dir / STAGING, ignore_errors=True)  # outputs refused by this build
    report.entries = sorted(entries, key=lambda e: (e.folder, e.uid))
    out_dir.mkdir(parents=True, exist_ok=True)
    if report.compiled_modules or report.removed or new_cache.keys() != cache.keys():
        write_if_changed(out_dir / MANIFEST_NAME, render_manifest(report.entries))
        write_if_changed(out_dir / CACHE_NAME, render_cache(toolkit, new_cache))
    return report


def still_valid(entry: CachedModule, out_dir: Path) -> bool:
    """The module's local imports are unchanged and its outputs are as it left them."""
    for dep, digest in entry.deps.items():
        if dep == "__self__":
            continue
        try:
            if file_digest(Path(dep)) != digest:
                return False
        except OSError:
            return False
    folder = str(out_dir)
    for relpath, (size, mtime) in entry.outputs.items():
        try:
            stat = os.stat(os.path.join(folder, relpath))
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            return False
    return "__self__" in entry.deps


def _as_stale(entries: list[ManifestEntry], out_dir: Path) -> list[ManifestEntry]:
    """Previous outputs of a module that failed now: kept on disk, flagged in the manifest."""
    return [replace(e, stale=True) for e in entries if (out_dir / e.path).exists()]


def _reject_duplicate_uids(outcomes: list[ModuleOutcome], kept: dict[str, CachedModule],
                           report: BuildReport, elsewhere: list[ManifestEntry]) -> None:
    """A uid used by two modules: neither module is written, both are named."""
    users: dict[str, list[str]] = defaultdict(list)
    for entry in elsewhere:
        users[entry.uid].append(entry.source)
    for outcome in outcomes:
        for dashboard in outcome.dashboards:
            users[dashboard.uid].append(outcome.display)
    for cached in kept.values():
        for entry in cached.entries:
            users[entry.uid].append(entry.source)
    for uid, sources in users.items():
        if len(sources) < 2:
            continue
        names = ", ".join(sorted(sources))
        for outcome in outcomes:
            if outcome.display in sources:
                outcome.problems.append(Problem(
                    f"uid {uid!r} is used by more than one dashboard ({names})",
                    Location(outcome.display, dashboard=uid, field="uid"),
                    ("give each dashboard its own uid",)))
                outcome.dashboards = []
        for path, cached in list(kept.items()):
            if any(e.uid == uid for e in cached.entries):
                del kept[path]
                outcomes.append(_recompiled_placeholder(path, cached, uid, names))


def _recompiled_placeholder(path: str, cached: CachedModule, uid: str,
                            names: str) -> ModuleOutcome:
    source = cached.entries[0].source if cached.entries else path
    return ModuleOutcome(path, source, cached.deps.get("__self__", ""), cached.deps, [], [
        Problem(f"uid {uid!r} is used by more than one dashboard ({names})",
                Location(source, dashboard=uid, field="uid"),
                ("give each dashboard its own uid",))])


@dataclass(frozen=True)
class Built:
    """A dashboard as the build folder holds it: its manifest entry and its bytes."""

    entry: ManifestEntry
    content: bytes = field(repr=False)


def built_dashboards(paths: Sequence[Path], *, root: Path, build_dir: Path,
                     jobs: int | None = None, purpose: str = "continue") -> list[Built]:
    """Build incrementally, then return the dashboards of the modules under ``paths``.

    Commands that need compiled dashboards (diff, push, lint) go through here, so modules
    unchanged since the last build are not compiled again. Any module error stops them.
    """
    report = build(paths, build_dir, root=root, jobs=jobs)
    if not report.ok:
        raise UserError(f"{len(report.errors)} dashboard module problem(s); fix them to "
                        f"{purpose}", details="\n".join(p.render() for p in report.errors),
                        hints=("run 'dashboards build' for the details",))
    scope = [p.absolute() for p in paths]
    base = root.absolute()
    return [Built(entry, (build_dir / entry.path).read_bytes()) for entry in report.entries
            if any((base / entry.source) == s or (base / entry.source).is_relative_to(s)
                   for s in scope)]
