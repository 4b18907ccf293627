"""A thread-safe log of every request the emulator saw (including faulted ones)."""

from __future__ import annotations

import fnmatch
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

CountKey = Literal["route", "method", "path", "status", "fault"]


@dataclass(frozen=True)
class LogEntry:
    method: str
    path: str
    query: str
    status: int  # 0 when the connection was dropped without a response
    route: str  # route name such as "dashboards.save"; "unknown" for 404 routes, "-" if faulted
    timestamp: datetime
    duration: float  # seconds, wall clock
    fault: str | None = None  # kind of injected fault, if one fired
    identity: str | None = None  # createdBy-style name of the caller, if authenticated


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LogEntry] = []

    def record(self, entry: LogEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[LogEntry]:
        with self._lock:
            return list(self._entries)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def count(
        self,
        *,
        method: str | None = None,
        path: str | None = None,
        route: str | None = None,
        status: int | None = None,
    ) -> int:
        """Number of entries matching every given filter (``path`` is an fnmatch glob)."""
        total = 0
        for entry in self.entries():
            if method is not None and entry.method != method.upper():
                continue
            if path is not None and not fnmatch.fnmatchcase(entry.path, path):
                continue
            if route is not None and entry.route != route:
                continue
            if status is not None and entry.status != status:
                continue
            total += 1
        return total

    def counts(self, key: CountKey = "route") -> Counter[str]:
        """Request counts grouped by route name (default), method, path, status or fault kind."""
        counter: Counter[str] = Counter()
        for entry in self.entries():
            counter[str(getattr(entry, key))] += 1
        return counter

    def reset(self) -> None:
        with self._lock:
            self._entries.clear()
