"""``dashboards list``."""

from __future__ import annotations

import click

from dashkit.build.manifest import ManifestEntry
from dashkit.build.modules import compile_modules
from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.exits import Exit, exit_help
from dashkit.report import build as report


@click.command("list", epilog=exit_help({Exit.OK: "listed",
                                         Exit.FAILED: "some module failed to compile"}))
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.pass_obj
@module_timeout_option
def list_dashboards(app: AppContext, paths: tuple[str, ...], fmt: str) -> None:
    """Show uid, title, folder, panel count and source module of each dashboard."""
    outcomes, _ = compile_modules(app.dashboard_paths(paths), root=app.config.root,
                                  options=app.config.build_options)
    entries = sorted((ManifestEntry.of(d) for o in outcomes for d in o.dashboards),
                     key=lambda e: (e.folder, e.uid))
    problems = [p for o in outcomes for p in o.problems if p.is_error]
    click.echo(report.dashboards_json(entries) if fmt == "json"
               else report.dashboards_text(entries))
    if problems:
        click.echo(report.problems_text(problems, app.debug), err=True)
        raise SystemExit(Exit.FAILED)
