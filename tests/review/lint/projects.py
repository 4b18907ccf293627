"""Scratch projects for the lint command tests: a clean module and ones with findings."""

from __future__ import annotations

import textwrap

FOLDERS = ("folders: [{uid: platform, title: Platform},\n"
           "          {uid: pipeline, title: Pipeline, parent: platform}]\n")
"""The folders the scratch modules name, declared as dashboards.yaml must."""

CLEAN = textwrap.dedent('''\
    from dashkit.catalog import QUEUE_DEPTH, QUEUE_OLDEST_AGE
    from dashkit.style import Row, dashboard, recipes, variables

    dashboard = dashboard(
        uid="queue-depth",
        title="Queue depth",
        folder="Platform/Pipeline",
        description="Backlog and waiting time of the Redis job queues.",
        variables=variables.standard(variables.queue()),
        rows=[
            Row("Backlog", [
                recipes.queue_depth(QUEUE_DEPTH, warning=1_000, critical=5_000,
                                    queue="$queue"),
                recipes.oldest_message_age(QUEUE_OLDEST_AGE, warning=120, critical=600,
                                           queue="$queue"),
            ]),
        ],
    )
    ''')


def with_panel(panel: str, uid: str = "findings") -> str:
    """A plain grafanalib module with one clean stat panel and the given one."""
    return textwrap.dedent(f'''\
        from grafanalib.core import Dashboard, GridPos, Stat, Target, TimeSeries

        folder = "Platform"
        dashboard = Dashboard(
            title="Findings",
            uid={uid!r},
            panels=[
                Stat(title="Depth", description="Waiting jobs.", format="short",
                     targets=[Target(expr="max(queue_depth)")],
                     gridPos=GridPos(h=4, w=6, x=0, y=0)),
                {panel},
            ],
        )
        ''')


NO_UNIT = ('TimeSeries(title="Enqueued", description="Jobs enqueued per second.",\n'
           '                   targets=[Target(expr="sum(rate(queue_enqueued_total'
           '[$__rate_interval]))")],\n'
           '                   gridPos=GridPos(h=8, w=12, x=6, y=0))')
"""A panel with one warning: no unit."""

UNKNOWN_METRIC = ('TimeSeries(title="Enqueued", description="Jobs enqueued per second.",\n'
                  '                   unit="ops",\n'
                  '                   targets=[Target(expr="sum(rate(queue_enqued_total'
                  '[$__rate_interval]))")],\n'
                  '                   gridPos=GridPos(h=8, w=12, x=6, y=0))')
"""A panel with one error: a metric that is not in the catalog."""
