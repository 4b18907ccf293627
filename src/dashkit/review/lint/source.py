"""Where in a dashboard module a finding belongs: the line of a string literal.

A panel's title (or the dashboard's uid or title) usually appears in its module as a string
literal, so the first line holding exactly that string is where a reader should look.
Implicitly concatenated literals (``"a" "b"``) count as one string; f-strings are skipped.
"""

from __future__ import annotations

import ast
import io
import tokenize
from functools import cached_property
from pathlib import Path

_SKIP = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)


class SourceLines:
    """String literals of one module, by value, with the line each first appears on."""

    def __init__(self, text: str) -> None:
        self._text = text

    @classmethod
    def read(cls, path: Path) -> SourceLines:
        try:
            return cls(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return cls("")

    @cached_property
    def literals(self) -> dict[str, int]:
        found: dict[str, int] = {}
        parts: list[str] = []
        start = 0
        try:
            for token in tokenize.generate_tokens(io.StringIO(self._text).readline):
                if token.type == tokenize.STRING:
                    value = _literal(token.string)
                    if value is None:
                        parts, start = [], 0
                        continue
                    if not parts:
                        start = token.start[0]
                    parts.append(value)
                elif token.type not in _SKIP or (token.type == tokenize.NEWLINE and parts):
                    if parts:
                        found.setdefault("".join(parts), start)
                    parts = []
        except (tokenize.TokenError, SyntaxError):
            pass
        if parts:
            found.setdefault("".join(parts), start)
        return found

    def line_of(self, *candidates: str | None) -> int:
        """The line of the first candidate found as a literal; 1 when none is."""
        return self.find(*candidates) or 1

    def find(self, *candidates: str | None) -> int | None:
        """The line of the first candidate found as a literal, if any is."""
        for candidate in candidates:
            if not candidate:
                continue
            line = self._quoted(candidate)
            if line is None and candidate in self.literals:
                line = self.literals[candidate]
            if line is not None:
                return line
        return None

    def _quoted(self, value: str) -> int | None:
        """Where ``"value"`` or ``'value'`` is written as is: the quick, common case."""
        if "\\" in value or "'" in value or '"' in value or "\n" in value:
            return None
        found = [i for i in (self._text.find(f'"{value}"'), self._text.find(f"'{value}'"))
                 if i >= 0]
        return self._text.count("\n", 0, min(found)) + 1 if found else None


def _literal(text: str) -> str | None:
    prefix = text[:len(text) - len(text.lstrip("rRbBuUfF"))]
    if "f" in prefix.lower():
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None
