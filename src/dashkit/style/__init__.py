"""The house style: how platform dashboards look, read and link, made correct by default.

    from dashkit.style import Row, dashboard, recipes, panels, variables
"""

from dashkit.style import panels, queries, recipes, thresholds, variables
from dashkit.style.dashboard import PLATFORM_TAG, dashboard
from dashkit.style.layout import Row
from dashkit.style.links import (
    dashboard_link,
    explore_logs_link,
    explore_traces_link,
    logs_query,
)
from dashkit.style.targets import LokiTarget, PromTarget

__all__ = [
    "PLATFORM_TAG", "LokiTarget", "PromTarget", "Row", "dashboard", "dashboard_link",
    "explore_logs_link", "explore_traces_link", "logs_query", "panels", "queries", "recipes",
    "thresholds", "variables",
]
