"""Alerts on the monitoring itself: targets not scraped, notifications not delivered."""

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import ALERTMANAGER_NOTIFICATIONS_FAILED, UP

alerts = [
    Alert(
        "TargetDown",
        expr=f"min by (job, instance) ({UP.select()}) == 0",
        for_="5m",
        severity=Severity.WARNING,
        team="platform-sre",
        summary="Prometheus cannot scrape {{ $labels.job }} on {{ $labels.instance }}",
        description="The scrape of {{ $labels.job }} at {{ $labels.instance }} has failed "
                    "for 5 minutes.",
        panel=PanelRef("monitoring", "targets-up"),
        guidance=Guidance(
            meaning="A service or exporter stopped answering Prometheus.",
            impact="Its panels go blank and its alerts cannot fire: a real problem there "
                   "would go unseen.",
            diagnose="- Prometheus's Targets page shows the scrape error (connection "
                     "refused, timeout, 404).\n"
                     "- Is the service itself down? Its pod status on "
                     "[Nodes, disks and Kubernetes](/d/nodes).",
            mitigate="- Restart the exporter or fix its address in the scrape configuration.",
            escalate="platform-sre in working hours; the service's owner if the service "
                     "itself is down.",
        ),
    ),
    Alert(
        "AlertmanagerNotificationsFailing",
        expr=f"sum by (integration) "
             f"(rate({ALERTMANAGER_NOTIFICATIONS_FAILED.select()}[10m])) > 0",
        for_="10m",
        severity=Severity.CRITICAL,
        team="platform-sre",
        summary="Alertmanager cannot deliver {{ $labels.integration }} notifications",
        description="Notifications through {{ $labels.integration }} have been failing for "
                    "10 minutes.",
        panel=PanelRef("monitoring", "notifications-failed"),
        guidance=Guidance(
            meaning="Alerts fire but their messages or pages do not arrive through one "
                    "integration. This alert goes through every route of its severity, so "
                    "it reaches people by the integrations that still work.",
            impact="Responders are not told about other alerts: incidents go unseen.",
            diagnose="- Alertmanager's log names the error: an expired Slack webhook, a "
                     "revoked PagerDuty key, the MS Teams bridge down, or no egress.\n"
                     "- Check the secret files the configuration names (`*_file`).",
            mitigate="- Rotate the webhook or key into its secret file and reload "
                     "Alertmanager.\n"
                     "- Meanwhile, watch Alertmanager's UI for firing alerts.",
            escalate="Pages platform-sre (PagerDuty works if Slack is what fails; if "
                     "PagerDuty fails, the Slack incident channel gets it).",
        ),
    ),
]
