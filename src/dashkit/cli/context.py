"""State shared by every command: the project folder and the --debug flag."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dashkit.config import ProjectConfig, load_config


@dataclass
class AppContext:
    project_dir: str
    debug: bool = False

    @cached_property
    def config(self) -> ProjectConfig:
        return load_config(Path(self.project_dir))

    def dashboard_paths(self, given: tuple[str, ...]) -> list[Path]:
        """The paths named on the command line, else the project's dashboard folders."""
        return [Path(p) for p in given] if given else list(self.config.dashboard_paths)
