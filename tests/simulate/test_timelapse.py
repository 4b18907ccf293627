"""Rules compressed for a time-lapse simulation."""

from __future__ import annotations

import yaml

from dashkit.simulate.timelapse import compress_expr, compress_rules


def test_every_duration_in_an_expression_is_compressed() -> None:
    expr = ('predict_linear(avail{fstype!~"tmpfs|overlay"}[6h], 4 * 3600) < 0 '
            'and rate(x[5m] offset 1h) > 0 and max_over_time(y[1h:5m]) > 0 and z[3d]')
    assert compress_expr(expr, 60) == (
        'predict_linear(avail{fstype!~"tmpfs|overlay"}[360s], (4 * 3600) / 60) < 0 '
        'and rate(x[5s] offset 60s) > 0 and max_over_time(y[60s:5s]) > 0 and z[4320s]')


def test_brackets_inside_a_regex_are_left_alone() -> None:
    assert compress_expr('up{job=~"[a-z]+"}', 60) == 'up{job=~"[a-z]+"}'


def test_for_and_group_interval_are_compressed_and_the_rest_kept() -> None:
    text = """groups:
- name: g
  interval: 1m
  rules:
  - alert: A
    expr: rate(x[15m]) > 0.1
    for: 15m
    labels: {severity: warning}
    annotations: {summary: "{{ $value }}"}
"""
    group = yaml.safe_load(compress_rules(text, 60))["groups"][0]
    assert group["interval"] == "1s"
    assert group["rules"][0] == {"alert": "A", "expr": "rate(x[15s]) > 0.1", "for": "15s",
                                 "labels": {"severity": "warning"},
                                 "annotations": {"summary": "{{ $value }}"}}


def test_sub_second_results_are_written_in_milliseconds() -> None:
    assert compress_expr("rate(x[30s])", 60) == "rate(x[500ms])"
