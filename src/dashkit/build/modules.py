"""Compile dashboard modules: each one imported on its own, many in forked worker processes.

A module is all or nothing: if any of its dashboards fails, none of them is kept. With an
output folder, each worker writes the dashboards whose bytes changed to complete temporary
files (so writing runs in parallel too); the build decides later whether they go into place.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from dashkit.build.compile import compile_dashboard
from dashkit.build.discover import capped, file_digest, find_modules, load_module
from dashkit.build.isolate import run_isolated
from dashkit.build.writer import held_stat, write_temp
from dashkit.model import (
    DEFAULT_BUILD,
    BuildOptions,
    CompiledDashboard,
    DashboardFacts,
    NamedDatasource,
)
from dashkit.problems import Location, Problem, Severity

STAGING = ".dashkit-staging"
"""Complete outputs wait here until the build has checked every module (uids across modules)."""

PARALLEL_THRESHOLD = 16
"""Below this many modules to compile, more than one worker process costs more than it
saves."""



@dataclass(frozen=True)
class ModuleOutcome:
    """What compiling one module gave: its dashboards (none if it failed) and problems.

    ``staged`` maps an output's path under the build folder to the complete temporary file
    that holds its new bytes (only outputs whose bytes changed); ``stats`` holds the
    (size, mtime_ns) of every output as it will be once in place."""

    path: str
    display: str
    digest: str
    deps: dict[str, str]
    dashboards: tuple[DashboardFacts, ...]
    problems: tuple[Problem, ...]
    staged: dict[str, str] = field(default_factory=dict)
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def compiled(self) -> tuple[CompiledDashboard, ...]:
        """The dashboards with their JSON: all of them when compiled without an output
        folder; none when staged (their JSON is on disk)."""
        return tuple(d for d in self.dashboards if isinstance(d, CompiledDashboard))

    def refused(self, *problems: Problem) -> ModuleOutcome:
        """This module with more problems and, since they are errors, no dashboards."""
        return replace(self, dashboards=(), problems=(*self.problems, *problems))


def compile_module(path: str, display: str, out_dir: str | None = None,
                   datasources: tuple[NamedDatasource, ...] = ()) -> ModuleOutcome:
    """Import one module and compile its dashboards; all or nothing for the module.

    With ``out_dir``, each dashboard whose bytes differ from the file already there is
    staged (see the module docstring); the outcome then carries only the dashboards' facts.
    """
    loaded = load_module(Path(path), display)
    problems = list(loaded.problems)
    dashboards: list[CompiledDashboard] = []
    for spec, default_uid in loaded.items:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            result = compile_dashboard(spec, display, default_uid, datasources)
        problems.extend(result.problems)
        if result.dashboard is not None:
            dashboards.append(result.dashboard)
        if printed.getvalue().strip():
            problems.append(Problem("grafanalib printed while compiling", Location(display),
                                    details=capped(printed.getvalue()),
                                    severity=Severity.WARNING))
    outcome = ModuleOutcome(path, display, loaded.digest, loaded.deps, tuple(dashboards),
                            tuple(problems))
    if outcome.failed:
        return replace(outcome, dashboards=())
    if out_dir is not None:
        return _staged(outcome, dashboards, Path(out_dir))
    return outcome


def _staged(outcome: ModuleOutcome, dashboards: list[CompiledDashboard],
            out_dir: Path) -> ModuleOutcome:
    staged: dict[str, str] = {}
    stats: dict[str, tuple[int, int]] = {}
    for dashboard in dashboards:
        stat = held_stat(out_dir / dashboard.relpath, dashboard.content)
        if stat is None:
            # A folder per worker: workers creating files side by side in one folder wait
            # on each other's lock of that folder.
            temp = write_temp(out_dir / STAGING / str(os.getpid()), dashboard.content)
            staged[dashboard.relpath] = str(temp)
            stat = temp.stat()  # a rename keeps size and mtime
        stats[dashboard.relpath] = (stat.st_size, stat.st_mtime_ns)
    # Only the facts go back: the bytes are on disk already.
    return replace(outcome, dashboards=tuple(d.facts for d in dashboards), staged=staged,
                   stats=stats)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` if it is inside, else as it is."""
    text, base = str(path), str(root).rstrip(os.sep)
    if text.startswith(base + os.sep):
        return Path(text[len(base) + 1:]).as_posix()
    return text


WorkItem = tuple[str, str, str | None]
"""What a worker needs to compile one module: path, display path, output folder."""


def compile_modules(paths: Sequence[Path], *, root: Path, jobs: int | None = None,
                    skip: dict[str, str] | None = None, out_dir: Path | None = None,
                    options: BuildOptions = DEFAULT_BUILD,
                    ) -> tuple[list[ModuleOutcome], list[Path]]:
    """Compile every module under ``paths`` except those in ``skip`` (path -> digest, for
    modules whose source still has that digest); return the outcomes and every module found.

    Modules run in forked worker processes (see :mod:`dashkit.build.isolate`): one that ends
    its process, runs past ``options.module_timeout`` seconds or writes to the process's
    output is
    reported as such, and the others still compile. Where processes cannot be forked they
    run in this process. With ``out_dir``, changed outputs are staged there (see
    :func:`compile_module`)."""
    modules = find_modules(paths)
    work: list[WorkItem] = []
    for module in modules:
        known = skip.get(str(module)) if skip else None
        if known is not None and _digest_or_none(module) == known:
            continue
        work.append((str(module), display_path(module, root), str(out_dir) if out_dir else None))
    if not work:
        return [], modules
    from dashkit.build.workers import can_fork  # only compiling needs them

    compile_one = partial(_compile_item, datasources=options.datasources)
    if not can_fork():
        return [compile_one(item) for item in work], modules
    import grafanalib.core  # noqa: F401  (once here, inherited by every forked worker)

    jobs = jobs or os.cpu_count() or 1
    workers = jobs if len(work) >= PARALLEL_THRESHOLD else 1
    outcomes = run_isolated(work, compile_one, _failed, _with_output, jobs=workers,
                            timeout=options.module_timeout,
                            chunks=_chunks(len(work), workers), setup=_worker_setup)
    return outcomes, modules


def _compile_item(item: WorkItem, datasources: tuple[NamedDatasource, ...]) -> ModuleOutcome:
    try:
        return compile_module(*item, datasources)
    except BaseException as exc:  # noqa: BLE001  (the module's, whatever it raised)
        return _failed(item, f"compiling it failed: {type(exc).__name__}: {exc}")


def _failed(item: WorkItem, reason: str) -> ModuleOutcome:
    path, display, _ = item
    return ModuleOutcome(path, display, "", {}, (), (Problem(
        reason, Location(display),
        ("a dashboard module must return: no exit, no endless loop, no blocking on input; "
         "the other modules were still built",)),))


def _with_output(outcome: ModuleOutcome, written: str, size: int) -> ModuleOutcome:
    return replace(outcome, problems=(*outcome.problems, Problem(
        f"wrote {size} bytes to the process's output while building (modules should not "
        "print)", Location(outcome.display), details=capped(written),
        severity=Severity.WARNING)))


def _worker_setup() -> None:
    # Dashboards allocate many small objects and free them by reference counting; collecting
    # cycles every 700 allocations costs time and finds little.
    gc.set_threshold(20_000, 20, 20)


def _chunks(count: int, jobs: int, largest: int = 16) -> list[list[int]]:
    """Work in shrinking chunks: big ones first (less traffic between processes), small ones
    last, so the workers finish together instead of one waiting for the other's last chunk."""
    chunks, start = [], 0
    while start < count:
        size = max(1, min(largest, (count - start) // (jobs * 4)))
        chunks.append(list(range(start, start + size)))
        start += size
    return chunks


def _digest_or_none(path: Path) -> str | None:
    """The file's digest, or None if it cannot be read (compiling it will say why)."""
    try:
        return file_digest(path)
    except OSError:
        return None
