"""grafanalib objects -> plain JSON data (dicts, lists, strings, numbers, booleans, None)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

JSON = Any
"""A JSON value: dict[str, JSON] | list[JSON] | str | int | float | bool | None."""


def to_plain(obj: object) -> JSON:
    """Turn an object tree built with grafanalib (or the house style) into plain data.

    Anything with a ``to_json_data()`` method (grafanalib's protocol) is asked for its data,
    recursively; tuples become lists; enums become their values. Dict keys must be strings.
    """
    to_json = getattr(obj, "to_json_data", None)
    if to_json is not None:
        return to_plain(to_json())
    if isinstance(obj, str | int | float | bool) or obj is None:
        return obj
    if isinstance(obj, Mapping):
        out: dict[str, JSON] = {}
        for key, value in obj.items():
            if not isinstance(key, str):
                raise TypeError(f"dashboard JSON keys must be strings, got {key!r}")
            out[key] = to_plain(value)
        return out
    if isinstance(obj, list | tuple):
        return [to_plain(item) for item in obj]
    if isinstance(obj, Enum):
        return to_plain(obj.value)
    raise TypeError(
        f"cannot turn a {type(obj).__name__} into dashboard JSON "
        "(expected grafanalib objects, dicts, lists, strings, numbers or booleans)"
    )
