"""The metric catalog -> a text table, the markdown page ``docs/metrics.md``, and JSON."""

from __future__ import annotations

import json

from dashkit.catalog import Catalog
from dashkit.report.tables import markdown_table, table


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
