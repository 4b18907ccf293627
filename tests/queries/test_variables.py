"""Variable values as Grafana's variable regex and sort leave them."""

from __future__ import annotations

from typing import Any

from dashkit.queries.macros import TimeRange
from dashkit.queries.variables import resolve

WINDOW = TimeRange(1_700_000_000 - 3600, 1_700_000_000)


class Answers:
    """Label values as a Prometheus would answer them (only what the resolver asks)."""

    def label_values(self, label: str, matches: Any, start: float, end: float) -> list[str]:
        return ["web:8080", "api:9090", "db:5432"]


def variable(regex: str, sort: int = 0) -> dict[str, Any]:
    return {"type": "query", "name": "target", "query": "label_values(up, instance)",
            "regex": regex, "sort": sort, "current": {}}


def test_javascript_named_groups_and_sorting() -> None:
    found = resolve([variable("/(?<text>[a-z]+):(?<value>\\d+)/", sort=3)], Answers(),  # type: ignore[arg-type]
                    WINDOW, 15)
    assert found.selections["target"].values == ("5432",)  # first of 5432, 8080, 9090


def test_an_invalid_regex_fails_its_variable_not_the_run() -> None:
    found = resolve([variable("/(unclosed/")], Answers(), WINDOW, 15)  # type: ignore[arg-type]
    assert "is not valid" in found.failed["target"]
