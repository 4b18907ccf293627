"""``dashboards lint``."""

from __future__ import annotations

from pathlib import Path

import click

from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.config import CONFIG_NAME
from dashkit.exits import Exit, exit_help
from dashkit.problems import FAIL_ON_CHOICES, Location, UserError
from dashkit.report import lint as report
from dashkit.report import rules
from dashkit.review.lint.engine import unknown_ignores
from dashkit.review.lint.registry import REGISTRY
from dashkit.review.lint.run import lint_project


@click.command(epilog=exit_help({
    Exit.OK: "no finding reaches the --fail-on severity",
    Exit.FAILED: "findings at or above it, a module that does not build, or an ignore in "
                 "dashboards.yaml that names an unknown rule"}))
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "markdown"]),
              default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations; "
                   "markdown only with --rules.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES),
              help="The lowest severity that fails the run (default: lint.fail_on in "
                   "dashboards.yaml, else error).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Worker processes for compiling and checking (default: one per core).")
@click.option("--no-cache", is_flag=True,
              help="Compile and check every dashboard, even those unchanged since the last run.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also show ignored findings with their reason, and unused ignores.")
@click.option("--rules", "list_rules", is_flag=True, help="List the rules and exit.")
@click.pass_obj
@module_timeout_option
def lint(app: AppContext, paths: tuple[str, ...], fmt: str, fail_on: str | None,
         jobs: int | None, no_cache: bool, verbose: bool, list_rules: bool) -> None:
    """Check dashboards against the house rules: queries, metrics, links, layout, style.

    PATHS are modules or folders (default: the project's dashboards, compiled through the
    build folder so unchanged modules are neither recompiled nor checked again).
    `dashboards lint --rules` lists the rules; docs/lint.md explains each.
    """
    if list_rules:
        if fmt == "github":
            raise click.UsageError("--rules prints text, json or markdown")
        click.echo({"json": rules.rules_json, "markdown": rules.rules_markdown}.get(
            fmt, rules.rules_text)(REGISTRY), nl=fmt != "markdown")
        return
    if fmt == "markdown":
        raise click.UsageError("--format markdown lists the rules; add --rules")
    config = app.config
    unknown = unknown_ignores(config.lint_ignores)
    if unknown:
        raise UserError(
            f"lint.ignore names unknown rule {unknown[0].rule!r}",
            location=Location(str(config.source or CONFIG_NAME), field="lint.ignore"),
            hints=(f"known rules: {', '.join(REGISTRY)}",
                   "'dashboards lint --rules' lists them"))
    threshold = fail_on or config.lint_fail_on
    result = lint_project(config, [Path(p) for p in paths], jobs=jobs, use_cache=not no_cache)
    if fmt == "json":
        click.echo(report.as_json(result, threshold))
    elif fmt == "github":
        annotations = report.github(result)
        if annotations:
            click.echo(annotations)
        click.echo(report.summary(result, threshold), err=True)
    else:
        click.echo(report.text(result, threshold, verbose))
    if result.failed(threshold):
        raise SystemExit(Exit.FAILED)
