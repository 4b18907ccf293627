"""Build results and dashboard lists -> text for people and JSON for machines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from dashkit.build.manifest import ManifestEntry
from dashkit.build.run import BuildReport
from dashkit.problems import Problem
from dashkit.report.tables import table


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


def dashboards_text(entries: Sequence[ManifestEntry]) -> str:
    rows = [(e.uid, e.title, e.folder or "(General)", e.panel_count, e.source) for e in entries]
    return table(("UID", "TITLE", "FOLDER", "PANELS", "SOURCE"), rows)


def dashboards_json(entries: Sequence[ManifestEntry]) -> str:
    return json.dumps([e.to_json() for e in entries], indent=2, sort_keys=True)
