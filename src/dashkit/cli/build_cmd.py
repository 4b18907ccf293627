"""``dashboards build``."""

from __future__ import annotations

from pathlib import Path

import click

from dashkit.build import run as build_lib
from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.exits import Exit, exit_help
from dashkit.report import build as report


@click.command(epilog=exit_help({Exit.OK: "built",
                                 Exit.FAILED: "some module failed (the others were still built)"}))
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write here instead of the project's build folder (default: build/).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Worker processes for compiling modules (default: one per core).")
@click.option("--no-cache", is_flag=True,
              help="Import and compile every module, even those unchanged since the last build.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.pass_obj
@module_timeout_option
def build(app: AppContext, paths: tuple[str, ...], out_dir: str | None, jobs: int | None,
          no_cache: bool, quiet: bool) -> None:
    """Compile dashboard modules to canonical Grafana JSON.

    PATHS are modules or folders (default: the project's dashboards/). Each module is
    imported on its own; every dashboard is written to OUT/<folder>/<uid>.json with sorted
    keys and 2-space indent, only when its bytes change, plus OUT/manifest.json.
    """
    result = build_lib.build(
        app.dashboard_paths(paths), Path(out_dir) if out_dir else app.config.build_dir,
        root=app.config.root, jobs=jobs, use_cache=not no_cache,
        options=app.config.build_options)
    problems = result.errors if quiet else result.problems
    if problems:
        click.echo(report.problems_text(problems, app.debug), err=True)
    if not quiet or not result.ok:
        click.echo(report.build_summary(result), err=not result.ok)
    if not result.ok:
        raise SystemExit(Exit.FAILED)
