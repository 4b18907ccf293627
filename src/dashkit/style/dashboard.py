"""The house-style dashboard: standard variables, links, time settings and a laid-out grid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from grafanalib import core as G

from dashkit.model import DashboardSpec
from dashkit.style import variables as V
from dashkit.style.layout import Row, lay_out
from dashkit.style.links import tagged_dashboards_link

PLATFORM_TAG = "media-platform"

SHARED_CROSSHAIR = 1


def dashboard(*, uid: str, title: str, folder: str, description: str, rows: Sequence[Row],
              tags: Sequence[str] = (), variables: Sequence[Any] | None = None,
              links: Sequence[dict[str, Any]] = (), time_from: str = "now-6h",
              refresh: str = "1m", timezone: str = "browser") -> DashboardSpec:
    """A dashboard in the house style, ready for ``dashboards build``.

    Every dashboard carries the platform tag and a drop-down to the other platform
    dashboards; ``variables`` defaults to the datasources plus tenant and job type.
    """
    if not description.strip():
        raise ValueError(f"dashboard {title!r} needs a description")
    chosen = list(variables) if variables is not None else V.standard(V.tenant(), V.job_type())
    board = G.Dashboard(
        uid=uid, title=title, description=description, tags=sorted({PLATFORM_TAG, *tags}),
        panels=lay_out(rows), templating=G.Templating(chosen),
        links=[*links, tagged_dashboards_link(PLATFORM_TAG, "Platform dashboards")],
        time=G.Time(time_from, "now"), refresh=refresh, timezone=timezone,
        graphTooltip=SHARED_CROSSHAIR,
    )
    return DashboardSpec(board, folder)
