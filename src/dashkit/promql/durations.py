"""Durations as Grafana and Prometheus write them: ``15s``, ``1m30s``, ``500ms``, ``>10s``,
or a bare number of seconds."""

from __future__ import annotations

import re

UNIT_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000,
           "w": 604_800_000, "M": 2_592_000_000, "y": 31_536_000_000}


def parse_duration(text: str) -> float | None:
    """Milliseconds of ``15s``, ``1m30s``, ``>10s`` or a bare number of seconds; None if
    not a duration."""
    text = text.strip().lstrip("<>")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text) * 1000
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|[smhdwMy])", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        return None
    return sum(float(n) * UNIT_MS[u] for n, u in parts)
