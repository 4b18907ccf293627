"""Query targets in the form Grafana 11/12 saves them (no legacy step/intervalFactor)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashkit.style.datasources import LOKI, PROMETHEUS


@dataclass(frozen=True)
class PromTarget:
    """A Prometheus query. ``legend`` is Grafana's legendFormat (``{{tenant}}``)."""

    expr: str
    legend: str = ""
    ref_id: str = ""
    instant: bool = False
    exemplar: bool = False
    format: str = "time_series"
    interval: str = ""

    def to_json_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "datasource": dict(PROMETHEUS),
            "editorMode": "code",
            "expr": self.expr,
            "range": not self.instant,
            "refId": self.ref_id,
        }
        if self.legend:
            data["legendFormat"] = self.legend
        if self.instant:
            data["instant"] = True
        if self.exemplar:
            data["exemplar"] = True
        if self.format != "time_series":
            data["format"] = self.format
        if self.interval:
            data["interval"] = self.interval
        return data


@dataclass(frozen=True)
class LokiTarget:
    """A LogQL query against the Loki datasource variable."""

    expr: str
    ref_id: str = ""
    max_lines: int | None = None

    def to_json_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "datasource": dict(LOKI),
            "editorMode": "code",
            "expr": self.expr,
            "queryType": "range",
            "refId": self.ref_id,
        }
        if self.max_lines is not None:
            data["maxLines"] = self.max_lines
        return data
