"""A dashboard's JSON -> the source of a dashboard module that builds back to it.

Every panel is one call with its type and title first (``panel("stat", "Uptime", ...)``),
rows are ``row(...)`` with a comment line above them, queries are ``target(...)`` with the
query field right after the refId, and the fields Grafana saves follow as keyword arguments
(see :mod:`dashkit.style.explicit`)."""

from __future__ import annotations

import re
from typing import Any

from dashkit.importer.house import Uses, prom_target, variable
from dashkit.importer.pyliteral import INDENT, Source, call, literal, string, width

HELPERS = ("dashboard", "grid", "panel", "row", "target", "variable")
"""What a module may use from :mod:`dashkit.style.explicit`; it imports those it uses."""

_DASHBOARD_FIRST = ("description", "tags", "time", "refresh", "timezone", "graphTooltip",
                    "editable")
_NOT_WRITTEN = {"uid", "title", "panels", "templating", "annotations", "links",
                "schemaVersion"}
_PANEL_FIRST = ("id", "gridPos", "description", "datasource", "targets", "fieldConfig",
                "options")
_QUERY_FIELDS = ("expr", "rawSql", "query", "target", "rawQuery", "metric", "measurement")


def module_source(dashboard: dict[str, Any], folder: str, origin: str, when: str,
                  explicit: frozenset[int] | None = frozenset()) -> str:
    """The module for ``dashboard`` (its JSON as the build writes it). The panels whose ids
    are in ``explicit`` (all, for None) are written field by field; the others use the house
    style where it gives exactly the same."""
    uses = Uses()
    house = _House(uses, explicit)
    title = str(dashboard.get("title", ""))
    origin = _comment_text(origin)
    note = f"# Imported by `dashboards import` on {when} from {origin}."
    if width(note) > 100:
        note = "\n".join([f"# Imported by `dashboards import` on {when} from",
                          *(f"# {part}" for part in _wrapped(f"{origin}.", 96))])
    head = [f'"""{_docstring(title)}"""', "", note, "", "{helpers}", "",
            f"folder = {string(folder)}", ""]
    fields = {k: dashboard[k] for k in _DASHBOARD_FIRST if k in dashboard}
    fields |= {k: v for k, v in sorted(dashboard.items())
               if k not in fields and k not in _NOT_WRITTEN}
    lines = ["dashboard = dashboard(",
             f"{INDENT}uid={string(str(dashboard.get('uid', '')))},",
             f"{INDENT}title={string(title)},",
             f"{INDENT}folder=folder,"]
    lines += [f"{INDENT}{k}={literal(v, 1, len(INDENT) + len(k) + 1)}," for k, v in fields.items()]
    variables = (dashboard.get("templating") or {}).get("list") or []
    if variables:
        lines.append(f"{INDENT}variables=[")
        lines += [f"{INDENT * 2}{_variable(v, house)}," for v in variables]
        lines.append(f"{INDENT}],")
    for key in ("annotations", "links"):
        items = dashboard.get(key) or []
        if isinstance(items, dict):
            items = items.get("list") or []
        if items:
            lines.append(f"{INDENT}{key}={literal(items, 1, len(INDENT) + len(key) + 1)},")
    lines.append(f"{INDENT}panels=[")
    for item in dashboard.get("panels") or []:
        lines += _panel_lines(item, 2, house)
    lines += [f"{INDENT}],", ")"]
    body = "\n".join(lines)
    used = [name for name in HELPERS if re.search(rf"\b{name}\(", body)]
    imports = []
    if uses.catalog:
        imports.append(_from("dashkit.catalog", sorted(uses.catalog, key=str.lower)))
    if uses.variables:
        imports.append("from dashkit.style import variables")
    imports.append(_from("dashkit.style.explicit", used))
    if uses.targets:
        imports.append("from dashkit.style.targets import PromTarget")
    head[4] = "\n".join(imports)
    return "\n".join(head) + "\n" + body + "\n"


def _from(module: str, names: list[str]) -> str:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= 100:
        return line
    return f"from {module} import (\n" + "".join(f"{INDENT}{n},\n" for n in names) + ")"


class _House:
    """Whether a panel may use the house style, and what the module then imports."""

    def __init__(self, uses: Uses, explicit: frozenset[int] | None) -> None:
        self.uses, self.explicit = uses, explicit

    def allowed(self, panel: dict[str, Any]) -> bool:
        return self.explicit is not None and panel.get("id") not in self.explicit


def _comment_text(text: str) -> str:
    """``text`` safe inside a ``#`` comment: anything that is not printable (a line break
    would end the comment and start code) becomes a space."""
    return "".join(c if c.isprintable() else " " for c in text)


def _wrapped(text: str, room: int) -> list[str]:
    """``text`` (a path or URL) in pieces of at most ``room`` columns, cut after a '/'."""
    pieces = []
    while width(text) > room:
        cut = text.rfind("/", 0, room) + 1 or room
        while width(text[:cut]) > room:
            cut -= 1
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _docstring(title: str) -> str:
    text = title.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip() or "Imported dashboard"
    return text if text.endswith(".") else f"{text}."


def _panel_lines(item: dict[str, Any], indent: int, house: _House) -> list[str]:
    pad = INDENT * indent
    if item.get("type") == "row":
        title = item.get("title")
        rule = f"# --- {_comment_text(str(title or '')) or 'Row'} "
        lines = [f"{pad}{rule}{'-' * max(3, 99 - len(pad) - len(rule))}"]
        fields = _ordered({k: v for k, v in item.items()
                           if k not in ("type", "title", "collapsed", "panels")})
        if item.get("collapsed"):
            fields = {"collapsed": True, **fields}
        nested = item.get("panels") or []
        if nested:
            body = [line for child in nested
                    for line in _panel_lines(child, indent + 2, house)]
            fields["panels"] = Source("[\n" + "\n".join(body) + f"\n{INDENT * (indent + 1)}]")
        return [*lines, f"{pad}{call('row', [title], _with_grid(fields), indent)},"]
    kind, name = str(item.get("type", "")), item.get("title")
    fields = _ordered({k: v for k, v in item.items() if k not in ("type", "title")})
    targets = fields.get("targets")
    if isinstance(targets, list) and targets:
        styled = house.allowed(item)
        rendered = [f"{INDENT * (indent + 2)}{_target(t, indent + 2, house.uses, styled)},"
                    for t in targets]
        fields["targets"] = Source("[\n" + "\n".join(rendered) + f"\n{INDENT * (indent + 1)}]")
    return [f"{pad}{call('panel', [kind, name], _with_grid(fields), indent)},"]


def _with_grid(fields: dict[str, Any]) -> dict[str, Any]:
    """``gridPos`` as ``grid(x, y, w, h)`` where it is exactly those four integers."""
    grid = fields.get("gridPos")
    if isinstance(grid, dict) and set(grid) == {"h", "w", "x", "y"} and \
            all(type(grid[k]) is int for k in grid):
        return {**fields, "gridPos": Source(
            f"grid({grid['x']}, {grid['y']}, {grid['w']}, {grid['h']})")}
    return fields


def _target(item: Any, indent: int, uses: Uses, styled: bool) -> str:
    if not isinstance(item, dict):
        return literal(item, indent)
    if styled:
        house = prom_target(item, indent, uses)
        if house is not None:
            return house
    first = {k: item[k] for k in ("refId", *_QUERY_FIELDS) if k in item}
    rest = {k: v for k, v in sorted(item.items()) if k not in first}
    return call("target", [], first | rest, indent, before=len(INDENT * indent))


def _variable(item: Any, house: _House) -> str:
    if not isinstance(item, dict) or "type" not in item or "name" not in item:
        return literal(item, 2)
    if house.explicit is not None:
        standard = variable(item, house.uses)
        if standard is not None:
            return standard
    rest = {k: v for k, v in sorted(item.items()) if k not in ("type", "name")}
    return call("variable", [item["type"], item["name"]], rest, 2)


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    first = {k: fields[k] for k in _PANEL_FIRST if k in fields}
    return first | {k: v for k, v in sorted(fields.items()) if k not in first}
