"""Queue depth: how much work waits in the Redis job queues, for how long, and who drains it."""

from _objectives import (
    QUEUE_AGE_MAX_SECONDS,
    QUEUE_AGE_WARNING,
    QUEUE_DEPTH_CRITICAL,
    QUEUE_DEPTH_WARNING,
)

from dashkit.catalog import (
    QUEUE_CONSUMERS,
    QUEUE_DEPTH,
    QUEUE_DEQUEUED,
    QUEUE_ENQUEUED,
    QUEUE_NET_INFLOW,
    QUEUE_OLDEST_AGE,
    REDIS_KEY_SIZE,
)
from dashkit.style import Row, dashboard, explore_logs_link, panels, recipes, variables
from dashkit.style import queries as q
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import lower_is_better, steps

SEL = {"queue": "$queue"}
DEPTH_WARNING, DEPTH_CRITICAL = QUEUE_DEPTH_WARNING, QUEUE_DEPTH_CRITICAL
AGE_WARNING, AGE_CRITICAL = QUEUE_AGE_WARNING, QUEUE_AGE_MAX_SECONDS

dashboard = dashboard(
    uid="queue-depth",
    title="Queue depth",
    folder="Platform/Pipeline",
    tags=["pipeline", "queue", "redis"],
    description="The Redis job queues between the gateway and the workers: backlog, waiting "
                "time, flow in and out, consumers and time to drain.",
    variables=variables.standard(variables.queue()),
    links=[explore_logs_link()],
    rows=[
        Row("Backlog", [
            recipes.queue_depth(QUEUE_DEPTH, warning=DEPTH_WARNING, critical=DEPTH_CRITICAL,
                                **SEL),
            recipes.oldest_message_age(QUEUE_OLDEST_AGE, warning=AGE_WARNING,
                                       critical=AGE_CRITICAL, **SEL),
        ]),
        Row("Flow", [
            panels.timeseries(
                "Enqueue vs dequeue rate", unit="ops",
                description="Messages added and taken per second per queue. Dequeue below "
                            "enqueue for long means the backlog grows.",
                targets=[
                    PromTarget(q.rate(QUEUE_ENQUEUED, ("queue",), **SEL),
                               legend="{{queue}} enqueued"),
                    PromTarget(q.rate(QUEUE_DEQUEUED, ("queue",), **SEL),
                               legend="{{queue}} dequeued"),
                ]),
            panels.timeseries(
                "Net inflow", unit="ops", key="net-inflow",
                thresholds=steps("green", ("orange", 0)), threshold_style="line",
                description="Messages added minus taken per second over 15 minutes (the "
                            "recorded series QueueGrowing reads). Above 0 the backlog grows; "
                            "with the depth over its warning level for 30 minutes, it fires.",
                targets=[PromTarget(QUEUE_NET_INFLOW.select(**SEL), legend="{{queue}}")]),
            recipes.gauge_by(
                QUEUE_CONSUMERS, title="Consumers", by=("queue",), agg="max", **SEL,
                description="Consumers attached to each queue. Zero with a backlog means "
                            "nothing is draining it: check the worker deployments."),
            panels.timeseries(
                "Time to drain", unit="s",
                thresholds=lower_is_better(600, 3600), threshold_style="line",
                description="Backlog divided by the net drain rate: how long until the queue "
                            "is empty at the current pace. Empty when the queue is growing.",
                targets=[PromTarget(
                    f"max by (queue) ({QUEUE_DEPTH.select(**SEL)})\n/\n"
                    f"({q.rate(QUEUE_DEQUEUED, ('queue',), **SEL)} - "
                    f"{q.rate(QUEUE_ENQUEUED, ('queue',), **SEL)} > 0)",
                    legend="{{queue}}")]),
            panels.timeseries(
                "Redis list length", unit="short",
                description="The queue lists as Redis itself reports them (redis_exporter "
                            "--check-keys). Should match Queue depth; if not, the queue "
                            "service's own metric is wrong.",
                thresholds=steps("green"),
                targets=[PromTarget(f"max by (key) ({REDIS_KEY_SIZE.select(key='=~jobs:.*')})",
                                    legend="{{key}}")]),
        ]),
    ],
)
