"""Threshold steps: the base colour, then (colour, from-value) pairs."""

from __future__ import annotations

from typing import Any


def steps(base: str, *levels: tuple[str, float]) -> list[dict[str, Any]]:
    """``steps("green", ("orange", 60), ("red", 300))`` for Grafana's threshold list."""
    out: list[dict[str, Any]] = [{"color": base, "value": None}]
    out.extend({"color": color, "value": value} for color, value in levels)
    return out


def higher_is_better(objective: float, warning: float) -> list[dict[str, Any]]:
    """Red below ``warning``, orange up to ``objective``, green at or above it."""
    return steps("red", ("orange", warning), ("green", objective))


def lower_is_better(warning: float, critical: float) -> list[dict[str, Any]]:
    return steps("green", ("orange", warning), ("red", critical))
