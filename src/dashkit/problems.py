"""The one exception type users see, and the locations it points at."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file (and line), and/or a dashboard (and panel, field)."""

    path: str | None = None
    line: int | None = None
    dashboard: str | None = None
    panel: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path:
            parts.append(f"{self.path}:{self.line}" if self.line else self.path)
        where = []
        if self.dashboard:
            where.append(f"dashboard {self.dashboard!r}")
        if self.panel:
            where.append(f"panel {self.panel!r}")
        if self.field:
            where.append(f"field {self.field!r}")
        if where:
            parts.append(", ".join(where))
        return ": ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input: what, where, and what to do about it."""

    summary: str
    location: Location = field(default_factory=Location)
    hints: tuple[str, ...] = ()
    details: str = ""
    severity: str = "error"
    trace: str = ""

    def render(self, debug: bool = False) -> str:
        where = str(self.location)
        head = f"{where}: {self.summary}" if where else self.summary
        lines = [f"{self.severity}: {head}"]
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
