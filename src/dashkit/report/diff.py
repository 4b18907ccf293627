"""Dashboard diffs -> text (coloured on a terminal), markdown for a pull request, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from dashkit.review.diff import DashboardDiff, FieldChange, PanelChange, short

Style = Callable[[str, str], str]


def _plain(text: str, _: str) -> str:
    return text


def summary(diffs: Sequence[DashboardDiff]) -> str:
    counts = {s: sum(1 for d in diffs if d.status == s)
              for s in ("changed", "added", "removed", "unchanged")}
    if not any(counts[s] for s in ("changed", "added", "removed")):
        return f"No dashboard changes ({counts['unchanged']} unchanged)."
    return (f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, "
            f"{counts['unchanged']} unchanged.")


def headline(diff: DashboardDiff) -> str:
    """One line: what happened to this dashboard."""
    if diff.status != "changed" or diff.changes is None:
        return diff.status
    parts = []
    if diff.renamed:
        parts.append(f"renamed from {diff.old_title!r}")
    if diff.moved:
        parts.append(f"moved from {diff.old_folder or '(General)'}")
    kinds: dict[str, int] = {}
    for panel in diff.changes.panels:
        kinds[panel.kind] = kinds.get(panel.kind, 0) + 1
    order = ("added", "changed", "removed", "moved", "resized")
    parts.extend(f"{n} panel{'s' if n > 1 else ''} {kind}" for kind, n in
                 sorted(kinds.items(), key=lambda kv: order.index(kv[0])))
    other = [f.field for f in diff.changes.fields if f.field != "title"]
    if other:
        parts.append(", ".join(other) + " changed")
    if diff.changes.variables:
        parts.append(f"variables: {_names(diff.changes.variables)}")
    if diff.changes.links:
        parts.append(f"links: {_names(diff.changes.links)}")
    if diff.changes.annotations:
        parts.append(f"annotations: {_names(diff.changes.annotations)}")
    return "; ".join(parts) or "changed"


def _names(changes: Sequence[FieldChange]) -> str:
    return ", ".join(f"{c.field} {_verb(c)}" for c in changes)


def _verb(change: FieldChange) -> str:
    return "added" if change.before is None else "removed" if change.after is None else "changed"


def text(diffs: Sequence[DashboardDiff], style: Style = _plain) -> str:
    colours = {"added": "green", "removed": "red", "changed": "yellow"}
    lines = []
    for diff in diffs:
        if diff.status == "unchanged":
            continue
        mark = {"added": "+", "removed": "-", "changed": "~"}[diff.status]
        lines.append(style(f"{mark} {diff.title} [{diff.uid}] ({diff.folder or 'General'}): "
                           f"{headline(diff)}", colours[diff.status]))
        lines.extend("    " + line for line in _detail_lines(diff, style))
    lines.append(summary(diffs))
    return "\n".join(lines)


def _detail_lines(diff: DashboardDiff, style: Style) -> list[str]:
    if diff.changes is None:
        return []
    out = [f"folder: {diff.old_folder or 'General'} -> {diff.folder or 'General'}"] if (
        diff.moved) else []
    out += [f"{c.field}: {short(c.before)} -> {short(c.after)}" for c in diff.changes.fields]
    for panel in diff.changes.panels:
        colour = {"added": "green", "removed": "red"}.get(panel.kind, "yellow")
        out.append(style(f"panel {panel.title!r} ({panel.type}) {panel.kind}"
                         + (f" in row {panel.row!r}" if panel.row else ""), colour))
        out.extend(f"    {f.field}: {short(f.before)} -> {short(f.after)}" for f in panel.fields)
    out.extend(f"variable {v.field} {_verb(v)}" for v in diff.changes.variables)
    out.extend(f"link {link.field} {_verb(link)}" for link in diff.changes.links)
    for note in diff.changes.annotations:
        out.append(f"annotation {note.field!r} {_verb(note)}")
        if _verb(note) == "changed":
            out.extend(f"    {f.field}: {short(f.before)} -> {short(f.after)}"
                       for f in _annotation_fields(note))
    return out


def _annotation_fields(change: FieldChange) -> list[FieldChange]:
    before, after = change.before or {}, change.after or {}
    return [FieldChange(key, before.get(key), after.get(key))
            for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]


COMMENT_LIMIT = 65_536
"""GitHub's limit on the body of an issue or pull-request comment, in characters."""


def markdown(diffs: Sequence[DashboardDiff], title: str = "Dashboard changes",
             limit: int = COMMENT_LIMIT, elsewhere: str = "") -> str:
    """The diff for a pull-request comment; over ``limit`` characters, only its summary
    table, with ``elsewhere`` (where the details are: an artifact's name) said instead."""
    text = _markdown(diffs, title)
    if len(text) <= limit:
        return text
    folded = _markdown(diffs, title, details=False)
    note = (f"\n_The details are too long for a comment ({len(text):,} characters); "
            f"{elsewhere or 'run dashboards diff locally to see them'}._\n")
    if len(folded) + len(note) > limit:
        folded = folded[: limit - len(note) - 200].rsplit("\n", 1)[0] + "\n| … | | |\n"
    return folded + note


def _markdown(diffs: Sequence[DashboardDiff], title: str, details: bool = True) -> str:
    changed = [d for d in diffs if d.status != "unchanged"]
    lines = [f"### {title}", "", summary(diffs), ""]
    if not changed:
        return "\n".join(lines)
    lines += ["| Dashboard | Folder | Change |", "|---|---|---|"]
    for diff in changed:
        folder = (f"{diff.old_folder or 'General'} → {diff.folder or 'General'}" if diff.moved
                  else diff.folder or "General")
        lines.append(f"| {_md(diff.title)} (`{diff.uid}`) | {_md(folder)} | "
                     f"{_md(headline(diff))} |")
    for diff in changed:
        if diff.changes is None or not details:
            continue
        lines += ["", f"<details><summary><b>{_html(diff.title)}</b> (<code>{diff.uid}</code>): "
                      f"{_html(headline(diff))}</summary>", ""]
        lines += _md_details(diff)
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _md_details(diff: DashboardDiff) -> list[str]:
    assert diff.changes is not None
    out = [f"- **folder**: {_value(diff.old_folder or 'General')} → "
           f"{_value(diff.folder or 'General')}"] if diff.moved else []
    out += [f"- **{c.field}**: {_value(c.before)} → {_value(c.after)}"
            for c in diff.changes.fields]
    for panel in diff.changes.panels:
        out.extend(_md_panel(panel))
    for var in diff.changes.variables:
        verb = _verb(var)
        if verb == "changed":
            detail = f"{_value(_var_summary(var.before))} → {_value(_var_summary(var.after))}"
        else:
            detail = _value(_var_summary(var.after if verb == "added" else var.before))
        out.append(f"- variable `{var.field}` {verb}: {detail}")
    for link in diff.changes.links:
        out.append(f"- link **{_md(link.field)}** {_verb(link)}")
    for note in diff.changes.annotations:
        fields = ", ".join(f"{f.field}: {_value(f.before)} → {_value(f.after)}"
                           for f in _annotation_fields(note)) if _verb(note) == "changed" else ""
        out.append(f"- annotation **{_md(note.field)}** {_verb(note)}"
                   + (f": {fields}" if fields else ""))
    return out


def _md_panel(panel: PanelChange) -> list[str]:
    where = f" in row *{_md(panel.row)}*" if panel.row else ""
    head = f"- panel **{_md(panel.title)}** ({panel.type}) {panel.kind}{where}"
    if panel.kind in ("moved", "resized"):
        return [head + ": " + ", ".join(f"{_value(f.before)} → {_value(f.after)}"
                                        for f in panel.fields)]
    out = [head]
    for change in panel.fields:
        if change.field.startswith("query ") and " " not in change.field[6:]:
            out += [f"  - **{change.field}**:", "    ```diff"]
            out += [f"    - {line}" for line in str(change.before or "").splitlines()]
            out += [f"    + {line}" for line in str(change.after or "").splitlines()]
            out.append("    ```")
        else:
            out.append(f"  - **{change.field}**: {_value(change.before)} → "
                       f"{_value(change.after)}")
    return out


def _var_summary(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: value[k] for k in ("type", "query", "label", "multi", "includeAll")
                if k in value}
    return value


def _value(value: Any) -> str:
    if value is None:
        return "*(none)*"
    return "`" + short(value, 120).replace("`", "'") + "`"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_json(diffs: Sequence[DashboardDiff]) -> str:
    return json.dumps({"summary": summary(diffs),
                       "dashboards": [dict(asdict(d), renamed=d.renamed, moved=d.moved)
                                      for d in diffs if d.status != "unchanged"]},
                      indent=2, sort_keys=True, default=str)
