"""``dashboards catalog``."""

from __future__ import annotations

import click

from dashkit.catalog import CATALOG
from dashkit.exits import Exit, exit_help
from dashkit.report import catalog as report


@click.command(epilog=exit_help({Exit.OK: "printed"}, codes=(Exit.OK, Exit.USAGE, Exit.BUG)))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True)
def catalog(fmt: str) -> None:
    """Print the metric catalog: every metric the dashboards may use.

    The catalog (src/dashkit/catalog/) is the contract between the platform's services
    and the dashboards: name, type, unit, labels, emitter and meaning of each metric.
    """
    render = {"text": report.catalog_text, "markdown": report.catalog_markdown,
              "json": report.catalog_json}[fmt]
    click.echo(render(CATALOG))
