"""Time-lapse: the simulator runs ``speed`` simulated seconds per real second, and the rule
files are compressed by the same factor, so an alert with ``for: 15m`` over ``rate(x[5m])``
can be watched firing in a real Prometheus within seconds instead of a quarter of an hour.

Compressed: every duration in a rule's ``for``, in range selectors and subqueries
(``[5m]``, ``[1h:5m]``) and after ``offset``, and the horizon of ``predict_linear`` (its
seconds are real seconds, the slope it extrapolates is per real second). Ratios, counts and
ages (``queue_oldest_message_age_seconds`` is simulated time) stay right; an absolute
per-second rate reads ``speed`` times higher, so a threshold on one would not."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from dashkit.build.writer import write_if_changed
from dashkit.problems import UserError
from dashkit.promql.durations import parse_duration

_RANGE = re.compile(r"\[([^\]:]+)(?::([^\]]*))?\]")
_OFFSET = re.compile(r"\boffset\s+(-?)(\w+)")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')


def compress_rules(text: str, speed: float) -> str:
    """A Prometheus rule file's text with its time compressed ``speed`` times."""
    data: dict[str, Any] = yaml.safe_load(text) or {}
    for group in data.get("groups") or ():
        if "interval" in group:
            group["interval"] = _shorter(str(group["interval"]), speed)
        for rule in group.get("rules") or ():
            rule["expr"] = compress_expr(str(rule["expr"]), speed)
            if "for" in rule:
                rule["for"] = _shorter(str(rule["for"]), speed)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_compressed(source: Path, target: Path, speed: float) -> list[Path]:
    """Every ``*.yml`` rule file of ``source``, compressed, into ``target``."""
    files = sorted(source.glob("*.yml"))
    if not files:
        raise UserError(f"no rule files (*.yml) in {source}",
                        hints=("run 'dashboards provision' to write them",))
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in files:
        out = target / path.name
        write_if_changed(out, compress_rules(path.read_text(), speed).encode())
        written.append(out)
    return written


def compress_expr(expr: str, speed: float) -> str:
    def ranged(match: re.Match[str]) -> str:
        if parse_duration(match.group(1)) is None:
            return match.group(0)  # brackets in a string (a regex), not a range
        window = _shorter(match.group(1), speed)
        if match.group(2) is None:
            return f"[{window}]"
        resolution = _shorter(match.group(2), speed) if match.group(2) else ""
        return f"[{window}:{resolution}]"

    def offset(match: re.Match[str]) -> str:
        if parse_duration(match.group(2)) is None:
            return match.group(0)
        return f"offset {match.group(1)}{_shorter(match.group(2), speed)}"

    # Durations are code: strings (label values, regexes) are left as they are.
    pieces, position = [], 0
    for quoted in _STRING.finditer(expr):
        code = expr[position:quoted.start()]
        pieces += [_OFFSET.sub(offset, _RANGE.sub(ranged, code)), quoted.group(0)]
        position = quoted.end()
    pieces.append(_OFFSET.sub(offset, _RANGE.sub(ranged, expr[position:])))
    return _scale_predict_linear("".join(pieces), speed)


def _shorter(duration: str, speed: float) -> str:
    ms = parse_duration(duration)
    if ms is None:
        raise ValueError(f"{duration!r} is not a duration")
    scaled = max(1, round(ms / speed))
    return f"{scaled // 1000}s" if scaled % 1000 == 0 else f"{scaled}ms"


def _scale_predict_linear(expr: str, speed: float) -> str:
    """``predict_linear(v, H)`` -> ``predict_linear(v, (H) / speed)``."""
    out, start = [], 0
    for match in re.finditer(r"\bpredict_linear\s*\(", expr):
        depth, comma = 1, None
        for index in range(match.end(), len(expr)):
            char = expr[index]
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
                if depth == 0:
                    if comma is not None:
                        horizon = expr[comma + 1:index].strip()
                        out.append(expr[start:comma + 1] + f" ({horizon}) / {speed:g}")
                        start = index
                    break
            elif char == "," and depth == 1:
                comma = index
    out.append(expr[start:])
    return "".join(out)
