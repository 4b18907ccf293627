"""``dashboards import`` results -> text. Nothing here decides anything."""

from __future__ import annotations

from collections.abc import Sequence

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
