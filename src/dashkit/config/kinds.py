"""The kinds of value a setting can hold, each able to read a YAML value and describe itself.

A wrong value is a :class:`ConfigError` that names the setting, what it must be, and what
was found; the loader adds the file.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class ConfigError(Exception):
    """A setting that cannot be read: ``where`` is its dotted key, ``message`` what it must
    be, ``example`` a line that would be right."""

    def __init__(self, where: str, message: str, example: str = "") -> None:
        super().__init__(f"{where or 'the config'} {message}")
        self.where, self.message, self.example = where, message, example


REQUIRED: Any = object()
"""The default of a setting that has none: it must be given."""


class Kind(ABC):
    """A kind of value: :meth:`read` checks and converts one, :meth:`describe` names it in
    the settings table."""

    @abstractmethod
    def read(self, value: Any, where: str) -> Any: ...

    @abstractmethod
    def describe(self) -> str: ...


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


@dataclass(frozen=True)
class Text(Kind):
    """A string; with ``pattern``, one that matches it (``must`` says how, to the user)."""

    pattern: str | None = None
    must: str = "must be text"
    example: str = ""
    called: str = "text"

    def describe(self) -> str:
        return self.called

    def read(self, value: Any, where: str) -> Any:
        if not isinstance(value, str) or (self.pattern and not re.match(self.pattern, value)):
            raise ConfigError(where, f"{self.must}, not {_shown(value)}", self.example)
        return value


@dataclass(frozen=True)
class Choice(Kind):
    choices: tuple[str, ...]
    note: str = ""

    def describe(self) -> str:
        return " \\| ".join(f"`{c}`" for c in self.choices)

    def read(self, value: Any, where: str) -> Any:
        if value not in self.choices:
            options = ", ".join(self.choices[:-1]) + f" or {self.choices[-1]}"
            note = f" ({self.note})" if self.note else ""
            raise ConfigError(where, f"must be {options}, not {_shown(value)}{note}")
        return value


@dataclass(frozen=True)
class Boolean(Kind):
    def describe(self) -> str:
        return "`true` \\| `false`"

    def read(self, value: Any, where: str) -> Any:
        if not isinstance(value, bool):
            key = where.rsplit(".", 1)[-1]
            example = (f"{key}: {value.strip().lower()}" if isinstance(value, str)
                       and value.strip().lower() in ("true", "false") else f"{key}: true")
            raise ConfigError(where, f"must be true or false (without quotes), not "
                                     f"{_shown(value)}", example)
        return value


@dataclass(frozen=True)
class Integer(Kind):
    minimum: int = 1

    def describe(self) -> str:
        return f"whole number ≥ {self.minimum}"

    def read(self, value: Any, where: str) -> Any:
        if not isinstance(value, int) or isinstance(value, bool) or value < self.minimum:
            raise ConfigError(where, f"must be a whole number of at least {self.minimum}, not "
                                     f"{_shown(value)}")
        return value


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float | None:
    """``"1m30s"`` -> 90.0; ``"500ms"`` -> 0.5; None if it is not a duration."""
    text = text.strip()
    if not text or _DURATION_PART.sub("", text):
        return None
    return sum(float(n) * _UNIT_SECONDS[unit] for n, unit in _DURATION_PART.findall(text))


@dataclass(frozen=True)
class Duration(Kind):
    """Seconds, given with a unit (``10s``, ``1m30s``, ``500ms``) or as a plain number."""

    def describe(self) -> str:
        return "duration (`10s`, `1m30s`, `500ms`)"

    def read(self, value: Any, where: str) -> Any:
        seconds: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            seconds = float(value)
        elif isinstance(value, str):
            seconds = parse_duration(value)
        if seconds is None or seconds <= 0:
            key = where.rsplit(".", 1)[-1]
            raise ConfigError(where, f"must be a duration such as 10s, 1m30s or 500ms, not "
                                     f"{_shown(value)}", f"{key}: 10s")
        return seconds


@dataclass(frozen=True)
class AnyMapping(Kind):
    """Any mapping, taken as it is (passed through to a file this project writes)."""

    def describe(self) -> str:
        return "mapping"

    def read(self, value: Any, where: str) -> Any:
        if not isinstance(value, dict):
            raise ConfigError(where, f"must be a mapping, not {_shown(value)}")
        return value


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    single: bool = False
    """A single item may stand for a list of one."""
    must: str = "must be a list"
    example: str = ""

    def describe(self) -> str:
        return f"list of {self.item.describe()}"

    def read(self, value: Any, where: str) -> Any:
        if self.single and not isinstance(value, list):
            value = [value]
        if not isinstance(value, list):
            raise ConfigError(where, f"{self.must}, not {_shown(value)}", self.example)
        return [self.item.read(item, f"{where}[{index}]") for index, item in enumerate(value)]


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping from names the user picks (``key_doc`` says what they are) to values."""

    value: Kind
    key_doc: str = "name"

    def describe(self) -> str:
        return f"mapping of {self.key_doc} to {self.value.describe()}"

    def read(self, value: Any, where: str) -> Any:
        if not isinstance(value, dict):
            raise ConfigError(where, f"must be a mapping of {self.key_doc} to settings, not "
                                     f"{_shown(value)}")
        return {str(key): self.value.read(item, f"{where}.{key}") for key, item in value.items()}


@dataclass(frozen=True)
class Setting:
    """One key of a section: its kind, its default (``REQUIRED`` if none) and what it does."""

    key: str
    kind: Kind
    default: Any
    doc: str
    required_message: str = ""
    example: str = ""


@dataclass(frozen=True)
class Section(Kind):
    """A mapping with known keys. ``check`` runs on the values read, for rules that involve
    more than one key."""

    settings: tuple[Setting, ...]
    name: str = "settings"
    check: Callable[[dict[str, Any], str], None] | None = None

    def describe(self) -> str:
        return self.name

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.settings)

    def read(self, value: Any, where: str) -> Any:
        if value is None:
            value = {}
        if not isinstance(value, Mapping):
            raise ConfigError(where, f"must be a mapping of settings, not {_shown(value)}")
        for key in value:
            if key not in self.keys:
                raise ConfigError(f"{where}.{key}" if where else str(key),
                                  f"is not a setting here; known: {', '.join(self.keys)}")
        out: dict[str, Any] = {}
        for setting in self.settings:
            at = f"{where}.{setting.key}" if where else setting.key
            if setting.key in value and value[setting.key] is not None:
                out[setting.key] = setting.kind.read(value[setting.key], at)
            elif setting.default is REQUIRED:
                raise ConfigError(at, setting.required_message or "is required", setting.example)
            else:
                out[setting.key] = setting.default
        if self.check is not None:
            self.check(out, where)
        return out


def rows(section: Section, prefix: str = "") -> Sequence[tuple[str, str, str, str]]:
    """(key, kind, default, meaning) of every setting, nested sections flattened:
    ``targets.<name>.url``, ``folders[].permissions[].team``."""
    out: list[tuple[str, str, str, str]] = []
    for setting in section.settings:
        key = f"{prefix}{setting.key}"
        kind = setting.kind
        default = "required" if setting.default is REQUIRED else _default_doc(setting.default,
                                                                               kind)
        inner: Kind = kind
        suffix = ""
        while isinstance(inner, ListOf | MapOf):
            if isinstance(inner, ListOf):
                suffix += "[]"
                inner = inner.item
            else:
                suffix += f".<{inner.key_doc}>"
                inner = inner.value
        out.append((f"`{key}`", kind.describe(), default, setting.doc))
        if isinstance(inner, Section):
            out.extend(rows(inner, f"{key}{suffix}."))
    return out


def _default_doc(value: Any, kind: Kind) -> str:
    if value is None:
        return "—"
    if isinstance(kind, Section):
        return "see below"
    if isinstance(kind, Duration):
        return f"`{value:g}s`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value in ([], {}, ""):
        return "empty"
    if isinstance(value, list):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    return f"`{value}`"
