"""``dashboards simulate``."""

from __future__ import annotations

from pathlib import Path

import click

from dashkit.cli.context import AppContext
from dashkit.exits import Exit, exit_help
from dashkit.problems import UserError
from dashkit.simulate.scenarios import SCENARIOS


@click.command("simulate", epilog=exit_help({Exit.OK: "stopped (Ctrl-C or SIGTERM)",
                                             Exit.FAILED: "cannot listen on that address"}))
@click.option("--listen", default="127.0.0.1:9464", show_default=True, metavar="HOST:PORT",
              help="Where to serve /metrics.")
@click.option("--scenario", "name", type=click.Choice(list(SCENARIOS)), default="healthy",
              show_default=True, help="The behaviour to start with (switch later with "
              "POST /scenario?name=NAME).")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Seed of the random draws: the same seed gives the same workload.")
@click.option("--speed", type=click.FloatRange(min=1), default=1.0, show_default=True,
              help="Simulated seconds per real second: a time-lapse, to watch alerts fire "
                   "with rules compressed by the same factor (dashkit.simulate.timelapse).")
@click.option("--write-rules", type=click.Path(file_okay=False), metavar="DIR",
              help="Write the project's rule files (alerting.rules_dir) compressed by --speed "
                   "into DIR, for the Prometheus that scrapes a time-lapse, then exit.")
@click.option("--list-scenarios", is_flag=True, help="List the scenarios and the alerts "
              "each should fire, then exit.")
@click.pass_obj
def simulate(app: AppContext, listen: str, name: str, seed: int, speed: float,
             write_rules: str | None, list_scenarios: bool) -> None:
    """Serve the platform's metrics from a simulated workload, for a Prometheus to scrape.

    Every metric of the platform's catalog moves as the services would move it: jobs over
    three tenants, two job types and three sources flow through the gateway, the extraction
    and upload queues, the extraction stages (latency histograms with trace-id exemplars)
    and YouTube (uploads, quota, token refreshes). The Kubernetes deployments and the media
    scratch disk under them are simulated too.
    """
    if write_rules:
        from dashkit.simulate.timelapse import write_compressed

        source = app.config.root / app.config.alerting.rules_dir
        written = write_compressed(source, Path(write_rules), speed)
        click.echo(f"wrote {len(written)} rule file(s) from {source} to {write_rules}, "
                   f"compressed {speed:g} times", err=True)
        return
    if list_scenarios:
        for scenario in SCENARIOS.values():
            fires = ", ".join(scenario.fires) or "no alert"
            click.echo(f"{scenario.name}\n  {scenario.summary}\n  fires: {fires}")
        return
    from dashkit.simulate.server import Simulator, serve  # only serving needs them

    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(f"{listen!r} is not HOST:PORT", param_hint="--listen")
    try:
        server = serve(Simulator(SCENARIOS[name], seed, speed=speed), host.strip("[]"), int(port))
    except OSError as exc:
        raise UserError(f"cannot listen on {listen}: {exc.strerror or exc}",
                        hints=("pick a free port, e.g. --listen 127.0.0.1:0 for any",)) from None
    bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
    click.echo(f"serving the {name} workload on http://{bound_host}:{bound_port}/metrics "
               f"(scenarios: POST /scenario?name=NAME; Ctrl-C stops)", err=True)
    import signal

    signal.signal(signal.SIGTERM, _stop)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, _Stopped):
        click.echo("stopped", err=True)
    finally:
        server.server_close()


class _Stopped(Exception):
    """SIGTERM: stop serving and exit 0, as on Ctrl-C."""


def _stop(signum: int, frame: object) -> None:
    raise _Stopped
