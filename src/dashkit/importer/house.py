"""The house style, where it reproduces an imported part exactly: ``PromTarget`` for a
Prometheus query, the standard variables (datasources, tenant, job type, queue), and the
catalog's metrics named by their constants in queries. Each candidate is compared with the
part it would replace; the module is built back afterwards anyway, and a panel that does not
come back the same is written out explicitly instead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from dashkit import catalog
from dashkit.build.compile.datasources import Datasources
from dashkit.build.compile.plain import to_plain
from dashkit.build.compile.variables import modernize_variable
from dashkit.catalog import CATALOG, Metric
from dashkit.importer.pyliteral import Source, call, string
from dashkit.style import variables as V
from dashkit.style.targets import PromTarget

STANDARD_VARIABLES: dict[str, Callable[[], Any]] = {
    "variables.datasource()": V.datasource, "variables.loki()": V.loki,
    "variables.tempo()": V.tempo, "variables.tenant()": V.tenant,
    "variables.job_type()": V.job_type, "variables.queue()": V.queue,
}
_CONSTANT_NAMES = {metric.name: name for name, metric in vars(catalog).items()
                   if isinstance(metric, Metric) and metric.name in CATALOG
                   and metric.name != "up"}
"""Catalog metric name -> the constant ``dashkit.catalog`` exports for it (not ``up``, which
every scraped target has)."""
_METRIC = re.compile(r"(?<![\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w(]|\s*[=!~])")


@dataclass
class Uses:
    """What a module needs to import for the house-style parts it uses."""

    catalog: set[str] = field(default_factory=set)
    targets: bool = False
    variables: bool = False


@cache
def _standard_variables() -> tuple[tuple[str, dict[str, Any]], ...]:
    """Each standard variable's call and the JSON the build makes of it (once)."""
    return tuple((source, modernize_variable(to_plain(make()), Datasources()))
                 for source, make in STANDARD_VARIABLES.items())


def variable(item: dict[str, Any], uses: Uses) -> str | None:
    """A standard variable's call, where it gives exactly ``item``."""
    for source, candidate in _standard_variables():
        if candidate == item:
            uses.variables = True
            return source
    return None


def prom_target(item: dict[str, Any], indent: int, uses: Uses) -> str | None:
    """``PromTarget(...)`` where it gives exactly ``item``."""
    expr = item.get("expr")
    if not isinstance(expr, str):
        return None
    instant = bool(item.get("instant"))
    candidate = PromTarget(expr=expr, legend=str(item.get("legendFormat") or ""),
                           ref_id=str(item.get("refId") or ""), instant=instant,
                           exemplar=bool(item.get("exemplar")),
                           format=str(item.get("format") or "time_series"),
                           interval=str(item.get("interval") or ""))
    if to_plain(candidate) != item:
        return None
    keywords: dict[str, Any] = {}
    if candidate.legend:
        keywords["legend"] = candidate.legend
    if candidate.ref_id:
        keywords["ref_id"] = candidate.ref_id
    for key in ("instant", "exemplar"):
        if getattr(candidate, key):
            keywords[key] = True
    if candidate.format != "time_series":
        keywords["format"] = candidate.format
    if candidate.interval:
        keywords["interval"] = candidate.interval
    uses.targets = True
    text = query(expr, uses, 100 - len("    " * (indent + 2)))
    text = text.replace(_INDENT_MARK, "    " * (indent + 2))
    if text.startswith("(\n"):
        text = text[:-1] + "    " * (indent + 1) + ")"
    return call("PromTarget", [Source(text)], keywords, indent, before=len("    " * indent))


def query(expr: str, uses: Uses, room: int) -> str:
    """The query as Python source: an f-string naming catalog metrics by their constants
    (``{JOBS_COMPLETED.name}``) when it uses any, else a plain string literal; split into
    adjacent literals in parentheses where it is wider than ``room``."""
    atoms: list[str] = []
    found: list[str] = []
    position = 0
    for quoted in _STRING.finditer(expr):
        _code(expr[position:quoted.start()], atoms, found)
        atoms.extend(_escaped(quoted.group(0)))
        position = quoted.end()
    _code(expr[position:], atoms, found)
    uses.catalog.update(found)
    lines = [_piece(line) for line in _packed(atoms, room - 3)]
    if len(lines) == 1:
        return lines[0]
    return "(\n" + "\n".join(f"{_INDENT_MARK}{line}" for line in lines) + "\n)"


def _piece(atoms: list[str]) -> str:
    """One literal of a split query: an f-string where it names a constant (an atom that is
    a placeholder, not an escaped brace), else plain."""
    text = "".join(atoms)
    if any(a.startswith("{") and not a.startswith("{{") for a in atoms):
        return f'f"{text}"'
    return '"' + "".join(a.replace("{{", "{").replace("}}", "}") for a in atoms) + '"'


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_INDENT_MARK = "\x02"
"""Where the caller puts the indentation of a split query's lines."""


def _code(text: str, atoms: list[str], found: list[str]) -> None:
    last = 0
    for match in _METRIC.finditer(text):
        constant = _CONSTANT_NAMES.get(match.group(1))
        if constant is None:
            continue
        atoms.extend(_escaped(text[last:match.start(1)]))
        atoms.append("{" + constant + ".name}")
        found.append(constant)
        last = match.end(1)
    atoms.extend(_escaped(text[last:]))


def _escaped(text: str) -> list[str]:
    """Each character as it reads inside a double-quoted f-string."""
    return [string(c)[1:-1].replace("{", "{{").replace("}", "}}") for c in text]


def _packed(atoms: list[str], room: int) -> list[list[str]]:
    """Atoms into lines of at most ``room`` columns, broken after a space or a line break
    where possible."""
    lines: list[list[str]] = []
    line: list[str] = []
    width_now, last_break = 0, -1
    for atom in atoms:
        size = len(atom.encode())
        if width_now + size > room and line:
            cut = last_break + 1 if last_break >= 0 else len(line)
            lines.append(line[:cut])
            line = line[cut:]
            width_now = sum(len(a.encode()) for a in line)
            last_break = -1
        line.append(atom)
        width_now += size
        if atom == "\\n":  # a line break of the query ends a line of the source
            lines.append(line)
            line, width_now, last_break = [], 0, -1
        elif atom == " ":
            last_break = len(line) - 1
    if line:
        lines.append(line)
    return lines
