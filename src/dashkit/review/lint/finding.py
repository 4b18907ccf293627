"""What lint reports: a finding of one rule, with a one-line summary, details and a place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is. ``error`` breaks a dashboard; ``warning`` is a style problem;
    ``info`` is worth knowing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


FAIL_ON_CHOICES = ("error", "warning", "info", "never")
"""The thresholds ``--fail-on`` accepts: a severity, or ``never``."""


def reaches(severity: Severity, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails a run whose threshold is ``fail_on``."""
    return fail_on != "never" and severity.rank >= Severity(fail_on).rank


@dataclass(frozen=True)
class Violation:
    """What a rule reports: one line of what is wrong, details, and the panel (title) if any.

    The engine turns it into a :class:`Finding` with the rule's id, severity and location.
    """

    summary: str
    details: str = ""
    panel: str | None = None


@dataclass(frozen=True)
class Place:
    """Where a finding is: a dashboard (and panel), and the source module line it comes from."""

    dashboard: str
    panel: str | None = None
    path: str = ""
    line: int = 1

    def __str__(self) -> str:
        parts = [f"{self.path}:{self.line}"] if self.path else []
        where = [f"dashboard {self.dashboard!r}"] if self.dashboard else []
        if self.panel is not None:
            where.append(f"panel {self.panel!r}")
        if where:
            parts.append(", ".join(where))
        return ": ".join(parts)


@dataclass(frozen=True)
class Finding:
    """One rule's finding. ``ignored`` holds the reason when the project accepts it."""

    rule: str
    severity: Severity
    summary: str
    place: Place
    details: str = ""
    ignored: str = ""

    def ignore(self, reason: str) -> Finding:
        return replace(self, ignored=reason)
