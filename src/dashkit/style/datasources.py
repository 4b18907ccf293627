"""Datasource references the house style uses: always through a datasource variable."""

from __future__ import annotations

from typing import Any

PROMETHEUS_VAR = "datasource"
LOKI_VAR = "loki"
TEMPO_VAR = "tempo"

PROMETHEUS: dict[str, Any] = {"type": "prometheus", "uid": "${" + PROMETHEUS_VAR + "}"}
LOKI: dict[str, Any] = {"type": "loki", "uid": "${" + LOKI_VAR + "}"}
TEMPO: dict[str, Any] = {"type": "tempo", "uid": "${" + TEMPO_VAR + "}"}
