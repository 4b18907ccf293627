"""What an alert module declares: alerts, the panel that shows each, and the guidance a first
responder reads in its runbook.

An alert module sits beside the dashboards as ``<name>.alerts.py`` and assigns a list of
:class:`Alert` to ``alerts``. Mistakes that can be seen in one alert alone (a name Prometheus
would refuse, a duration it cannot read, an empty summary) raise here, at the line that
declares it; the rest (the panel exists, the team is declared, the labels are bounded) is
checked when the project's alerts are compiled.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from dashkit.ids import panel_id

ALERT_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")
DURATION = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")
LABEL_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
RESERVED_LABELS = ("alertname", "severity", "team")
"""Labels every alert gets from its own fields; ``labels=`` cannot set them."""


class Severity(StrEnum):
    """``critical`` pages (PagerDuty) now; ``warning`` goes to the owning team's channel to be
    handled in working hours; ``info`` is recorded, not sent."""

    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class PanelRef:
    """The dashboard panel that shows an alert: the dashboard's uid and the panel's key (its
    ``key=``, or the slug of its title when it has none)."""

    dashboard: str
    key: str

    def __post_init__(self) -> None:
        if not self.dashboard.strip() or not self.key.strip():
            raise ValueError("PanelRef needs a dashboard uid and a panel key, e.g. "
                             "PanelRef('queue-depth', 'oldest-message-age')")

    @property
    def panel_id(self) -> int:
        return panel_id(self.key)


@dataclass(frozen=True)
class Guidance:
    """The hand-written part of a runbook, in Markdown: what the alert means, what users feel,
    how to find the cause, how to stop the harm, and when to call whom."""

    meaning: str
    impact: str
    diagnose: str
    mitigate: str
    escalate: str

    def __post_init__(self) -> None:
        empty = [name for name in ("meaning", "impact", "diagnose", "mitigate", "escalate")
                 if not getattr(self, name).strip()]
        if empty:
            raise ValueError(f"Guidance needs {', '.join(empty)}: a first responder reads them "
                             "in the runbook")


@dataclass(frozen=True)
class Alert:
    """One Prometheus alerting rule and everything a responder needs with it.

    ``expr`` is PromQL built from catalog entries (``JOB_FAILURE_RATIO.select()``), so a
    renamed metric or a wrong label fails at this line. ``summary`` and ``description`` may
    use ``{{ $labels.<label> }}`` and ``{{ $value }}``. ``service`` names the platform service
    whose logs and traces the runbook searches. ``inhibits`` names alerts that are silenced
    while this one fires (on the labels in ``inhibit_equal``).
    """

    name: str
    expr: str
    for_: str
    severity: Severity
    team: str
    summary: str
    description: str
    panel: PanelRef
    guidance: Guidance
    service: str = ""
    inhibits: tuple[str, ...] = ()
    inhibit_equal: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not ALERT_NAME.match(self.name):
            raise ValueError(f"alert name {self.name!r} must be CamelCase letters and digits "
                             "(e.g. 'QueueGrowing'): it is the alertname label and the runbook's "
                             "file name")
        if not self.expr.strip():
            raise ValueError(f"alert {self.name}: expr is empty")
        if not DURATION.match(self.for_):
            raise ValueError(f"alert {self.name}: for_={self.for_!r} is not a Prometheus "
                             "duration such as '10m' or '1h30m'")
        if not isinstance(self.severity, Severity):
            raise ValueError(f"alert {self.name}: severity must be Severity.CRITICAL, "
                             f"Severity.WARNING or Severity.INFO, not {self.severity!r}")
        for name in ("team", "summary", "description"):
            if not getattr(self, name).strip():
                raise ValueError(f"alert {self.name}: {name} is empty")
        if not isinstance(self.panel, PanelRef) or not isinstance(self.guidance, Guidance):
            raise ValueError(f"alert {self.name}: panel must be a PanelRef and guidance a "
                             "Guidance")
        for label in (*self.labels, *self.inhibit_equal):
            if not LABEL_NAME.match(label):
                raise ValueError(f"alert {self.name}: {label!r} is not a label name")
        reserved = sorted(set(self.labels) & set(RESERVED_LABELS))
        if reserved:
            raise ValueError(f"alert {self.name}: labels cannot set {', '.join(reserved)}; "
                             "use the alert's own fields")
        if isinstance(self.inhibits, str):
            raise ValueError(f"alert {self.name}: inhibits must be a tuple of alert names")
