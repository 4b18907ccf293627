"""grafanalib objects -> plain JSON data (dicts, lists, strings, numbers, booleans).

This is the hot path of a build (a dashboard is thousands of small objects), so it is one
recursive pass that also drops ``None`` members, which Grafana treats like absent ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

JSON = Any
"""A JSON value: dict[str, JSON] | list[JSON] | str | int | float | bool | None."""

_SCALARS = (str, int, float, bool)


def to_plain(obj: object) -> JSON:
    """Turn an object tree built with grafanalib (or the house style) into plain data.

    Anything with a ``to_json_data()`` method (grafanalib's protocol) is asked for its data,
    recursively; tuples become lists; enums become their values. ``None`` members of
    objects are dropped, except a threshold step's ``value`` (null there means the base step).
    """
    return _plain(obj, False)


def _plain(obj: object, in_steps: bool) -> JSON:
    kind = type(obj)
    if kind is dict:
        return _plain_dict(obj, in_steps)  # type: ignore[arg-type]
    if kind is list or kind is tuple:
        return [_plain(item, in_steps) for item in obj]  # type: ignore[attr-defined]
    if kind in _SCALARS or obj is None:
        return obj
    to_json = getattr(obj, "to_json_data", None)
    if to_json is not None:
        return _plain(to_json(), in_steps)
    if isinstance(obj, Enum):
        return _plain(obj.value, in_steps)
    if isinstance(obj, _SCALARS):
        return obj
    if isinstance(obj, Mapping):
        return _plain_dict(dict(obj), in_steps)
    if isinstance(obj, list | tuple):
        return [_plain(item, in_steps) for item in obj]
    raise TypeError(
        f"cannot turn a {type(obj).__name__} into dashboard JSON "
        "(expected grafanalib objects, dicts, lists, strings, numbers or booleans)"
    )


def _plain_dict(obj: dict[Any, Any], in_steps: bool) -> dict[str, JSON]:
    out: dict[str, JSON] = {}
    for key, value in obj.items():
        if value is None:
            if in_steps and key == "value":
                out[key] = None
            continue
        if type(key) is not str:
            raise TypeError(f"dashboard JSON keys must be strings, got {key!r}")
        out[key] = _plain(value, key == "steps")
    return out
