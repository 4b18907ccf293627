"""Canonical JSON bytes: sorted keys, 2-space indent, trailing newline; and its checksum."""

from __future__ import annotations

import hashlib

import orjson

from dashkit.build.compile.plain import JSON

_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2


def encode(data: JSON) -> bytes:
    """The one byte form of a dashboard: equal data always gives equal bytes."""
    return orjson.dumps(data, option=_OPTIONS) + b"\n"


def checksum(content: bytes) -> str:
    return "sha256:" + hashlib.sha256(content).hexdigest()
