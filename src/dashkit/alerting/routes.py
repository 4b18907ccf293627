"""The Alertmanager configuration, from ``alerting:`` in dashboards.yaml and the alerts.

Critical alerts page through PagerDuty and post to the Slack incident channel; warnings go to
the owning team's Slack channel or MS Teams (through a bridge); info alerts are kept in
Alertmanager, not sent. Anything no route matches still reaches the incident channel.
Inhibitions come from the alerts (``inhibits=``). Secrets are read by Alertmanager from files
(``*_file``); this file only names them.
"""

from __future__ import annotations

from typing import Any

from dashkit.alerting.compile import CompiledAlerts
from dashkit.alerting.model import Severity
from dashkit.model import AlertingSpec, TeamRoute

PAGERDUTY = "pagerduty"
INCIDENTS = "slack-incidents"
RECORD_ONLY = "record-only"

_SLACK_TITLE = ("[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}"
                "{{ end }}] {{ .CommonLabels.alertname }}")
_SLACK_TEXT = ("{{ range .Alerts }}*{{ .Annotations.summary }}*\n{{ .Annotations.description }}\n"
               "<{{ .Annotations.runbook_url }}|Runbook> | "
               "<{{ .Annotations.dashboard_url }}|Dashboard>\n{{ end }}")
_PAGERDUTY_DESCRIPTION = ("{{ .CommonLabels.alertname }}: "
                          "{{ (index .Alerts 0).Annotations.summary }}")


def team_receiver(team: str) -> str:
    return f"team-{team}"


def receivers_for(spec: AlertingSpec, severity: Severity, team: str) -> list[str]:
    """The receivers an alert of ``severity`` owned by ``team`` reaches, in order."""
    if severity is Severity.CRITICAL:
        return [PAGERDUTY, INCIDENTS]
    if severity is Severity.INFO:
        return [RECORD_ONLY]
    return [team_receiver(team)] if team in spec.teams else [INCIDENTS]


def alertmanager_config(spec: AlertingSpec, compiled: CompiledAlerts) -> dict[str, Any]:
    repeat = {s: duration(spec.repeat_interval[s.value]) for s in Severity}
    routes: list[dict[str, Any]] = [
        {"receiver": PAGERDUTY, "matchers": ['severity="critical"'],
         "repeat_interval": repeat[Severity.CRITICAL], "continue": True},
        {"receiver": INCIDENTS, "matchers": ['severity="critical"'],
         "repeat_interval": repeat[Severity.CRITICAL]},
    ]
    routes += [{"receiver": team_receiver(team),
                "matchers": ['severity="warning"', f'team="{team}"'],
                "repeat_interval": repeat[Severity.WARNING]} for team in sorted(spec.teams)]
    routes.append({"receiver": RECORD_ONLY, "matchers": ['severity="info"'],
                   "repeat_interval": repeat[Severity.INFO]})
    config: dict[str, Any] = {
        "route": {"receiver": INCIDENTS, "group_by": list(spec.group_by),
                  "group_wait": duration(spec.group_wait),
                  "group_interval": duration(spec.group_interval),
                  "repeat_interval": repeat[Severity.WARNING], "routes": routes},
        "receivers": [
            {"name": PAGERDUTY, "pagerduty_configs": [{
                "routing_key_file": spec.pagerduty_routing_key_file, "send_resolved": True,
                "description": _PAGERDUTY_DESCRIPTION,
                "links": [{"href": "{{ (index .Alerts 0).Annotations.runbook_url }}",
                           "text": "Runbook"},
                          {"href": "{{ (index .Alerts 0).Annotations.dashboard_url }}",
                           "text": "Dashboard"}]}]},
            _slack(INCIDENTS, spec, spec.slack_channel),
            *(_team(team, route, spec) for team, route in sorted(spec.teams.items())),
            {"name": RECORD_ONLY},
        ],
    }
    inhibit = _inhibit_rules(compiled)
    if inhibit:
        config["inhibit_rules"] = inhibit
    return config


def _slack(name: str, spec: AlertingSpec, channel: str) -> dict[str, Any]:
    return {"name": name, "slack_configs": [{
        "api_url_file": spec.slack_api_url_file, "channel": channel, "send_resolved": True,
        "title": _SLACK_TITLE, "text": _SLACK_TEXT}]}


def _team(team: str, route: TeamRoute, spec: AlertingSpec) -> dict[str, Any]:
    if route.slack_channel:
        return _slack(team_receiver(team), spec, route.slack_channel)
    return {"name": team_receiver(team),
            "webhook_configs": [{"url": route.msteams_url, "send_resolved": True}]}


def _inhibit_rules(compiled: CompiledAlerts) -> list[dict[str, Any]]:
    rules = []
    for item in compiled.alerts:
        alert = item.alert
        if not alert.inhibits:
            continue
        targets = "|".join(sorted(alert.inhibits))
        rule: dict[str, Any] = {"source_matchers": [f'alertname="{alert.name}"'],
                                "target_matchers": [f'alertname=~"{targets}"']}
        if alert.inhibit_equal:
            rule["equal"] = list(alert.inhibit_equal)
        rules.append(rule)
    return rules


def duration(seconds: float) -> str:
    """Seconds as Alertmanager writes a duration: 3600 -> ``1h``, 90 -> ``1m30s``."""
    whole = round(seconds)
    if whole * 1000 != round(seconds * 1000):
        return f"{round(seconds * 1000)}ms"
    parts = []
    for unit, size in (("h", 3600), ("m", 60), ("s", 1)):
        if whole >= size:
            parts.append(f"{whole // size}{unit}")
            whole %= size
    return "".join(parts) or "0s"
