"""A dashboard's JSON -> the source of a dashboard module that builds back to it.

Every panel is one call with its type and title first (``panel("stat", "Uptime", ...)``),
rows are ``row(...)`` with a comment line above them, queries are ``target(...)`` with the
query field right after the refId, and the fields Grafana saves follow as keyword arguments
(see :mod:`dashkit.style.explicit`)."""

from __future__ import annotations

import re
from typing import Any

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


def module_source(dashboard: dict[str, Any], folder: str, origin: str, when: str) -> str:
    """The module for ``dashboard`` (its JSON as the build writes it)."""
    title = str(dashboard.get("title", ""))
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
        lines += [f"{INDENT * 2}{_variable(v)}," for v in variables]
        lines.append(f"{INDENT}],")
    for key in ("annotations", "links"):
        items = dashboard.get(key) or []
        if isinstance(items, dict):
            items = items.get("list") or []
        if items:
            lines.append(f"{INDENT}{key}={literal(items, 1, len(INDENT) + len(key) + 1)},")
    lines.append(f"{INDENT}panels=[")
    for item in dashboard.get("panels") or []:
        lines += _panel_lines(item, 2)
    lines += [f"{INDENT}],", ")"]
    body = "\n".join(lines)
    used = [name for name in HELPERS if re.search(rf"\b{name}\(", body)]
    head[4] = f"from dashkit.style.explicit import {', '.join(used)}"
    return "\n".join(head) + "\n" + body + "\n"


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


def _panel_lines(item: dict[str, Any], indent: int) -> list[str]:
    pad = INDENT * indent
    if item.get("type") == "row":
        title = str(item.get("title", ""))
        rule = f"# --- {title or 'Row'} "
        lines = [f"{pad}{rule}{'-' * max(3, 99 - len(pad) - len(rule))}"]
        fields = _ordered({k: v for k, v in item.items()
                           if k not in ("type", "title", "collapsed", "panels")})
        if item.get("collapsed"):
            fields = {"collapsed": True, **fields}
        nested = item.get("panels") or []
        if nested:
            body = [line for child in nested for line in _panel_lines(child, indent + 2)]
            fields["panels"] = Source("[\n" + "\n".join(body) + f"\n{INDENT * (indent + 1)}]")
        return [*lines, f"{pad}{call('row', [title], _with_grid(fields), indent)},"]
    kind, title = str(item.get("type", "")), str(item.get("title", ""))
    fields = _ordered({k: v for k, v in item.items() if k not in ("type", "title")})
    targets = fields.get("targets")
    if isinstance(targets, list) and targets:
        rendered = [f"{INDENT * (indent + 2)}{_target(t, indent + 2)}," for t in targets]
        fields["targets"] = Source("[\n" + "\n".join(rendered) + f"\n{INDENT * (indent + 1)}]")
    return [f"{pad}{call('panel', [kind, title], _with_grid(fields), indent)},"]


def _with_grid(fields: dict[str, Any]) -> dict[str, Any]:
    """``gridPos`` as ``grid(x, y, w, h)`` where it is exactly those four integers."""
    grid = fields.get("gridPos")
    if isinstance(grid, dict) and set(grid) == {"h", "w", "x", "y"} and \
            all(type(grid[k]) is int for k in grid):
        return {**fields, "gridPos": Source(
            f"grid({grid['x']}, {grid['y']}, {grid['w']}, {grid['h']})")}
    return fields


def _target(item: Any, indent: int) -> str:
    if not isinstance(item, dict):
        return literal(item, indent)
    first = {k: item[k] for k in ("refId", *_QUERY_FIELDS) if k in item}
    rest = {k: v for k, v in sorted(item.items()) if k not in first}
    return call("target", [], first | rest, indent, before=len(INDENT * indent))


def _variable(item: Any) -> str:
    if not isinstance(item, dict) or "type" not in item or "name" not in item:
        return literal(item, 2)
    rest = {k: v for k, v in sorted(item.items()) if k not in ("type", "name")}
    return call("variable", [item["type"], item["name"]], rest, 2)


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    first = {k: fields[k] for k in _PANEL_FIRST if k in fields}
    return first | {k: v for k, v in sorted(fields.items()) if k not in first}
