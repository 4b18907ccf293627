"""Worker processes forked from this one: what build and lint share to use every core.

Forked workers inherit everything this process has imported and built (grafanalib, the
project, the rules) without pickling it. What they inherit is frozen for the garbage
collector first: it is never garbage, and scanning it would only copy its pages into every
worker.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextlib.contextmanager
def forked_pool(jobs: int, initializer: Callable[[], None] | None = None
                ) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` forked workers for the block (check :func:`can_fork` first)."""
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=initializer,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            yield pool
    finally:
        gc.unfreeze()
