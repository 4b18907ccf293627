"""normalize: what Grafana owns or adds never counts as a change; anything a person edits does."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from conftest import REPO

from dashkit.review.normalize import normalize, without_filled_defaults

GOLDEN = sorted((REPO / "tests" / "build" / "golden").rglob("*.json"))


def grafana_save(dashboard: dict[str, Any]) -> dict[str, Any]:
    """What Grafana 11/12 is known to do when a dashboard is opened and saved unchanged:
    assign id/version, stamp pluginVersion, fill plugin option defaults, sort panels by
    position, resolve variables' current values and options, bump schemaVersion."""
    saved = copy.deepcopy(dashboard)
    saved.update(id=42, version=3, schemaVersion=42)
    saved["panels"].reverse()
    for panel in saved["panels"]:
        if panel["type"] == "row":
            continue
        panel["pluginVersion"] = "12.0.0"
        options = panel.setdefault("options", {})
        options.setdefault("tooltip", {})["hideZeros"] = False
        custom = panel.setdefault("fieldConfig", {}).setdefault("defaults", {}).setdefault(
            "custom", {})
        custom.setdefault("axisBorderShow", False)
    for var in saved["templating"]["list"]:
        if var["type"] == "datasource":
            var["current"] = {"selected": False, "text": "Prometheus", "value": "prom-1"}
            var["options"] = [{"text": "Prometheus", "value": "prom-1"}]
    return saved


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_open_and_save_in_grafana_changes_nothing_that_matters(path: Any) -> None:
    ours = json.loads(path.read_text())
    theirs = grafana_save(ours)
    desired = normalize(ours)
    assert without_filled_defaults(desired, normalize(theirs)) == desired


@pytest.mark.parametrize("edit", [
    "query", "unit", "threshold", "title", "moved", "legend-calcs", "variable-regex",
])
def test_edits_a_person_makes_do_count(edit: str) -> None:
    ours = json.loads(GOLDEN[0].read_text())
    theirs = grafana_save(ours)
    panel = next(p for p in theirs["panels"] if p["type"] == "timeseries")
    if edit == "query":
        panel["targets"][0]["expr"] = "up"
    elif edit == "unit":
        panel["fieldConfig"]["defaults"]["unit"] = "ms"
    elif edit == "threshold":
        panel["fieldConfig"]["defaults"]["thresholds"]["steps"][0]["color"] = "purple"
    elif edit == "title":
        panel["title"] = "Renamed"
    elif edit == "moved":
        panel["gridPos"]["y"] += 40
    elif edit == "legend-calcs":
        panel["options"]["legend"]["calcs"] = ["max"]
    elif edit == "variable-regex":
        theirs["templating"]["list"][-1]["regex"] = "/prod-.*/"
    desired = normalize(ours)
    assert without_filled_defaults(desired, normalize(theirs)) != desired


def test_null_and_empty_equal_absent_but_the_base_threshold_stays() -> None:
    a = {"panels": [{"id": 1, "links": [], "description": None, "fieldConfig": {"defaults": {
        "thresholds": {"steps": [{"color": "green", "value": None}]}}}}]}
    b = {"panels": [{"id": 1, "fieldConfig": {"defaults": {
        "thresholds": {"steps": [{"color": "green", "value": None}]}}}}]}
    assert normalize(a) == normalize(b)
    steps = normalize(a)["panels"][0]["fieldConfig"]["defaults"]["thresholds"]["steps"]
    assert steps == [{"color": "green", "value": None}]
