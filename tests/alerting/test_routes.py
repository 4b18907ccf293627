"""The generated Alertmanager configuration, proven by Alertmanager's amtool and by a running
Alertmanager: who gets each severity and team, what is silenced while what fires, and that no
secret is ever in the file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from conftest import REPO
from live import free_port, wait_until

from alerting.project import project_alerts as _alerts
from dashkit.alerting.compile import CompiledAlerts
from dashkit.alerting.model import Severity
from dashkit.alerting.routes import alertmanager_config, duration, receivers_for
from dashkit.config import load_config

CONFIG = REPO / "provisioning" / "alertmanager" / "alertmanager.yml"

EXPECTED = {
    # (severity, team) -> receivers, in order; written out by hand from the routing.
    ("critical", "pipeline"): "pagerduty,slack-incidents",
    ("critical", "platform-sre"): "pagerduty,slack-incidents",
    ("critical", "publishing"): "pagerduty,slack-incidents",
    ("critical", "someone-else"): "pagerduty,slack-incidents",
    ("warning", "pipeline"): "team-pipeline",
    ("warning", "platform-sre"): "team-platform-sre",
    ("warning", "publishing"): "team-publishing",
    ("warning", "someone-else"): "slack-incidents",
    ("info", "pipeline"): "record-only",
    ("info", "platform-sre"): "record-only",
    ("info", "publishing"): "record-only",
    ("info", "someone-else"): "record-only",
    ("", "pipeline"): "slack-incidents",
}


def _amtool(*args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("amtool"), "amtool is missing: scripts/test installs it"
    return subprocess.run(["amtool", *args], capture_output=True, text=True, timeout=60)


def test_the_generated_configuration_passes_amtool() -> None:
    done = _amtool("check-config", str(CONFIG))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 inhibit rules" in done.stdout


@pytest.mark.parametrize("severity, team", sorted(EXPECTED), ids=lambda v: v or "none")
def test_amtool_routes_each_severity_and_team(severity: str, team: str) -> None:
    labels = [f"team={team}", "alertname=Anything", "tenant=acme"]
    if severity:
        labels.append(f"severity={severity}")
    expected = EXPECTED[(severity, team)]
    done = _amtool("config", "routes", "test", f"--config.file={CONFIG}",
                   f"--verify.receivers={expected}", *labels)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == expected


def test_every_alert_reaches_the_receivers_its_runbook_names() -> None:
    spec = load_config(REPO).alerting
    for alert in _alerts():
        expected = ",".join(receivers_for(spec, alert.alert.severity, alert.alert.team))
        done = _amtool("config", "routes", "test", f"--config.file={CONFIG}",
                       f"--verify.receivers={expected}",
                       *(f"{k}={v}" for k, v in alert.labels.items()),
                       f"alertname={alert.name}")
        assert done.returncode == 0, (alert.name, done.stdout + done.stderr)


def test_repeat_intervals_follow_severity_and_grouping_is_by_alertname_and_tenant() -> None:
    config = yaml.safe_load(CONFIG.read_text())
    route = config["route"]
    assert route["group_by"] == ["alertname", "tenant"]
    repeats = {r["receiver"]: r["repeat_interval"] for r in route["routes"]}
    assert repeats["pagerduty"] == "1h" and repeats["team-pipeline"] == "4h"
    assert repeats["record-only"] == "24h"
    assert [duration(s) for s in (3600, 90, 0.5, 86400)] == ["1h", "1m30s", "500ms", "24h"]


def test_no_secret_is_in_the_file_only_the_files_that_hold_them() -> None:
    text = CONFIG.read_text()
    config = yaml.safe_load(text)
    for receiver in config["receivers"]:
        for slack in receiver.get("slack_configs", []):
            assert "api_url" not in slack and slack["api_url_file"].startswith("/")
        for pager in receiver.get("pagerduty_configs", []):
            assert "routing_key" not in pager and "service_key" not in pager
            assert pager["routing_key_file"].startswith("/")
        for hook in receiver.get("webhook_configs", []):
            assert "?" not in hook["url"], "a bridge URL, never a webhook with its token"
    for secret_looking in ("hooks.slack.com", "outlook.office", "webhook.office",
                           "events.pagerduty.com"):
        assert secret_looking not in text


def test_inhibitions_come_from_the_alerts() -> None:
    rules = yaml.safe_load(CONFIG.read_text())["inhibit_rules"]
    by_source = {r["source_matchers"][0]: r for r in rules}
    redis = by_source['alertname="RedisDown"']
    assert redis["target_matchers"] == [
        'alertname=~"JobFailureRatioHigh|JobsStuck|QueueGrowing|QueueNoConsumers|'
        'QueueOldestMessageTooOld"']
    assert "equal" not in redis
    node = by_source['alertname="NodeDown"']
    assert node["equal"] == ["instance"]
    assert node["target_matchers"] == ['alertname=~"DiskSpaceLow|DiskWillFillSoon|TargetDown"']


def test_without_alerts_there_are_no_inhibit_rules_and_no_team_routes() -> None:
    spec = load_config(REPO).alerting
    bare = alertmanager_config(type(spec)(), CompiledAlerts((), ()))
    assert "inhibit_rules" not in bare
    assert [r["receiver"] for r in bare["route"]["routes"]] == [
        "pagerduty", "slack-incidents", "record-only"]
    assert receivers_for(type(spec)(), Severity.WARNING, "pipeline") == ["slack-incidents"]


@pytest.fixture(scope="module")
def alertmanager(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Alertmanager with the generated configuration: the one scripts/test started
    (ALERTMANAGER_URL), or one started here."""
    url = os.environ.get("ALERTMANAGER_URL")
    if url:
        yield url.rstrip("/")
        return
    binary = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
    assert binary, "prometheus-alertmanager is missing: scripts/test installs it"
    work = tmp_path_factory.mktemp("alertmanager")
    port = free_port()
    process = subprocess.Popen(
        [binary, f"--config.file={CONFIG}", f"--storage.path={work}",
         f"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
        stdout=(work / "log").open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: bool(urllib.request.urlopen(f"{url}/-/ready", timeout=1)),
                   "Alertmanager is ready", timeout=10, log=work / "log")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _post(url: str, alerts: list[dict[str, Any]]) -> None:
    request = urllib.request.Request(f"{url}/api/v2/alerts", json.dumps(alerts).encode(),
                                     {"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.status == 200


def _status(url: str, run: str) -> dict[str, dict[str, Any]]:
    with urllib.request.urlopen(f"{url}/api/v2/alerts?filter=run%3D%22{run}%22",
                                timeout=5) as answer:
        found = json.load(answer)
    return {f"{a['labels']['alertname']} {a['labels'].get('instance', '')}".strip(): a["status"]
            for a in found}


def test_a_running_alertmanager_loaded_exactly_the_generated_file(alertmanager: str) -> None:
    with urllib.request.urlopen(f"{alertmanager}/api/v2/status", timeout=5) as answer:
        original = json.load(answer)["config"]["original"]
    loaded, ours = yaml.safe_load(original), yaml.safe_load(CONFIG.read_text())
    assert [r["name"] for r in loaded["receivers"]] == [r["name"] for r in ours["receivers"]]
    assert [(r["receiver"], r["matchers"]) for r in loaded["route"]["routes"]] == [
        (r["receiver"], r["matchers"]) for r in ours["route"]["routes"]]
    assert len(loaded["inhibit_rules"]) == len(ours["inhibit_rules"])


def test_a_running_alertmanager_silences_what_redis_and_node_outages_cause(
        alertmanager: str) -> None:
    run = f"t{time.time_ns()}"

    def alert(name: str, severity: str, **labels: str) -> dict[str, Any]:
        return {"labels": {"alertname": name, "severity": severity, "team": "x", "run": run,
                           **labels}}

    _post(alertmanager, [
        alert("RedisDown", "critical", instance="redis-exporter:9121"),
        alert("QueueGrowing", "warning", queue="extract"),
        alert("JobsStuck", "critical", job_type="transcode"),
        alert("NodeDown", "critical", instance="n1:9100"),
        alert("DiskSpaceLow", "warning", instance="n1:9100", mountpoint="/data"),
        alert("DiskSpaceLow", "warning", instance="n2:9100", mountpoint="/data"),
        alert("PostgresConnectionsSaturated", "warning", instance="pg:9187"),
    ])
    status = _status(alertmanager, run)
    suppressed = {name for name, s in status.items() if s["state"] == "suppressed"}
    assert suppressed == {"QueueGrowing", "JobsStuck", "DiskSpaceLow n1:9100"}, status
    assert status["DiskSpaceLow n2:9100"]["inhibitedBy"] == []
