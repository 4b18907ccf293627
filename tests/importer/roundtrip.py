"""An independent check that a dashboard survived ``import`` then ``build``: the fields a
user sees, compared with the original export by this file's own rules (it does not call the
importer's or the build's code). Allowed to differ: server-owned fields (id, version,
iteration), values Grafana treats as "not set" (null, false, "", [], {}), the schema upgrade
of panels whose type Grafana replaces (Angular graph, singlestat, table-old...), layout of
legacy ``rows`` dashboards (which have no gridPos to compare), and fields the upgrade adds
where the original had none: the check is that nothing of the original is lost or changed."""

from __future__ import annotations

import re
from typing import Any

UPGRADED_TYPES = {"graph", "singlestat", "table-old", "grafana-piechart-panel",
                  "grafana-worldmap-panel", "natel-discrete-panel", "flant-statusmap-panel",
                  "heatmap"}
"""Panel types whose fieldConfig and options the build rewrites (Grafana's own migrations)."""
PANEL_FIELDS = ("title", "description", "datasource", "targets", "links", "transformations",
                "repeat", "repeatDirection", "maxPerRow", "fieldConfig", "options")
DASHBOARD_FIELDS = ("title", "uid", "time", "refresh", "timezone", "graphTooltip", "links")
VARIABLE_FIELDS = ("name", "type", "query", "regex", "multi", "includeAll", "allValue",
                   "datasource", "hide", "label", "definition")
UNSET = (None, False, "", [], {})


def differences(original: dict[str, Any], built: dict[str, Any],
                datasource_names: dict[str, str] | None = None) -> list[str]:
    """What differs that should not; ``datasource_names`` maps an export's ``${DS_X}`` to
    the variable reference that replaced it."""
    names = datasource_names or {}
    original = _substitute(original, names)
    out = []
    for key in DASHBOARD_FIELDS:
        if not _same(original.get(key), built.get(key)):
            out.append(f"dashboard {key}: {original.get(key)!r} -> {built.get(key)!r}")
    if sorted(set(original.get("tags") or [])) != sorted(built.get("tags") or []):
        out.append(f"tags: {original.get('tags')!r} -> {built.get('tags')!r}")
    out += _variables(original, built)
    out += _annotations(original, built)
    out += _panels(original, built)
    return out


def _variables(original: dict[str, Any], built: dict[str, Any]) -> list[str]:
    want = [v for v in (original.get("templating") or {}).get("list") or []]
    got = {v["name"]: v for v in (built.get("templating") or {}).get("list") or []}
    out = []
    for variable in want:
        other = got.get(variable.get("name"))
        if other is None:
            out.append(f"variable {variable.get('name')!r} is missing")
            continue
        for key in VARIABLE_FIELDS:
            if key == "query" and isinstance(variable.get(key), dict) and \
                    isinstance(other.get(key), str):
                continue  # the editor's object form: compared by its text below
            if key == "datasource":
                if not _same_datasource(variable.get(key), other.get(key)):
                    out.append(f"variable {variable.get('name')!r} datasource: "
                               f"{variable.get(key)!r} -> {other.get(key)!r}")
                continue
            if not _same(variable.get(key), other.get(key)):
                out.append(f"variable {variable.get('name')!r} {key}: {variable.get(key)!r}"
                           f" -> {other.get(key)!r}")
    return out


def _annotations(original: dict[str, Any], built: dict[str, Any]) -> list[str]:
    want = [a for a in (original.get("annotations") or {}).get("list") or []
            if not a.get("builtIn")]
    got = {a.get("name"): a for a in (built.get("annotations") or {}).get("list") or []}
    out = []
    for item in want:
        other = got.get(item.get("name"))
        if other is None:
            out.append(f"annotation {item.get('name')!r} is missing")
        else:
            for key in ("expr", "query", "datasource", "enable", "iconColor", "tagKeys",
                        "titleFormat", "textFormat", "step"):
                if not _same(item.get(key), other.get(key)):
                    out.append(f"annotation {item.get('name')!r} {key}: {item.get(key)!r} -> "
                               f"{other.get(key)!r}")
    return out


def _panels(original: dict[str, Any], built: dict[str, Any]) -> list[str]:
    legacy = not original.get("panels") and bool(original.get("rows"))
    want = _walk(original.get("panels") or []) if not legacy else \
        [p for row in original.get("rows") or [] for p in row.get("panels") or []]
    got = _walk(built.get("panels") or [])
    by_id = {p.get("id"): p for p in got}
    out = []
    for index, panel in enumerate(want):
        other = by_id.get(panel.get("id")) if panel.get("id") is not None else None
        if other is None:
            other = next((p for p in got if p.get("title") == panel.get("title")
                          and p.get("type") != "row"), None)
        name = f"panel {panel.get('title')!r} (#{panel.get('id', index)})"
        if other is None:
            out.append(f"{name} is missing")
            continue
        upgraded = panel.get("type") in UPGRADED_TYPES
        if not upgraded and panel.get("type") != other.get("type"):
            out.append(f"{name} type: {panel.get('type')!r} -> {other.get('type')!r}")
        if not legacy and panel.get("gridPos") and not _same(panel["gridPos"],
                                                               other.get("gridPos")):
            out.append(f"{name} gridPos: {panel['gridPos']} -> {other.get('gridPos')}")
        if panel.get("type") == "row":
            if bool(panel.get("collapsed")) != bool(other.get("collapsed")):
                out.append(f"{name} collapsed: {panel.get('collapsed')} -> "
                           f"{other.get('collapsed')}")
            continue
        for key in PANEL_FIELDS:
            if upgraded and key in ("fieldConfig", "options"):
                continue
            if key == "targets":
                out += _targets(name, panel.get(key) or [], other.get(key) or [])
            elif key == "datasource":
                if not _same_datasource(panel.get(key), other.get(key)):
                    out.append(f"{name} datasource: {panel.get(key)!r} -> {other.get(key)!r}")
            elif not _same(panel.get(key), other.get(key)):
                out.append(f"{name} {key}: {_short(panel.get(key))} -> "
                           f"{_short(other.get(key))}")
    return out


def _targets(name: str, want: list[Any], got: list[Any]) -> list[str]:
    if len(want) != len(got):
        return [f"{name}: {len(want)} targets -> {len(got)}"]
    out = []
    for index, (a, b) in enumerate(zip(want, got, strict=True)):
        for key in sorted(set(a) | set(b)):
            if key == "datasource":
                if not _same_datasource(a.get(key), b.get(key)):
                    out.append(f"{name} target {index} datasource: {a.get(key)!r} -> "
                               f"{b.get(key)!r}")
                continue
            if key in ("refId", "hide", "key", "intervalFactor", "step"):
                if key == "refId" and a.get(key) and not _same(a.get(key), b.get(key)):
                    out.append(f"{name} target {index} {key}: {a.get(key)!r} -> "
                               f"{b.get(key)!r}")
                continue
            if key == "format" and a.get("expr") and a.get(key) == "time_series" and \
                    key not in b:
                continue  # Prometheus' default format, written or not
            if not _same(a.get(key), b.get(key)):
                out.append(f"{name} target {index} {key}: {_short(a.get(key))} -> "
                           f"{_short(b.get(key))}")
    return out


def _same_datasource(a: Any, b: Any) -> bool:
    """A datasource given by name is the reference ``{"uid": name}`` after the upgrade
    (Grafana looks it up by uid, then by name); no datasource is the default one, written
    or not."""
    if not a:
        return True
    if isinstance(a, str):
        a = {"uid": a}
    if isinstance(b, str):
        b = {"uid": b}
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    return _variable_ref(a.get("uid")) == _variable_ref(b.get("uid")) and (
        not a.get("type") or a.get("type") == b.get("type"))


def _variable_ref(uid: Any) -> Any:
    """``$ds`` and ``${ds}`` are the same reference to a datasource variable."""
    return re.sub(r"^\$(\w+)$", r"${\1}", uid) if isinstance(uid, str) else uid


def _same(a: Any, b: Any) -> bool:
    """Whether the original ``a`` survived as ``b``: everything it holds is there with the
    same value. What the upgrade adds where the original had nothing (a uid for a dashboard
    without one, a variable's ``definition``, a panel's default ``fieldConfig``) is not a
    loss."""
    if _empty(a):
        return True
    if a in UNSET and b in UNSET:
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return all(_same(a.get(k), b.get(k)) for k in set(a) | set(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _empty(value: Any) -> bool:
    """Nothing to lose: null, "", an empty list, or a dict holding only such (a text panel's
    ``{"defaults": {}, "overrides": []}``)."""
    if value is None or value == "" or value == []:
        return True
    return isinstance(value, dict) and all(_empty(v) for v in value.values())


def _walk(panels: list[Any]) -> list[dict[str, Any]]:
    out = []
    for panel in panels:
        if isinstance(panel, dict):
            out.append(panel)
            out.extend(_walk(panel.get("panels") or []))
    return out


def _substitute(value: Any, names: dict[str, str]) -> Any:
    if not names:
        return value
    pattern = re.compile(r"\$\{(" + "|".join(map(re.escape, names)) + r")\}")
    if isinstance(value, str):
        return pattern.sub(lambda m: names[m.group(1)], value)
    if isinstance(value, list):
        return [_substitute(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, names) for k, v in value.items()}
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 160 else text[:150] + "..."
