"""Findings land on the line where the panel's title is written."""

from __future__ import annotations

from pathlib import Path

from dashkit.review.lint.source import SourceLines

MODULE = '''\
from x import panel

dashboard = dashboard(
    uid="queue-depth",
    title="Queue depth",
    rows=[
        panel("Backlog"),
        panel(
            "Oldest "
            "message age",
        ),
        panel(f"Generated {1}"),
        panel(title=r"Raw"),
        panel("Backlog"),
    ],
)
'''


def test_the_first_line_of_a_literal_is_its_line() -> None:
    lines = SourceLines(MODULE)
    assert lines.line_of("Backlog") == 7
    assert lines.line_of("Raw") == 13


def test_implicitly_concatenated_literals_count_as_one() -> None:
    assert SourceLines(MODULE).line_of("Oldest message age") == 9


def test_candidates_are_tried_in_order_and_the_fallback_is_line_one() -> None:
    lines = SourceLines(MODULE)
    assert lines.line_of("Generated 1", "queue-depth") == 4
    assert lines.line_of(None, "", "Nowhere") == 1


def test_an_unreadable_or_broken_module_has_no_literals(tmp_path: Path) -> None:
    assert SourceLines.read(tmp_path / "missing.py").line_of("x") == 1
    assert SourceLines("x = (\n  'a'\n").line_of("a") == 2
    assert SourceLines("'''unterminated").line_of("unterminated") == 1
