"""The ``dashboards`` command: parse, make one library call, render. The one error boundary:
a UserError exits 1 with its message, a usage error 2, anything else is a bug (3, traceback
with --debug), Ctrl-C 130; the table is in :mod:`dashkit.exits`.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Any

import click

from dashkit import __version__
from dashkit.cli.context import AppContext
from dashkit.exits import Exit, exit_help
from dashkit.problems import UserError

COMMANDS = {
    "build": "dashkit.cli.build_cmd:build",
    "list": "dashkit.cli.list_cmd:list_dashboards",
    "catalog": "dashkit.cli.catalog_cmd:catalog",
    "config": "dashkit.cli.config_cmd:config",
    "plan": "dashkit.cli.push_cmd:plan",
    "push": "dashkit.cli.push_cmd:push",
    "provision": "dashkit.cli.provision_cmd:provision",
    "lint": "dashkit.cli.lint_cmd:lint",
    "diff": "dashkit.cli.diff_cmd:diff",
    "simulate": "dashkit.cli.simulate_cmd:simulate",
    "check-queries": "dashkit.cli.check_queries_cmd:check_queries",
    "import": "dashkit.cli.import_cmd:import_dashboards",
    "preview": "dashkit.cli.preview_cmd:preview",
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
            command = getattr(importlib.import_module(module), name)
        except ImportError as exc:
            return _cannot_load(cmd_name, exc)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module}.{name} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            click.echo(exc.problem.render(_debug(ctx)), err=True)
            ctx.exit(Exit.FAILED)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(Exit.INTERRUPTED)
        except Exception as exc:
            if _debug(ctx):
                traceback.print_exc()
            else:
                click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                           "  hint: this is a bug in dashkit; rerun with --debug and report "
                           "the traceback", err=True)
            ctx.exit(Exit.BUG)


def _cannot_load(name: str, exc: ImportError) -> click.Command:
    """A stand-in for a command whose module cannot be imported, so the other commands and
    the help still work. A third-party module that is not installed is the user's to fix
    (exit 1, with what to install); anything else is a bug in dashkit (exit 3)."""
    missing = exc.name if isinstance(exc, ModuleNotFoundError) else None
    if missing is None or missing.split(".")[0] == "dashkit":
        def bug() -> None:
            raise exc

        return click.Command(name, callback=bug, short_help=f"(broken: {exc})",
                             context_settings={"ignore_unknown_options": True,
                                               "allow_extra_args": True})
    requirement = _requirement_for(missing)
    hint = (f"install it: pip install '{requirement}'" if requirement else
            "the installation is incomplete: reinstall dashkit with its dependencies "
            "(pip install --force-reinstall dashkit, or pip install -e . in a checkout)")

    def fail() -> None:
        raise UserError(f"the '{name}' command needs the Python module {missing!r}, which is "
                        "not installed", hints=(hint,))

    return click.Command(name, callback=fail, short_help=f"(unavailable: {missing} is missing)",
                         context_settings={"ignore_unknown_options": True,
                                           "allow_extra_args": True})


_MODULE_OF = {"pyyaml": "yaml"}
"""Distributions whose module is not their name with '-' as '_'."""


def _requirement_for(module: str) -> str | None:
    """dashkit's requirement (``promql-parser>=0.5``) that provides ``module``, if any."""
    import importlib.metadata  # only when a command cannot be loaded
    import re

    try:
        requirements = importlib.metadata.requires("dashkit") or []
    except importlib.metadata.PackageNotFoundError:
        return None
    top = module.split(".")[0]
    for requirement in requirements:
        spec, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        dist = re.split(r"[\s<>=!~\[(]", spec.strip(), maxsplit=1)[0].lower()
        if _MODULE_OF.get(dist, dist.replace("-", "_").replace(".", "_")) == top:
            return spec.strip()
    return None


def _debug(ctx: click.Context) -> bool:
    app = ctx.find_object(AppContext)
    return bool(app and app.debug)


@click.group(cls=_Group, epilog=exit_help(codes=tuple(Exit)))
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
        sys.exit(Exit.INTERRUPTED)
