"""A declared dashboard -> canonical Grafana 11/12 JSON, with every problem found on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Any

from dashkit.build.compile import canonical, layout, rows, variables
from dashkit.build.compile.cleanup import strip_nulls
from dashkit.build.compile.datasources import Datasources
from dashkit.build.compile.panels import PanelContext, lift_open_rows, modernize_panel
from dashkit.build.compile.plain import to_plain
from dashkit.problems import Location, Problem, Severity
from dashkit.ids import fill_missing_ids
from dashkit.model import CompiledDashboard, DashboardSpec, NamedDatasource

SCHEMA_VERSION = 41
"""Grafana 11.6/12.x; the frontend runs no migrations on load, so a save changes nothing."""

MAX_UID_LENGTH = 40
UID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")

_DASHBOARD_KEYS = (
    "annotations", "description", "editable", "fiscalYearStartMonth", "graphTooltip", "links",
    "liveNow", "panels", "refresh", "schemaVersion", "tags", "templating", "time", "timepicker",
    "timezone", "title", "uid", "weekStart",
)
"""Everything else (id, version, rows, style, hideControls, gnetId...) is dropped."""


@dataclass
class CompileResult:
    dashboard: CompiledDashboard | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dashboard is not None


def compile_dashboard(spec: DashboardSpec, source: str, default_uid: str,
                      datasources: Iterable[NamedDatasource] = ()) -> CompileResult:
    """Compile one dashboard; on any error, return no dashboard and every problem found."""
    problems: list[Problem] = []
    try:
        raw = to_plain(spec.dashboard)
    except Exception as exc:  # grafanalib raises plain exceptions for bad values
        title = getattr(spec.dashboard, "title", None)
        return CompileResult(None, [Problem(
            f"turning the dashboard into JSON failed: {type(exc).__name__}: {exc}",
            Location(path=source, dashboard=title if isinstance(title, str) else None),
            ("check the values passed to the grafanalib objects of this dashboard",),
        )])
    if not isinstance(raw, dict):
        return CompileResult(None, [Problem("the dashboard is not a JSON object",
                                            Location(path=source))])

    title = raw.get("title")
    where = Location(path=source, dashboard=title if isinstance(title, str) else None)
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem("the dashboard has no title", where,
                                ("pass title='...' to the Dashboard",)))
        title = ""
    uid = raw.get("uid") or default_uid
    problems.extend(_uid_problems(uid, where))
    folder = spec.folder
    problems.extend(_folder_problems(folder, where))
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append(Problem(f"tags must be a list of strings, got {tags!r}",
                                Location(path=source, dashboard=title, field="tags")))
        tags = []

    context = PanelContext(title, source, Datasources.of(datasources))
    dashboard = _modernize(raw, context, problems)
    problems.extend(_untyped(context.datasources, where))
    dashboard["uid"] = uid
    dashboard["title"] = title.strip()
    dashboard["tags"] = sorted(set(tags))

    if any(p.is_error for p in problems):
        return CompileResult(None, problems)
    content = canonical.encode(dashboard)
    if _stray_null(content):
        # A null the targeted clean-up did not reach (e.g. from extraJson): sweep everything.
        dashboard = strip_nulls(dashboard)
        content = canonical.encode(dashboard)
    panel_count = sum(1 for p in _all_panels(dashboard["panels"]) if p.get("type") != "row")
    compiled = CompiledDashboard(
        uid=uid, title=dashboard["title"], folder=folder, tags=tuple(dashboard["tags"]),
        panel_count=panel_count, source=source, content=content,
        checksum=canonical.checksum(content),
    )
    return CompileResult(compiled, problems)


def _untyped(datasources: Datasources, where: Location) -> list[Problem]:
    return [Problem(
        f"datasource {name!r} is given by name, and its plugin type cannot be told from the "
        f"queries; it is written as {{\"uid\": {name!r}}}, which Grafana looks up by uid, "
        "then by name", where,
        (f"declare it in dashboards.yaml: datasources: [{{name: {name}, uid: ..., type: ...}}]"
         " (the build then writes its uid and type), or use a $datasource variable",),
        severity=Severity.WARNING) for name in sorted(datasources.untyped)]


def _stray_null(content: bytes) -> bool:
    """A ``null`` other than a threshold step's ``"value": null`` (one pass, no copies)."""
    start = content.find(b"null")
    while start != -1:
        if not content.endswith(b'"value": ', 0, start):
            return True
        start = content.find(b"null", start + 4)
    return False


def _modernize(raw: dict[str, Any], ctx: PanelContext, problems: list[Problem]) -> dict[str, Any]:
    templating = (raw.get("templating") or {}).get("list") or []
    ctx.datasources.variable_types = variables.variable_types(templating)
    panels = raw.get("panels") or []
    if not panels and raw.get("rows"):
        panels = rows.rows_to_panels(raw["rows"])
    panels = lift_open_rows([p for p in panels if isinstance(p, dict)], ctx)
    layout.place_missing(panels)
    panels = [modernize_panel(p, ctx) for p in panels]
    _assign_ids(panels, ctx)
    for panel, message in layout.grid_problems(panels):
        ctx.error(panel, message, "fix gridPos, or let dashkit.style lay the row out")
    problems.extend(ctx.problems)

    out = {k: raw[k] for k in _DASHBOARD_KEYS if raw.get(k) is not None}
    if raw.get("sharedCrosshair") and not raw.get("graphTooltip"):
        # Grafana's schema 14 upgrade sets graphTooltip from sharedCrosshair (1: shared
        # crosshair; DashboardMigrator.ts); a graphTooltip set on purpose is kept.
        out["graphTooltip"] = 1
    out["panels"] = panels
    out["templating"] = {"list": [variables.modernize_variable(v, ctx.datasources)
                                  for v in templating if isinstance(v, dict)]}
    out["annotations"] = variables.annotation_list(raw.get("annotations"))
    out["timepicker"] = variables.timepicker(raw.get("timepicker"))
    out["schemaVersion"] = SCHEMA_VERSION
    out.setdefault("fiscalYearStartMonth", 0)
    out.setdefault("weekStart", "")
    out.setdefault("links", [])
    if not out.get("refresh"):
        out["refresh"] = ""
    if out.get("description") == "":
        del out["description"]
    return out


def _assign_ids(panels: list[dict[str, Any]], ctx: PanelContext) -> None:
    """Panels without an id get one from their title, the second of a title from the title
    and ``-2`` and so on (untitled rows, repeated titles: distinct and stable, as Grafana
    gives each panel its own id); two panels given the same id are reported."""
    seen: dict[int, dict[str, Any]] = {}
    fill_missing_ids(_all_panels(panels))
    for panel in _all_panels(panels):
        other = seen.get(panel["id"])
        if other is not None:
            same_title = other.get("title") == panel.get("title")
            ctx.error(panel, (f"has the same panel key as panel {other.get('title')!r}"
                              if same_title else
                              f"has the same panel id {panel['id']} as panel "
                              f"{other.get('title')!r}"),
                      "give one of them a distinct key= (or title, or id)")
        seen[panel["id"]] = panel


def _all_panels(panels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for panel in panels:
        out.append(panel)
        out.extend(p for p in panel.get("panels") or [] if isinstance(p, dict))
    return out


def _uid_problems(uid: Any, where: Location) -> list[Problem]:
    at = Location(where.path, where.line, where.dashboard, field="uid")
    if not isinstance(uid, str):
        return [Problem(f"uid must be a string, got {uid!r}", at)]
    if len(uid) > MAX_UID_LENGTH:
        return [Problem(f"uid {uid!r} is {len(uid)} characters; Grafana allows at most "
                        f"{MAX_UID_LENGTH}", at, ("choose a shorter uid",))]
    if not UID_PATTERN.match(uid):
        return [Problem(f"uid {uid!r} has characters Grafana rejects", at,
                        ("use only letters, digits, '-' and '_'",))]
    return []


def _folder_problems(folder: Any, where: Location) -> list[Problem]:
    at = Location(where.path, where.line, where.dashboard, field="folder")
    if not isinstance(folder, str):
        return [Problem(f"folder must be a string like 'Platform/Pipeline', got {folder!r}", at)]
    if folder and any(part.strip() in ("", ".", "..") or part != part.strip()
                      for part in folder.split("/")):
        return [Problem(f"folder {folder!r} is not a clean path of folder titles", at,
                        ("write it like 'Platform/Pipeline': no empty parts, no '.' or '..', "
                         "no leading or trailing spaces",))]
    return []
