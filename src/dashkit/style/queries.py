"""PromQL the house style writes: rates over $__rate_interval, quantiles from histograms."""

from __future__ import annotations

from collections.abc import Sequence

from dashkit.catalog import Metric, MetricType

RATE_INTERVAL = "$__rate_interval"


def _by(labels: Sequence[str]) -> str:
    return f" by ({', '.join(labels)})" if labels else ""


def _need(metric: Metric, *kinds: MetricType) -> None:
    if metric.type not in kinds:
        wanted = " or ".join(k.value for k in kinds)
        raise ValueError(f"{metric.name} is a {metric.type.value}; this query needs a {wanted}")


def rate(metric: Metric, by: Sequence[str] = (), series: str | None = None,
         **matchers: str) -> str:
    """``sum by (…) (rate(metric{…}[$__rate_interval]))``; counters and histogram parts only."""
    if series is None:
        _need(metric, MetricType.COUNTER)
    selector = metric.select(series, **matchers)
    return f"sum{_by(by)} (rate({selector}[{RATE_INTERVAL}]))"


def increase(metric: Metric, window: str, by: Sequence[str] = (), **matchers: str) -> str:
    _need(metric, MetricType.COUNTER)
    return f"sum{_by(by)} (increase({metric.select(**matchers)}[{window}]))"


def gauge(metric: Metric, by: Sequence[str] = (), agg: str = "sum", **matchers: str) -> str:
    _need(metric, MetricType.GAUGE)
    return f"{agg}{_by(by)} ({metric.select(**matchers)})"


def quantile(q: float, metric: Metric, by: Sequence[str] = (), **matchers: str) -> str:
    """``histogram_quantile(q, sum by (le, …) (rate(metric_bucket{…}[$__rate_interval])))``."""
    _need(metric, MetricType.HISTOGRAM)
    inner = rate(metric, ("le", *by), series=metric.bucket, **matchers)
    return f"histogram_quantile({q:g}, {inner})"


def bucket_rate(metric: Metric, **matchers: str) -> str:
    """Per-bucket increase, for a heatmap of a histogram."""
    _need(metric, MetricType.HISTOGRAM)
    return f"sum by (le) (increase({metric.select(metric.bucket, **matchers)}[{RATE_INTERVAL}]))"


def ratio(numerator: str, denominator: str) -> str:
    """``numerator / denominator``, guarding against division by zero (no data, not NaN)."""
    return f"({numerator})\n/\n({denominator} > 0)"
