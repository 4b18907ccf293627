"""Fault injection: error statuses, 429 + Retry-After, slow answers, dropped connections, latency.

A fault matches requests by method (``"*"`` = any) and path (an ``fnmatch`` glob on the path
without query string, or a compiled regex). It lets ``nth - 1`` matching requests through, then
fires on the next ``times`` matching requests and is consumed. Faults act in front of routing and
authentication, like a misbehaving proxy; they are checked in the order they were added.
"""

from __future__ import annotations

import copy
import fnmatch
import itertools
import re
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal

FaultKind = Literal["status", "rate_limit", "delay", "drop"]
PathPattern = str | re.Pattern[str]


@dataclass
class Fault:
    id: int
    kind: FaultKind
    method: str
    path: PathPattern
    skip: int
    times: int
    status: int = 500
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    after_processing: bool = False
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.method != "*" and self.method.upper() != method.upper():
            return False
        if isinstance(self.path, re.Pattern):
            return self.path.search(path) is not None
        return fnmatch.fnmatchcase(path, self.path)


def default_error_body(status: int) -> dict[str, Any]:
    """A Grafana-like body for an injected error status."""
    if status == 500:
        return {"message": "Internal Server Error", "traceID": ""}
    try:
        return {"message": HTTPStatus(status).phrase}
    except ValueError:
        return {"message": "Error"}


class FaultInjector:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._latency = 0.0

    # -- registration ------------------------------------------------------------------------
    def _add(
        self, kind: FaultKind, method: str, path: PathPattern, nth: int, times: int, **extra: Any
    ) -> Fault:
        if nth < 1 or times < 1:
            raise ValueError("nth and times must be >= 1")
        with self._lock:
            fault = Fault(
                id=next(self._ids),
                kind=kind,
                method=method,
                path=path,
                skip=nth - 1,
                times=times,
                **extra,
            )
            self._faults.append(fault)
            return copy.copy(fault)

    def add_status(
        self,
        method: str = "*",
        path: PathPattern = "*",
        *,
        status: int = 500,
        body: Any = None,
        nth: int = 1,
        times: int = 1,
    ) -> Fault:
        """Answer matching requests with ``status`` (default body: :func:`default_error_body`)."""
        return self._add(
            "status",
            method,
            path,
            nth,
            times,
            status=status,
            body=body if body is not None else default_error_body(status),
        )

    def add_rate_limit(
        self,
        method: str = "*",
        path: PathPattern = "*",
        *,
        retry_after: int | str = 1,
        nth: int = 1,
        times: int = 1,
    ) -> Fault:
        """Answer ``429 {"message":"Too Many Requests"}`` with a ``Retry-After`` header."""
        return self._add(
            "rate_limit",
            method,
            path,
            nth,
            times,
            status=429,
            body={"message": "Too Many Requests"},
            headers={"Retry-After": str(retry_after)},
        )

    def add_delay(
        self,
        method: str = "*",
        path: PathPattern = "*",
        *,
        seconds: float,
        nth: int = 1,
        times: int = 1,
    ) -> Fault:
        """Wait ``seconds`` before handling the request normally (it still takes effect)."""
        return self._add("delay", method, path, nth, times, delay=seconds)

    def add_drop(
        self,
        method: str = "*",
        path: PathPattern = "*",
        *,
        nth: int = 1,
        times: int = 1,
        after_processing: bool = False,
    ) -> Fault:
        """Close the connection without a response; optionally after applying the request."""
        return self._add("drop", method, path, nth, times, after_processing=after_processing)

    # -- latency -----------------------------------------------------------------------------
    @property
    def latency(self) -> float:
        return self._latency

    def set_latency(self, seconds: float) -> None:
        """Delay every request by ``seconds`` (0 to turn off)."""
        self._latency = max(0.0, float(seconds))

    # -- consumption -------------------------------------------------------------------------
    def take(self, method: str, path: str) -> Fault | None:
        """Count this request against every matching fault; return the one that fires, if any."""
        fired: Fault | None = None
        with self._lock:
            for fault in self._faults:
                if not fault.matches(method, path):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                if fired is None:
                    fault.times -= 1
                    fault.fired += 1
                    fired = copy.copy(fault)
            self._faults = [f for f in self._faults if f.times > 0]
        return fired

    def remaining(self) -> list[Fault]:
        with self._lock:
            return [copy.copy(f) for f in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._latency = 0.0
