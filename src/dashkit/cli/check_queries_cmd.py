"""``dashboards check-queries``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from dashkit.cli.context import AppContext, module_timeout_option
from dashkit.cli.grafana_access import Redacting, tls_options
from dashkit.exits import Exit, exit_help
from dashkit.problems import UserError
from dashkit.queries.checks import Status
from dashkit.queries.macros import parse_duration
from dashkit.queries.prometheus import Prometheus
from dashkit.queries.run import DEFAULT_CONCURRENCY

if TYPE_CHECKING:
    from dashkit.grafana.connect import ProxyAccess


@click.command("check-queries", epilog=exit_help({
    Exit.OK: "every query ran (empty ones too, unless --fail-on-empty)",
    Exit.FAILED: "a query failed, a variable's query failed, or (with --fail-on-empty) a "
                 "query or variable found nothing; or Prometheus cannot be reached"}))
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--prometheus-url", envvar="PROMETHEUS_URL", metavar="URL",
              help="The Prometheus to ask (its base URL; env PROMETHEUS_URL).")
@click.option("--target", metavar="NAME",
              help="Ask through this Grafana target's datasource proxy instead (credentials "
                   "and TLS as for push).")
@click.option("--datasource", "datasource_uid", metavar="UID",
              help="With --target: the Prometheus datasource's uid (default: the Prometheus "
                   "datasource of dashboards.yaml).")
@click.option("--uid", "uids", multiple=True, metavar="UID",
              help="Check only this dashboard (repeatable); rules are then left out.")
@click.option("--no-rules", is_flag=True, help="Check the dashboards only, not the alert "
              "and recording rules.")
@click.option("--fail-on-empty", is_flag=True,
              help="Also fail when a query returns no series or a variable finds no value.")
@click.option("--concurrency", type=click.IntRange(min=1, max=64), default=DEFAULT_CONCURRENCY,
              show_default=True, help="Queries in flight at once.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0,
              show_default=True, metavar="SECONDS", help="Give up on one query after this.")
@click.option("--scrape-interval", metavar="DURATION",
              help="The datasource's scrape interval, for $__rate_interval (default: "
                   "timeInterval of the Prometheus datasource in dashboards.yaml, else 15s).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List the queries that returned data too.")
@tls_options
@click.pass_obj
@module_timeout_option
def check_queries(app: AppContext, paths: tuple[str, ...], prometheus_url: str | None,
                  target: str | None, datasource_uid: str | None, uids: tuple[str, ...],
                  no_rules: bool, fail_on_empty: bool, concurrency: int, timeout: float,
                  scrape_interval: str | None, fmt: str, verbose: bool, insecure: bool,
                  ca_bundle: str | None) -> None:
    """Run every panel query and rule expression against a real Prometheus.

    Each dashboard's variables are resolved to real values (their queries run there), the
    macros ($__rate_interval, $__interval, $__range...) are filled in as Grafana would for
    the dashboard's default time range, and every Prometheus target runs as a range query;
    alert and recording rules run as instant queries (an alert part by part, without its
    threshold). Each is reported ok, empty, error (with Prometheus' message) or unresolved
    variable. Nothing is retried: safe against a production Prometheus.
    """
    from dashkit.queries.project import check_queries as run
    from dashkit.report import queries as report

    scrape = None
    if scrape_interval is not None:
        ms = parse_duration(scrape_interval)
        if not ms:
            raise click.BadParameter(f"{scrape_interval!r} is not a duration such as 15s",
                                     param_hint="--scrape-interval")
        scrape = ms / 1000
    source = click.get_current_context().get_parameter_source("prometheus_url")
    if target and source is click.core.ParameterSource.ENVIRONMENT:
        prometheus_url = None  # --target wins over PROMETHEUS_URL in the environment
    if bool(prometheus_url) == bool(target):
        raise click.UsageError("give either --prometheus-url (or PROMETHEUS_URL) or --target")
    out = Redacting(())
    if target:
        access = _through_grafana(app, target, datasource_uid, insecure, ca_bundle)
        out = Redacting(access.secrets)
        prometheus = Prometheus(access.url, timeout, access.headers, access.verify)
    else:
        prometheus = Prometheus(str(prometheus_url), timeout=timeout)
    bar = _Progress() if fmt == "text" and sys.stderr.isatty() else None
    try:
        result = run(app.config, app.dashboard_paths(paths), prometheus, uids=uids,
                     rules=not no_rules, concurrency=concurrency, scrape=scrape,
                     progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    if fmt == "json":
        out.echo(report.as_json(result.outcomes, result.seconds))
    elif fmt == "markdown":
        out.echo(report.markdown(result.outcomes, result.seconds))
    else:
        out.echo(report.text(result.outcomes, result.seconds, verbose))
    failing = {Status.ERROR} | ({Status.EMPTY, Status.UNRESOLVED} if fail_on_empty else set())
    if any(o.status in failing for o in result.outcomes):
        raise SystemExit(Exit.FAILED)


def _through_grafana(app: AppContext, target: str, uid: str | None, insecure: bool,
                     ca_bundle: str | None) -> ProxyAccess:
    from dashkit.grafana.connect import choose_target, datasource_proxy

    if uid is None:
        found = [d for d in app.config.datasources if d.type == "prometheus"]
        chosen = [d for d in found if d.default] or found
        if len(chosen) != 1:
            raise UserError("which Prometheus datasource? dashboards.yaml declares "
                            f"{len(found)} of type prometheus",
                            hints=("pass --datasource UID",))
        uid = chosen[0].uid
    spec = choose_target(app.config, target, os.environ)
    access = datasource_proxy(spec, uid, os.environ, insecure=insecure, ca_bundle=ca_bundle)
    if access.verify is False:
        click.echo(f"warning: TLS certificate verification is OFF for {spec.name} "
                   f"({spec.url}); anyone on the network path can read the token", err=True)
    return access


class _Progress:
    """``done/total`` on one line of a terminal's stderr."""

    def __init__(self) -> None:
        self.shown = False

    def update(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} queries",
                   err=True, nl=False)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)



