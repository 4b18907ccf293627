"""Generic clean-ups shared by every part of the dashboard: nulls and threshold steps."""

from __future__ import annotations

from typing import Any

from dashkit.build.compile.plain import JSON

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
