"""Rules compressed for a time-lapse simulation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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


def test_a_real_rule_file_is_compressed_and_stays_valid(tmp_path: Path) -> None:
    corpus = Path(__file__).parents[1] / "corpus" / "rules"
    promtool = shutil.which("promtool")
    assert promtool, "promtool is missing: scripts/test installs it"
    for path in sorted(corpus.glob("*.yaml")):
        original = yaml.safe_load(path.read_text())
        out = tmp_path / path.name
        out.write_text(compress_rules(path.read_text(), 60))
        compressed = yaml.safe_load(out.read_text())
        for group, again in zip(original["groups"], compressed["groups"], strict=True):
            for rule, new in zip(group["rules"], again["rules"], strict=True):
                assert {k: v for k, v in new.items() if k != "expr"} == \
                    {k: v for k, v in rule.items() if k != "expr"}
                assert new["expr"].count("[5s]") == rule["expr"].count("[5m]") > 0
        result = subprocess.run([promtool, "check", "rules", str(out)], capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
