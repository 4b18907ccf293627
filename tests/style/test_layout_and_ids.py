"""The house style: stable ids, grid layout, and panels that carry unit and description."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dashkit.build.compile import compile_dashboard
from dashkit.catalog import EXTRACTION_DURATION, JOBS_COMPLETED
from dashkit.style import Row, dashboard, panels, recipes
from dashkit.style.targets import PromTarget


def stat(title: str, width: int = 6, key: str | None = None) -> Any:
    return panels.stat(title, description="d", unit="short", width=width, key=key,
                       targets=[PromTarget("up")])


def build(rows: list[Row]) -> dict[str, Any]:
    spec = dashboard(uid="u", title="T", folder="F", description="d", rows=rows)
    result = compile_dashboard(spec, "x.py", "u")
    assert result.dashboard is not None, [p.render() for p in result.problems]
    data: dict[str, Any] = json.loads(result.dashboard.content)
    return data


def ids(data: dict[str, Any]) -> dict[str, int]:
    return {p["title"]: p["id"] for p in data["panels"]}


def test_inserting_and_reordering_panels_keeps_every_other_id() -> None:
    before = ids(build([Row("r", [stat("a"), stat("b"), stat("c")])]))
    after = ids(build([Row("new row", [stat("z")]), Row("r", [stat("c"), stat("new"),
                                                              stat("a"), stat("b")])]))
    for title in ("a", "b", "c", "r"):
        assert after[title] == before[title]
    assert len(set(after.values())) == len(after)


def test_an_explicit_key_survives_a_title_change() -> None:
    before = ids(build([Row("r", [stat("Errors", key="errors")])]))
    after = ids(build([Row("r", [stat("Errors per second", key="errors")])]))
    assert before["Errors"] == after["Errors per second"]


def test_rows_flow_left_to_right_and_wrap_at_24_columns() -> None:
    data = build([Row("one", [stat("a", 12), stat("b", 8), stat("c", 8)]),
                  Row("two", [stat("d", 24)])])
    grid = {p["title"]: (p["gridPos"]["x"], p["gridPos"]["y"], p["gridPos"]["w"])
            for p in data["panels"]}
    assert grid == {"one": (0, 0, 24), "a": (0, 1, 12), "b": (12, 1, 8), "c": (0, 5, 8),
                    "two": (0, 9, 24), "d": (0, 10, 24)}


def test_every_house_style_panel_has_unit_and_description() -> None:
    data = build([Row("r", [
        recipes.latency_percentiles(EXTRACTION_DURATION, title="p", description="d"),
        recipes.latency_heatmap(EXTRACTION_DURATION, title="h", description="d"),
        recipes.rate_by(JOBS_COMPLETED, title="r", description="d", by=("tenant",)),
    ])])
    for panel in data["panels"][1:]:
        assert panel["description"]
        unit = panel["fieldConfig"]["defaults"].get("unit") or panel["options"]["yAxis"]["unit"]
        assert unit
    per_tenant = data["panels"][3]
    assert "$__rate_interval" in per_tenant["targets"][0]["expr"]
    assert per_tenant["fieldConfig"]["defaults"]["links"][0]["url"].startswith("/explore?")
    assert data["panels"][1]["targets"][0]["exemplar"] is True


def test_factories_refuse_a_panel_without_description() -> None:
    with pytest.raises(ValueError, match="needs a description"):
        panels.stat("x", description=" ", unit="s", targets=[])


def test_rate_of_a_gauge_is_refused() -> None:
    from dashkit.catalog import QUEUE_DEPTH
    with pytest.raises(ValueError, match="is a gauge; rate_by needs a counter"):
        recipes.rate_by(QUEUE_DEPTH, title="x", description="d")
