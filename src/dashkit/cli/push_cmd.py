"""``dashboards plan`` and ``dashboards push``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.cli.grafana_access import open_connection, tls_options
from dashkit.exits import Exit, exit_help

if TYPE_CHECKING:
    from dashkit.grafana.apply import ApplyReport
    from dashkit.grafana.connect import Connection
    from dashkit.grafana.plan import Plan

PUSH_EXIT_CODES = exit_help({
    Exit.OK: "everything applied (or nothing to do)",
    Exit.FAILED: "refused (a dashboard changed in Grafana, or not managed by this project) or "
                 "bad input; nothing written for it",
    Exit.PARTIAL: "some writes failed; the rest were applied; run push again"},
    codes=(Exit.OK, Exit.FAILED, Exit.USAGE, Exit.BUG, Exit.PARTIAL))


def _options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.argument("paths", nargs=-1, type=click.Path(exists=True)),
        click.option("-t", "--target", help="A target from dashboards.yaml (default: "
                                            "GRAFANA_URL and GRAFANA_TOKEN)."),
        click.option("--prune", is_flag=True,
                     help="Also delete dashboards owned by this project that are no longer in "
                          "code, and the empty folders it made."),
        click.option("--force", is_flag=True,
                     help="Overwrite dashboards changed in Grafana since the last push, and "
                          "take over same-uid dashboards this project does not own."),
        click.option("--plan-json", type=click.Path(dir_okay=False),
                     help="Also write the plan as JSON to this file."),
        click.option("-c", "--concurrency", type=click.IntRange(1, 64), default=8,
                     show_default=True, help="Requests in flight at once."),
        click.option("--folders-only", is_flag=True,
                     help="Only the folder tree and the folders' permissions; no dashboard "
                          "(for a Grafana that provisions them from files)."),
        tls_options,
        click.option("-v", "--verbose", is_flag=True, help="List unchanged items too."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


@click.command(epilog=PUSH_EXIT_CODES)
@_options
@click.option("--dry-run", is_flag=True, help="Print the plan and write nothing.")
@click.pass_obj
@module_timeout_option
def push(app: AppContext, /, dry_run: bool, **options: Any) -> None:
    """Push the dashboards to Grafana: folders, permissions, only what changed.

    Computes one plan (what will be created, updated, left unchanged, refused or deleted,
    with reasons), prints it, and applies exactly that plan. Dashboards changed in Grafana
    since this project last pushed them are refused (see --force); dashboards Grafana
    provisions from files are never written.
    """
    _run(app, dry_run=dry_run, **options)


@click.command(epilog=exit_help({Exit.OK: "plan printed",
                                 Exit.FAILED: "the plan refuses something, or bad input"}))
@_options
@click.pass_obj
@module_timeout_option
def plan(app: AppContext, /, **options: Any) -> None:
    """Show what push would do, and write nothing (same as push --dry-run)."""
    _run(app, dry_run=True, **options)


def _run(app: AppContext, *, paths: tuple[str, ...], target: str | None, prune: bool,
         force: bool, plan_json: str | None, concurrency: int, folders_only: bool,
         insecure: bool, ca_bundle: str | None, verbose: bool, dry_run: bool) -> None:
    if folders_only and prune:
        raise click.UsageError("--prune decides what to delete from the dashboards in code; "
                               "it cannot go with --folders-only")
    # Imported here: the HTTP stack costs a tenth of a second that build and list do not need.
    from dashkit.grafana import push as push_lib
    from dashkit.grafana.apply import ApplyReport
    from dashkit.report import plan as report_plan

    connection, out = open_connection(app, target, insecure=insecure, ca_bundle=ca_bundle)
    the_plan = push_lib.prepare(app.config, app.dashboard_paths(paths), connection,
                                force=force, prune=prune, concurrency=concurrency,
                                folders_only=folders_only)
    out.echo(report_plan.plan_text(the_plan, verbose=verbose))
    if plan_json:
        Path(plan_json).write_text(report_plan.plan_json(the_plan) + "\n")
    if dry_run:
        raise SystemExit(Exit.FAILED if the_plan.refused or the_plan.lockouts else Exit.OK)
    if the_plan.lockouts and not force:
        out.err("refused: the declared permissions would lock this token out (see Lockout "
                "above); nothing was written. Give the token the access it needs in the "
                "declaration, push with a token that keeps it (an Admin), or pass --force.")
        raise SystemExit(Exit.FAILED)
    report = ApplyReport()
    try:
        _apply(the_plan, connection, app, concurrency, report)
    except KeyboardInterrupt:
        out.echo(report_plan.apply_text(report))
        out.err(report_plan.interrupted_text(the_plan, report))
        raise SystemExit(Exit.INTERRUPTED) from None
    out.echo(report_plan.apply_text(report))
    if not report.ok:
        raise SystemExit(Exit.PARTIAL)
    if the_plan.refused:
        raise SystemExit(Exit.FAILED)


def _apply(the_plan: Plan, connection: Connection, app: AppContext, concurrency: int,
           report: ApplyReport) -> None:
    """Apply the plan, recording into ``report`` as it goes (so an interrupted push can say
    what it did)."""
    from dashkit.grafana import push as push_lib

    commit = push_lib.source_commit(app.config.root)
    total = the_plan.writes
    if total >= 20 and sys.stderr.isatty():
        with click.progressbar(length=total, label="Pushing", file=sys.stderr) as bar:
            push_lib.execute(the_plan, connection, commit=commit, concurrency=concurrency,
                             progress=bar.update, report=report)
            return
    push_lib.execute(the_plan, connection, commit=commit, concurrency=concurrency,
                     report=report)

