"""Generic clean-ups shared by every part of the dashboard: nulls, datasource references."""

from __future__ import annotations

import re
from typing import Any

from dashkit.build.compile.plain import JSON

_VARIABLE = re.compile(r"^\$(\{)?[A-Za-z_][A-Za-z0-9_]*(?(1)\})$")

DEFAULT_BASE_STEP: dict[str, Any] = {"color": "green", "value": None}


def strip_nulls(value: JSON) -> JSON:
    """Drop ``None`` members everywhere Grafana treats absent and null alike.

    Threshold steps are the exception: the base step's ``"value": null`` means minus infinity.
    """
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if item is None:
                continue
            if key == "steps" and isinstance(item, list):
                out[key] = [_clean_step(step) for step in item]
            else:
                out[key] = strip_nulls(item)
        return out
    if isinstance(value, list):
        return [strip_nulls(item) for item in value if item is not None]
    return value


def _clean_step(step: JSON) -> JSON:
    if not isinstance(step, dict):
        return step
    cleaned = {"color": step.get("color", "green"), "value": step.get("value")}
    if cleaned["value"] == "null":  # grafanalib's Threshold writes the base step as a string
        cleaned["value"] = None
    return cleaned


def is_variable(text: str) -> bool:
    return bool(_VARIABLE.match(text))


def datasource_ref(value: JSON, variable_types: dict[str, str], default_type: str) -> JSON:
    """A datasource as Grafana 11+ stores it: ``{"type": ..., "uid": ...}``.

    grafanalib writes a name string; a template variable (``$datasource``) keeps its
    variable as the uid and takes its type from the variable's declaration.
    """
    if value is None or isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise TypeError(f"a datasource must be a string or a {{type, uid}} object, got {value!r}")
    if is_variable(value):
        name = value.strip("${}")
        return {"type": variable_types.get(name, default_type), "uid": "${" + name + "}"}
    if value in ("-- Grafana --", "grafana"):
        return {"type": "grafana", "uid": "grafana"}
    if value in ("-- Mixed --",):
        return {"type": "datasource", "uid": "-- Mixed --"}
    return {"type": default_type, "uid": value}


def thresholds(defaults: dict[str, Any]) -> None:
    """Make ``defaults.thresholds`` well formed: a mode and at least the base step."""
    th = defaults.get("thresholds")
    if not isinstance(th, dict):
        th = {}
    steps = th.get("steps")
    if not isinstance(steps, list) or not steps:
        steps = [dict(DEFAULT_BASE_STEP)]
    steps = [{"color": step.get("color", "green"), "value": step.get("value")}
             if type(step) is dict and step.get("value") != "null" else _clean_step(step)
             for step in steps]
    steps[0]["value"] = None
    defaults["thresholds"] = {"mode": th.get("mode") or "absolute", "steps": steps}
