"""``dashboards import``."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from dashkit.cli.context import AppContext
from dashkit.exits import Exit, exit_help


@click.command("import", epilog=exit_help({
    Exit.OK: "every dashboard was imported",
    Exit.FAILED: "some input could not be imported (nothing was written for it; the others "
                 "were)"}))
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the modules (one per dashboard, named from its uid).")
@click.option("--folder", default="", metavar="PATH",
              help="The Grafana folder to record in each module (e.g. 'Team/Service').")
@click.option("--force", is_flag=True, help="Replace modules that exist already.")
@click.pass_obj
def import_dashboards(app: AppContext, files: tuple[Path, ...], out_dir: Path, folder: str,
                      force: bool) -> None:
    """Turn dashboard JSON files into dashboard modules that build back to them.

    FILES are dashboards as Grafana exports them (with __inputs from grafana.com, any
    schema version, the API's {"dashboard": ...} too). Each is upgraded as the build
    upgrades grafanalib output (Angular panels, legacy rows: the warnings say what changed),
    written as a module, built back and compared before it is kept.
    """
    from dashkit.importer.run import Input, import_all
    from dashkit.report import imports as report

    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    inputs = [Input(str(path), path.read_bytes(), folder) for path in files]
    results = import_all(inputs, out_dir, when=today, overwrite=force,
                         datasources=app.config.build_options.datasources)
    click.echo(report.text(results))
    if any(not r.ok for r in results):
        raise SystemExit(Exit.FAILED)
