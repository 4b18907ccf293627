"""Alert modules are found beside the dashboards and run in isolation; a broken or hostile one
is reported with its file and line, and never stops the others from loading."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import WriteModule, plain_module

from dashkit.alerting.load import load_alerts
from dashkit.build.discover import find_modules

ALERT_MODULE = '''
from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import QUEUE_NET_INFLOW

alerts = [
    Alert(
        "QueueGrowing",
        expr=f"{QUEUE_NET_INFLOW.select()} > 0",
        for_="30m",
        severity=Severity.WARNING,
        team="pipeline",
        summary="Queue {{ $labels.queue }} grows",
        description="It grows.",
        panel=PanelRef("queues", "net-inflow"),
        guidance=Guidance("m", "i", "d", "mi", "e"),
    ),
]
'''


def test_alert_modules_are_not_dashboards_and_dashboards_are_not_alert_modules(
        project: Path, write_module: WriteModule) -> None:
    write_module("queues.py", plain_module("queues"))
    write_module("queues.alerts.py", ALERT_MODULE)
    write_module("team/jobs.alerts.py", ALERT_MODULE.replace("QueueGrowing", "JobsStuck"))
    write_module("_helpers/x.alerts.py", ALERT_MODULE)
    root = project / "dashboards"
    assert [p.name for p in find_modules([root])] == ["queues.py"]
    loaded = load_alerts([root], project)
    assert loaded.problems == () and loaded.modules == 2
    assert [(a.alert.name, a.source, a.line, a.group) for a in loaded.alerts] == [
        ("QueueGrowing", "dashboards/queues.alerts.py", 7, "queues"),
        ("JobsStuck", "dashboards/team/jobs.alerts.py", 7, "jobs")]


def test_a_wrong_label_fails_at_the_line_that_declares_it(
        project: Path, write_module: WriteModule) -> None:
    write_module("queues.alerts.py", ALERT_MODULE.replace(
        "QUEUE_NET_INFLOW.select()", "QUEUE_NET_INFLOW.select(tenant='acme')"))
    write_module("jobs.alerts.py", ALERT_MODULE.replace("QueueGrowing", "JobsStuck"))
    loaded = load_alerts([project / "dashboards"], project)
    assert [a.alert.name for a in loaded.alerts] == ["JobsStuck"]
    [problem] = loaded.problems
    assert problem.location.path == "dashboards/queues.alerts.py"
    assert problem.location.line == 8
    assert "defining the alerts failed" in problem.summary
    assert "has no label 'tenant'" in problem.summary


def test_hostile_and_broken_modules_are_reported_not_trusted(
        project: Path, write_module: WriteModule) -> None:
    write_module("exits.alerts.py", "import sys\nsys.exit(3)\n")
    write_module("prints.alerts.py", "print('hello')\n" + ALERT_MODULE)
    write_module("syntax.alerts.py", "alerts = [\n")
    write_module("none.alerts.py", "X = 1\n")
    write_module("wrong.alerts.py", "alerts = 'QueueGrowing'\n")
    write_module("items.alerts.py", "alerts = [1, 2]\n")
    modules_before = set(sys.modules)
    loaded = load_alerts([project / "dashboards"], project)
    assert not any(name.startswith("_dashkit_module_") for name in set(sys.modules)
                   - modules_before)
    summaries = {p.location.path: p.summary for p in loaded.problems}
    assert "SystemExit: 3" in summaries["dashboards/exits.alerts.py"]
    assert summaries["dashboards/prints.alerts.py"].startswith("printed while building")
    assert summaries["dashboards/syntax.alerts.py"].startswith("syntax error")
    assert summaries["dashboards/none.alerts.py"] == "defines no alerts"
    assert summaries["dashboards/wrong.alerts.py"] == (
        "'alerts' is a str, expected a list of Alert")
    assert summaries["dashboards/items.alerts.py"] == (
        "alerts[1] is a int, expected a dashkit.alerting.Alert")
    assert [a.alert.name for a in loaded.alerts] == ["QueueGrowing"]


def test_an_alert_module_that_ends_the_process_or_hangs_is_named(
        project: Path, write_module: WriteModule) -> None:
    write_module("exits.alerts.py", "import os\nos._exit(0)\n")
    write_module("hangs.alerts.py", "while True:\n    pass\n")
    write_module("queues.alerts.py", ALERT_MODULE)
    loaded = load_alerts([project / "dashboards"], project, module_timeout=2)
    assert [a.alert.name for a in loaded.alerts] == ["QueueGrowing"]
    summaries = {p.location.path: p.summary for p in loaded.problems}
    assert summaries["dashboards/exits.alerts.py"].startswith("ended the process that ran it")
    assert summaries["dashboards/hangs.alerts.py"].startswith("did not finish within 2 s")
