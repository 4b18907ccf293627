"""The simulator's series in Prometheus' exposition formats: the text format (0.0.4), and
OpenMetrics 1.0, which also carries the histograms' exemplars (trace ids). Prometheus asks
for OpenMetrics first in its Accept header and keeps exemplars when started with
``--enable-feature=exemplar-storage``."""

from __future__ import annotations

import math
from collections.abc import Iterator

from dashkit.catalog.model import Metric, MetricType
from dashkit.simulate.store import Histogram, Labels, Store

TEXT = "text/plain; version=0.0.4; charset=utf-8"
OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8"


def content_type(accept: str) -> str:
    """The format to answer with, from a scrape's Accept header."""
    return OPENMETRICS if "application/openmetrics-text" in accept else TEXT


def render(store: Store, media_type: str = TEXT) -> bytes:
    """Every series of ``store``, metric by metric in name order."""
    open_metrics = media_type == OPENMETRICS
    lines: list[str] = []
    metrics = sorted({*store.values, *store.histograms}, key=lambda metric: metric.name)
    for metric in metrics:
        family = metric.name
        if open_metrics and metric.type is MetricType.COUNTER and family.endswith("_total"):
            family = family[: -len("_total")]
        lines.append(f"# HELP {family} {_help(metric.help, open_metrics)}")
        lines.append(f"# TYPE {family} {metric.type.value}")
        if metric.type is MetricType.HISTOGRAM:
            for labels, histogram in sorted(store.histograms.get(metric, {}).items()):
                lines.extend(_histogram(metric, labels, histogram, open_metrics))
        else:
            for labels, value in sorted(store.values.get(metric, {}).items()):
                lines.append(f"{metric.name}{_labels(metric.labels, labels)} {_number(value)}")
    if open_metrics:
        lines.append("# EOF")
    return ("\n".join(lines) + "\n").encode()


def _histogram(metric: Metric, labels: Labels, histogram: Histogram,
               open_metrics: bool) -> Iterator[str]:
    names = (*metric.labels, "le")
    for bound, count, exemplar in histogram.cumulative():
        line = f"{metric.bucket}{_labels(names, (*labels, _number(bound)))} {_number(count)}"
        if open_metrics and exemplar is not None:
            # No timestamp: Prometheus gives the exemplar the scrape's (and a time-lapse
            # simulation's clock runs ahead of the wall clock).
            line += f' # {{trace_id="{exemplar.trace_id}"}} {_number(exemplar.value)}'
        yield line
    yield f"{metric.count}{_labels(metric.labels, labels)} {_number(histogram.count)}"
    yield f"{metric.sum}{_labels(metric.labels, labels)} {_number(histogram.total)}"


def _labels(names: tuple[str, ...], values: Labels) -> str:
    if not names:
        return ""
    pairs = ",".join(f'{name}="{_escape(value)}"'
                     for name, value in zip(names, values, strict=True))
    return "{" + pairs + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _help(text: str, open_metrics: bool) -> str:
    text = text.replace("\\", "\\\\").replace("\n", "\\n")
    return text.replace('"', '\\"') if open_metrics else text


def _number(value: float) -> str:
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if math.isnan(value):
        return "NaN"
    return repr(float(value))
