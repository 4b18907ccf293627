"""No Angular or deprecated panel types.

Grafana 11 no longer runs Angular plugins: such a panel shows an error instead of data (or
is migrated in the browser, differently on every load). Each has a core replacement.

**Anti-pattern**

    {"type": "graph", "title": "Requests per second"}
    {"type": "grafana-piechart-panel", "title": "Jobs by status"}

**Best practice**

    {"type": "timeseries", "title": "Requests per second"}
    {"type": "piechart", "title": "Jobs by status"}
"""

from __future__ import annotations

from collections.abc import Iterator

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.dashboard import panel_title, subject
from dashkit.review.lint.rule import Rule

REPLACEMENTS = {
    "graph": "timeseries",
    "singlestat": "stat",
    "table-old": "table",
    "grafana-singlestat-panel": "stat",
    "grafana-piechart-panel": "piechart",
    "grafana-worldmap-panel": "geomap",
    "natel-discrete-panel": "state-timeline",
    "flant-statusmap-panel": "status-history",
    "briangann-gauge-panel": "gauge",
    "briangann-datatable-panel": "table",
    "mtanda-histogram-panel": "histogram",
    "natel-plotly-panel": "xychart",
    "digrich-bubblechart-panel": "xychart",
    "savantly-heatmap-panel": "heatmap",
    "neocat-cal-heatmap-panel": "heatmap",
    "petrslavotinek-carpetplot-panel": "heatmap",
    "michaeldmoore-annunciator-panel": "stat",
    "vonage-status-panel": "stat",
    "btplc-status-dot-panel": "stat",
    "snuids-trafficlights-panel": "stat",
    "jdbranham-diagram-panel": "canvas",
    "agenty-flowcharting-panel": "canvas",
    "marcuscalidus-svg-panel": "canvas",
    "pierosavi-imageit-panel": "canvas",
}
"""Angular or removed panel types, and the core panel to use instead."""


def check(ctx: LintContext) -> Iterator[Problem]:
    for panel in ctx.panels:
        kind = panel.get("type")
        if isinstance(kind, str) and kind in REPLACEMENTS:
            yield Problem(f"{subject(panel)} is a {kind!r} panel, which Grafana 11 no "
                          "longer supports", Location(panel=panel_title(panel)),
                          details=f"Use the core {REPLACEMENTS[kind]!r} panel instead.")


RULE = Rule("panel/no-deprecated-type", Severity.ERROR, check, __doc__ or "")
