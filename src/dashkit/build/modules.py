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
from pathlib import Path

from dashkit.build.compile import compile_dashboard
from dashkit.build.discover import file_digest, find_modules, load_module
from dashkit.build.writer import held_stat, write_temp
from dashkit.model import CompiledDashboard, DashboardFacts
from dashkit.problems import Location, Problem, Severity

STAGING = ".dashkit-staging"
"""Complete outputs wait here until the build has checked every module (uids across modules)."""

PARALLEL_THRESHOLD = 16
"""Below this many modules to compile, worker processes cost more than they save."""


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


def compile_module(path: str, display: str, out_dir: str | None = None) -> ModuleOutcome:
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
            result = compile_dashboard(spec, display, default_uid)
        problems.extend(result.problems)
        if result.dashboard is not None:
            dashboards.append(result.dashboard)
        if printed.getvalue().strip():
            problems.append(Problem("grafanalib printed while compiling", Location(display),
                                    details=printed.getvalue(), severity=Severity.WARNING))
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
                    skip: dict[str, str] | None = None,
                    out_dir: Path | None = None) -> tuple[list[ModuleOutcome], list[Path]]:
    """Compile every module under ``paths`` except those in ``skip`` (path -> digest, for
    modules whose source still has that digest); return the outcomes and every module found.

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


def _worker_setup() -> None:
    # Dashboards allocate many small objects and free them by reference counting; collecting
    # cycles every 700 allocations costs time and finds little.
    gc.set_threshold(20_000, 20, 20)


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


def _digest_or_none(path: Path) -> str | None:
    """The file's digest, or None if it cannot be read (compiling it will say why)."""
    try:
        return file_digest(path)
    except OSError:
        return None
