"""The ``dashboards`` command: parse, make one library call, render. The one error boundary.

Exit codes: 0 ok; 1 findings or failure (a build error, a bad input); 2 usage error;
3 internal error (a bug: please report it with the --debug output); 130 interrupted.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

import click

from dashkit import __version__
from dashkit.cli import build_cmd, catalog_cmd, diff_cmd, lint_cmd, list_cmd, push_cmd
from dashkit.cli.context import AppContext
from dashkit.errors import UserError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    findings or failure (build errors, bad input, push refused)
  2    usage error (unknown option, missing argument)
  3    internal error: a bug; rerun with --debug and report it
  4    push partly applied: some writes failed; run it again
  130  interrupted"""


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            click.echo(exc.problem.render(_debug(ctx)), err=True)
            ctx.exit(EXIT_FAILED)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if _debug(ctx):
                traceback.print_exc()
            else:
                click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                           "  hint: this is a bug in dashkit; rerun with --debug and report "
                           "the traceback", err=True)
            ctx.exit(EXIT_BUG)


def _debug(ctx: click.Context) -> bool:
    app = ctx.find_object(AppContext)
    return bool(app and app.debug)


@click.group(cls=_Group, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="dashboards")
@click.option("-C", "--project-dir", type=click.Path(file_okay=False, exists=True),
              default=".", show_default=True,
              help="Run as if started in this folder (where dashboards.yaml is looked for).")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def cli(ctx: click.Context, project_dir: str, debug: bool) -> None:
    """Dashboards-as-code for the media-processing platform.

    Python modules under dashboards/ define Grafana dashboards with grafanalib and the
    dashkit house style; these commands compile, list and inspect them.
    """
    ctx.obj = AppContext(project_dir=project_dir, debug=debug)


cli.add_command(build_cmd.build)
cli.add_command(list_cmd.list_dashboards)
cli.add_command(catalog_cmd.catalog)
cli.add_command(push_cmd.plan)
cli.add_command(push_cmd.push)
cli.add_command(lint_cmd.lint)
cli.add_command(diff_cmd.diff)


def main() -> None:
    try:
        cli.main(prog_name="dashboards")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
