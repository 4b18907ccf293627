"""Variables filled into PromQL as Grafana's Prometheus datasource does
(``interpolateQueryExpr``; the table is from its escaping rules)."""

from __future__ import annotations

import pytest

from dashkit.queries.templating import Selection, interpolate, references

JOB = "job"


@pytest.mark.parametrize(("selection", "written", "sent"), [
    (Selection(JOB, ("api.v1",)), 'up{job="$job"}', 'up{job="api.v1"}'),
    (Selection(JOB, ("C:\\tmp",)), 'up{job="$job"}', 'up{job="C:\\\\tmp"}'),
    (Selection(JOB, ("api.v1", "web"), multi=True), 'up{job=~"$job"}',
     'up{job=~"(api\\\\.v1|web)"}'),
    (Selection(JOB, ("api.v1",), multi=True), 'up{job=~"$job"}', 'up{job=~"api\\\\.v1"}'),
    (Selection(JOB, ("a.b",), include_all=True), 'up{job=~"$job"}', 'up{job=~"a\\\\.b"}'),
    (Selection(JOB, ("a", "b"), True, True, ".*", is_all=True), 'up{job=~"$job"}',
     'up{job=~".*"}'),
    (Selection(JOB, ("a", "b", "c"), True, True, None, is_all=True), 'up{job=~"$job"}',
     'up{job=~"(a|b|c)"}'),
    (Selection(JOB, ("a.b", "c"), multi=True), 'x{job=~"${job:pipe}"}', 'x{job=~"a.b|c"}'),
    (Selection(JOB, ("a.b", "c"), multi=True), "[[job]]", "(a\\\\.b|c)"),
])
def test_values_are_escaped_as_grafana_escapes_them(selection: Selection, written: str,
                                                    sent: str) -> None:
    assert interpolate(written, {JOB: selection}, {}) == (sent, [])


def test_builtins_and_unknown_names() -> None:
    text = "rate(x[$__rate_interval]) / $__range_s + $nope + ${__interval}"
    sent, unknown = interpolate(text, {}, {"__rate_interval": "1m0s", "__range_s": "21600",
                                           "__interval": "30s"})
    assert sent == "rate(x[1m0s]) / 21600 + $nope + 30s"
    assert unknown == ["nope"]
    assert references('a{b="$job_name"} [[x:regex]] ${y.z}') == ["job_name", "x", "y"]


def test_a_custom_all_value_is_kept_whatever_the_format_but_text() -> None:
    everything = Selection(JOB, ("a", "b"), True, True, ".*", is_all=True)
    assert interpolate("${job:pipe} ${job:csv} ${job:text}", {JOB: everything}, {})[0] == (
        ".* .* All")
