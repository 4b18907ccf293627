"""Old vs new dashboard -> what changed, panel by panel and field by field. No printing.

Panels are matched by id (ids are stable, derived from keys), so a panel inserted in the
middle is one added panel, not a cascade of changes. Both sides go through
:func:`dashkit.review.normalize.normalize`, so server-owned fields and key order never show.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import orjson

from dashkit.review.normalize import dig, normalize

_PANEL_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("title",)),
    ("type", ("type",)),
    ("description", ("description",)),
    ("datasource", ("datasource",)),
    ("unit", ("fieldConfig", "defaults", "unit")),
    ("min", ("fieldConfig", "defaults", "min")),
    ("max", ("fieldConfig", "defaults", "max")),
    ("decimals", ("fieldConfig", "defaults", "decimals")),
    ("thresholds", ("fieldConfig", "defaults", "thresholds")),
    ("links", ("fieldConfig", "defaults", "links")),
    ("legend", ("options", "legend")),
    ("overrides", ("fieldConfig", "overrides")),
    ("transformations", ("transformations",)),
    ("repeat", ("repeat",)),
)
_HANDLED = {path[0] for _, path in _PANEL_FIELDS} | {"targets", "gridPos", "id", "panels",
                                                      "options", "fieldConfig"}
_DASHBOARD_FIELDS = ("title", "description", "tags", "time", "refresh", "timezone",
                     "graphTooltip", "editable", "timepicker", "weekStart", "liveNow",
                     "fiscalYearStartMonth")


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class PanelChange:
    """``kind`` is added, removed, moved (position only), resized (size, maybe position) or
    changed; the last three list their field changes (``position``, ``size``, ``unit``...)."""

    kind: str
    panel_id: int
    title: str
    type: str
    fields: tuple[FieldChange, ...] = ()
    row: str = ""


@dataclass(frozen=True)
class DashboardChanges:
    uid: str
    title: str
    fields: tuple[FieldChange, ...] = ()
    panels: tuple[PanelChange, ...] = ()
    variables: tuple[FieldChange, ...] = ()
    links: tuple[FieldChange, ...] = ()
    annotations: tuple[FieldChange, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.fields or self.panels or self.variables or self.links
                    or self.annotations)


def diff_dashboards(old: dict[str, Any], new: dict[str, Any]) -> DashboardChanges:
    a, b = normalize(old), normalize(new)
    fields = tuple(FieldChange(name, a.get(name), b.get(name))
                   for name in _DASHBOARD_FIELDS if a.get(name) != b.get(name))
    return DashboardChanges(
        uid=str(b.get("uid") or a.get("uid") or ""),
        title=str(b.get("title") or a.get("title") or ""),
        fields=fields,
        panels=_panel_changes(a.get("panels") or [], b.get("panels") or []),
        variables=_named_changes(_variables(a), _variables(b)),
        links=_named_changes(_links(a), _links(b)),
        annotations=_named_changes(_annotations(a), _annotations(b)),
    )


def _panel_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[PanelChange, ...]:
    before, rows_before = _index(old)
    after, rows_after = _index(new)
    changes: list[PanelChange] = []
    for pid, panel in after.items():
        if pid not in before:
            changes.append(PanelChange("added", pid, _title(panel), str(panel.get("type", "")),
                                       row=rows_after.get(pid, "")))
    for pid, panel in before.items():
        if pid not in after:
            changes.append(PanelChange("removed", pid, _title(panel), str(panel.get("type", "")),
                                       row=rows_before.get(pid, "")))
    for pid, panel in after.items():
        if pid in before:
            fields = panel_field_changes(before[pid], panel)
            if fields:
                changes.append(PanelChange(_kind(fields), pid, _title(panel),
                                           str(panel.get("type", "")), fields,
                                           row=rows_after.get(pid, "")))
    order = {pid: i for i, pid in enumerate([*after, *before])}
    return tuple(sorted(changes, key=lambda c: order.get(c.panel_id, 0)))


def _kind(fields: tuple[FieldChange, ...]) -> str:
    """A panel that only changed place is moved; only size, resized; else changed."""
    names = {f.field for f in fields}
    if names == {"position"}:
        return "moved"
    if names <= {"size", "position"}:
        return "resized"
    return "changed"


def panel_field_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    out = [FieldChange(name, dig(old, path), dig(new, path))
           for name, path in _PANEL_FIELDS if dig(old, path) != dig(new, path)]
    out.extend(_target_changes(old.get("targets") or [], new.get("targets") or []))
    g0, g1 = old.get("gridPos") or {}, new.get("gridPos") or {}
    if (g0.get("x"), g0.get("y")) != (g1.get("x"), g1.get("y")):
        out.append(FieldChange("position", _xy(g0), _xy(g1)))
    if (g0.get("w"), g0.get("h")) != (g1.get("w"), g1.get("h")):
        out.append(FieldChange("size", _wh(g0), _wh(g1)))
    for zone, skip in (("options", {"legend"}),
                       ("fieldConfig", {"overrides"})):
        out.extend(_nested(zone, old.get(zone) or {}, new.get(zone) or {}, skip))
    for key in sorted((set(old) | set(new)) - _HANDLED):
        if old.get(key) != new.get(key):
            out.append(FieldChange(key, old.get(key), new.get(key)))
    return tuple(out)


def _nested(prefix: str, old: dict[str, Any], new: dict[str, Any],
            skip: set[str]) -> list[FieldChange]:
    out = []
    if prefix == "fieldConfig":
        old, new = old.get("defaults") or {}, new.get("defaults") or {}
        prefix = "fieldConfig.defaults"
        skip = skip | {"unit", "min", "max", "decimals", "thresholds", "links"}
    for key in sorted((set(old) | set(new)) - skip):
        if old.get(key) != new.get(key):
            out.append(FieldChange(f"{prefix}.{key}", old.get(key), new.get(key)))
    return out


def _target_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[FieldChange]:
    a, b = _by_ref(old), _by_ref(new)
    out = []
    for ref in sorted(set(a) | set(b)):
        ta, tb = a.get(ref), b.get(ref)
        if ta == tb:
            continue
        if ta is None or tb is None or _query(ta) != _query(tb):
            out.append(FieldChange(f"query {ref}", _query(ta), _query(tb)))
        others = sorted({k for k in (set(ta or {}) | set(tb or {}))
                         if k not in ("expr", "query", "refId")})
        for key in others:
            if (ta or {}).get(key) != (tb or {}).get(key):
                out.append(FieldChange(f"query {ref} {key}", (ta or {}).get(key),
                                       (tb or {}).get(key)))
    return out


def _by_ref(targets: list[Any]) -> dict[str, dict[str, Any]]:
    """Targets by refId; a refId used again is told apart by its place (``A#2``), so an edit
    of either is seen."""
    out: dict[str, dict[str, Any]] = {}
    used = {str(t.get("refId")) for t in targets if isinstance(t, dict) and t.get("refId")}
    spare = (letter for letter in string.ascii_uppercase if letter not in used)
    for index, target in enumerate(targets):
        if not isinstance(target, dict):
            continue
        # A target without a refId gets the next free letter, as Grafana gives it one.
        ref = str(target.get("refId") or next(spare, str(index)))
        key, n = ref, 1
        while key in out:
            n += 1
            key = f"{ref}#{n}"
        out[key] = target
    return out


def _query(target: dict[str, Any] | None) -> Any:
    if target is None:
        return None
    return target.get("expr", target.get("query"))


def _index(panels: list[dict[str, Any]]) -> tuple[dict[int, dict[str, Any]], dict[int, str]]:
    out: dict[int, dict[str, Any]] = {}
    rows: dict[int, str] = {}
    current_row = ""
    for panel in panels:
        pid = int(panel.get("id") or 0)
        if panel.get("type") == "row":
            current_row = _title(panel)
            for child in panel.get("panels") or []:
                out[int(child.get("id") or 0)] = child
                rows[int(child.get("id") or 0)] = current_row
        else:
            rows[pid] = current_row
        out[pid] = panel
    return out, rows


def _variables(d: dict[str, Any]) -> dict[str, Any]:
    return {v.get("name", ""): v for v in (d.get("templating") or {}).get("list") or []}


def _annotations(d: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for index, annotation in enumerate((d.get("annotations") or {}).get("list") or []):
        if isinstance(annotation, dict):
            name = str(annotation.get("name") or index)
            found[name if name not in found else f"{name}#{index}"] = annotation
    return found


def _links(d: dict[str, Any]) -> dict[str, Any]:
    return {str(link.get("title") or link.get("url") or i): link
            for i, link in enumerate(d.get("links") or [])}


def _named_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, old.get(name), new.get(name))
                 for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name))


def _title(panel: dict[str, Any]) -> str:
    return str(panel.get("title") or f"#{panel.get('id')}")


def _xy(grid: dict[str, Any]) -> str:
    return f"x={grid.get('x')} y={grid.get('y')}"


def _wh(grid: dict[str, Any]) -> str:
    return f"w={grid.get('w')} h={grid.get('h')}"


def short(value: Any, limit: int = 80) -> str:
    """A one-line rendering of a field value for summaries."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Snapshot:
    """One dashboard on one side of a diff: its uid, title, folder path, where it came from,
    and its JSON, either parsed (``parsed``) or as canonical bytes (``raw``), parsed only if
    the two sides' bytes differ."""

    uid: str
    title: str
    folder: str
    parsed: dict[str, Any] | None = field(default=None, repr=False)
    source: str = ""
    raw: bytes | None = field(default=None, repr=False)

    @cached_property
    def data(self) -> dict[str, Any]:
        if self.parsed is not None:
            return self.parsed
        value = orjson.loads(self.raw or b"{}")
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class DashboardDiff:
    """``status`` is added, removed, changed or unchanged; a changed dashboard may also be
    renamed (title) or moved (folder), with its panel and field changes in ``changes``."""

    uid: str
    status: str
    title: str
    old_title: str = ""
    folder: str = ""
    old_folder: str = ""
    source: str = ""
    changes: DashboardChanges | None = None

    @property
    def renamed(self) -> bool:
        return self.status == "changed" and self.old_title != self.title

    @property
    def moved(self) -> bool:
        return self.status == "changed" and self.old_folder != self.folder


def diff_sets(old: dict[str, Snapshot], new: dict[str, Snapshot]) -> list[DashboardDiff]:
    """Every dashboard of either side, by uid: added, removed, changed or unchanged."""
    out = []
    for uid in sorted(set(old) | set(new)):
        a, b = old.get(uid), new.get(uid)
        if a is None and b is not None:
            out.append(DashboardDiff(uid, "added", b.title, folder=b.folder, source=b.source))
        elif b is None and a is not None:
            out.append(DashboardDiff(uid, "removed", a.title, folder=a.folder,
                                     old_folder=a.folder, source=a.source))
        elif a is not None and b is not None:
            same = (a.raw == b.raw if a.raw is not None and b.raw is not None
                    else a.data == b.data)
            if same and a.folder == b.folder:  # the common case, decided in C
                out.append(DashboardDiff(uid, "unchanged", b.title, a.title, b.folder,
                                         a.folder, b.source))
                continue
            changes = diff_dashboards(a.data, b.data)
            moved = a.folder != b.folder
            status = "changed" if changes.changed or moved else "unchanged"
            out.append(DashboardDiff(uid, status, b.title, a.title, b.folder, a.folder,
                                     b.source, changes if status == "changed" else None))
    return out
