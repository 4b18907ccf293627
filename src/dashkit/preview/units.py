"""Numbers as Grafana shows them for the common units (its value formats in
packages/grafana-data/src/valueFormats/categories.ts), enough for a preview."""

from __future__ import annotations

import math

_BYTES = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")
_SI = ("", " K", " Mil", " Bil", " Tri")


def format_value(value: float | None, unit: str | None, decimals: int | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "No data"
    unit = unit or "short"
    if unit == "percentunit":
        return f"{value * 100:.{_places(value * 100, decimals)}f}%"
    if unit == "percent":
        return f"{value:.{_places(value, decimals)}f}%"
    if unit in ("bytes", "decbytes"):
        return _scaled(value, 1024, _BYTES, decimals)
    if unit in ("Bps", "binBps"):
        return _scaled(value, 1024, _BYTES, decimals) + "/s"
    if unit == "s":
        return _duration(value, decimals)
    if unit == "ms":
        return _duration(value / 1000, decimals)
    if unit in ("ops", "reqps", "rps"):
        return _scaled(value, 1000, _SI, decimals) + (" ops/s" if unit == "ops" else " req/s")
    if unit == "bool":
        return "true" if value else "false"
    text = _scaled(value, 1000, _SI, decimals)
    return text if unit in ("short", "none", "") else f"{text} {unit}"


def _places(value: float, decimals: int | None) -> int:
    if decimals is not None:
        return decimals
    magnitude = abs(value)
    if magnitude >= 100 or value == int(value):
        return 0
    return 1 if magnitude >= 10 else 2


def _scaled(value: float, base: int, names: tuple[str, ...], decimals: int | None) -> str:
    index = 0
    while abs(value) >= base and index < len(names) - 1:
        value /= base
        index += 1
    return f"{value:.{_places(value, decimals)}f}{names[index]}"


def _duration(seconds: float, decimals: int | None) -> str:
    for size, name in ((86400, "day"), (3600, "hour"), (60, "min")):
        if abs(seconds) >= size:
            return f"{seconds / size:.{_places(seconds / size, decimals)}f} {name}"
    if abs(seconds) < 1 and seconds != 0:
        return f"{seconds * 1000:.{_places(seconds * 1000, decimals)}f} ms"
    return f"{seconds:.{_places(seconds, decimals)}f} s"
