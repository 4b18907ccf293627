"""``dashboards provision``."""

from __future__ import annotations

from pathlib import Path

import click

from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.exits import Exit, exit_help


@click.command(epilog=exit_help({
    Exit.OK: "written (or, with --check, up to date)",
    Exit.FAILED: "with --check: files on disk are stale (they are named); or bad input"}))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write Grafana's tree here instead of provisioning.dir (default: "
                   "provisioning/grafana).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if the tree on disk differs from what the sources "
                   "give, naming the files.")
@click.pass_obj
@module_timeout_option
def provision(app: AppContext, out_dir: str | None, check: bool) -> None:
    """Write every generated file: Grafana's provisioning directory, and the alerting files.

    Grafana's tree: one provider per folder holding dashboards (each into its declared
    folder, by uid), the dashboards' JSON and the datasources, wired to each other. Mount it
    as /etc/grafana/provisioning; nested folders and permissions are set by
    `dashboards push --folders-only` once Grafana runs (see the README).

    With alert modules (*.alerts.py beside the dashboards): the Prometheus rule files, the
    Alertmanager configuration and a runbook per alert, where dashboards.yaml's alerting
    section says. Nothing is written unless every dashboard and alert compiles.
    """
    from dashkit.provisioning import run
    from dashkit.report.provision import stale_text, written_text

    config = app.config
    out = Path(out_dir) if out_dir else config.root / config.provisioning.dir
    if check:
        checked = run.check(config, out)
        click.echo(stale_text(checked), err=not checked.clean)
        if not checked.clean:
            raise SystemExit(Exit.FAILED)
        return
    click.echo(written_text(run.provision(config, out)))
