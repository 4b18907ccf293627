"""Monitoring health: whether Prometheus scrapes every target and Alertmanager delivers."""

from dashkit.catalog import ALERTMANAGER_NOTIFICATIONS, ALERTMANAGER_NOTIFICATIONS_FAILED, UP
from dashkit.style import Row, dashboard, panels, recipes, variables
from dashkit.style import queries as q
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import higher_is_better, steps

dashboard = dashboard(
    uid="monitoring",
    title="Monitoring health",
    folder="Platform/Infrastructure",
    tags=["infrastructure", "monitoring"],
    description="The monitoring itself: targets Prometheus cannot scrape (their dashboards "
                "go blank, their alerts cannot fire) and notifications Alertmanager cannot "
                "deliver.",
    variables=variables.standard(),
    rows=[
        Row("Prometheus", [
            panels.timeseries(
                "Targets up", unit="bool", key="targets-up", width=24, min=0, max=1,
                thresholds=higher_is_better(1, 0.5), threshold_style="line",
                description="1 while Prometheus scrapes each target. 0 for 5 minutes fires "
                            "TargetDown: that service's panels and alerts see nothing.",
                targets=[PromTarget(f"min by (job, instance) ({UP.select()})",
                                    legend="{{job}} {{instance}}")]),
        ]),
        Row("Alertmanager", [
            panels.timeseries(
                "Failed notifications per second", unit="ops", key="notifications-failed",
                thresholds=steps("green", ("red", 0.001)), threshold_style="line",
                description="Notifications Alertmanager could not send, per integration. "
                            "Lasting failures fire AlertmanagerNotificationsFailing: pages and "
                            "messages are not arriving.",
                targets=[PromTarget(q.rate(ALERTMANAGER_NOTIFICATIONS_FAILED, ("integration",)),
                                    legend="{{integration}}")]),
            recipes.rate_by(
                ALERTMANAGER_NOTIFICATIONS, title="Notifications per second",
                by=("integration",),
                description="Notifications Alertmanager tried to send, per integration."),
        ]),
    ],
)
