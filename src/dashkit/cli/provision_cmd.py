"""``dashboards provision``."""

from __future__ import annotations

from pathlib import Path

import click

from dashkit.cli.context import AppContext
from dashkit.exits import Exit, exit_help


@click.command(epilog=exit_help({
    Exit.OK: "written (or, with --check, up to date)",
    Exit.FAILED: "with --check: the tree on disk is stale (the files are named); or bad input"}))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write here instead of provisioning.dir (default: provisioning/grafana).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if the tree on disk differs from what the sources "
                   "give, naming the files.")
@click.pass_obj
def provision(app: AppContext, out_dir: str | None, check: bool) -> None:
    """Write Grafana's provisioning directory from the dashboards and dashboards.yaml.

    One provider per folder holding dashboards (each into its declared folder, by uid), the
    dashboards' JSON and the datasources, wired to each other. Mount the directory as
    /etc/grafana/provisioning; nested folders and permissions are set by
    `dashboards push --folders-only` once Grafana runs (see the README).
    """
    from dashkit.provisioning import run
    from dashkit.report.provision import stale_text, written_text

    config = app.config
    out = Path(out_dir) if out_dir else config.root / config.provisioning.dir
    if check:
        stale = run.check(config, out)
        click.echo(stale_text(stale, out), err=not stale.clean)
        if not stale.clean:
            raise SystemExit(Exit.FAILED)
        return
    click.echo(written_text(run.provision(config, out), out))
