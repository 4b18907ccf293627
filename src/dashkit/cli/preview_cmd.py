"""``dashboards preview``."""

from __future__ import annotations

from pathlib import Path

import click

from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.exits import Exit, exit_help
from dashkit.queries.macros import parse_duration


@click.command("preview", epilog=exit_help({Exit.OK: "pages written",
                                            Exit.FAILED: "a module does not build, or "
                                                         "Prometheus or Chromium failed"}))
@click.argument("uids", nargs=-1)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the pages (<uid>.html, and <uid>.png with --png).")
@click.option("--prometheus-url", envvar="PROMETHEUS_URL", metavar="URL",
              help="Draw the panels from this Prometheus (env PROMETHEUS_URL); without it, "
                   "panels are labelled placeholders.")
@click.option("--scrape-interval", metavar="DURATION",
              help="The datasource's scrape interval, for $__rate_interval.")
@click.option("--png", is_flag=True, help="Also a screenshot of each page (headless Chromium).")
@click.pass_obj
@module_timeout_option
def preview(app: AppContext, uids: tuple[str, ...], out_dir: Path, prometheus_url: str | None,
            scrape_interval: str | None, png: bool) -> None:
    """Render dashboards (all, or UIDS) to self-contained static pages, without a Grafana.

    Each page lays the dashboard out on Grafana's 24-column grid at its real proportions:
    rows (collapsed ones closed), every panel with its title, type, unit, thresholds,
    description (on hover) and queries, and time series, stat, gauge, bar gauge, heatmap and
    table panels drawn from real query results with --prometheus-url. The pages use no
    script and fetch nothing.
    """
    from dashkit.preview.run import preview_project
    from dashkit.queries.prometheus import Prometheus

    scrape = None
    if scrape_interval:
        ms = parse_duration(scrape_interval)
        if not ms:
            raise click.BadParameter(f"{scrape_interval!r} is not a duration",
                                     param_hint="--scrape-interval")
        scrape = ms / 1000
    done = preview_project(app.config, list(app.config.dashboard_paths), out_dir, uids=uids,
                           prometheus=Prometheus(prometheus_url) if prometheus_url else None,
                           scrape=scrape, png=png)
    for item in done:
        click.echo(f"{item.uid}: {item.html}" + (f", {item.png}" if item.png else ""))
