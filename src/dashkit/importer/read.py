"""What people have, read as a dashboard: an export from Grafana's share menu (with
``__inputs``/``__requires`` and ``${DS_...}`` datasources, as grafana.com serves them), the
API's ``{"dashboard": ..., "meta": ...}``, or a bare dashboard of any schema version. What
is not a classic dashboard is refused with what to do instead."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from dashkit.ids import all_panels, slug
from dashkit.style.datasources import LOKI_VAR, PROMETHEUS_VAR, TEMPO_VAR

VARIABLE_FOR = {"prometheus": PROMETHEUS_VAR, "loki": LOKI_VAR, "tempo": TEMPO_VAR}
"""The repository's datasource variable for a plugin; others get ``ds_<plugin>``."""


class NotADashboard(ValueError):
    """The input cannot be imported; the message says why and what to do."""


@dataclass
class Read:
    dashboard: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    """What was changed on the way in, or needs a person's eye (library panels)."""


def parse(text: str | bytes) -> Read:
    """The dashboard in ``text``, with its export inputs resolved."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise NotADashboard(f"is not JSON ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get("dashboard"), dict) and "meta" in data:
        data = data["dashboard"]  # GET /api/dashboards/uid/:uid
    if not isinstance(data, dict):
        raise NotADashboard(f"is a JSON {type(data).__name__}, not a dashboard object")
    if _is_v2(data):
        raise NotADashboard(
            "is a v2 schema dashboard (elements and layout), which import does not read; in "
            "Grafana, export it as classic JSON (Export -> Export as JSON, classic model)")
    if "panels" not in data and "rows" not in data:
        raise NotADashboard("has neither 'panels' nor 'rows': not a Grafana dashboard")
    read = Read(data)
    _resolve_inputs(read)
    _check_library_panels(read)
    data = read.dashboard
    if not data.get("uid"):
        uid = slug(str(data.get("title") or ""))[:40] or "imported"
        data["uid"] = uid
        read.notes.append(f"had no uid; it is {uid!r}, from its title (set another in the "
                          "module if you like)")
    return read


def _is_v2(data: dict[str, Any]) -> bool:
    inner = data.get("spec")
    spec: dict[str, Any] = inner if isinstance(inner, dict) else data
    return (str(data.get("apiVersion", "")).startswith("dashboard.grafana.app/v2")
            or ("elements" in spec and "layout" in spec))


def _resolve_inputs(read: Read) -> None:
    """``${DS_PROMETHEUS}`` -> the datasource variable of that plugin (added if the dashboard
    has none); ``${VAR_...}`` constants -> their value."""
    data = read.dashboard
    inputs = [i for i in data.pop("__inputs", None) or [] if isinstance(i, dict)]
    data.pop("__requires", None)
    data.pop("__elements", None)
    if not isinstance(data.get("templating"), dict):
        data["templating"] = {}
    if not isinstance(data["templating"].get("list"), list):
        data["templating"]["list"] = []
    templating = data["templating"]["list"]
    existing = {str(v.get("query")): str(v.get("name")) for v in templating
                if isinstance(v, dict) and v.get("type") == "datasource"}
    replacements: dict[str, str] = {}
    added = []
    for item in inputs:
        name = str(item.get("name", ""))
        if item.get("type") == "datasource":
            plugin = str(item.get("pluginId", ""))
            # A variable name is word characters only: Grafana substitutes no other
            # (``variableRegex``), so grafana-postgresql-datasource -> ds_grafana_postgresql_...
            variable = existing.get(plugin) or VARIABLE_FOR.get(plugin) or \
                "ds_" + re.sub(r"\W", "_", plugin)
            replacements[name] = "${" + variable + "}"
            if plugin not in existing:
                existing[plugin] = variable
                added.append({"type": "datasource", "name": variable, "query": plugin,
                              "label": str(item.get("label") or plugin), "hide": 0,
                              "current": {}, "options": [], "refresh": 1, "regex": "",
                              "skipUrlSync": False})
                read.notes.append(f"input ${{{name}}} ({plugin}) became the datasource "
                                  f"variable ${variable}")
        elif item.get("type") == "constant":
            replacements[name] = str(item.get("value", ""))
    templating[:0] = added
    if replacements:
        pattern = re.compile(r"\$\{(" + "|".join(map(re.escape, replacements)) + r")\}")
        read.dashboard = _replace(data, lambda s: pattern.sub(
            lambda m: replacements[m.group(1)], s))


def _replace(value: Any, change: Any) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_replace(v, change) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, change) for k, v in value.items()}
    return value


def _check_library_panels(read: Read) -> None:
    for panel in all_panels(read.dashboard.get("panels") or []):
        library = panel.get("libraryPanel")
        if isinstance(library, dict):
            read.notes.append(
                f"panel {panel.get('title') or library.get('name')!r} is the library panel "
                f"{library.get('name')!r} (uid {library.get('uid')}): imported as it is in "
                "this dashboard; the library copy in Grafana is not read")
