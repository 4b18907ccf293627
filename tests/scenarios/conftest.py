"""Fixtures for push scenarios: a backend (emulator, plus a real Grafana when configured), a
scratch project with dashboards.yaml, and a `dashboards` runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from grafana_emulator import GrafanaEmulator
from grafana_emulator.pytest_fixtures import *  # noqa: F403
from scenarios.backends import Backend, EmulatorBackend, RealBackend

from dashkit.cli import cli

REAL = bool(os.environ.get("GRAFANA_URL") and os.environ.get("GRAFANA_TOKEN"))
BACKENDS = ["emulator", "emulator-sub-path",
            *([pytest.param("real", marks=pytest.mark.real_grafana)] if REAL else [])]
"""The emulator at the root and behind a reverse proxy at /grafana (a URL with a path)."""


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    if request.param.startswith("emulator"):
        sub_path = "/grafana" if request.param == "emulator-sub-path" else ""
        emulator = GrafanaEmulator(sub_path=sub_path, rbac=True).start()
        try:
            yield EmulatorBackend(emulator)
        finally:
            emulator.stop()
        assert not emulator.internal_errors
    else:
        yield RealBackend()


@dataclass
class Result:
    code: int
    out: str
    err: str


class Project:
    """A scratch dashboards-as-code project pointed at one backend."""

    def __init__(self, root: Path, backend: Backend) -> None:
        self.root, self.backend = root, backend
        self.prefix = "t" + uuid.uuid4().hex[:8]
        self.config: dict[str, Any] = {"owner": self.prefix, "folders": [],
                                       "undeclared_folders": "create"}
        (root / "dashboards").mkdir()
        self.write_config()

    def uid(self, name: str) -> str:
        return f"{self.prefix}-{name}"

    def write_config(self) -> None:
        (self.root / "dashboards.yaml").write_text(yaml.safe_dump(self.config))

    def dashboard(self, name: str, folder: str = "", panels: tuple[str, ...] = ("Requests",
                                                                            "Errors"),
                  title: str | None = None) -> None:
        items = "".join(
            f"    TimeSeries(title={p!r}, targets=[Target(expr='up')], "
            f"gridPos=GridPos(h=8, w=12, x={12 * (i % 2)}, y={8 * (i // 2)})),\n"
            for i, p in enumerate(panels))
        (self.root / "dashboards" / f"{name}.py").write_text(
            "from grafanalib.core import Dashboard, GridPos, Target, TimeSeries\n"
            f"folder = {folder!r}\n"
            f"dashboard = Dashboard(title={title or name.title()!r}, uid={self.uid(name)!r}, "
            f"panels=[\n{items}])\n")

    def remove(self, name: str) -> None:
        (self.root / "dashboards" / f"{name}.py").unlink()

    def run(self, *args: str, token: str | None = None) -> Result:
        env = {"GRAFANA_URL": self.backend.url,
               "GRAFANA_TOKEN": self.backend.token if token is None else token}
        result = CliRunner().invoke(cli, ["-C", str(self.root), *args], env=env)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def project(tmp_path: Path, backend: Backend) -> Iterator[Project]:
    made = Project(tmp_path, backend)
    yield made
    backend.cleanup(made.prefix)


@pytest.fixture(params=["emulator", "emulator-sub-path"])
def emulated(request: pytest.FixtureRequest) -> Iterator[EmulatorBackend]:
    """The emulator alone, for scenarios that need its fault injection or its admin API."""
    sub_path = "/grafana" if request.param == "emulator-sub-path" else ""
    with GrafanaEmulator(sub_path=sub_path, rbac=True) as emulator:
        yield EmulatorBackend(emulator)
    assert not emulator.internal_errors


@pytest.fixture
def emulated_project(tmp_path: Path, emulated: EmulatorBackend) -> Project:
    return Project(tmp_path, emulated)
