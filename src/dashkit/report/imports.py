"""``dashboards import`` results -> text. Nothing here decides anything."""

from __future__ import annotations

import json
from collections.abc import Sequence

from dashkit.grafana.live import LiveFolder
from dashkit.importer.run import Imported
from dashkit.problems import Problem
from dashkit.review.lint.engine import LintResult


def text(results: Sequence[Imported]) -> str:
    lines = []
    for result in results:
        if not result.ok:
            lines.append(f"error: {result.error}")
            continue
        lines.append(f"imported {result.source} -> {result.module} "
                     f"({result.uid!r}, {result.title!r})")
        lines += [f"    note: {note}" for note in result.notes]
        lines += [f"    warning: {p.location.panel}: {p.summary}" if p.location.panel
                  else f"    warning: {p.summary}" for p in result.upgrades]
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


def house_style(result: LintResult) -> str:
    """What ``dashboards lint`` finds in the imported modules, rule by rule: what the house
    style would change (import changes nothing)."""
    by_rule: dict[str, list[Problem]] = {}
    for problem in result.counted:
        by_rule.setdefault(problem.rule or "build", []).append(problem)
    if not by_rule:
        return "dashboards lint finds nothing to change in the imported dashboards"
    lines = ["what the house style would change (dashboards lint on the imported modules; "
             "import changed none of it):"]
    for rule, problems in sorted(by_rule.items(), key=lambda item: (-len(item[1]), item[0])):
        first = problems[0]
        where = f"panel {first.location.panel!r} of " if first.location.panel else ""
        lines.append(f"  {rule}: {len(problems)} (e.g. {where}{first.location.dashboard!r}: "
                     f"{first.summary})")
    lines.append("  run 'dashboards lint' on them for every finding")
    return "\n".join(lines)
