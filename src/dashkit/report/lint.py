"""Lint results -> text for people, JSON for tools, GitHub workflow annotations. Nothing here
decides anything."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from dashkit.review.lint.engine import LintResult
from dashkit.review.lint.finding import Finding, Severity

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.place.path, f.place.line, -f.severity.rank,
                                           f.rule, f.summary))


def finding_text(finding: Finding) -> str:
    label = f"ignored[{finding.rule}]" if finding.ignored else (
        f"{finding.severity.value}[{finding.rule}]")
    where = str(finding.place)
    lines = [f"{label}: {where}: {finding.summary}" if where else f"{label}: {finding.summary}"]
    if finding.ignored:
        lines.append(f"    ignored because: {finding.ignored}")
    lines.extend(f"    {line}" for line in finding.details.rstrip().splitlines())
    return "\n".join(lines)


def summary(result: LintResult, fail_on: str) -> str:
    counts = ", ".join(_plural(result.count(s), s.value) for s in Severity)
    ignored = f", {len(result.ignored)} ignored" if result.ignored else ""
    verdict = "lint failed" if result.failed(fail_on) else "lint passed"
    dashboards = "1 dashboard" if result.dashboards == 1 else f"{result.dashboards} dashboards"
    return f"{verdict}: {dashboards}, {counts}{ignored} (failing on: {fail_on})"


def _plural(count: int, severity: str) -> str:
    return f"{count} {severity}" if count == 1 or severity == "info" else f"{count} {severity}s"


def text(result: LintResult, fail_on: str, verbose: bool = False) -> str:
    shown = ordered(result.findings if verbose else result.counted)
    blocks = [finding_text(f) for f in shown]
    if verbose:
        blocks.extend(
            f"note: the lint ignore of {i.rule}"
            + (f" in dashboard {i.dashboard!r}" if i.dashboard else "")
            + (f", panel {i.panel!r}" if i.panel else "")
            + " matched no finding; remove it from dashboards.yaml"
            for i in result.unused_ignores)
    blocks.append(summary(result, fail_on))
    return "\n".join(blocks)


def finding_json(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": finding.rule, "severity": finding.severity.value, "summary": finding.summary,
        "details": finding.details, "dashboard": finding.place.dashboard,
        "panel": finding.place.panel, "path": finding.place.path, "line": finding.place.line,
    }
    if finding.ignored:
        data["ignored"] = finding.ignored
    return data


def as_json(result: LintResult, fail_on: str) -> str:
    return json.dumps({
        "dashboards": result.dashboards,
        "fail_on": fail_on,
        "failed": result.failed(fail_on),
        "counts": {**{s.value: result.count(s) for s in Severity},
                   "ignored": len(result.ignored)},
        "findings": [finding_json(f) for f in ordered(result.findings)],
    }, indent=2, sort_keys=True)


def github(result: LintResult) -> str:
    """One workflow command per counted finding: an annotation on the module's line."""
    lines = []
    for finding in ordered(result.counted):
        props = [f"file={_property(finding.place.path)}"] if finding.place.path else []
        props += [f"line={finding.place.line}", f"title={_property(finding.rule)}"]
        message = finding.summary
        if finding.place.panel:
            message = f"panel {finding.place.panel!r}: {message}"
        if finding.details:
            message += "\n" + finding.details
        lines.append(f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::"
                     f"{_data(message)}")
    return "\n".join(lines)


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
