"""Fixtures for the emulator's own contract tests."""

from __future__ import annotations

import pytest
from grafana_emulator import GrafanaEmulator
from grafana_emulator.pytest_fixtures import *  # noqa: F403  (grafana_emulator, grafana_api, ...)

from .helpers import RawHTTP


@pytest.fixture
def raw(grafana_emulator: GrafanaEmulator) -> RawHTTP:
    return RawHTTP(grafana_emulator)
