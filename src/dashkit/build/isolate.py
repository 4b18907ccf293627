"""Run untrusted modules in forked worker processes, supervised: a module that ends its
process (``os._exit``, a crash), never returns, or prints without end is that module's
failure, named, and the other modules still run.

Each worker takes a chunk of work, says which item it starts before running it, and sends
each result back. The supervisor knows what every worker is running, and since when: a worker
that dies fails the item it was on; one that runs an item past the time limit is killed and
fails it; the rest of a lost worker's chunk goes to a new worker. Workers ignore Ctrl-C (the
supervisor handles it), so a ``KeyboardInterrupt`` inside a worker can only be the module's.
Whatever a module writes to the process's stdout or stderr is captured, not shown.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

Run = Callable[[Item], Result]
"""Runs one item in a worker."""
Fail = Callable[[Item, str], Result]
"""The result of an item that could not finish, from the reason why."""
Attach = Callable[[Result, str, int], Result]
"""The result with what its item wrote to the process's stdout/stderr (the first bytes of
it, and how many bytes in all)."""

CAPTURE_LIMIT = 64 * 1024
"""At most this much of what one item writes to the process's stdout/stderr is kept."""


@dataclass
class _Worker(Generic[Item]):
    process: Any
    conn: Connection
    chunk: list[tuple[int, Item]] = field(default_factory=list)
    current: int | None = None
    started: float = 0.0


def run_isolated(items: Sequence[Item], run: Run[Item, Result], fail: Fail[Item, Result],
                 attach: Attach[Result], *, jobs: int, timeout: float,
                 chunks: Sequence[Sequence[int]],
                 setup: Callable[[], None] | None = None) -> list[Result]:
    """``run`` every item in forked workers (at most ``jobs``), chunk by chunk, in order of
    ``chunks`` (lists of indexes into ``items``); results come back in item order."""
    context = get_context("fork")
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()  # else a worker would flush our buffered output as a module's
    results: dict[int, Result] = {}
    queue: deque[list[tuple[int, Item]]] = deque(
        [[(i, items[i]) for i in chunk] for chunk in chunks if chunk])
    workers: list[_Worker[Item]] = []

    def start() -> _Worker[Item]:
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, run, attach, setup),
                                  daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def give(worker: _Worker[Item]) -> bool:
        if not queue:
            return False
        worker.chunk = queue.popleft()
        worker.conn.send(worker.chunk)
        return True

    def lose(worker: _Worker[Item], reason: str) -> None:
        """The worker is gone: its item fails, the rest of its chunk goes back first."""
        if worker.current is not None:
            results[worker.current] = fail(items[worker.current], reason)
        rest = [(i, item) for i, item in worker.chunk if i not in results]
        if rest:
            queue.appendleft(rest)
        workers.remove(worker)
        _stop(worker)

    gc.freeze()  # what workers inherit is never garbage: do not copy it by scanning it
    try:
        for _ in range(max(1, min(jobs, len(queue)))):
            worker = start()
            workers.append(worker)
            give(worker)
        while len(results) < len(items):
            while len(workers) < jobs and queue:
                worker = start()
                workers.append(worker)
                give(worker)
            busy = [w for w in workers if w.current is not None]
            deadline = min((w.started + timeout for w in busy), default=None)
            wait_for = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers],
                         timeout=wait_for)
            for worker in list(workers):
                if worker.conn in ready:
                    _receive(worker, results, give, lose, workers)
                elif worker.process.sentinel in ready and worker in workers:
                    lose(worker, _death(worker))
            now = time.monotonic()
            for worker in [w for w in workers if w.current is not None]:
                if now - worker.started > timeout:
                    lose(worker, f"did not finish within {timeout:g} s (--module-timeout); "
                                 "it was stopped")
            if not workers and not queue and len(results) < len(items):
                raise RuntimeError("isolated run lost track of its work")
    finally:
        for worker in workers:
            _stop(worker)
        gc.unfreeze()
    return [results[i] for i in range(len(items))]


def _receive(worker: _Worker[Item], results: dict[int, Any],
             give: Callable[[_Worker[Item]], bool],
             lose: Callable[[_Worker[Item], str], None], workers: list[_Worker[Item]]) -> None:
    try:
        while worker.conn.poll():
            message = worker.conn.recv()
            if message[0] == "start":
                worker.current, worker.started = message[1], time.monotonic()
            elif message[0] == "done":
                results[message[1]] = message[2]
                worker.current = None
            elif message[0] == "idle" and not give(worker):
                workers.remove(worker)
                _stop(worker)
                return
    except (EOFError, OSError):
        lose(worker, _death(worker))


def _death(worker: _Worker[Any]) -> str:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    how = (f"was killed by signal {-code}" if code is not None and code < 0 else
           f"exit status {code}")
    return (f"ended the process that ran it ({how}; os._exit, a crash or a signal): a "
            "module must not end the process")


def _stop(worker: _Worker[Any]) -> None:
    if worker.process.is_alive():
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
        worker.process.join(timeout=0.5)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join(timeout=5)
    worker.conn.close()


def _serve(conn: Connection, run: Run[Any, Any], attach: Attach[Any],
           setup: Callable[[], None] | None) -> None:
    """A worker: chunks in, one ``start`` and one ``done`` per item out, ``idle`` per chunk."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    faulthandler.disable()  # a module's crash is reported by the supervisor, named
    capture = tempfile.TemporaryFile()
    for fd in (1, 2):
        os.dup2(capture.fileno(), fd)
    if setup is not None:
        setup()
    while True:
        chunk = conn.recv()
        if chunk is None:
            return
        for index, item in chunk:
            conn.send(("start", index))
            before = os.lseek(capture.fileno(), 0, os.SEEK_END)
            result = run(item)
            for stream in (sys.__stdout__, sys.__stderr__):
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    stream.flush()  # type: ignore[union-attr]
            after = os.lseek(capture.fileno(), 0, os.SEEK_END)
            if after > before:
                result = attach(result, _read(capture.fileno(), before, after), after - before)
            conn.send(("done", index, result))
        conn.send(("idle",))


def _read(fd: int, start: int, end: int) -> str:
    return os.pread(fd, min(end - start, CAPTURE_LIMIT), start).decode("utf-8", "replace")
