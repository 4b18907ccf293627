"""The shape of a catalog entry: a metric, its type, unit, help and labels."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

TARGET_LABELS: tuple[str, ...] = ("job", "instance", "namespace", "pod", "container")
"""Labels Prometheus attaches to every scraped series (scrape config and Kubernetes SD)."""

PLATFORM_ALERT_LABELS: tuple[str, ...] = ("tenant", "job_type", "queue")
"""The platform's labels an alert may keep: its output is at most tenant x job type x queue."""

INFRASTRUCTURE_ALERT_LABELS: tuple[str, ...] = (
    "job", "instance", "namespace", "mountpoint", "device", "fstype", "datname", "integration")
"""Labels of the infrastructure an alert may keep: bounded by the fleet, not by traffic."""


class MetricType(StrEnum):
    COUNTER = "counter"
    GAUGE = "gauge"
    HISTOGRAM = "histogram"
    SUMMARY = "summary"
    INFO = "info"


_HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")

_RATE_UNITS = {"bytes": "Bps", "short": "ops", "s": "s", "percentunit": "percentunit"}


@dataclass(frozen=True)
class Metric:
    """One metric as exposed to Prometheus: the contract between a service and the dashboards.

    ``name`` is the exposed name (counters include ``_total`` where the emitter adds it),
    ``unit`` is the Grafana unit of a sample's value, ``labels`` are the labels the emitter
    sets (target labels such as ``job`` and ``instance`` come on top).
    """

    name: str
    type: MetricType
    unit: str
    help: str
    labels: tuple[str, ...]
    emitter: str
    buckets: tuple[float, ...] = ()
    scraped: bool = True
    """False for series Prometheus records itself (recording rules): no target labels."""

    @property
    def series(self) -> tuple[str, ...]:
        """Every series name this metric exposes (a histogram has three)."""
        if self.type is MetricType.HISTOGRAM:
            return tuple(self.name + suffix for suffix in _HISTOGRAM_SUFFIXES)
        return (self.name,)

    @property
    def bucket(self) -> str:
        return self._suffixed("_bucket")

    @property
    def count(self) -> str:
        return self._suffixed("_count")

    @property
    def sum(self) -> str:
        return self._suffixed("_sum")

    @property
    def rate_unit(self) -> str:
        """The Grafana unit of ``rate()`` over this metric (events become ops/s)."""
        return _RATE_UNITS.get(self.unit, self.unit)

    @property
    def all_labels(self) -> tuple[str, ...]:
        extra = ("le",) if self.type is MetricType.HISTOGRAM else ()
        return self.labels + extra + (TARGET_LABELS if self.scraped else ())

    def _suffixed(self, suffix: str) -> str:
        if self.type is not MetricType.HISTOGRAM:
            raise ValueError(f"metric {self.name!r} is a {self.type}, not a histogram")
        return self.name + suffix

    def select(self, series: str | None = None, **matchers: str) -> str:
        """A PromQL vector selector for this metric.

        A matcher value holding a template variable (``"$tenant"``) becomes a regex match, so
        multi-value and ``All`` selections work; a value starting with ``=~``, ``!~`` or ``!=``
        uses that operator; anything else is an exact match. Unknown labels are refused here,
        at build time, rather than discovered on an empty panel.
        """
        name = series or self.name
        if name not in self.series:
            raise ValueError(f"{name!r} is not a series of metric {self.name!r}")
        unknown = sorted(set(matchers) - set(self.all_labels))
        if unknown:
            raise ValueError(
                f"metric {self.name!r} has no label {', '.join(map(repr, unknown))}; "
                f"its labels are {', '.join(self.all_labels)}"
            )
        if not matchers:
            return name
        body = ", ".join(_matcher(label, value) for label, value in sorted(matchers.items()))
        return f"{name}{{{body}}}"


def namespace(name: str) -> str:
    """``jobs_completed_total`` -> ``jobs``; a recorded ``a:b:c`` -> its metric part's."""
    metric = name.split(":")[1] if name.count(":") >= 2 else name
    return metric.split("_", 1)[0]


def _matcher(label: str, value: str) -> str:
    for op in ("=~", "!~", "!="):
        if value.startswith(op):
            return f'{label}{op}"{value[len(op):]}"'
    if "$" in value:
        return f'{label}=~"{value}"'
    return f'{label}="{value}"'


class Catalog(Mapping[str, Metric]):
    """All known metrics by name, with lookup by any series name (``_bucket`` and friends).

    The catalog *claims* namespaces (the part of a name before its first ``_``: ``jobs``,
    ``queue``...), by default those of all its metrics: a series in a claimed namespace that
    it does not list is a mistake; one in another namespace (a project's own
    ``apiserver_*``, an exporter's series the catalog does not need) is not its business,
    unless ``claim_all``."""

    def __init__(self, metrics: Iterable[Metric], claimed: Iterable[str] | None = None,
                 claim_all: bool = False) -> None:
        metrics = list(metrics)
        self.claim_all = claim_all
        self._claimed = frozenset(claimed if claimed is not None else
                                  (namespace(m.name) for m in metrics))
        self._metrics: dict[str, Metric] = {}
        self._series: dict[str, Metric] = {}
        for metric in metrics:
            if metric.name in self._metrics:
                raise ValueError(f"metric {metric.name!r} is declared twice in the catalog")
            self._metrics[metric.name] = metric
            for series in metric.series:
                self._series[series] = metric

    def __getitem__(self, name: str) -> Metric:
        return self._metrics[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._metrics))

    def __len__(self) -> int:
        return len(self._metrics)

    @property
    def namespaces(self) -> frozenset[str]:
        """The namespaces it claims."""
        return self._claimed

    def claims(self, series: str) -> bool:
        """Whether a series of that name would have to be in this catalog."""
        return self.claim_all or namespace(series) in self._claimed

    def claiming_all(self) -> Catalog:
        """The same metrics, claiming every name."""
        return Catalog(self._metrics.values(), self._claimed, claim_all=True)

    def for_series(self, series: str) -> Metric | None:
        """The metric a series name belongs to, e.g. ``x_bucket`` -> the histogram ``x``."""
        return self._series.get(series)

    def emitters(self) -> list[str]:
        return sorted({m.emitter for m in self._metrics.values()})
