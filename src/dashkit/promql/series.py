"""Series names against the metric catalog: which metric a series belongs to, and whether
it only goes up (so that rate, irate and increase make sense)."""

from __future__ import annotations

from dashkit.catalog import Catalog, Metric, MetricType

_SUMMARY_SUFFIXES = ("_sum", "_count")


def resolve(catalog: Catalog, series: str) -> Metric | None:
    """The catalog metric of a series: ``x_bucket`` -> histogram ``x``; a summary's
    ``_sum``/``_count`` -> the summary."""
    metric = catalog.for_series(series)
    if metric is not None:
        return metric
    for suffix in _SUMMARY_SUFFIXES:
        if series.endswith(suffix):
            base = catalog.get(series.removesuffix(suffix))
            if base is not None and base.type is MetricType.SUMMARY:
                return base
    return None


def only_goes_up(metric: Metric, series: str) -> bool:
    """Counters, and the ``_bucket``/``_sum``/``_count`` series of histograms and summaries."""
    if metric.type is MetricType.COUNTER:
        return True
    if metric.type in (MetricType.HISTOGRAM, MetricType.SUMMARY):
        return series != metric.name
    return False


def is_recording_rule(series: str) -> bool:
    """Recording rules are named ``level:metric:operations``; exporters never use ':'."""
    return ":" in series
