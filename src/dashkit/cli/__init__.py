"""The ``dashboards`` command: parse, make one library call, render. The one error boundary.

Exit codes: 0 ok; 1 findings or failure (a build error, a bad input); 2 usage error;
3 internal error (a bug: please report it with the --debug output); 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Any

import click

from dashkit import __version__
from dashkit.cli.context import AppContext
from dashkit.problems import UserError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    findings or failure (build errors, bad input, push refused)
  2    usage error (unknown option, missing argument)
  3    internal error: a bug; rerun with --debug and report it
  4    push partly applied: some writes failed; run it again
  130  interrupted"""


COMMANDS = {
    "build": "build_cmd:build",
    "list": "list_cmd:list_dashboards",
    "catalog": "catalog_cmd:catalog",
    "plan": "push_cmd:plan",
    "push": "push_cmd:push",
    "lint": "lint_cmd:lint",
    "diff": "diff_cmd:diff",
}
"""Each command's module is imported only when that command runs (or help lists it), so
``dashboards build`` does not pay for the Grafana client, the linter or the differ."""


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, _, name = COMMANDS[cmd_name].partition(":")
        try:
            command = getattr(importlib.import_module(f"dashkit.cli.{module}"), name)
        except ImportError as exc:  # a dependency missing from this installation
            return _unavailable(cmd_name, exc)
        if not isinstance(command, click.Command):
            raise TypeError(f"dashkit.cli.{module}.{name} is not a click command")
        return command

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


def _unavailable(name: str, exc: ImportError) -> click.Command:
    """A stand-in for a command whose module cannot be imported: listed, and when run it
    says what is missing instead of failing with a traceback (the other commands work)."""
    reason = f"{type(exc).__name__}: {exc}"

    def fail() -> None:
        raise UserError(f"the '{name}' command cannot be loaded: {reason}",
                        hints=("reinstall dashkit with its dependencies: pip install -e . "
                               "in the repository",))

    return click.Command(name, callback=fail, short_help=f"(unavailable: {reason})",
                         context_settings={"ignore_unknown_options": True,
                                           "allow_extra_args": True})


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


def main() -> None:
    try:
        cli.main(prog_name="dashboards")
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
