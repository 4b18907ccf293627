"""Results -> text for people and JSON for machines. Nothing here decides anything."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dashkit.build.manifest import ManifestEntry
from dashkit.build.run import BuildReport
from dashkit.problems import Problem

if TYPE_CHECKING:
    from dashkit.catalog import Catalog


def problems_text(problems: Iterable[Problem], debug: bool = False) -> str:
    ordered = sorted(problems, key=lambda p: (not p.is_error, str(p.location)))
    return "\n".join(p.render(debug) for p in ordered)


def build_summary(report: BuildReport) -> str:
    errors = len(report.errors)
    warnings = len(report.problems) - errors
    counts = (f"{len(report.entries)} dashboards from {report.modules} modules: "
              f"{len(report.written)} written, {len(report.unchanged)} unchanged, "
              f"{len(report.removed)} removed; {report.compiled_modules} modules compiled, "
              f"{report.modules - report.compiled_modules} unchanged since the last build")
    tail = f"; {errors} errors, {warnings} warnings" if report.problems else ""
    return ("built " if report.ok else "build failed: ") + counts + tail


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [list(map(str, headers))] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in cells]
    return "\n".join(lines)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def esc(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(esc(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def dashboards_text(entries: Sequence[ManifestEntry]) -> str:
    rows = [(e.uid, e.title, e.folder or "(General)", e.panel_count, e.source) for e in entries]
    return table(("UID", "TITLE", "FOLDER", "PANELS", "SOURCE"), rows)


def dashboards_json(entries: Sequence[ManifestEntry]) -> str:
    return json.dumps([e.to_json() for e in entries], indent=2, sort_keys=True)


def catalog_rows(catalog: Catalog) -> list[tuple[str, ...]]:
    return [(m.name, m.type.value, m.unit, ", ".join(m.labels) or "-", m.emitter, m.help)
            for m in (catalog[name] for name in catalog)]


_CATALOG_HEADERS = ("METRIC", "TYPE", "UNIT", "LABELS", "EMITTED BY", "HELP")


def catalog_text(catalog: Catalog) -> str:
    rows = [row[:5] for row in catalog_rows(catalog)]
    return table(_CATALOG_HEADERS[:5], rows)


def catalog_markdown(catalog: Catalog) -> str:
    sections = []
    for emitter in catalog.emitters():
        rows = [(f"`{r[0]}`", r[1], f"`{r[2]}`", r[3], r[5])
                for r in catalog_rows(catalog) if r[4] == emitter]
        sections.append(f"### {emitter}\n\n" + markdown_table(
            ("Metric", "Type", "Unit", "Labels", "Meaning"), rows))
    header = ("# Metric catalog\n\nGenerated from `src/dashkit/catalog/` by "
              "`dashboards catalog --format markdown > docs/metrics.md`; do not edit.\n\n")
    return header + "\n\n".join(sections) + "\n"


def catalog_json(catalog: Catalog) -> str:
    return json.dumps([
        {"name": m.name, "type": m.type.value, "unit": m.unit, "help": m.help,
         "labels": list(m.labels), "emitter": m.emitter, "series": list(m.series)}
        for m in (catalog[name] for name in catalog)
    ], indent=2, sort_keys=True)
