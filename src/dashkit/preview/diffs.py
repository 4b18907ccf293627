"""Before and after pages for each dashboard a diff finds changed, added or removed, with
the panels that changed outlined, and an index page linking them: what a pull request's
workflow uploads for reviewers."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashkit.build.writer import write_if_changed
from dashkit.preview.page import page
from dashkit.review.diff import DashboardDiff, Snapshot

BEFORE_KINDS = frozenset({"removed", "changed", "moved", "resized"})
AFTER_KINDS = frozenset({"added", "changed", "moved", "resized"})


def preview_diffs(diffs: Sequence[DashboardDiff], old: Mapping[str, Snapshot],
                  new: Mapping[str, Snapshot], out_dir: Path) -> list[Path]:
    """The pages written (``<uid>.before.html``, ``<uid>.after.html``, ``index.html``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    entries = []
    for diff in diffs:
        if diff.status == "unchanged":
            continue
        panels = diff.changes.panels if diff.changes is not None else ()
        sides = []
        for side, snapshots, kinds in (("before", old, BEFORE_KINDS), ("after", new, AFTER_KINDS)):
            snapshot = snapshots.get(diff.uid)
            if snapshot is None:
                continue
            outlined = frozenset(p.panel_id for p in panels if p.kind in kinds)
            target = out_dir / f"{diff.uid}.{side}.html"
            write_if_changed(target, page(snapshot.data, {}, outlined,
                                          note=f"{side}: {diff.status}").encode())
            written.append(target)
            sides.append((side, target.name))
        entries.append((diff, sides))
    index = out_dir / "index.html"
    write_if_changed(index, _index(entries).encode())
    written.append(index)
    return written


def _index(entries: list[tuple[DashboardDiff, list[tuple[str, str]]]]) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(diff.title)} (<code>{html.escape(diff.uid)}</code>)</td>"
        f"<td>{html.escape(diff.status)}</td><td>"
        + " · ".join(f'<a href="{html.escape(name)}">{side}</a>' for side, name in sides)
        + "</td></tr>" for diff, sides in entries)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Dashboard previews</title><style>body{font:14px sans-serif;margin:16px}"
            "td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}</style>"
            "</head><body><h1>Dashboard previews</h1><table><tr><th>Dashboard</th>"
            f"<th>Change</th><th>Pages</th></tr>{rows}</table></body></html>\n")
