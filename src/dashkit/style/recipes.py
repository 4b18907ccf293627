"""Panels that are correct by default for the platform's common questions.

Latency percentiles and heatmaps from a histogram, success ratios with thresholds, rates per
label, queue depth and age with thresholds, and per-tenant breakdowns linked to logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashkit.catalog import Metric, MetricType
from dashkit.style import panels, queries
from dashkit.style.links import logs_for_tenant_link, traces_for_tenant_link
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import higher_is_better, lower_is_better


def _legend(by: Sequence[str]) -> str:
    return " ".join("{{" + label + "}}" for label in by)


def latency_percentiles(metric: Metric, *, title: str, description: str,
                        by: Sequence[str] = (), quantiles: Sequence[float] = (0.5, 0.9, 0.99),
                        key: str | None = None, width: int = 12,
                        slo_seconds: float | None = None, **matchers: str) -> Any:
    """p50/p90/p99 of a histogram over time, one line per quantile (and per ``by`` group).

    Exemplars are on, so a point on the line links to its trace in Tempo.
    """
    targets = [
        PromTarget(queries.quantile(q, metric, by, **matchers),
                   legend=(f"p{q * 100:g} " + _legend(by)).strip(), exemplar=True)
        for q in quantiles
    ]
    thresholds = lower_is_better(slo_seconds * 0.8, slo_seconds) if slo_seconds else None
    return panels.timeseries(
        title, description=description, targets=targets, unit=metric.unit, key=key,
        width=width, fill=0, thresholds=thresholds,
        threshold_style="line" if slo_seconds else "off", legend_calcs=("mean", "max"),
    )


def latency_heatmap(metric: Metric, *, title: str, description: str, key: str | None = None,
                    width: int = 12, **matchers: str) -> Any:
    """Where observations fall, bucket by bucket, over time."""
    return panels.heatmap(
        title, description=description, key=key, width=width, unit=metric.unit,
        targets=[PromTarget(queries.bucket_rate(metric, **matchers), legend="{{le}}")],
    )


def success_ratio(good: str, total: str, *, title: str, description: str,
                  objective: float = 0.99, warning: float | None = None,
                  by: Sequence[str] = (), key: str | None = None, width: int = 12,
                  as_stat: bool = False) -> Any:
    """good/total as a percentage, red below ``warning``, green from ``objective``."""
    warning = objective - (1 - objective) * 4 if warning is None else warning
    expr = queries.ratio(good, total)
    thresholds = higher_is_better(objective, max(0.0, warning))
    if as_stat:
        return panels.stat(title, description=description, key=key, unit="percentunit",
                           targets=[PromTarget(expr)], thresholds=thresholds, decimals=2,
                           width=width)
    return panels.timeseries(
        title, description=description, key=key, width=width, unit="percentunit", max=1,
        targets=[PromTarget(expr, legend=_legend(by) or "success ratio")],
        thresholds=thresholds, threshold_style="line", legend_calcs=("mean", "min"),
        links=[logs_for_tenant_link()] if "tenant" in by else (),
    )


def rate_by(metric: Metric, *, title: str, description: str, by: Sequence[str] = (),
            key: str | None = None, width: int = 12, stack: bool = False,
            legend: str | None = None, **matchers: str) -> Any:
    """Per-second rate of a counter, one series per ``by`` group."""
    if metric.type is not MetricType.COUNTER:
        raise ValueError(f"{metric.name} is a {metric.type.value}; rate_by needs a counter")
    target = PromTarget(queries.rate(metric, by, **matchers),
                        legend=legend if legend is not None else _legend(by))
    links = [logs_for_tenant_link()] if "tenant" in by else []
    return panels.timeseries(title, description=description, targets=[target],
                             unit=metric.rate_unit, key=key, width=width, stack=stack,
                             links=links, legend_calcs=("mean", "max"))


def gauge_by(metric: Metric, *, title: str, description: str, by: Sequence[str] = (),
             key: str | None = None, width: int = 12, warning: float | None = None,
             critical: float | None = None, stack: bool = False, agg: str = "sum",
             **matchers: str) -> Any:
    """A gauge over time per ``by`` group, with warning/critical lines when given."""
    return _gauge(metric, title, description, by, key, width, warning, critical, stack, agg,
                  matchers)


def _gauge(metric: Metric, title: str, description: str, by: Sequence[str], key: str | None,
           width: int, warning: float | None, critical: float | None, stack: bool, agg: str,
           matchers: dict[str, str]) -> Any:
    thresholds = (lower_is_better(warning, critical)
                  if warning is not None and critical is not None else None)
    target = PromTarget(queries.gauge(metric, by, agg=agg, **matchers), legend=_legend(by))
    return panels.timeseries(title, description=description, targets=[target],
                             unit=metric.unit, key=key, width=width, thresholds=thresholds,
                             threshold_style="line+area" if thresholds else "off", stack=stack,
                             legend_calcs=("lastNotNull", "max"))


def queue_depth(metric: Metric, *, warning: float, critical: float, key: str | None = None,
                width: int = 12, **matchers: str) -> Any:
    """Messages waiting per queue, with the levels the queue alerts use."""
    return _gauge(metric, "Queue depth", "Messages waiting in each queue. A depth that keeps "
                  "rising while the dequeue rate is flat means consumers are stuck or too few.",
                  ("queue",), key, width, warning, critical, False, "max", matchers)


def oldest_message_age(metric: Metric, *, warning: float, critical: float,
                       key: str | None = None, width: int = 12, **matchers: str) -> Any:
    """Age of the oldest waiting message per queue: the user-visible delay."""
    return _gauge(metric, "Oldest message age", "How long the oldest waiting message has "
                  "waited. This is the delay a new job sees before a worker picks it up.",
                  ("queue",), key, width, warning, critical, False, "max", matchers)


def top_tenants(expr: str, *, title: str, description: str, unit: str, service: str,
                limit: int = 10, key: str | None = None, width: int = 12,
                thresholds: list[dict[str, Any]] | None = None) -> Any:
    """The ``limit`` tenants with the highest value, each bar linked to its logs and traces."""
    target = PromTarget(f"topk({limit}, {expr})", legend="{{tenant}}", instant=True)
    return panels.bar_gauge(title, description=description, targets=[target], unit=unit,
                            key=key, width=width, thresholds=thresholds,
                            links=[logs_for_tenant_link(), traces_for_tenant_link(service)])
