"""``dashboards diff``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.cli.grafana_access import Redacting, open_connection, tls_options
from dashkit.exits import Exit, exit_help


@click.command(epilog=exit_help({
    Exit.OK: "compared (with --exit-code: no changes)",
    Exit.FAILED: "changes found (only with --exit-code), or bad input",
    Exit.USAGE: "usage error: no baseline, or more than one"}))
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--base", "base_ref", metavar="REF",
              help="Compare with the dashboards as they are at this git ref (e.g. origin/main).")
@click.option("--dir", "base_dir", type=click.Path(file_okay=False, exists=True),
              help="Compare with a directory of dashboard JSON (e.g. an earlier build --out).")
@click.option("-t", "--target", help="Compare with what this Grafana target holds now.")
@click.option("--live", is_flag=True,
              help="Compare with the Grafana at GRAFANA_URL (GRAFANA_TOKEN) right now.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True)
@tls_options
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are changes.")
@click.option("--preview", "preview_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write before and after pages of each changed dashboard here, the "
                   "changed panels outlined, with an index.html.")
@click.option("--details-elsewhere", metavar="TEXT",
              help="With --format markdown: what the comment says when the details are too "
                   "long for it (e.g. the name of the artifact holding the previews).")
@click.option("--color/--no-color", default=None,
              help="Colour the text output (default: when writing to a terminal).")
@click.pass_obj
@module_timeout_option
def diff(app: AppContext, paths: tuple[str, ...], base_ref: str | None, base_dir: str | None,
         target: str | None, live: bool, fmt: str, insecure: bool, ca_bundle: str | None,
         exit_code: bool, preview_dir: Path | None, details_elsewhere: str | None,
         color: bool | None) -> None:
    """Show which dashboards and panels changed, field by field, against a baseline.

    The new side is what the dashboard modules (PATHS, default dashboards/) compile to now
    (through an incremental build into the project's build folder).
    The baseline is one of --base REF, --dir DIR, or --target NAME / --live. Server-owned
    fields and key order never show as changes.
    """
    from dashkit.report import diff as report_diff
    from dashkit.review import baseline
    from dashkit.review.diff import diff_sets

    chosen = [o for o in (base_ref, base_dir, target or (live or None)) if o]
    if len(chosen) != 1:
        raise click.UsageError(
            ("no baseline to compare with" if not chosen else "more than one baseline")
            + ": choose one of --base REF, --dir DIR, --target NAME or --live "
            "(e.g. dashboards diff --base origin/main --format markdown)")
    dashboard_paths = app.dashboard_paths(paths)
    out = Redacting(())
    if base_dir or base_ref:
        new = baseline.from_build(dashboard_paths, app.config.root, app.config.build_dir,
                                  options=app.config.build_options)
        old = (baseline.from_dir(Path(base_dir)) if base_dir
               else baseline.from_git(str(base_ref), app.config.root, app.config.build_dir))
        label = f"against {base_dir}" if base_dir else f"against {base_ref}"
    else:
        from dashkit.grafana.snapshots import live_snapshots

        connection, out = open_connection(app, target, insecure=insecure, ca_bundle=ca_bundle)
        sides = live_snapshots(app.config, dashboard_paths, connection)
        old, new = sides.old, sides.new
        for note in sides.notes:
            out.err(note.render())
        label = f"against Grafana {connection.target.name}"
    diffs = diff_sets(old, new)
    if preview_dir is not None:
        from dashkit.preview.diffs import preview_diffs

        written = preview_diffs(diffs, old, new, preview_dir)
        click.echo(f"previews: {len(written) - 1} page(s) and {preview_dir / 'index.html'}",
                   err=True)
    if fmt == "markdown":
        # 1,000 characters of the comment's limit are left for what a workflow adds to it.
        out.echo(report_diff.markdown(diffs, f"Dashboard changes {label}",
                                      limit=report_diff.COMMENT_LIMIT - 1_000,
                                      elsewhere=details_elsewhere or ""), nl=False)
    elif fmt == "json":
        out.echo(report_diff.as_json(diffs))
    else:
        use_colour = sys.stdout.isatty() if color is None else color
        style = (lambda text, colour: click.style(text, fg=colour)) if use_colour else (
            lambda text, _colour: text)
        out.echo(report_diff.text(diffs, style))
    if exit_code and any(d.status != "unchanged" for d in diffs):
        raise SystemExit(Exit.FAILED)
