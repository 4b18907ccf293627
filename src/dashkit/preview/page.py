"""One dashboard as a self-contained HTML page: inline CSS, inline SVG, no script, nothing
fetched. Panels sit at their grid positions (``data-grid`` carries x, y, w, h), rows show as
Grafana shows them (a collapsed one closed, with its panel count), each panel with its title,
type, unit, thresholds, description on hover and its queries."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from dashkit.preview.charts import Series, draw, steps_of, unit_of
from dashkit.preview.grid import PAGE_WIDTH, box, page_height

CSS = """
body{margin:0;background:#111217;color:#ccccdc;font:13px/1.4 Inter,Helvetica,Arial,sans-serif}
header{padding:12px 16px;border-bottom:1px solid #2a2c33}
header h1{font-size:18px;margin:0 0 4px}
header .meta{color:#8e8e9b;font-size:12px}
.grid{position:relative;margin:12px 16px}
.panel{position:absolute;box-sizing:border-box;background:#181b1f;border:1px solid #2a2c33;
border-radius:2px;overflow:hidden;display:flex;flex-direction:column}
.panel.changed{outline:3px solid #ff9830;outline-offset:-3px}
.panel .title{padding:4px 8px;font-weight:500;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
.panel .kind{color:#8e8e9b;font-weight:400;font-size:11px;margin-left:6px}
.panel .body{flex:1;position:relative;overflow:hidden;padding:0 8px}
.panel .foot{padding:2px 8px;color:#8e8e9b;font-size:11px;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
.panel details{font-size:11px}
.panel pre{white-space:pre-wrap;margin:2px 0;color:#a0a0b0}
.placeholder{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;
color:#6e6e7b;font-size:12px;border:1px dashed #2a2c33;margin:4px 8px}
.row{position:absolute;box-sizing:border-box;font-weight:600;font-size:15px;padding:4px 0}
.row .count{color:#8e8e9b;font-weight:400;font-size:12px;margin-left:8px}
.stat{height:100%;display:flex;align-items:center;justify-content:center;font-weight:500}
svg text{fill:#8e8e9b;font-size:10px}
svg .value{font-size:20px;fill:#ccccdc}
svg .grid{stroke:#2a2c33}
table.data{border-collapse:collapse;width:100%;font-size:12px}
table.data td,table.data th{border-bottom:1px solid #2a2c33;padding:2px 4px;text-align:left}
"""

TITLE_HEIGHT, FOOT_HEIGHT = 26, 38
"""The title bar; the foot holds the unit and thresholds line and the queries line."""


def page(dashboard: Mapping[str, Any], data: Mapping[int, Sequence[Series] | None],
         changed: frozenset[int] = frozenset(), note: str = "") -> str:
    """The page. ``data`` maps panel ids to their series (None: not queried, drawn as a
    placeholder); ``changed`` panels are outlined."""
    panels = [p for p in dashboard.get("panels") or [] if isinstance(p, dict)]
    height = page_height(panels)
    items = [_row(p) if p.get("type") == "row" else _panel(p, data.get(_id(p)), _id(p) in changed)
             for p in panels]
    title = html.escape(str(dashboard.get("title", "")))
    meta = html.escape(f"uid {dashboard.get('uid', '')} · {len(panels)} panels on the grid"
                       + (f" · {note}" if note else ""))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{CSS}</style></head><body>"
            f"<header><h1>{title}</h1><div class=\"meta\">{meta}</div></header>"
            f'<main class="grid" style="width:{PAGE_WIDTH}px;height:{height:.0f}px">'
            + "".join(items) + "</main></body></html>\n")


def _id(panel: Mapping[str, Any]) -> int:
    value = panel.get("id")
    return int(value) if isinstance(value, int) else -1


def _style(panel: Mapping[str, Any]) -> tuple[str, str]:
    grid = panel.get("gridPos") or {}
    place = box(grid)
    style = (f"left:{place.left:.1f}px;top:{place.top:.1f}px;width:{place.width:.1f}px;"
             f"height:{place.height:.1f}px")
    data_grid = ",".join(str(int(grid.get(k, 0) or 0)) for k in ("x", "y", "w", "h"))
    return style, data_grid


def _row(panel: Mapping[str, Any]) -> str:
    style, data_grid = _style(panel)
    inside = len(panel.get("panels") or [])
    collapsed = bool(panel.get("collapsed"))
    marker = "▸" if collapsed else "▾"
    count = f'<span class="count">({inside} panels)</span>' if collapsed else ""
    return (f'<div class="row" data-panel-id="{_id(panel)}" data-type="row" '
            f'data-collapsed="{str(collapsed).lower()}" data-grid="{data_grid}" '
            f'style="{style}">{marker} <span class="name">'
            f'{html.escape(str(panel.get("title", "")))}</span>{count}</div>')


def _panel(panel: Mapping[str, Any], series: Sequence[Series] | None, changed: bool) -> str:
    style, data_grid = _style(panel)
    place = box(panel.get("gridPos") or {})
    kind = str(panel.get("type", ""))
    title = html.escape(str(panel.get("title") or ""))
    description = html.escape(str(panel.get("description") or ""), quote=True)
    body_w, body_h = place.width - 16, place.height - TITLE_HEIGHT - FOOT_HEIGHT - 2
    body = _body(dict(panel), series, body_w, body_h)
    unit = unit_of(dict(panel))
    steps = ", ".join(f"{s.get('color')}{'' if s.get('value') is None else ' ≥ ' + str(s['value'])}"
                      for s in steps_of(dict(panel)))
    foot = " · ".join(x for x in (f"unit {unit}" if unit else "",
                                  f"thresholds {steps}" if steps else "") if x)
    queries = [str(t.get("expr") or t.get("query") or t.get("rawSql") or t.get("target") or "")
               for t in panel.get("targets") or [] if isinstance(t, dict)]
    listed = "".join(f"<pre>{html.escape(q)}</pre>" for q in queries if q)
    details = (f"<details><summary>{len(queries)} quer{'y' if len(queries) == 1 else 'ies'}"
               f"</summary>{listed}</details>") if listed else ""
    count = len(series) if series is not None else -1
    return (f'<section class="panel{" changed" if changed else ""}" data-panel-id="{_id(panel)}" '
            f'data-type="{html.escape(kind)}" data-grid="{data_grid}" '
            f'data-unit="{html.escape(unit)}" data-series="{count}" title="{description}" '
            f'style="{style}">'
            f'<div class="title">{title}<span class="kind">{html.escape(kind)}</span></div>'
            f'<div class="body">{body}</div><div class="foot">{html.escape(foot)}{details}'
            "</div></section>")


def _body(panel: dict[str, Any], series: Sequence[Series] | None, width: float,
          height: float) -> str:
    kind = panel.get("type")
    if kind == "text":
        content = str((panel.get("options") or {}).get("content") or "")
        return f"<pre>{html.escape(content[:2000])}</pre>"
    if series is None:
        return f'<div class="placeholder">{html.escape(str(kind))}: not queried</div>'
    if not series:
        return '<div class="placeholder">No data</div>'
    return draw(panel, series, max(20.0, width), max(20.0, height))
