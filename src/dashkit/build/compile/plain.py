"""grafanalib objects -> plain JSON data (dicts, lists, strings, numbers, booleans, None).

This is on the hot path of a build (a dashboard is thousands of small objects), so the tree
is walked by orjson's encoder, which asks each grafanalib object for ``to_json_data()``,
and read back as plain data. Nulls are left in; the compiler drops them where it looks.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import orjson

from dashkit.build.compile.datasources import TARGET_TYPES, TYPE_HINT

JSON = Any
"""A JSON value: dict[str, JSON] | list[JSON] | str | int | float | bool | None."""

_OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def to_plain(obj: object) -> JSON:
    """Turn an object tree built with grafanalib (or the house style) into plain data.

    Anything with a ``to_json_data()`` method (grafanalib's protocol) is asked for its data,
    recursively; tuples become lists; enums become their values.
    """
    try:
        return orjson.loads(orjson.dumps(obj, default=_default, option=_OPTIONS))
    except orjson.JSONEncodeError as exc:
        raise TypeError(_explain(exc)) from None


def _default(obj: Any) -> Any:
    to_json = getattr(obj, "to_json_data", None)
    if to_json is not None:
        data = to_json()
        kind = TARGET_TYPES.get(type(obj).__name__)
        if kind is not None and isinstance(data, dict):
            data = {**data, TYPE_HINT: kind}  # which plugin the query is for
        return data
    if isinstance(obj, Enum):
        return obj.value
    raise TypeError(f"cannot turn a {type(obj).__name__} into dashboard JSON "
                    "(expected grafanalib objects, dicts, lists, strings, numbers or booleans)")


def _explain(exc: orjson.JSONEncodeError) -> str:
    text = str(exc)
    if "Dict key must be str" in text:
        return "dashboard JSON keys must be strings"
    cause = exc.__cause__ or exc.__context__
    return str(cause) if cause is not None else text
