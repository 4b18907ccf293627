"""What is wrong with the user's input, where, and what to do about it.

One vocabulary for every stage: a module that does not build, a dashboard that breaks a lint
rule, a setting in ``dashboards.yaml`` that cannot be read are each a :class:`Problem` at a
:class:`Location`. :class:`UserError` carries one to the command line, which prints it
without a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is. ``error`` breaks something; ``warning`` works but misleads or
    will rot; ``info`` is worth knowing."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
"""The thresholds ``--fail-on`` accepts: a severity, or ``never``."""


def reaches(severity: Severity, fail_on: str) -> bool:
    """Whether a problem of ``severity`` fails a run whose threshold is ``fail_on``."""
    return fail_on != "never" and severity.rank >= Severity(fail_on).rank


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file (and line), and/or a dashboard (and panel, field), or an
    alert."""

    path: str | None = None
    line: int | None = None
    dashboard: str | None = None
    panel: str | None = None
    field: str | None = None
    alert: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path:
            parts.append(f"{self.path}:{self.line}" if self.line else self.path)
        where = []
        if self.alert:
            where.append(f"alert {self.alert}")
        if self.dashboard:
            where.append(f"dashboard {self.dashboard!r}")
        if self.panel is not None:
            where.append(f"panel {self.panel!r}")
        if self.field:
            where.append(f"field {self.field!r}")
        if where:
            parts.append(", ".join(where))
        return ": ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input: a one-line ``summary``, where it is, what to
    do (``hints``), and more ``details``.

    ``rule`` names the lint rule that found it (``build`` for a module that does not build);
    ``ignored`` holds the reason when the project accepts it (``lint.ignore``).
    """

    summary: str
    location: Location = field(default_factory=Location)
    hints: tuple[str, ...] = ()
    details: str = ""
    severity: Severity = Severity.ERROR
    trace: str = ""
    rule: str = ""
    ignored: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def ignore(self, reason: str) -> Problem:
        return replace(self, ignored=reason)

    def render(self, debug: bool = False) -> str:
        where = str(self.location)
        head = f"{where}: {self.summary}" if where else self.summary
        lines = [f"{self.severity.value}: {head}"]
        if self.details:
            lines.extend(f"    {line}" for line in self.details.rstrip().splitlines())
        lines.extend(f"  hint: {hint}" for hint in self.hints)
        if debug and self.trace:
            lines.append(self.trace.rstrip())
        return "\n".join(lines)


class UserError(Exception):
    """An error caused by the user's input or environment, reported without a traceback."""

    def __init__(
        self,
        summary: str,
        *,
        location: Location | None = None,
        hints: tuple[str, ...] = (),
        details: str = "",
    ) -> None:
        super().__init__(summary)
        self.problem = Problem(summary, location or Location(), hints, details)

    def __str__(self) -> str:
        return self.problem.render()
