"""Dashboards and panels written out field by field, exactly as Grafana saves them.

This is what ``dashboards import`` writes where the house style (``dashkit.style.panels``,
``Row``, the standard variables) would not reproduce a panel exactly: each panel is one call
with its type and title first, then its fields as keyword arguments, so a panel is found by
its title and its query edited in one place. Field names are Grafana's (``gridPos``,
``fieldConfig``, ``legendFormat``); what a field means is in Grafana's documentation.

    panel("timeseries", "Requests per second", id=4, gridPos=grid(0, 1, 12, 8),
          targets=[target(refId="A", expr="sum(rate(http_requests_total[5m]))")])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dashkit.model import DashboardSpec


@dataclass(frozen=True)
class _Written:
    """Dashboard JSON as written, for the build (which asks for ``to_json_data``)."""

    data: dict[str, Any]

    def to_json_data(self) -> dict[str, Any]:
        return self.data


def dashboard(*, title: str, uid: str, folder: str = "", panels: Iterable[dict[str, Any]] = (),
              variables: Iterable[dict[str, Any]] = (),
              annotations: Iterable[dict[str, Any]] = (),
              links: Iterable[dict[str, Any]] = (), **fields: Any) -> DashboardSpec:
    """A dashboard with exactly these fields (``time``, ``refresh``, ``timezone``,
    ``graphTooltip``...); the build adds what Grafana would and nothing else."""
    data = {"title": title, "uid": uid, **fields, "panels": list(panels),
            "templating": {"list": list(variables)},
            "annotations": {"list": list(annotations)}, "links": list(links)}
    return DashboardSpec(_Written(data), folder)


def as_spec(data: dict[str, Any], folder: str = "") -> DashboardSpec:
    """Dashboard JSON as it is, for the build (what ``dashboards import`` upgrades)."""
    return DashboardSpec(_Written(data), folder)


def panel(type_: str, title: Any, /, **fields: Any) -> dict[str, Any]:
    """A panel of any type (``timeseries``, ``stat``, a plugin's) with these fields; a title
    of None is no title at all (as some exports have)."""
    return {"type": type_, **({"title": title} if title is not None else {}), **fields}


def row(title: Any, /, *, collapsed: bool = False, panels: Iterable[dict[str, Any]] = (),
        **fields: Any) -> dict[str, Any]:
    """A row; a collapsed one holds its panels, an open one is followed by them. A title of
    None is no title at all."""
    return {"type": "row", **({"title": title} if title is not None else {}),
            "collapsed": collapsed, "panels": list(panels), **fields}


def target(**fields: Any) -> dict[str, Any]:
    """One query of a panel, with the fields of its datasource (``expr`` for Prometheus and
    Loki, ``rawSql``, ``query``, ``target``...)."""
    return dict(fields)


def variable(type_: str, name: str, /, **fields: Any) -> dict[str, Any]:
    """A template variable (``query``, ``custom``, ``interval``, ``datasource``...)."""
    return {"type": type_, "name": name, **fields}


def grid(x: int, y: int, w: int, h: int) -> dict[str, int]:
    """A panel's place on the 24-column grid."""
    return {"h": h, "w": w, "x": x, "y": y}
