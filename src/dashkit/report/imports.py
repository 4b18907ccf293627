"""``dashboards import`` results -> text. Nothing here decides anything."""

from __future__ import annotations

import json
from collections.abc import Sequence

from dashkit.grafana.live import LiveFolder
from dashkit.importer.run import Imported


def text(results: Sequence[Imported]) -> str:
    lines = []
    for result in results:
        if not result.ok:
            lines.append(f"error: {result.error}")
            continue
        lines.append(f"imported {result.source} -> {result.module} "
                     f"({result.uid!r}, {result.title!r})")
        lines += [f"    note: {note}" for note in result.notes]
        lines += [f"    upgraded: {p.location.panel or ''}: {p.summary}".replace(
            "upgraded: : ", "upgraded: ") for p in result.upgrades]
    done = sum(1 for r in results if r.ok)
    failed = len(results) - done
    lines.append(f"{done} imported, {failed} not imported" if failed else f"{done} imported")
    return "\n".join(lines)


def folders_yaml(folders: Sequence[LiveFolder], target: str) -> str:
    """The ``folders:`` of dashboards.yaml that put push's folders where these are."""
    lines = [f"folders:  # declare these in dashboards.yaml (as they are in {target}), so plan "
             "and push find the dashboards where they are"]
    for folder in folders:
        parent = f", parent: {_scalar(folder.parent)}" if folder.parent else ""
        lines.append(f"  - {{uid: {_scalar(folder.uid)}, title: {_scalar(folder.title)}"
                     f"{parent}}}")
    return "\n".join(lines)


def _scalar(text: str) -> str:
    return json.dumps(text) if not text.replace("-", "").replace("_", "").isalnum() else text
