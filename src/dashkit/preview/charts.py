"""Panels drawn as static SVG (no script, nothing fetched): time series as lines, stat as
the last value, gauge as an arc, bar gauge as bars, heatmap as cells, table as rows. Every
drawing is a pure function of the panel and its series, so a page is the same bytes every
time it is made from the same data."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dashkit.preview.units import format_value

PALETTE = ("#73bf69", "#f2cc0c", "#5794f2", "#ff780a", "#f2495c", "#b877d9", "#8ab8ff",
           "#ff9830", "#96d98d", "#ffb357")
"""Grafana's classic palette, in its order."""


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[float, float], ...]

    @property
    def last(self) -> float | None:
        return self.points[-1][1] if self.points else None


def unit_of(panel: dict[str, Any]) -> str:
    return str(((panel.get("fieldConfig") or {}).get("defaults") or {}).get("unit") or "")


def steps_of(panel: dict[str, Any]) -> list[dict[str, Any]]:
    defaults = (panel.get("fieldConfig") or {}).get("defaults") or {}
    return list((defaults.get("thresholds") or {}).get("steps") or [])


def color_for(value: float | None, steps: Sequence[dict[str, Any]]) -> str:
    color = "#73bf69"
    for step in steps:
        if step.get("value") is None or (value is not None and value >= float(step["value"])):
            color = _named(str(step.get("color") or "green"))
    return color


_NAMED = {"green": "#73bf69", "red": "#f2495c", "orange": "#ff9830", "yellow": "#fade2a",
          "blue": "#5794f2", "purple": "#b877d9", "transparent": "transparent",
          "dark-green": "#37872d", "semi-dark-green": "#56a64b", "light-green": "#96d98d",
          "dark-red": "#c4162a", "semi-dark-red": "#e02f44", "light-red": "#ff7383",
          "dark-orange": "#fa6400", "dark-yellow": "#e0b400", "text": "#ccccdc"}
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|rgba?\(\s*[\d.]+%?(\s*,\s*[\d.]+%?){2,3}\s*\)")


def _named(color: str) -> str:
    """A colour as the page may use it: Grafana's names, #hex or rgb()/rgba(); anything
    else (it comes from the dashboard, which a pull request's author writes) is grey."""
    if color in _NAMED:
        return _NAMED[color]
    return color if _COLOUR.fullmatch(color.strip()) else "#8e8e9b"


def draw(panel: dict[str, Any], series: Sequence[Series], width: float, height: float) -> str:
    """The panel's body as SVG or HTML, for a body ``width`` x ``height`` pixels."""
    kind = panel.get("type")
    if kind == "stat":
        return _stat(panel, series, width, height)
    if kind == "gauge":
        return _gauge(panel, series, width, height)
    if kind == "bargauge":
        return _bars(panel, series, width, height)
    if kind == "heatmap":
        return _heatmap(series, width, height)
    if kind == "table":
        return _table(panel, series)
    return _lines(panel, series, width, height)


def _lines(panel: dict[str, Any], series: Sequence[Series], width: float, height: float) -> str:
    points = [p for s in series for p in s.points]
    if not points:
        return ""
    t0, t1 = min(p[0] for p in points), max(p[0] for p in points)
    v0, v1 = min(0.0, min(p[1] for p in points)), max(p[1] for p in points)
    if v1 == v0:
        v1 = v0 + 1
    axis = 56
    plot_w, plot_h = max(10.0, width - axis - 4), max(10.0, height - 16)
    unit = unit_of(panel)

    def xy(t: float, v: float) -> str:
        x = axis + (t - t0) / ((t1 - t0) or 1) * plot_w
        y = 4 + (1 - (v - v0) / (v1 - v0)) * plot_h
        return f"{x:.1f},{y:.1f}"

    parts = [f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
             f'height="{height:.0f}" role="img">']
    for fraction in (0.0, 0.5, 1.0):
        value = v0 + (v1 - v0) * fraction
        y = 4 + (1 - fraction) * plot_h
        parts.append(f'<line class="grid" x1="{axis}" x2="{axis + plot_w:.1f}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text class="tick" x="{axis - 4}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{html.escape(format_value(value, unit))}</text>')
    for index, item in enumerate(series):
        if not item.points:
            continue
        color = PALETTE[index % len(PALETTE)]
        path = " ".join(xy(t, v) for t, v in item.points)
        parts.append(f'<polyline class="series" data-series="{html.escape(item.name)}" '
                     f'fill="none" stroke="{color}" stroke-width="1.5" points="{path}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _stat(panel: dict[str, Any], series: Sequence[Series], width: float, height: float) -> str:
    values = [s.last for s in series if s.last is not None]
    value = values[0] if values else None
    color = color_for(value, steps_of(panel))
    size = max(14.0, min(height * 0.45, width / 6))
    return (f'<div class="stat" style="color:{color};font-size:{size:.0f}px" '
            f'data-value="{value if value is not None else ""}">'
            f"{html.escape(format_value(value, unit_of(panel)))}</div>")


def _gauge(panel: dict[str, Any], series: Sequence[Series], width: float, height: float) -> str:
    defaults = (panel.get("fieldConfig") or {}).get("defaults") or {}
    low, high = float(defaults.get("min") or 0), float(defaults.get("max") or 100)
    value = next((s.last for s in series if s.last is not None), None)
    share = 0.0 if value is None else max(0.0, min(1.0, (value - low) / ((high - low) or 1)))
    radius = max(10.0, min(width / 2, height) - 12)
    cx, cy = width / 2, height - 8
    angle = math.pi * (1 - share)
    x, y = cx + radius * math.cos(angle), cy - radius * math.sin(angle)
    color = color_for(value, steps_of(panel))
    arc = f"M {cx - radius:.1f} {cy:.1f} A {radius:.1f} {radius:.1f} 0 0 1"
    return (f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" role="img">'
            f'<path class="track" d="{arc} {cx + radius:.1f} {cy:.1f}" stroke="#333" '
            'stroke-width="14" fill="none"/>'
            f'<path class="series" d="{arc} {x:.1f} {y:.1f}" stroke="{color}" '
            'stroke-width="14" fill="none"/>'
            f'<text class="value" x="{cx:.1f}" y="{cy - 6:.1f}" text-anchor="middle">'
            f"{html.escape(format_value(value, unit_of(panel)))}</text></svg>")


def _bars(panel: dict[str, Any], series: Sequence[Series], width: float, height: float) -> str:
    shown = [s for s in series if s.last is not None][:12]
    if not shown:
        return ""
    top = max(float(s.last or 0) for s in shown) or 1.0
    row = height / len(shown)
    parts = [f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
             f'height="{height:.0f}" role="img">']
    steps = steps_of(panel)
    for index, item in enumerate(shown):
        value = float(item.last or 0)
        bar = max(1.0, (width - 160) * value / top)
        y = index * row + 2
        parts.append(f'<text class="tick" x="0" y="{y + row / 2 + 3:.1f}">'
                     f"{html.escape(item.name[:24])}</text>"
                     f'<rect class="series" x="150" y="{y:.1f}" width="{bar:.1f}" '
                     f'height="{max(2.0, row - 4):.1f}" fill="{color_for(value, steps)}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _heatmap(series: Sequence[Series], width: float, height: float) -> str:
    shown = [s for s in series if s.points]
    if not shown:
        return ""
    times = sorted({t for s in shown for t, _ in s.points})
    top = max((v for s in shown for _, v in s.points), default=1.0) or 1.0
    cell_w, cell_h = width / max(1, len(times)), height / len(shown)
    parts = [f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
             f'height="{height:.0f}" role="img">']
    column = {t: i for i, t in enumerate(times)}
    for row, item in enumerate(shown):
        for t, v in item.points:
            shade = max(0.05, min(1.0, v / top))
            top_y = height - (row + 1) * cell_h
            parts.append(f'<rect x="{column[t] * cell_w:.1f}" y="{top_y:.1f}" '
                         f'width="{cell_w + 0.5:.1f}" height="{cell_h + 0.5:.1f}" '
                         f'fill="#ff9830" fill-opacity="{shade:.2f}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _table(panel: dict[str, Any], series: Sequence[Series]) -> str:
    unit = unit_of(panel)
    rows = "".join(f"<tr><td>{html.escape(s.name)}</td><td>"
                   f"{html.escape(format_value(s.last, unit))}</td></tr>" for s in series[:50])
    return f'<table class="data"><tr><th>Series</th><th>Value</th></tr>{rows}</table>'
