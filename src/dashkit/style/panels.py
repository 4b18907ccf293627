"""Panel factories: every panel gets a stable id, a description, a unit and a size.

Each factory returns a grafanalib panel, so anything grafanalib offers can still be set on
it with ``attr.evolve``. The id comes from ``key`` (default: the title's slug), so inserting
or reordering panels never renumbers the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import attr
from grafanalib import core as G

from dashkit.ids import panel_id, slug
from dashkit.style.datasources import LOKI, PROMETHEUS
from dashkit.style.targets import LokiTarget, PromTarget
from dashkit.style.thresholds import steps

DEFAULT_HEIGHT = 8


def _ident(title: str, key: str | None) -> int:
    if not title.strip():
        raise ValueError("every panel needs a title")
    return panel_id(key or slug(title))


def _targets(targets: Sequence[PromTarget | LokiTarget]) -> list[Any]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [t if t.ref_id else replace(t, ref_id=letters[i]) for i, t in enumerate(targets)]


def _need_description(title: str, description: str) -> None:
    if not description.strip():
        raise ValueError(f"panel {title!r} needs a description: say what it shows and what "
                         "to do when it looks wrong")


def _field_extras(links: Sequence[dict[str, Any]], extra: dict[str, Any] | None,
                  **defaults: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {"fieldConfig": {"defaults": {k: v for k, v in defaults.items()
                                                           if v is not None}}}
    if links:
        merged["fieldConfig"]["defaults"]["links"] = list(links)
    if extra:
        G._deep_update(merged, extra)
    return merged


def timeseries(title: str, *, description: str, targets: Sequence[PromTarget], unit: str,
               key: str | None = None, width: int = 12, height: int = DEFAULT_HEIGHT,
               thresholds: list[dict[str, Any]] | None = None, threshold_style: str = "off",
               min: float | None = None, max: float | None = None, stack: bool = False,
               fill: int = 10, legend_calcs: Sequence[str] = (), legend_table: bool = False,
               links: Sequence[dict[str, Any]] = (), decimals: int | None = None,
               overrides: Sequence[dict[str, Any]] = (), extra: dict[str, Any] | None = None,
               ) -> Any:
    """A time series panel; ``stack`` stacks series, ``thresholds`` colours lines or areas."""
    _need_description(title, description)
    return G.TimeSeries(
        id=_ident(title, key), title=title, description=description, dataSource=dict(PROMETHEUS),
        targets=_targets(targets), unit=unit, gridPos=G.GridPos(h=height, w=width, x=0, y=0),
        thresholds=thresholds or steps("green"), thresholdsStyleMode=threshold_style,
        fillOpacity=fill, stacking={"group": "A", "mode": "normal"} if stack else {},
        legendCalcs=list(legend_calcs), legendDisplayMode="table" if legend_table else "list",
        tooltipMode="multi", tooltipSort="desc", overrides=list(overrides), maxDataPoints=None,
        extraJson=_field_extras(links, extra, min=min, max=max, decimals=decimals),
    )


def stat(title: str, *, description: str, targets: Sequence[PromTarget], unit: str,
         key: str | None = None, width: int = 6, height: int = 4,
         thresholds: list[dict[str, Any]] | None = None, graph: bool = True,
         reduce: str = "lastNotNull", decimals: int | None = None, color_mode: str = "value",
         links: Sequence[dict[str, Any]] = (), extra: dict[str, Any] | None = None) -> Any:
    """One number, coloured by thresholds, with a sparkline unless ``graph=False``."""
    _need_description(title, description)
    return G.Stat(
        id=_ident(title, key), title=title, description=description, dataSource=dict(PROMETHEUS),
        targets=_targets(targets), format=unit, gridPos=G.GridPos(h=height, w=width, x=0, y=0),
        thresholds=thresholds or steps("green"), graphMode="area" if graph else "none",
        reduceCalc=reduce, decimals=decimals, colorMode=color_mode, noValue=None,
        maxDataPoints=None,
        extraJson=_field_extras(links, extra, color={"mode": "thresholds"}),
    )


def bar_gauge(title: str, *, description: str, targets: Sequence[PromTarget], unit: str,
              key: str | None = None, width: int = 12, height: int = DEFAULT_HEIGHT,
              thresholds: list[dict[str, Any]] | None = None, min: float | None = 0,
              max: float | None = None, links: Sequence[dict[str, Any]] = ()) -> Any:
    """Horizontal bars, one per series (e.g. per tenant), sorted by the query."""
    _need_description(title, description)
    panel = _Raw(
        id=_ident(title, key), title=title, description=description, dataSource=dict(PROMETHEUS),
        targets=_targets(targets), gridPos=G.GridPos(h=height, w=width, x=0, y=0),
        maxDataPoints=None, kind="bargauge",
        options={"displayMode": "gradient", "minVizHeight": 16, "minVizWidth": 8,
                 "namePlacement": "auto", "orientation": "horizontal",
                 "reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                 "showUnfilled": True, "sizing": "auto", "valueMode": "color"},
        defaults={"color": {"mode": "thresholds"}, "unit": unit, "mappings": [],
                  "thresholds": {"mode": "absolute", "steps": thresholds or steps("green")},
                  "min": min, "max": max, "links": list(links)},
    )
    return panel


def heatmap(title: str, *, description: str, targets: Sequence[PromTarget], unit: str,
            key: str | None = None, width: int = 12, height: int = DEFAULT_HEIGHT) -> Any:
    """A heatmap of pre-bucketed histogram data (``format: heatmap`` targets)."""
    _need_description(title, description)
    heat_targets = [replace(t, format="heatmap", legend=t.legend or "{{le}}")
                    for t in targets]
    return _Raw(
        id=_ident(title, key), title=title, description=description, dataSource=dict(PROMETHEUS),
        targets=_targets(heat_targets), gridPos=G.GridPos(h=height, w=width, x=0, y=0),
        maxDataPoints=None, kind="heatmap",
        options={
            "calculate": False, "cellGap": 1,
            "color": {"exponent": 0.5, "fill": "dark-orange", "mode": "scheme", "reverse": False,
                      "scale": "exponential", "scheme": "Oranges", "steps": 64},
            "exemplars": {"color": "rgba(255,0,255,0.7)"}, "filterValues": {"le": 1e-9},
            "legend": {"show": True}, "rowsFrame": {"layout": "auto"},
            "tooltip": {"mode": "single", "showColorScale": False, "yHistogram": True},
            "yAxis": {"axisPlacement": "left", "reverse": False, "unit": unit},
        },
        defaults={"custom": {"hideFrom": {"legend": False, "tooltip": False, "viz": False},
                             "scaleDistribution": {"type": "linear"}}},
    )


def table(title: str, *, description: str, targets: Sequence[PromTarget], unit: str,
          key: str | None = None, width: int = 12, height: int = DEFAULT_HEIGHT,
          links: Sequence[dict[str, Any]] = (),
          transformations: Sequence[dict[str, Any]] = ()) -> Any:
    """A table of instant query results, e.g. the slowest tenants right now."""
    _need_description(title, description)
    instant = [replace(t, instant=True, format="table") for t in targets]
    return _Raw(
        id=_ident(title, key), title=title, description=description, dataSource=dict(PROMETHEUS),
        targets=_targets(instant), gridPos=G.GridPos(h=height, w=width, x=0, y=0),
        maxDataPoints=None, kind="table", transformations=list(transformations),
        options={"cellHeight": "sm", "footer": {"countRows": False, "fields": "",
                                                "reducer": ["sum"], "show": False},
                 "showHeader": True},
        defaults={"custom": {"align": "auto", "cellOptions": {"type": "auto"},
                             "inspect": False},
                  "unit": unit, "mappings": [], "links": list(links),
                  "thresholds": {"mode": "absolute", "steps": steps("green")}},
    )


def logs(title: str, *, description: str, expr: str, key: str | None = None, width: int = 24,
         height: int = 10) -> Any:
    """Log lines from Loki, newest first, with details to follow jobId and traceId."""
    _need_description(title, description)
    return _Raw(
        id=_ident(title, key), title=title, description=description, dataSource=dict(LOKI),
        targets=_targets([LokiTarget(expr)]), gridPos=G.GridPos(h=height, w=width, x=0, y=0),
        maxDataPoints=None, kind="logs",
        options={"dedupStrategy": "none", "enableLogDetails": True, "prettifyLogMessage": False,
                 "showCommonLabels": False, "showLabels": False, "showTime": True,
                 "sortOrder": "Descending", "wrapLogMessage": True},
        defaults=None,
    )


def text(title: str, content: str, *, description: str, key: str | None = None,
         width: int = 24, height: int = 4) -> Any:
    """Markdown, e.g. how to read a dashboard and where its runbooks are."""
    _need_description(title, description)
    return _Raw(
        id=_ident(title, key), title=title, description=description,
        gridPos=G.GridPos(h=height, w=width, x=0, y=0), maxDataPoints=None, kind="text",
        options={"code": {"language": "plaintext", "showLineNumbers": False,
                          "showMiniMap": False},
                 "content": content, "mode": "markdown"},
        defaults=None,
    )


@attr.s
class _RawPanel(G.Panel):  # type: ignore[misc]
    """A grafanalib panel whose options and field defaults are written as Grafana saves them."""

    kind: str = attr.ib(default="")
    options: dict[str, Any] = attr.ib(factory=dict)
    defaults: dict[str, Any] | None = attr.ib(default=None)

    def to_json_data(self) -> Any:
        data: dict[str, Any] = {"type": self.kind, "options": self.options}
        if self.defaults is not None:
            data["fieldConfig"] = {"defaults": self.defaults, "overrides": []}
        json = self.panel_json(data)
        if self.defaults is None:
            json.pop("fieldConfig", None)
        return json


_Raw: Any = _RawPanel
"""Called with grafanalib's Panel fields, which mypy cannot see through attrs."""
