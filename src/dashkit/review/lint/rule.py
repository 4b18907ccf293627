"""A lint rule: an id, a severity, a check, and a docstring with a bad and a good example."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dashkit.problems import Problem, Severity

if TYPE_CHECKING:
    from dashkit.review.lint.context import LintContext

Check = Callable[["LintContext"], Iterable[Problem]]
"""A rule's check: the problems of one dashboard, each at the panel it concerns (if any)."""

ANTI_PATTERN = "**Anti-pattern**"
BEST_PRACTICE = "**Best practice**"


@dataclass(frozen=True)
class Rule:
    """One rule. ``doc`` is its module's docstring: a one-line summary, why it matters, then
    an ``**Anti-pattern**`` and a ``**Best practice**`` section, each with an indented
    example."""

    id: str
    severity: Severity
    check: Check
    doc: str
    needs_project: bool = False
    """Its findings depend on more than the dashboard (other dashboards, runbooks), so they
    are never taken from the lint cache."""

    @property
    def text(self) -> str:
        return inspect.cleandoc(self.doc)

    @property
    def summary(self) -> str:
        return self.text.splitlines()[0].strip()

    @property
    def case_file(self) -> str:
        """The YAML file of its test cases: ``panel/has-unit`` -> ``panel_has_unit.yaml``."""
        return module_name(self.id) + ".yaml"


def module_name(rule_id: str) -> str:
    """The module (and case file) name of a rule: ``panel/has-unit`` -> ``panel_has_unit``."""
    return rule_id.replace("/", "_").replace("-", "_")
