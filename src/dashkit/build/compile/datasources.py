"""Datasource references as Grafana 11+ stores them: ``{"type": ..., "uid": ...}``.

grafanalib writes a datasource as a string: a template variable (``$datasource``), one of
Grafana's built-ins, or a datasource's *name*. A name says nothing of its plugin type, so the
type is taken from, in order: ``datasources:`` in dashboards.yaml (name -> uid and type), the
grafanalib target class that wrote the query (``ElasticsearchTarget`` is elasticsearch), or
nowhere. A name whose type cannot be told is written as Grafana's own migration writes it,
``{"uid": <name>}`` (Grafana finds a datasource by uid, then by name:
public/app/features/dashboard/state/DashboardMigrator.ts, ``migrateDatasourceNameToRef``), and
reported; the type is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dashkit.model import NamedDatasource

_VARIABLE = re.compile(r"^\$(\{)?[A-Za-z_][A-Za-z0-9_]*(?(1)\})$")

TARGET_TYPES = {
    "ElasticsearchTarget": "elasticsearch",
    "InfluxDBTarget": "influxdb",
    "OpenTSDBTarget": "opentsdb",
    "CloudwatchMetricsTarget": "cloudwatch",
    "CloudwatchLogsInsightsTarget": "cloudwatch",
    "AzureMonitorMetricsTarget": "grafana-azure-monitor-datasource",
    "AzureLogsTarget": "grafana-azure-monitor-datasource",
    "AzureResourceGraphTarget": "grafana-azure-monitor-datasource",
    "AzureDataExplorerTarget": "grafana-azure-data-explorer-datasource",
    "ZabbixTarget": "alexanderzobnin-zabbix-datasource",
}
"""grafanalib's target classes whose datasource plugin is certain."""

TYPE_HINT = "__dashkit_datasource_type__"
"""Set by the JSON conversion on the data of a target class listed above."""


def is_variable(text: str) -> bool:
    return bool(_VARIABLE.match(text))


@dataclass
class Datasources:
    """How this dashboard's datasource strings become references, and the names whose type
    could not be told (reported once per dashboard)."""

    variable_types: dict[str, str] = field(default_factory=dict)
    named: dict[str, NamedDatasource] = field(default_factory=dict)
    untyped: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, named: Iterable[NamedDatasource]) -> Datasources:
        return cls(named={d.name: d for d in named})

    def ref(self, value: Any, hint: str | None = None) -> Any:
        """The reference for ``value``; ``hint`` is the type the query's class implies."""
        if value is None or isinstance(value, dict):
            return value
        if not isinstance(value, str):
            raise TypeError(f"a datasource must be a string or a {{type, uid}} object, got "
                            f"{value!r}")
        if is_variable(value):
            name = value.strip("${}")
            kind = self.variable_types.get(name) or hint
            return _ref(kind, "${" + name + "}")
        if value in ("-- Grafana --", "grafana"):
            return {"type": "grafana", "uid": "grafana"}
        if value == "-- Mixed --":
            return {"type": "datasource", "uid": "-- Mixed --"}
        if value in ("-- Dashboard --", "dashboard"):
            return {"type": "datasource", "uid": "-- Dashboard --"}
        declared = self.named.get(value)
        if declared is not None:
            return {"type": declared.type, "uid": declared.uid}
        if hint is None:
            self.untyped.add(value)
        return _ref(hint, value)


def _ref(kind: str | None, uid: str) -> dict[str, Any]:
    return {"type": kind, "uid": uid} if kind else {"uid": uid}
