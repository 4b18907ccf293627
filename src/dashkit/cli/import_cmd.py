"""``dashboards import``."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import click

from dashkit.cli.context import AppContext
from dashkit.cli.grafana_access import Redacting, open_connection, tls_options
from dashkit.exits import Exit, exit_help
from dashkit.problems import UserError


@click.command("import", epilog=exit_help({
    Exit.OK: "every dashboard was imported",
    Exit.FAILED: "some input could not be imported (nothing was written for it; the others "
                 "were)"}))
@click.argument("files", nargs=-1,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the modules (one per dashboard, named from its uid).")
@click.option("--target", metavar="NAME",
              help="The Grafana to read with --uid, --folder or --all (default GRAFANA_URL); "
                   "credentials and TLS as for push.")
@click.option("--uid", "uids", multiple=True, metavar="UID",
              help="With --target: this dashboard (repeatable).")
@click.option("--all", "everything", is_flag=True, help="With --target: every dashboard.")
@click.option("--folder", metavar="PATH",
              help="With --target: every dashboard in this folder and its subfolders. With "
                   "FILES: the folder to record in each module (e.g. 'Team/Service').")
@click.option("--force", is_flag=True, help="Replace modules that exist already.")
@tls_options
@click.pass_obj
def import_dashboards(app: AppContext, files: tuple[Path, ...], out_dir: Path,
                      target: str | None, uids: tuple[str, ...], everything: bool,
                      folder: str | None, force: bool, insecure: bool,
                      ca_bundle: str | None) -> None:
    """Turn dashboard JSON files into dashboard modules that build back to them.

    FILES are dashboards as Grafana exports them (with __inputs from grafana.com, any
    schema version, the API's {"dashboard": ...} too); or, with --target, dashboards read
    from a Grafana, each module recording the folder it is in there. Each is upgraded as the
    build upgrades grafanalib output (Angular panels, legacy rows: the warnings say what
    changed), written as a module, built back and compared before it is kept.
    """
    from dashkit.importer.run import Input, import_all
    from dashkit.report import imports as report

    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    from_grafana = not files
    if from_grafana and sum((bool(uids), folder is not None, everything)) != 1:
        raise click.UsageError("give FILES, or (to read a Grafana: --target NAME or "
                               "GRAFANA_URL) exactly one of --uid, --folder, --all")
    if files and (target or uids or everything):
        raise click.UsageError("--target, --uid and --all read a Grafana; not with FILES")
    out = Redacting(())
    folders: list[Any] = []
    if from_grafana:
        from dashkit.grafana.export import exported

        connection, out = open_connection(app, target, insecure=insecure, ca_bundle=ca_bundle)
        found, folders = exported(connection.port, uids=uids, folder=folder,
                                  everything=everything)
        if not found:
            raise UserError(f"no dashboards to import from {connection.target.name}")
        inputs = [Input(f"{connection.target.name}:{item.uid}",
                        json.dumps(item.data) if item.data is not None else "",
                        item.folder, item.problem) for item in found]
    else:
        inputs = [Input(str(path), path.read_bytes(), folder or "") for path in files]
    results = import_all(inputs, out_dir, when=today, overwrite=force,
                         datasources=app.config.build_options.datasources)
    out.echo(report.text(results))
    written = [r.module for r in results if r.module is not None]
    if written:
        from dashkit.review.lint.run import lint_project

        out.echo(report.house_style(lint_project(app.config, written, use_cache=False)))
    if folders:
        out.echo(report.folders_yaml(folders, target or "that Grafana"))
    if any(not r.ok for r in results):
        raise SystemExit(Exit.FAILED)
