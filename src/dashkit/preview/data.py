"""Series for each panel from a real Prometheus, with the same variable and macro
resolution as ``check-queries``; the legend as Grafana writes it (``{{label}}``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from dashkit.ids import all_panels
from dashkit.preview.charts import Series
from dashkit.queries.checks import Check, dashboard_checks
from dashkit.queries.macros import time_range
from dashkit.queries.prometheus import Prometheus, QueryError
from dashkit.queries.variables import resolve

_LEGEND = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def panel_series(dashboard: Mapping[str, Any], prometheus: Prometheus, *, scrape: float,
                 now: float, concurrency: int = 8,
                 datasource_types: Mapping[str, str] | None = None,
                 ) -> dict[int, list[Series]]:
    """Panel id -> its series over the dashboard's default time range (panels whose queries
    could not run have none)."""
    window = time_range(dashboard.get("time"), now)
    variables = (dashboard.get("templating") or {}).get("list") or []
    resolved = resolve(variables, prometheus, window, scrape)
    checks = dashboard_checks(dashboard, "", resolved, window, scrape, datasource_types or {})
    legends = _legends(dashboard)
    out: dict[int, list[Series]] = {}
    runnable = [c for c in checks if c.query is not None and c.panel_id is not None]
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        results = list(pool.map(lambda c: _run(c, prometheus), runnable))
    for check, rows in zip(runnable, results, strict=True):
        legend = legends.get((check.panel_id, check.ref), "")
        out.setdefault(int(check.panel_id or -1), []).extend(
            Series(_name(row.get("metric") or {}, legend),
                   tuple((float(t), float(v)) for t, v in row.get("values") or []
                         if v not in ("NaN", "+Inf", "-Inf")))
            for row in rows)
    return out


def _run(check: Check, prometheus: Prometheus) -> list[dict[str, Any]]:
    try:
        return prometheus.query_range(str(check.query), check.start, check.end,
                                      check.step or 60)
    except QueryError:
        return []


def _legends(dashboard: Mapping[str, Any]) -> dict[tuple[int | None, str], str]:
    out = {}
    for panel in all_panels(dashboard.get("panels") or []):
        for target in panel.get("targets") or []:
            if isinstance(target, dict):
                out[(panel.get("id"), str(target.get("refId") or ""))] = str(
                    target.get("legendFormat") or "")
    return out


def _name(labels: Mapping[str, str], legend: str) -> str:
    if legend and legend != "__auto":
        # A label the series lacks shows its own name (renderLegendFormat in Grafana).
        return _LEGEND.sub(lambda m: str(labels.get(m.group(1)) or m.group(1)), legend)
    shown = ", ".join(f'{k}="{v}"' for k, v in sorted(labels.items()) if k != "__name__")
    return f"{labels.get('__name__', '')}{{{shown}}}" if shown or "__name__" in labels else "value"
