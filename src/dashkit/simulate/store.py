"""The simulator's series, kept by catalog metric: counters only go up, gauges are set,
histograms count observations into the metric's own buckets. Label names are checked
against the catalog on every write, so the simulator can never expose a label the catalog
does not declare (or miss one it does)."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from dashkit.catalog.model import Metric, MetricType

Labels = tuple[str, ...]


@dataclass
class Exemplar:
    """A trace id attached to one observation of a histogram bucket."""

    trace_id: str
    value: float


@dataclass
class Histogram:
    """Cumulative buckets are computed when exposed; here each bucket counts its own."""

    bounds: tuple[float, ...]
    counts: list[float] = field(default_factory=list)
    total: float = 0.0
    count: float = 0.0
    exemplars: dict[int, Exemplar] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.counts:
            self.counts = [0.0] * (len(self.bounds) + 1)  # the last is +Inf

    def observe(self, value: float, weight: float = 1.0, exemplar: Exemplar | None = None,
                ) -> None:
        index = bisect.bisect_left(self.bounds, value)
        self.counts[index] += weight
        self.total += value * weight
        self.count += weight
        if exemplar is not None:
            self.exemplars[index] = exemplar

    def cumulative(self) -> list[tuple[float, float, Exemplar | None]]:
        """(upper bound, cumulative count, exemplar) per bucket, ``+Inf`` last."""
        out, running = [], 0.0
        for index, bound in enumerate((*self.bounds, math.inf)):
            running += self.counts[index]
            out.append((bound, running, self.exemplars.get(index)))
        return out


class Store:
    """Every simulated series, by metric and label values (in the metric's label order)."""

    def __init__(self) -> None:
        self.values: dict[Metric, dict[Labels, float]] = {}
        self.histograms: dict[Metric, dict[Labels, Histogram]] = {}

    def inc(self, metric: Metric, amount: float = 1.0, **labels: str) -> None:
        if metric.type is not MetricType.COUNTER:
            raise TypeError(f"{metric.name} is a {metric.type}; only counters are increased")
        if amount < 0:
            raise ValueError(f"{metric.name}: a counter cannot go down ({amount})")
        series = self.values.setdefault(metric, {})
        key = _key(metric, labels)
        series[key] = series.get(key, 0.0) + amount

    def set(self, metric: Metric, value: float, **labels: str) -> None:
        if metric.type is not MetricType.GAUGE:
            raise TypeError(f"{metric.name} is a {metric.type}; only gauges are set")
        self.values.setdefault(metric, {})[_key(metric, labels)] = value

    def observe(self, metric: Metric, value: float, weight: float = 1.0,
                exemplar: Exemplar | None = None, **labels: str) -> None:
        if metric.type is not MetricType.HISTOGRAM:
            raise TypeError(f"{metric.name} is a {metric.type}; only histograms observe")
        series = self.histograms.setdefault(metric, {})
        key = _key(metric, labels)
        if key not in series:
            series[key] = Histogram(tuple(float(b) for b in metric.buckets))
        series[key].observe(value, weight, exemplar)

    def touch(self, metric: Metric, **labels: str) -> None:
        """Make a counter's or histogram's series exist at 0, as a service should for the
        label values it knows (so ``rate()`` sees the first event, and a panel of failures
        shows 0 rather than nothing)."""
        key = _key(metric, labels)
        if metric.type is MetricType.HISTOGRAM:
            histograms = self.histograms.setdefault(metric, {})
            if key not in histograms:
                histograms[key] = Histogram(tuple(float(b) for b in metric.buckets))
        elif metric.type is MetricType.COUNTER:
            self.values.setdefault(metric, {}).setdefault(key, 0.0)
        else:
            raise TypeError(f"{metric.name} is a {metric.type}; gauges are set, not touched")

    def value(self, metric: Metric, **labels: str) -> float:
        return self.values.get(metric, {}).get(_key(metric, labels), 0.0)


def _key(metric: Metric, labels: dict[str, str]) -> Labels:
    if set(labels) != set(metric.labels):
        missing = sorted(set(metric.labels) - set(labels))
        extra = sorted(set(labels) - set(metric.labels))
        raise ValueError(f"{metric.name}: labels must be exactly {', '.join(metric.labels)}"
                         f" (missing {missing}, not in the catalog {extra})")
    return tuple(labels[name] for name in metric.labels)
