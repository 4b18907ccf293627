"""Time range, step and Grafana's macros for one Prometheus panel query, as Grafana
computes them (the sources are named on each function).

The browser computes the interval from the time range and the panel's data points
(``calculateInterval`` in ``packages/grafana-data/src/datetime/rangeutil.ts``); Grafana's
Prometheus backend turns it into the range query's step and replaces ``$__interval``,
``$__rate_interval`` and ``$__range`` (``Parse``, ``calculatePrometheusInterval``,
``calculateRateInterval`` and ``interpolateVariables`` in ``pkg/promlib/models/query.go``).
"""

from __future__ import annotations

import calendar
import datetime
import math
import re
import time as _time
from dataclasses import dataclass

from dashkit.promql.durations import UNIT_MS as _UNIT_MS
from dashkit.promql.durations import parse_duration as parse_duration

DEFAULT_SCRAPE = 15.0
"""The Prometheus datasource's interval when its ``timeInterval`` is not set."""
DEFAULT_POINTS = 500
"""Data points when the panel's width is unknown: Scenes' own fallback
(``SceneQueryRunner.getMaxDataPoints``)."""
SAFE_POINTS = 11_000
"""Grafana never asks Prometheus for more points than this (``safeResolution``)."""

_ROUNDING = (  # (below this many ms, round to this many ms): rangeutil.ts roundInterval
    (10, 1), (15, 10), (35, 20), (75, 50), (150, 100), (350, 200), (750, 500), (1500, 1000),
    (3500, 2000), (7500, 5000), (12500, 10000), (17500, 15000), (25000, 20000),
    (45000, 30000), (90000, 60000), (210000, 120000), (450000, 300000), (750000, 600000),
    (1050000, 900000), (1500000, 1200000), (2700000, 1800000), (5400000, 3600000),
    (9000000, 7200000), (16200000, 10800000), (32400000, 21600000), (86400000, 43200000),
    (604800000, 86400000), (1814400000, 604800000), (3628800000, 2592000000))
_YEAR_MS = 31536000000



def round_interval(ms: float, inclusive: bool = False) -> float:
    """Grafana's interval rounding: the browser compares with ``<``, the backend
    (``gtime.RoundInterval`` in grafana-plugin-sdk-go) with ``<=``."""
    for below, rounded in _ROUNDING:
        if ms < below or (inclusive and ms == below):
            return rounded
    return _YEAR_MS


def format_interval(ms: float) -> str:
    """``$__interval``: the count of the largest whole unit, truncating
    (``gtime.FormatInterval``): 90 s reads ``1m``."""
    for unit in ("y", "d", "h", "m", "s"):
        size = _UNIT_MS[unit]
        if ms >= size:
            return f"{int(ms // size)}{unit}"
    return f"{int(ms)}ms"


def go_duration(ms: float) -> str:
    """Go's ``time.Duration.String()``, as ``$__rate_interval`` is written: ``1m0s``."""
    seconds = ms / 1000
    if seconds < 1:
        return f"{int(ms)}ms" if ms else "0s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{secs:g}s"
    if hours:
        return f"{int(hours)}h{int(minutes)}m{text}"
    if minutes:
        return f"{int(minutes)}m{text}"
    return text


@dataclass(frozen=True)
class TimeRange:
    start: float
    end: float
    """Unix seconds."""

    @property
    def seconds(self) -> float:
        return self.end - self.start


def time_range(raw: dict[str, str] | None, now: float | None = None) -> TimeRange:
    """A dashboard's ``time`` (``now-6h`` to ``now`` when missing, as ``DashboardModel``
    does), evaluated in UTC with Grafana's date math (``datemath.ts`` ``parse``)."""
    raw = raw or {"from": "now-6h", "to": "now"}
    now = _time.time() if now is None else now
    return TimeRange(date_math(str(raw.get("from", "now-6h")), now, round_up=False),
                     date_math(str(raw.get("to", "now")), now, round_up=True))


def date_math(text: str, now: float, round_up: bool) -> float:
    """``now``, ``now-6h``, ``now-1d/d``, ``now/w`` or epoch milliseconds, to Unix seconds."""
    text = text.strip()
    if text.isdigit():
        return int(text) / 1000
    if not text.startswith("now"):
        # A saved absolute range is ISO 8601 ("2024-01-01T00:00:00.000Z"); what cannot be
        # read is the current time, as Grafana's date math makes of it.
        try:
            parsed = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return now
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.UTC)
        return parsed.timestamp()
    value = now
    for sign, count, unit in re.findall(r"([+\-/])\s*(\d*)\s*([yMwdhmsQ])", text[3:]):
        if sign == "/":
            value = _round_to(value, unit, round_up)
        elif unit in "yMQ":
            months = int(count or 1) * (12 if unit == "y" else 3 if unit == "Q" else 1)
            value = _add_months(value, months if sign == "+" else -months)
        else:
            seconds = int(count or 1) * _UNIT_MS[unit] / 1000
            value += seconds if sign == "+" else -seconds
    return value


def _round_to(value: float, unit: str, round_up: bool) -> float:
    t = _time.gmtime(value)
    if unit in "smhd":
        size = _UNIT_MS[unit] / 1000
        start = math.floor(value / size) * size
        return start + size - 0.001 if round_up else start
    if unit == "w":  # weeks start on Monday in UTC (ISO)
        start = math.floor(value / 86400) * 86400 - t.tm_wday * 86400
        return start + 7 * 86400 - 0.001 if round_up else start
    month = 1 if unit == "y" else (t.tm_mon - 1) // 3 * 3 + 1 if unit == "Q" else t.tm_mon
    start = calendar.timegm((t.tm_year, month, 1, 0, 0, 0))
    length = 12 if unit == "y" else 3 if unit == "Q" else 1
    return _add_months(start, length) - 0.001 if round_up else float(start)


def _add_months(value: float, months: int) -> float:
    t = _time.gmtime(value)
    index = t.tm_year * 12 + t.tm_mon - 1 + months
    year, month = divmod(index, 12)
    day = min(t.tm_mday, calendar.monthrange(year, month + 1)[1])
    return calendar.timegm((year, month + 1, day, t.tm_hour, t.tm_min, t.tm_sec)) \
        + value % 1


@dataclass(frozen=True)
class Step:
    """What the backend sends and substitutes for one target."""

    interval_ms: float
    """The browser's interval (``intervalMs``)."""
    step_ms: float
    rate_interval_ms: float


def step_for(window: TimeRange, *, max_data_points: int | None = None,
             panel_interval: str | None = None, target_interval: str | None = None,
             interval_factor: int | None = None, scrape: float = DEFAULT_SCRAPE) -> Step:
    """The interval, step and ``$__rate_interval`` of one target
    (``calculatePrometheusInterval`` and ``calculateRateInterval`` in
    ``pkg/promlib/models/query.go``; the browser's part in ``rangeutil.ts``)."""
    range_ms = window.seconds * 1000
    points = max_data_points or DEFAULT_POINTS
    low = parse_duration(panel_interval) if panel_interval else None
    low_ms = low if low is not None else scrape * 1000
    interval_ms = round_interval(range_ms / points)
    if low_ms > interval_ms:
        interval_ms = low_ms
    min_step = parse_duration(target_interval) if target_interval and \
        not target_interval.startswith("$") else None
    minimum = min_step if min_step is not None else interval_ms
    calculated = range_ms / points
    calculated = minimum if calculated < minimum else round_interval(calculated, True)
    adjusted = max(calculated, round_interval(range_ms / SAFE_POINTS, True))
    rate_scrape = min_step if min_step is not None else scrape * 1000
    if target_interval in ("$__interval", "${__interval}"):
        # A Min step of $__interval: the scrape interval of $__rate_interval is the step.
        rate_scrape = max(calculated, round_interval(range_ms / SAFE_POINTS, True))
    rate_ms = max(interval_ms + rate_scrape, 4 * rate_scrape)
    if target_interval in ("$__rate_interval", "${__rate_interval}"):
        step_ms = max(adjusted + rate_scrape, 4 * rate_scrape)
        rate_ms = step_ms
    else:
        step_ms = adjusted * (interval_factor or 1)
    return Step(interval_ms, step_ms, rate_ms)


def macros(window: TimeRange, step: Step) -> dict[str, str]:
    """The built-in variables of a Prometheus query and their text
    (``interpolateVariables``; ``$__from``/``$__to`` are the browser's, in milliseconds)."""
    range_s = round(window.seconds)
    return {
        "__interval": format_interval(step.step_ms),
        "__interval_ms": str(int(step.step_ms)),
        "__rate_interval": go_duration(step.rate_interval_ms),
        "__rate_interval_ms": str(int(step.rate_interval_ms)),
        "__range": f"{range_s}s",
        "__range_s": str(range_s),
        "__range_ms": str(int(window.seconds * 1000)),
        "__from": str(int(window.start * 1000)),
        "__to": str(int(window.end * 1000)),
    }


def aligned(window: TimeRange, step_ms: float) -> TimeRange:
    """Start and end floored to a multiple of the step, as the backend sends them
    (``AlignTimeRange``, at UTC)."""
    step = step_ms / 1000
    return TimeRange(math.floor(window.start / step) * step,
                     math.floor(window.end / step) * step)
