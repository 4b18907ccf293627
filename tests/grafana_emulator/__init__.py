"""In-process Grafana HTTP API emulator for tests (see README.md)."""

from .auth import ALL_ACTIONS, GLOBAL_ACTIONS, ORG_ACTIONS
from .clock import FakeClock
from .faults import Fault, FaultInjector
from .request_log import LogEntry, RequestLog
from .server import GrafanaEmulator

__all__ = [
    "ALL_ACTIONS",
    "GLOBAL_ACTIONS",
    "ORG_ACTIONS",
    "FakeClock",
    "Fault",
    "FaultInjector",
    "GrafanaEmulator",
    "LogEntry",
    "RequestLog",
]
