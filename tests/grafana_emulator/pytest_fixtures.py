"""Reusable pytest fixtures. In a test folder's conftest.py::

    from grafana_emulator.pytest_fixtures import *  # noqa: F403

which brings in ``grafana_emulator``, ``grafana_api``, ``grafana_clock`` and
``grafana_emulator_factory`` (see ``__all__``).

Each test gets a fresh server (startup takes a few milliseconds). A test fails at teardown if
the emulator hit an internal error (a bug in the emulator, answered as 500 to the client).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .clock import FakeClock
from .server import GrafanaEmulator

__all__ = ["grafana_api", "grafana_clock", "grafana_emulator", "grafana_emulator_factory"]

EmulatorFactory = Callable[..., GrafanaEmulator]


def _check(emulator: GrafanaEmulator) -> None:
    if emulator.internal_errors:
        pytest.fail(f"Grafana emulator internal errors: {emulator.internal_errors!r}")


@pytest.fixture
def grafana_emulator_factory() -> Iterator[EmulatorFactory]:
    """Start extra/customised servers: ``factory(grafana_version="11.5.0", main_mode=True)``."""
    started: list[GrafanaEmulator] = []

    def factory(**options: Any) -> GrafanaEmulator:
        emulator = GrafanaEmulator(**options).start()
        started.append(emulator)
        return emulator

    yield factory
    for emulator in started:
        emulator.stop()
    for emulator in started:
        _check(emulator)


@pytest.fixture
def grafana_clock() -> FakeClock:
    """A fake clock starting at 2024-01-01T00:00:00Z; the default server uses it."""
    return FakeClock()


@pytest.fixture
def grafana_emulator(grafana_clock: FakeClock) -> Iterator[GrafanaEmulator]:
    """A running emulator (Grafana 11.6.0) on 127.0.0.1, driven by ``grafana_clock``."""
    emulator = GrafanaEmulator(clock=grafana_clock).start()
    try:
        yield emulator
    finally:
        emulator.stop()
    _check(emulator)


@pytest.fixture
def grafana_api(grafana_emulator: GrafanaEmulator) -> Any:
    """A ``grafana_client.GrafanaApi`` using the emulator's admin service-account token."""
    return grafana_emulator.api()
