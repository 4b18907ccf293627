"""``dashboards config``."""

from __future__ import annotations

import click

from dashkit.cli.context import AppContext
from dashkit.exits import Exit, exit_help


@click.command(epilog=exit_help({Exit.OK: "printed", Exit.FAILED: "dashboards.yaml has a "
                                                                  "mistake (named)"}))
@click.option("--schema", is_flag=True,
              help="Print every setting dashboards.yaml accepts (markdown), not the values.")
@click.pass_obj
def config(app: AppContext, schema: bool) -> None:
    """Show the settings in effect, read from dashboards.yaml (and checked).

    Values are shown as read, with defaults filled in; secrets are never in the file, only
    the names of the environment variables that hold them.
    """
    from dashkit.config.schema import settings_table
    from dashkit.report.config import config_text

    click.echo(settings_table() if schema else config_text(app.config), nl=not schema)
