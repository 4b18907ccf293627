"""Shared fixtures: a scratch project with dashboard modules, and the --update-goldens flag."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files from the current output instead of comparing")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


WriteModule = Callable[[str, str], Path]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "dashboards").mkdir()
    return tmp_path


@pytest.fixture
def write_module(project: Path) -> WriteModule:
    def write(name: str, source: str) -> Path:
        path = project / "dashboards" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
        return path
    return write


def plain_module(uid: str, title: str | None = None, extra_panel: str = "") -> str:
    """A plain grafanalib module, as grafanalib users write them."""
    return textwrap.dedent(f"""\
        from grafanalib.core import Dashboard, GridPos, Stat, Target, TimeSeries

        folder = "Team/Sub"
        dashboard = Dashboard(
            title={(title or uid.title())!r},
            uid={uid!r},
            panels=[
                TimeSeries(title="Requests", targets=[Target(expr="up")],
                           gridPos=GridPos(h=8, w=12, x=0, y=0)),
                {extra_panel}
                Stat(title="Errors", targets=[Target(expr="up")],
                     gridPos=GridPos(h=8, w=12, x=12, y=0)),
            ],
        )
        """)
