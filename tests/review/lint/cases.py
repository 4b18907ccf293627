"""Load the YAML pass/fail cases under tests/review/lint/cases/ and run one rule on a case.

A file is named after its rule (``panel/has-unit`` -> ``panel_has_unit.yaml``) and holds::

    rule: panel/has-unit
    cases:
      - name: A whole sentence saying what the case shows.
        dashboard: {...}          # a minimal dashboard, as JSON written in YAML
        findings:                 # what the rule reports, in order; [] for a passing case
          - {panel: Latency, summary: "..."}

Optional per case: ``folder`` and ``source`` of the dashboard; ``project``, the other
dashboards of the project (``uid``, ``title``, ``folder``, ``source``); ``runbooks``, the
files under docs/runbooks/ (absent: no such folder); ``datasource_uids``, declared uids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dashkit.review.lint.context import DashboardRef, LintContext, Project
from dashkit.review.lint.rule import Rule

CASES = Path(__file__).resolve().parent / "cases"


@dataclass(frozen=True)
class Case:
    file: str
    rule: str
    name: str
    data: dict[str, Any]

    @property
    def expected(self) -> list[tuple[str | None, str]]:
        return [(f.get("panel"), f["summary"]) for f in self.data.get("findings") or []]


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        for case in document["cases"]:
            cases.append(Case(path.name, document["rule"], case["name"], case))
    return cases


def run_case(rule: Rule, case: Case) -> list[tuple[str | None, str]]:
    data = case.data
    dashboard = data["dashboard"]
    ref = DashboardRef(str(dashboard.get("uid", "")), str(dashboard.get("title", "")),
                       data.get("folder", ""), data.get("source", "dashboards/case.py"))
    others = tuple(DashboardRef(str(d["uid"]), str(d.get("title", "")), d.get("folder", ""),
                                d.get("source", "")) for d in data.get("project") or [])
    runbooks = data.get("runbooks")
    project = Project(dashboards=(ref, *others),
                      runbooks=None if runbooks is None else frozenset(runbooks),
                      datasource_uids=frozenset(data.get("datasource_uids") or ()),
                      declared_folders=(frozenset(data["declared_folders"])
                                        if "declared_folders" in data else None))
    return [(p.location.panel, p.summary) for p in rule.check(LintContext(dashboard, ref, project))]
