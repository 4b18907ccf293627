"""The preview page: where each panel is, what it shows, and that it needs nothing else."""

from __future__ import annotations

import re

from dashkit.preview.charts import Series
from dashkit.preview.grid import box
from dashkit.preview.page import page

DASHBOARD = {
    "uid": "d", "title": "Demo",
    "panels": [
        {"id": 1, "type": "row", "title": "Open", "collapsed": False,
         "gridPos": {"x": 0, "y": 0, "w": 24, "h": 1}},
        {"id": 2, "type": "timeseries", "title": "Requests", "description": "Per second.",
         "gridPos": {"x": 0, "y": 1, "w": 12, "h": 8},
         "fieldConfig": {"defaults": {"unit": "reqps", "thresholds": {"steps": [
             {"color": "green", "value": None}, {"color": "red", "value": 80}]}}},
         "targets": [{"refId": "A", "expr": "sum(rate(http_requests_total[5m]))"}]},
        {"id": 3, "type": "stat", "title": "Errors", "gridPos": {"x": 12, "y": 1, "w": 6, "h": 4},
         "fieldConfig": {"defaults": {"unit": "percentunit"}},
         "targets": [{"refId": "A", "expr": "error_ratio"}]},
        {"id": 4, "type": "row", "title": "Closed", "collapsed": True,
         "gridPos": {"x": 0, "y": 9, "w": 24, "h": 1},
         "panels": [{"id": 5, "type": "timeseries", "title": "Hidden",
                     "gridPos": {"x": 0, "y": 10, "w": 24, "h": 8}}]},
    ],
}
SERIES = [Series("a", ((0, 1.0), (60, 2.0))), Series("b", ((0, 3.0), (60, 1.0)))]


def test_panels_sit_at_their_grid_positions_and_rows_show_as_grafana_shows_them() -> None:
    text = page(DASHBOARD, {2: SERIES, 3: [Series("x", ((0, 0.25),))]})
    assert 'data-panel-id="2" data-type="timeseries" data-grid="0,1,12,8"' in text
    place = box({"x": 12, "y": 1, "w": 6, "h": 4})
    assert f"left:{place.left:.1f}px;top:{place.top:.1f}px;width:{place.width:.1f}px" in text
    assert 'data-collapsed="true"' in text and "(1 panels)" in text
    assert "Hidden" not in text  # inside a collapsed row: not on the page


def test_a_panel_shows_title_type_unit_thresholds_description_and_queries() -> None:
    text = page(DASHBOARD, {2: SERIES, 3: [Series("x", ((0, 0.25),))]})
    assert 'title="Per second."' in text
    assert "unit reqps · thresholds green, red ≥ 80" in text
    assert "sum(rate(http_requests_total[5m]))" in text
    assert len(re.findall(r'<polyline class="series"', text)) == 2
    assert ">25%</div>" in text  # the stat's last value in its unit


def test_without_data_panels_are_labelled_placeholders_and_changed_ones_outlined() -> None:
    text = page(DASHBOARD, {2: None, 3: []}, changed=frozenset({3}))
    assert "timeseries: not queried" in text and "No data" in text
    assert '<section class="panel changed" data-panel-id="3"' in text


def test_the_page_needs_nothing_else() -> None:
    text = page(DASHBOARD, {2: SERIES})
    assert "<script" not in text
    assert not re.search(r'(src|href)="(https?:)?//', text)
    assert page(DASHBOARD, {2: SERIES}) == text  # the same bytes from the same data


def test_a_threshold_colour_is_a_colour_or_nothing() -> None:
    hostile = 'red" onmouseover="alert(document.domain)" x="'
    board = {"uid": "c", "title": "C", "panels": [
        {"id": kind_id, "type": kind, "title": kind,
         "gridPos": {"x": 6 * kind_id, "y": 0, "w": 6, "h": 6},
         "fieldConfig": {"defaults": {"thresholds": {"steps": [
             {"color": hostile, "value": None},
             {"color": "red;background:url(http://example.com/x)", "value": 1}]}}}}
        for kind_id, kind in enumerate(("stat", "gauge", "bargauge"))]}
    text = page(board, {i: [Series("s", ((0, 2.0),))] for i in range(3)})
    assert 'onmouseover="' not in text  # shown as text (escaped), never an attribute
    assert not re.search(r'(style|fill|stroke)="[^"]*(url\(|example\.com|onmouseover)', text)
