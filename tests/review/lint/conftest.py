"""Lint tests run on scratch projects whose dashboards.yaml declares the folders they use."""

from __future__ import annotations

from pathlib import Path

import pytest

from .projects import FOLDERS


@pytest.fixture(autouse=True)
def declared_folders(project: Path) -> None:
    (project / "dashboards.yaml").write_text(FOLDERS)
