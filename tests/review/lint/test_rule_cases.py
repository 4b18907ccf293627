"""Every rule against its YAML cases, and every rule has cases and documentation."""

from __future__ import annotations

import re

import pytest

from dashkit.review.lint.registry import REGISTRY
from dashkit.review.lint.rule import ANTI_PATTERN, BEST_PRACTICE, module_name

from .cases import CASES, Case, load_cases, run_case

ALL_CASES = load_cases()


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: f"{c.rule}: {c.name}")
def test_rule_reports_what_its_case_expects(case: Case) -> None:
    assert case.rule in REGISTRY, f"{case.file} names unknown rule {case.rule!r}"
    assert run_case(REGISTRY[case.rule], case) == case.expected


@pytest.mark.parametrize("rule_id", list(REGISTRY))
def test_every_rule_has_a_passing_and_a_failing_case(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert (CASES / rule.case_file).is_file(), f"write tests/review/lint/cases/{rule.case_file}"
    mine = [c for c in ALL_CASES if c.file == rule.case_file]
    assert all(c.rule == rule_id for c in mine)
    assert any(not c.expected for c in mine), "add a case the rule accepts"
    assert any(c.expected for c in mine), "add a case the rule reports"


def test_every_case_file_belongs_to_a_registered_rule() -> None:
    files = {p.name for p in CASES.glob("*")}
    assert files == {rule.case_file for rule in REGISTRY.values()}


def test_case_names_are_whole_sentences() -> None:
    for case in ALL_CASES:
        assert re.match(r"^[A-Z].*[.!?]$", case.name), f"{case.file}: {case.name!r}"
    names = [(c.file, c.name) for c in ALL_CASES]
    assert len(names) == len(set(names)), "case names repeat within a file"


@pytest.mark.parametrize("rule_id", list(REGISTRY))
def test_every_rule_documents_a_bad_and_a_good_example(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    text = rule.text
    assert rule.summary.endswith("."), "the docstring's first line is one sentence"
    assert text.index(ANTI_PATTERN) < text.index(BEST_PRACTICE)
    bad, good = text.split(ANTI_PATTERN, 1)[1].split(BEST_PRACTICE, 1)
    for section in (bad, good):
        assert re.search(r"^    \S", section, re.MULTILINE), "each section needs an example"


@pytest.mark.parametrize("rule_id", list(REGISTRY))
def test_each_rule_lives_in_the_module_named_after_it(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert rule.check.__module__ == f"dashkit.review.lint.rules.{module_name(rule_id)}"
    assert re.match(r"^[a-z]+/[a-z-]+$", rule_id)
