"""State shared by every command: the project folder and the --debug flag."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import click

from dashkit.config import ProjectConfig, load_config

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    project_dir: str
    debug: bool = False
    module_timeout: float | None = None

    @cached_property
    def config(self) -> ProjectConfig:
        config = load_config(Path(self.project_dir))
        if self.module_timeout is not None:
            config = replace(config, module_timeout=self.module_timeout)
        return config

    def dashboard_paths(self, given: tuple[str, ...]) -> list[Path]:
        """The paths named on the command line, else the project's dashboard folders."""
        return [Path(p) for p in given] if given else list(self.config.dashboard_paths)


def module_timeout_option(command: F) -> F:
    """``--module-timeout SECONDS`` for every command that runs dashboard or alert modules."""

    def store(ctx: click.Context, param: click.Parameter, value: float | None) -> None:
        if value is not None:
            ctx.ensure_object(AppContext).module_timeout = value

    return click.option(
        "--module-timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
        callback=store, expose_value=False, is_eager=True,
        help="Stop and report a module that runs longer than this (default: module_timeout "
             "in dashboards.yaml, else 60).")(command)
