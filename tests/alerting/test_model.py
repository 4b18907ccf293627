"""An alert's own mistakes are refused where it is declared, with what to write instead."""

from __future__ import annotations

from typing import Any

import pytest

from dashkit.alerting import Alert, Guidance, PanelRef, Severity

GUIDE = Guidance("m", "i", "d", "mi", "e")


def alert(**changes: Any) -> Alert:
    fields: dict[str, Any] = dict(
        name="QueueGrowing", expr="queue:queue_net_inflow:rate15m > 0", for_="30m",
        severity=Severity.WARNING, team="pipeline", summary="s", description="d",
        panel=PanelRef("queue-depth", "net-inflow"), guidance=GUIDE)
    fields.update(changes)
    return Alert(**fields)


def test_a_well_formed_alert_is_accepted() -> None:
    assert alert().name == "QueueGrowing"
    assert alert(for_="1h30m").for_ == "1h30m"


@pytest.mark.parametrize("changes, message", [
    ({"name": "queue growing"}, "must be CamelCase"),
    ({"name": "queueGrowing"}, "must be CamelCase"),
    ({"expr": "  "}, "expr is empty"),
    ({"for_": "10 minutes"}, "is not a Prometheus duration"),
    ({"for_": "1.5h"}, "is not a Prometheus duration"),
    ({"severity": "critical"}, "severity must be Severity.CRITICAL"),
    ({"team": ""}, "team is empty"),
    ({"summary": " "}, "summary is empty"),
    ({"panel": ("queue-depth", "net-inflow")}, "panel must be a PanelRef"),
    ({"labels": {"severity": "page"}}, "labels cannot set severity"),
    ({"labels": {"bad-label": "x"}}, "is not a label name"),
    ({"inhibits": "QueueNoConsumers"}, "inhibits must be a tuple"),
])
def test_mistakes_are_refused_with_the_fix(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        alert(**changes)


def test_guidance_names_every_missing_part() -> None:
    with pytest.raises(ValueError, match="Guidance needs impact, escalate"):
        Guidance("m", " ", "d", "mi", "")


def test_a_panel_is_named_by_dashboard_uid_and_key() -> None:
    with pytest.raises(ValueError, match="PanelRef needs a dashboard uid and a panel key"):
        PanelRef("queue-depth", "")
    assert PanelRef("queue-depth", "net-inflow").panel_id == 497515476
