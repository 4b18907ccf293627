"""The project's side of ``check-queries``: its compiled dashboards (an incremental build),
its alert rules and the catalog's recording rules, and the Prometheus interval its
datasource declares."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from dashkit.alerting.load import load_alerts
from dashkit.build.run import built_dashboards
from dashkit.catalog.recording import RECORDING_RULES
from dashkit.config import ProjectConfig
from dashkit.problems import UserError
from dashkit.queries.macros import DEFAULT_SCRAPE, parse_duration
from dashkit.queries.prometheus import Prometheus
from dashkit.queries.run import (
    DEFAULT_CONCURRENCY,
    Dashboard,
    Outcome,
    Progress,
    Rule,
    plan_checks,
    run_checks,
)


def project_dashboards(config: ProjectConfig, paths: Sequence[Path],
                       uids: Sequence[str] = ()) -> list[Dashboard]:
    """The dashboards under ``paths`` as the build leaves them; only ``uids`` if given."""
    built = built_dashboards(paths, root=config.root, build_dir=config.build_dir,
                             purpose="check their queries", options=config.build_options)
    known = {b.entry.uid for b in built}
    missing = [uid for uid in uids if uid not in known]
    if missing:
        raise UserError(f"no dashboard with uid {', '.join(map(repr, missing))}",
                        hints=("run 'dashboards list' to see the uids",))
    return [Dashboard(orjson.loads(b.content), b.entry.source) for b in built
            if not uids or b.entry.uid in uids]


def project_rules(config: ProjectConfig, paths: Sequence[Path]) -> list[Rule]:
    """The alert modules' rules and the catalog's recording rules."""
    loaded = load_alerts(paths, config.root, config.module_timeout)
    errors = [p for p in loaded.problems if p.is_error]
    if errors:
        raise UserError(f"{len(errors)} alert module problem(s); fix them to check their "
                        "queries", details="\n".join(p.render() for p in errors))
    rules = [Rule(a.alert.name, a.alert.expr, a.source, alert=True) for a in loaded.alerts]
    if loaded.modules:  # the recording rules go with the alerts (they are provisioned together)
        rules += [Rule(r.record, r.expr, f"recording rules ({r.group})", alert=False)
                  for r in RECORDING_RULES]
    return rules


def scrape_interval(config: ProjectConfig) -> float:
    """The Prometheus datasource's ``timeInterval`` (its scrape interval), else Grafana's
    default of 15 s."""
    prometheus = [d for d in config.datasources if d.type == "prometheus"]
    for datasource in sorted(prometheus, key=lambda d: not d.default):  # the default first
        seconds = parse_duration(str(datasource.json_data.get("timeInterval") or ""))
        if seconds:
            return seconds / 1000
    return DEFAULT_SCRAPE


def datasource_types(config: ProjectConfig) -> dict[str, str]:
    """Datasource uid and name -> plugin type, from dashboards.yaml."""
    out = {}
    for datasource in config.datasources:
        out[datasource.uid] = out[datasource.name] = datasource.type
    return out


@dataclass(frozen=True)
class CheckRun:
    outcomes: list[Outcome]
    seconds: float
    scrape: float


def check_queries(config: ProjectConfig, paths: Sequence[Path], prometheus: Prometheus, *,
                  uids: Sequence[str] = (), rules: bool = True,
                  concurrency: int = DEFAULT_CONCURRENCY, scrape: float | None = None,
                  progress: Progress | None = None) -> CheckRun:
    """Plan every check of the project (or of ``uids``) and run it against ``prometheus``."""
    scrape = scrape if scrape is not None else scrape_interval(config)
    dashboards = project_dashboards(config, paths, uids)
    found_rules = project_rules(config, paths) if rules and not uids else []
    started = time.perf_counter()
    checks = plan_checks(dashboards, found_rules, prometheus, scrape=scrape,
                         datasource_types=datasource_types(config))
    outcomes = run_checks(checks, prometheus, concurrency=concurrency, progress=progress)
    return CheckRun(outcomes, time.perf_counter() - started, scrape)
