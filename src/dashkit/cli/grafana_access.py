"""What every command that talks to a Grafana shares: the TLS options, the connection (with
its warning when verification is off) and output that can never show a secret."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from dashkit.cli.context import AppContext

if TYPE_CHECKING:
    from dashkit.grafana.connect import Connection


def tls_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--ca-bundle", type=click.Path(exists=True, dir_okay=False),
                      help="Verify TLS against this CA bundle.")(fn)
    return click.option("--insecure", is_flag=True,
                        help="Do not verify the server's TLS certificate (prints a "
                             "warning).")(fn)


class Redacting:
    """Output that can never show a secret, whatever a server or library put in a message."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        self.secrets = tuple(s for s in secrets if s)

    def clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def echo(self, text: str, nl: bool = True) -> None:
        click.echo(self.clean(text), nl=nl)

    def err(self, text: str) -> None:
        click.echo(self.clean(text), err=True)


def open_connection(app: AppContext, target: str | None, *, insecure: bool,
                    ca_bundle: str | None) -> tuple[Connection, Redacting]:
    """The target's connection and an output that hides its secrets; warns when TLS
    verification is off."""
    from dashkit.grafana.connect import choose_target, connect

    spec = choose_target(app.config, target, os.environ)
    connection = connect(spec, os.environ, insecure=insecure, ca_bundle=ca_bundle)
    out = Redacting(connection.secrets)
    if connection.insecure:
        out.err(f"warning: TLS certificate verification is OFF for {spec.name} ({spec.url}); "
                "anyone on the network path can read the token")
    return connection, out
