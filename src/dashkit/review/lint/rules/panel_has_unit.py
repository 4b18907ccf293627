"""Every panel that shows numbers says what unit they are in.

Without a unit, 0.25 could be seconds, a ratio or requests per second, and Grafana cannot
scale 1500000 to 1.5 MB. Panels that plot or print numbers need one: timeseries, stat,
gauge, bargauge, barchart, histogram, heatmap (its y axis), piechart, trend, xychart and
candlestick. Panels that show text, logs, traces, rows, lists or tables (whose columns get
units through overrides) do not. `none` is a unit: it says "a plain number" on purpose.
A unit set in an override counts too.

**Anti-pattern**

    {"type": "timeseries", "title": "Upload duration", "fieldConfig": {"defaults": {}}}

**Best practice**

    {"type": "timeseries", "title": "Upload duration",
     "fieldConfig": {"defaults": {"unit": "s"}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.dashboard import Panel, items, mapping, panel_title, subject
from dashkit.review.lint.rule import Rule

NEEDS_UNIT = frozenset({"timeseries", "stat", "gauge", "bargauge", "barchart", "histogram",
                        "heatmap", "piechart", "trend", "xychart", "candlestick"})


def unit_of(panel: Panel) -> str:
    field_config = mapping(panel.get("fieldConfig"))
    unit = mapping(field_config.get("defaults")).get("unit")
    if not unit and panel.get("type") == "heatmap":
        unit = mapping(mapping(panel.get("options")).get("yAxis")).get("unit")
    if not unit:
        unit = next((prop.get("value") for override in items(field_config.get("overrides"))
                     for prop in items(override.get("properties"))
                     if prop.get("id") == "unit" and prop.get("value")), "")
    return unit if isinstance(unit, str) else ""


def check(ctx: LintContext) -> Iterator[Problem]:
    for panel in ctx.panels:
        if panel.get("type") in NEEDS_UNIT and not unit_of(panel).strip():
            where = "options.yAxis.unit" if panel.get("type") == "heatmap" else (
                "fieldConfig.defaults.unit")
            yield Problem(f"{subject(panel)} shows numbers without a unit",
                          Location(panel=panel_title(panel)),
                          details=f"Set {where} (s, percentunit, bytes, ops, short, or none for a "
                                  "plain number).")


RULE = Rule("panel/has-unit", Severity.WARNING, check, __doc__ or "")
