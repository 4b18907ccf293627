"""Checking in worker processes gives what checking in this process gives."""

from __future__ import annotations

from pathlib import Path

import orjson

from dashkit.review.lint.context import DashboardRef, Project
from dashkit.review.lint.parallel import PARALLEL_THRESHOLD, Checked, LintInput, check_all
from dashkit.review.lint.registry import REGISTRY


def _dashboard(n: int) -> dict[str, object]:
    unit = {"unit": "s"} if n % 2 else {}
    return {"uid": f"d{n}", "schemaVersion": 41, "panels": [
        {"type": "timeseries", "title": f"Panel {n}", "description": "x",
         "gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}, "fieldConfig": {"defaults": unit},
         "targets": [{"refId": "A", "expr": f"sum(rate(queue_enqueued_total[{n + 1}m]))"}]}]}


def test_workers_find_the_same_as_this_process(tmp_path: Path) -> None:
    items = []
    for n in range(PARALLEL_THRESHOLD + 6):
        path = tmp_path / f"d{n}.json"
        path.write_bytes(orjson.dumps(_dashboard(n)))
        items.append(LintInput(DashboardRef(f"d{n}", f"D{n}"), path=path))
    items.append(LintInput(DashboardRef("gone", "Gone"), path=tmp_path / "gone.json"))
    project = Project(dashboards=tuple(i.ref for i in items))
    rules = list(REGISTRY.values())
    serial = check_all(items, project, rules, jobs=1)
    assert check_all(items, project, rules, jobs=2) == serial
    assert [rule for rule, _ in serial[0].problems] == ["panel/has-unit",
                                                          "promql/rate-interval"]
    assert serial[1].problems == (("promql/rate-interval", serial[1].problems[0][1]),)
    assert serial[-1] == Checked(unreadable=serial[-1].unreadable)
    assert "gone.json" in serial[-1].unreadable
