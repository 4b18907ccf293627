"""Run untrusted modules in forked worker processes, supervised: a module that ends its
process (``os._exit``, a crash), never returns, or prints without end is that module's
failure, named, and the other modules still run.

Each worker takes a chunk of work, writes which item it starts (and when) on a board in
shared memory before running it, and sends the chunk's results back together. The
supervisor knows what every worker is running, and since when, without being woken for it: a
worker that dies fails the item it was on; one that runs an item past the time limit is
killed and fails it; the rest of a lost worker's chunk goes to a new worker. Workers ignore Ctrl-C (the
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

LOOK_AGAIN = 0.5
"""Seconds between looks at the board while no result comes in."""

CAPTURE_LIMIT = 64 * 1024
"""At most this much of what one item writes to the process's stdout/stderr is kept."""


@dataclass
class _Worker(Generic[Item]):
    process: Any
    conn: Connection
    slot: int
    chunk: list[tuple[int, Item]] = field(default_factory=list)


class _Board:
    """What each worker is running, and since when, in memory shared with the workers: a
    worker writes it before each item, so the supervisor knows without being woken up."""

    def __init__(self, context: Any, slots: int) -> None:
        self._cells = context.Array("d", [-1.0] * (2 * slots), lock=False)

    def start(self, slot: int, index: int) -> None:
        self._cells[2 * slot + 1] = time.monotonic()
        self._cells[2 * slot] = index

    def clear(self, slot: int) -> None:
        self._cells[2 * slot] = -1.0

    def running(self, slot: int) -> tuple[int, float] | None:
        index = int(self._cells[2 * slot])
        return None if index < 0 else (index, self._cells[2 * slot + 1])


def run_isolated(items: Sequence[Item], run: Run[Item, Result], fail: Fail[Item, Result],
                 attach: Attach[Result], *, jobs: int, timeout: float,
                 chunks: Sequence[Sequence[int]],
                 setup: Callable[[], None] | None = None) -> list[Result]:
    """``run`` every item in forked workers (at most ``jobs``), chunk by chunk, in order of
    ``chunks`` (lists of indexes into ``items``); results come back in item order. A worker
    sends the results of a chunk together; if it is lost, the item it was on fails and the
    rest of its chunk (those done but not sent too) goes to a new worker."""
    context = get_context("fork")
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()  # else a worker would flush our buffered output as a module's
    jobs = max(1, jobs)
    board = _Board(context, jobs)
    free = list(range(jobs))
    results: dict[int, Result] = {}
    queue: deque[list[tuple[int, Item]]] = deque(
        [[(i, items[i]) for i in chunk] for chunk in chunks if chunk])
    workers: list[_Worker[Item]] = []

    def start() -> None:
        slot = free.pop()
        board.clear(slot)
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, slot, board, run, attach, setup),
                                  daemon=True)
        process.start()
        child.close()
        started: _Worker[Item] = _Worker(process, parent, slot)
        workers.append(started)
        give(started)

    def give(worker: _Worker[Item]) -> bool:
        if not queue:
            return False
        worker.chunk = queue.popleft()
        worker.conn.send(worker.chunk)
        return True

    def lose(worker: _Worker[Item], reason: str) -> None:
        """The worker is gone: its item fails, the rest of its chunk goes back first."""
        running = board.running(worker.slot)
        if running is not None and running[0] not in results:
            results[running[0]] = fail(items[running[0]], reason)
        rest = [(i, item) for i, item in worker.chunk if i not in results]
        if rest:
            queue.appendleft(rest)
        retire(worker)

    def retire(worker: _Worker[Item]) -> None:
        workers.remove(worker)
        _stop(worker)
        board.clear(worker.slot)
        free.append(worker.slot)

    gc.freeze()  # what workers inherit is never garbage: do not copy it by scanning it
    try:
        while len(results) < len(items):
            while len(workers) < jobs and queue:
                start()
            if not workers:
                raise RuntimeError("isolated run lost track of its work")
            # A worker writes the board when it starts an item, without waking us: look
            # again at least every LOOK_AGAIN seconds, and at the nearest deadline.
            busy = [r for r in (board.running(w.slot) for w in workers) if r is not None]
            deadline = min((started + timeout for _, started in busy),
                           default=time.monotonic() + LOOK_AGAIN)
            wait_for = min(LOOK_AGAIN, max(0.0, deadline - time.monotonic()))
            ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers],
                         timeout=wait_for)
            for worker in list(workers):
                if worker.conn in ready:
                    _receive(worker, results, give, lose, retire)
                elif worker.process.sentinel in ready and worker in workers:
                    lose(worker, _death(worker))
            now = time.monotonic()
            for worker in list(workers):
                running = board.running(worker.slot)
                if running is not None and now - running[1] > timeout:
                    lose(worker, f"did not finish within {timeout:g} s (--module-timeout); "
                                 "it was stopped")
    finally:
        for worker in workers:
            _stop(worker)
        gc.unfreeze()
    return [results[i] for i in range(len(items))]


def _receive(worker: _Worker[Item], results: dict[int, Any],
             give: Callable[[_Worker[Item]], bool],
             lose: Callable[[_Worker[Item], str], None],
             retire: Callable[[_Worker[Item]], None]) -> None:
    try:
        while worker.conn.poll():
            for index, result in worker.conn.recv():
                results[index] = result
            if not give(worker):
                retire(worker)
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


def _serve(conn: Connection, slot: int, board: _Board, run: Run[Any, Any],
           attach: Attach[Any], setup: Callable[[], None] | None) -> None:
    """A worker: chunks in, the chunk's results out; the board says what it is running."""
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
        done = []
        for index, item in chunk:
            board.start(slot, index)
            before = os.lseek(capture.fileno(), 0, os.SEEK_END)
            result = run(item)
            for stream in (sys.__stdout__, sys.__stderr__):
                with contextlib.suppress(OSError, ValueError, AttributeError):
                    stream.flush()  # type: ignore[union-attr]
            after = os.lseek(capture.fileno(), 0, os.SEEK_END)
            if after > before:
                result = attach(result, _read(capture.fileno(), before, after), after - before)
            done.append((index, result))
        board.clear(slot)
        conn.send(done)


def _read(fd: int, start: int, end: int) -> str:
    return os.pread(fd, min(end - start, CAPTURE_LIMIT), start).decode("utf-8", "replace")
