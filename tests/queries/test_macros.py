"""Intervals, steps and macros, against the numbers in Grafana's own sources and tests
(``pkg/promlib/models/prometheus_interval_test.go``, ``rangeutil.ts``)."""

from __future__ import annotations

import pytest

from dashkit.queries.macros import (
    TimeRange,
    aligned,
    date_math,
    format_interval,
    go_duration,
    macros,
    round_interval,
    step_for,
    time_range,
)

NOW = 1_700_000_000.0
SIX_HOURS = TimeRange(NOW - 6 * 3600, NOW)


@pytest.mark.parametrize(("points", "interval", "rate"), [
    (500, "30s", "1m0s"), (1000, "20s", "1m0s"), (1500, "15s", "1m0s"), (1800, "15s", "1m0s")])
def test_the_default_six_hours_as_grafana_computes_them(points: int, interval: str,
                                                        rate: str) -> None:
    step = step_for(SIX_HOURS, max_data_points=points)
    found = macros(SIX_HOURS, step)
    assert (found["__interval"], found["__rate_interval"]) == (interval, rate)
    assert found["__range"] == "21600s" and found["__range_s"] == "21600"


def test_rate_interval_is_interval_plus_scrape_or_four_scrapes() -> None:
    # TestCalculateRateInterval: 100 s interval, 30 s scrape -> 130 s; 30 s and 30 s -> 2m
    # (a panel's Min interval is taken as it is, not rounded: rangeutil.ts calculateInterval)
    assert step_for(SIX_HOURS, panel_interval="100s", scrape=30).rate_interval_ms == 130_000
    assert step_for(SIX_HOURS, panel_interval="30s", scrape=30).rate_interval_ms == 120_000


def test_a_min_step_raises_the_step_and_the_rate_interval() -> None:
    step = step_for(SIX_HOURS, max_data_points=1000, target_interval="1m")
    assert step.step_ms == 60_000
    assert go_duration(step.rate_interval_ms) == "4m0s"  # max(20s + 60s, 4 x 60s)


def test_interval_factor_multiplies_the_step() -> None:
    # TestCalculatePrometheusInterval: intervalFactor 10 over 48 h gives 20m
    two_days = TimeRange(NOW - 48 * 3600, NOW)
    assert step_for(two_days, max_data_points=1500, interval_factor=10).step_ms == 1_200_000


def test_a_long_range_never_asks_for_more_than_11000_points() -> None:
    year = TimeRange(NOW - 365 * 86400, NOW)
    step = step_for(year, max_data_points=100_000, scrape=1)
    assert year.seconds / (step.step_ms / 1000) <= 11_000


@pytest.mark.parametrize(("ms", "rounded"), [(43_200, 30_000), (21_600, 20_000),
                                              (14_400, 15_000), (1_960, 2_000)])
def test_round_interval(ms: float, rounded: float) -> None:
    assert round_interval(ms) == rounded


def test_interval_text_truncates_and_rate_interval_reads_as_go() -> None:
    assert format_interval(90_000) == "1m"
    assert format_interval(86_400_000) == "1d"
    assert go_duration(130_000) == "2m10s"
    assert go_duration(3_600_000) == "1h0m0s"


def test_date_math() -> None:
    day = 86400
    assert date_math("now-6h", NOW, False) == NOW - 6 * 3600
    assert date_math("now-1d/d", NOW, False) == (NOW // day - 1) * day
    assert date_math("now-1d/d", NOW, True) == (NOW // day) * day - 0.001
    assert date_math("1700000000000", NOW, False) == 1_700_000_000
    assert time_range(None, NOW) == SIX_HOURS
    assert date_math("2024-01-01T00:00:00.000Z", NOW, False) == 1_704_067_200
    assert date_math("yesterday", NOW, False) == NOW  # unreadable: now, as Grafana has it


def test_start_and_end_are_floored_to_the_step() -> None:
    window = aligned(TimeRange(1000.5, 2000.7), 30_000)
    assert (window.start, window.end) == (990, 1980)


def test_a_min_step_of_interval_makes_the_rate_interval_count_the_step_as_the_scrape() -> None:
    # calculateRateInterval: with Min step $__interval, the scrape interval is the step.
    step = step_for(SIX_HOURS, max_data_points=500, target_interval="$__interval", scrape=15)
    assert step.step_ms == 30_000
    assert step.rate_interval_ms == 120_000  # max(30 s + 30 s, 4 x 30 s)
