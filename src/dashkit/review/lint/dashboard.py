"""Read-only views of a dashboard's JSON that several rules share: panels, variables, links.

Everything here tolerates JSON that Grafana or another tool wrote: missing keys, nulls and
wrong types are skipped, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

JSON = Any
Panel = Mapping[str, Any]

_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"href\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def mapping(value: JSON) -> Mapping[str, Any]:
    """``value`` if it is a JSON object, else an empty one (JSON objects load as dicts)."""
    return value if isinstance(value, dict) else {}


def items(value: JSON) -> list[Mapping[str, Any]]:
    """The objects in a JSON list (anything else in it is skipped)."""
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def panel_title(panel: Panel) -> str | None:
    title = panel.get("title")
    return title if isinstance(title, str) else None


def layout_groups(dashboard: Mapping[str, Any]) -> Iterator[list[Panel]]:
    """Panels that share one grid: the top level, then the panels of each collapsed row."""
    top = items(dashboard.get("panels"))
    yield top
    for panel in top:
        nested = items(panel.get("panels"))
        if nested:
            yield nested


def panels(dashboard: Mapping[str, Any]) -> Iterator[Panel]:
    """Every panel, rows included, with the panels inside collapsed rows and legacy rows."""
    for group in layout_groups(dashboard):
        yield from group
    for row in items(dashboard.get("rows")):
        yield from items(row.get("panels"))


def variables(dashboard: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return items(mapping(dashboard.get("templating")).get("list"))


def annotation_list(dashboard: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return items(mapping(dashboard.get("annotations")).get("list"))


def datasource_variables(dashboard: Mapping[str, Any]) -> dict[str, str]:
    """Datasource variables by name -> the plugin they select (``prometheus``, ``loki``...)."""
    return {str(v["name"]): str(v.get("query") or "")
            for v in variables(dashboard) if v.get("type") == "datasource" and v.get("name")}


@dataclass(frozen=True)
class Link:
    """A URL somewhere in a dashboard, with what kind of link it is and its panel."""

    url: str
    kind: str
    panel: str | None = None


def links(dashboard: Mapping[str, Any]) -> Iterator[Link]:
    """Dashboard links, panel links, data links (defaults and overrides), markdown links."""
    for link in items(dashboard.get("links")):
        if isinstance(link.get("url"), str) and link.get("type", "link") == "link":
            yield Link(link["url"], "dashboard link")
    for panel in panels(dashboard):
        title = panel_title(panel)
        for link in items(panel.get("links")):
            if isinstance(link.get("url"), str):
                yield Link(link["url"], "panel link", title)
        field_config = mapping(panel.get("fieldConfig"))
        for link in items(mapping(field_config.get("defaults")).get("links")):
            if isinstance(link.get("url"), str):
                yield Link(link["url"], "data link", title)
        for override in items(field_config.get("overrides")):
            for prop in items(override.get("properties")):
                if prop.get("id") == "links":
                    for link in items(prop.get("value")):
                        if isinstance(link.get("url"), str):
                            yield Link(link["url"], "data link", title)
        if panel.get("type") == "text":
            content = mapping(panel.get("options")).get("content", panel.get("content"))
            if isinstance(content, str):
                for pattern in (_MARKDOWN_LINK, _HTML_LINK):
                    for match in pattern.finditer(content):
                        yield Link(match.group(1), "text link", title)


def describe(panel: Panel) -> str:
    """How to point at a panel that may have no title: its title, else its type and place."""
    title = panel_title(panel)
    if title and title.strip():
        return f"panel {title!r}"
    grid = mapping(panel.get("gridPos"))
    return (f"the untitled {panel.get('type') or 'panel'} at x={grid.get('x')}, "
            f"y={grid.get('y')}")


def subject(panel: Panel) -> str:
    """The panel as the subject of a finding: findings already name a titled panel."""
    title = panel_title(panel)
    return "the panel" if title and title.strip() else describe(panel)
