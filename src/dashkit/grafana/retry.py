"""Retries with exponential backoff and jitter, for the calls that can succeed next time."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

RETRIABLE_STATUS = frozenset({429, 500, 502, 503, 504})


class TransientError(Exception):
    """A failure worth retrying: 429, 5xx, a timeout or a refused/dropped connection."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.25
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        backoff = min(self.max_delay, self.base_delay * 2 ** attempt)
        return float(backoff * (0.5 + self.jitter() / 2))

    def run(self, call: Callable[[], T], on_retry: Callable[[TransientError], None] | None = None,
            ) -> T:
        """Run ``call``; on a TransientError wait and try again, up to ``attempts`` times."""
        for attempt in range(self.attempts):
            try:
                return call()
            except TransientError as exc:
                if attempt == self.attempts - 1:
                    raise
                if on_retry is not None:
                    on_retry(exc)
                self.sleep(self.delay(attempt, exc.retry_after))
        raise AssertionError("unreachable")
