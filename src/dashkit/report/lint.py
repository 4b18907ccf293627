"""Lint results -> text for people, JSON for tools, GitHub workflow annotations. Nothing here
decides anything."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from dashkit.problems import Problem, Severity
from dashkit.review.lint.engine import LintResult

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.location.path or "", p.location.line or 0,
                                           -p.severity.rank, p.rule, p.summary))


def problem_text(problem: Problem) -> str:
    label = f"ignored[{problem.rule}]" if problem.ignored else (
        f"{problem.severity.value}[{problem.rule}]")
    where = str(problem.location)
    lines = [f"{label}: {where}: {problem.summary}" if where else f"{label}: {problem.summary}"]
    if problem.ignored:
        lines.append(f"    ignored because: {problem.ignored}")
    lines.extend(f"    {line}" for line in problem.details.rstrip().splitlines())
    return "\n".join(lines)


def summary(result: LintResult, fail_on: str) -> str:
    counts = ", ".join(_plural(result.count(s), s.value) for s in Severity)
    ignored = f", {len(result.ignored)} ignored" if result.ignored else ""
    verdict = "lint failed" if result.failed(fail_on) else "lint passed"
    dashboards = "1 dashboard" if result.dashboards == 1 else f"{result.dashboards} dashboards"
    if result.alerts:
        dashboards += ", 1 alert" if result.alerts == 1 else f", {result.alerts} alerts"
    return f"{verdict}: {dashboards}, {counts}{ignored} (failing on: {fail_on})"


def _plural(count: int, severity: str) -> str:
    return f"{count} {severity}" if count == 1 or severity == "info" else f"{count} {severity}s"


def text(result: LintResult, fail_on: str, verbose: bool = False) -> str:
    shown = ordered(result.problems if verbose else result.counted)
    blocks = [problem_text(p) for p in shown]
    if verbose:
        blocks.extend(
            f"note: the lint ignore of {i.rule}"
            + (f" in dashboard {i.dashboard!r}" if i.dashboard else "")
            + (f", panel {i.panel!r}" if i.panel else "")
            + (f", alert {i.alert}" if i.alert else "")
            + " matched no finding; remove it from dashboards.yaml"
            for i in result.unused_ignores)
    blocks.append(summary(result, fail_on))
    return "\n".join(blocks)


def problem_json(problem: Problem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule": problem.rule, "severity": problem.severity.value, "summary": problem.summary,
        "details": problem.details, "dashboard": problem.location.dashboard,
        "panel": problem.location.panel, "alert": problem.location.alert,
        "path": problem.location.path or "",
        "line": problem.location.line,
    }
    if problem.ignored:
        data["ignored"] = problem.ignored
    return data


def as_json(result: LintResult, fail_on: str) -> str:
    return json.dumps({
        "dashboards": result.dashboards,
        "alerts": result.alerts,
        "fail_on": fail_on,
        "failed": result.failed(fail_on),
        "counts": {**{s.value: result.count(s) for s in Severity},
                   "ignored": len(result.ignored)},
        "findings": [problem_json(p) for p in ordered(result.problems)],
    }, indent=2, sort_keys=True)


def github(result: LintResult) -> str:
    """One workflow command per counted problem: an annotation on the module's line."""
    lines = []
    for problem in ordered(result.counted):
        props = [f"file={_property(problem.location.path)}"] if problem.location.path else []
        props += [f"line={problem.location.line}", f"title={_property(problem.rule)}"]
        message = problem.summary
        if problem.location.panel:
            message = f"panel {problem.location.panel!r}: {message}"
        elif problem.location.alert:
            message = f"alert {problem.location.alert}: {message}"
        if problem.details:
            message += "\n" + problem.details
        lines.append(f"::{_GITHUB_LEVEL[problem.severity]} {','.join(props)}::"
                     f"{_data(message)}")
    return "\n".join(lines)


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
