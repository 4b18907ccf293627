"""docs/lint.md is generated from the registry and must be current."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dashkit.cli import cli
from dashkit.report.rules import rules_markdown
from dashkit.review.lint.registry import REGISTRY

PAGE = Path(__file__).resolve().parents[2] / "docs" / "lint.md"


def test_docs_lint_page_is_current() -> None:
    markdown = CliRunner().invoke(cli, ["lint", "--rules", "--format", "markdown"]).stdout
    assert markdown == rules_markdown(REGISTRY)
    assert PAGE.read_text() == markdown, (
        "regenerate: dashboards lint --rules --format markdown > docs/lint.md")


def test_every_rule_has_a_section_with_both_examples() -> None:
    sections = rules_markdown(REGISTRY).split("\n## ")[1:]
    assert [s.split("`")[1] for s in sections] == list(REGISTRY)
    for section in sections:
        assert "**Anti-pattern**" in section and "**Best practice**" in section
