"""Everything the alerts give, as files: rule files, the Alertmanager configuration and the
runbooks; with every problem found on the way. Pure: the caller loads the alert modules and
indexes the built dashboards, and says which repository files exist."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dashkit.alerting.compile import CompiledAlerts, DashboardIndex, compile_alerts
from dashkit.alerting.load import LoadedAlerts
from dashkit.alerting.routes import alertmanager_config
from dashkit.alerting.rules import dump, rule_files
from dashkit.alerting.runbooks import runbook_files, runbook_problems
from dashkit.build.writer import generated_header
from dashkit.model import AlertingSpec
from dashkit.problems import Problem


@dataclass(frozen=True)
class AlertingFiles:
    compiled: CompiledAlerts
    rules: dict[str, bytes]
    alertmanager: bytes
    runbooks: dict[str, bytes]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def alerting_files(loaded: LoadedAlerts, dashboards: Mapping[str, DashboardIndex],
                   spec: AlertingSpec, exists: Callable[[str], bool],
                   config_name: str = "dashboards.yaml") -> AlertingFiles:
    compiled = compile_alerts(loaded.alerts, dashboards, spec)
    runbooks = runbook_files(compiled, spec)
    problems = (*loaded.problems, *compiled.problems,
                *runbook_problems(runbooks, exists, dashboards, spec, compiled))
    alertmanager = (generated_header(f"{config_name} (alerting:) and the alert modules")
                    + dump(alertmanager_config(spec, compiled))).encode()
    return AlertingFiles(compiled, rule_files(compiled), alertmanager, runbooks, problems)
