"""JSON values as Python source: one line where it fits in 100 columns, else one item per
line with trailing commas (the layout ruff's formatter gives); strings double-quoted, and
split into adjacent literals (at line breaks, else at spaces) where they would not fit."""

from __future__ import annotations

import json
import keyword
from typing import Any

WIDTH = 100
INDENT = "    "


def literal(value: Any, indent: int = 0, before: int | None = None, after: int = 1) -> str:
    """``value`` as a Python expression on a line indented ``indent`` levels, where
    ``before`` characters (default: the indentation) come before it and ``after`` after it
    (the trailing comma)."""
    start = len(INDENT * indent) if before is None else before
    flat = _flat(value)
    if start + width(flat) + after <= WIDTH:
        return flat
    pad, inner = INDENT * indent, INDENT * (indent + 1)
    if isinstance(value, dict) and value:
        items = []
        for key, item in value.items():
            head = f"{inner}{string(str(key))}: "
            items.append(f"{head}{literal(item, indent + 1, len(head))},")
        return "{\n" + "\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value:
        items = [f"{inner}{literal(item, indent + 1)}," for item in value]
        return "[\n" + "\n".join(items) + f"\n{pad}]"
    if isinstance(value, str):
        return _long_string(value, indent)
    return flat


def _flat(value: Any) -> str:
    if value is None:
        return "None"
    if value is True:
        return "True"
    if value is False:
        return "False"
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return f'float("{value}")'
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{string(str(k))}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def width(text: str) -> int:
    """Columns ``text`` may take as linters count them: a non-ASCII character counts as
    its UTF-8 bytes (ruff counts some symbols as wide), which is never too little."""
    return len(text.encode())


def string(value: str) -> str:
    """A double-quoted Python string literal for ``value`` (JSON's escapes are Python's)."""
    return json.dumps(value, ensure_ascii=False)


def _long_string(value: str, indent: int) -> str:
    """Adjacent literals in parentheses, each line of the source within the width."""
    inner = INDENT * (indent + 1)
    room = max(20, WIDTH - len(inner) - 2)
    pieces: list[str] = []
    for line in value.splitlines(keepends=True) or [value]:
        pieces.extend(_chunks(line, room))
    body = "\n".join(f"{inner}{string(piece)}" for piece in pieces)
    return f"(\n{body}\n{INDENT * indent})"


def _chunks(text: str, room: int) -> list[str]:
    """``text`` cut into pieces whose literals fit in ``room``, at spaces where possible."""
    out: list[str] = []
    while width(string(text)) > room:
        cut = len(text)
        while cut > 1 and width(string(text[:cut])) > room:
            cut = cut * 3 // 4 if width(string(text[:cut])) > 2 * room else cut - 1
        space = text.rfind(" ", 0, cut)
        if space > cut // 2:
            cut = space + 1
        out.append(text[:cut])
        text = text[cut:]
    out.append(text)
    return out


def is_keyword_argument(name: str) -> bool:
    """Whether ``name=`` reads back as exactly ``name``: Python normalises non-ASCII names
    (NFKC) and refuses keywords and ``__debug__``; those go into ``**{...}`` instead."""
    return (name.isascii() and name.isidentifier() and not keyword.iskeyword(name)
            and name != "__debug__")


class Source(str):
    """Python source already rendered (for the indentation it will stand at), not a value."""


def call(function: str, positional: list[Any], keywords: dict[str, Any], indent: int = 0,
         before: int | None = None, after: int = 1) -> str:
    """``function(positional..., key=value...)`` in the order given; a :class:`Source` value
    is written as it is. Keys that are not identifiers go into a trailing ``**{...}``."""
    plain = {k: v for k, v in keywords.items() if is_keyword_argument(k)}
    other = {k: v for k, v in keywords.items() if not is_keyword_argument(k)}
    parts = [v if isinstance(v, Source) else _flat(v) for v in positional]
    parts += [f"{k}={v if isinstance(v, Source) else _flat(v)}" for k, v in plain.items()]
    if other:
        parts.append(f"**{_flat(other)}")
    flat = f"{function}(" + ", ".join(parts) + ")"
    start = len(INDENT * indent) if before is None else before
    if "\n" not in flat and start + width(flat) + after <= WIDTH:
        return flat
    inner = INDENT * (indent + 1)
    lines = [f"{inner}{v if isinstance(v, Source) else literal(v, indent + 1)},"
             for v in positional]
    for key, value in plain.items():
        text = value if isinstance(value, Source) else \
            literal(value, indent + 1, len(inner) + len(key) + 1)
        lines.append(f"{inner}{key}={text},")
    if other:
        lines.append(f"{inner}**{literal(other, indent + 1, len(inner) + 2)},")
    return f"{function}(\n" + "\n".join(lines) + f"\n{INDENT * indent})"
