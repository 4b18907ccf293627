"""The standard template variables: datasources, tenant, job type, queue (multi, with All)."""

from __future__ import annotations

from typing import Any

from grafanalib.core import Template

from dashkit.catalog import JOBS_COMPLETED, QUEUE_DEPTH, Metric
from dashkit.style.datasources import LOKI_VAR, PROMETHEUS, PROMETHEUS_VAR, TEMPO_VAR

_ALL = {"selected": True, "text": ["All"], "value": ["$__all"]}


def datasource(name: str = PROMETHEUS_VAR, plugin: str = "prometheus", label: str | None = None,
               hide: int = 0) -> Any:
    return Template(name=name, query=plugin, type="datasource", label=label or plugin.title(),
                    hide=hide)


def loki() -> Any:
    return datasource(LOKI_VAR, "loki", "Logs")


def tempo() -> Any:
    return datasource(TEMPO_VAR, "tempo", "Traces")


def label_values(name: str, metric: Metric, label: str, title: str, *,
                 depends_on: tuple[str, ...] = ()) -> Any:
    """A multi-value variable over a label's values, with ``All`` matching everything."""
    if label not in metric.all_labels:
        raise ValueError(f"metric {metric.name!r} has no label {label!r}")
    matchers = ", ".join(f'{dep}=~"${dep}"' for dep in depends_on)
    selector = f"{metric.series[0]}{{{matchers}}}" if matchers else metric.series[0]
    template = Template(
        name=name, label=title, query=f"label_values({selector}, {label})",
        dataSource=dict(PROMETHEUS), includeAll=True, multi=True, allValue=".*",
        refresh=2, sort=1,
    )
    template._current = dict(_ALL)
    return template


def tenant() -> Any:
    return label_values("tenant", JOBS_COMPLETED, "tenant", "Tenant")


def job_type() -> Any:
    return label_values("job_type", JOBS_COMPLETED, "job_type", "Job type")


def queue() -> Any:
    return label_values("queue", QUEUE_DEPTH, "queue", "Queue")


def standard(*extra: Any) -> list[Any]:
    """Prometheus, Loki and Tempo datasources, then the given variables."""
    return [datasource(), loki(), tempo(), *extra]
