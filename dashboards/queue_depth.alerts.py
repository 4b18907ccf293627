"""Alerts on the Redis job queues: messages wait too long, backlog grows, nobody consumes."""

from _objectives import QUEUE_AGE_MAX_SECONDS, QUEUE_DEPTH_WARNING

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import QUEUE_CONSUMERS, QUEUE_DEPTH, QUEUE_NET_INFLOW, QUEUE_OLDEST_AGE

DEPTH = f"max by (queue) ({QUEUE_DEPTH.select()})"

alerts = [
    Alert(
        "QueueOldestMessageTooOld",
        expr=f"max by (queue) ({QUEUE_OLDEST_AGE.select()}) > {QUEUE_AGE_MAX_SECONDS}",
        for_="5m",
        severity=Severity.WARNING,
        team="pipeline",
        service="job-queue",
        summary="Queue {{ $labels.queue }}: the oldest message has waited "
                "{{ $value | humanizeDuration }}",
        description=f"A message in queue {{{{ $labels.queue }}}} has waited more than "
                    f"{QUEUE_AGE_MAX_SECONDS // 60} minutes for a worker, for 5 minutes.",
        panel=PanelRef("queue-depth", "oldest-message-age"),
        guidance=Guidance(
            meaning="Consumers of the queue fall behind: the delay a new job sees before a "
                    "worker picks it up is over the limit.",
            impact="Every tenant's jobs through that queue start late; publishing is delayed "
                   "by at least that long.",
            diagnose="- Compare enqueue and dequeue rates on [Queue depth](/d/queue-depth): "
                     "dequeue at zero means stalled consumers, dequeue below enqueue means "
                     "too few.\n"
                     "- Check the consumers panel and the worker deployments in "
                     "[Nodes, disks and Kubernetes](/d/nodes).",
            mitigate="- Too few consumers: scale the workers of that queue.\n"
                     "- Stalled consumers: restart them.\n"
                     "- A flood from one tenant: rate-limit that tenant at the gateway.",
            escalate="The pipeline team handles it in working hours. If the age passes an "
                     "hour, or [JobsStuck](JobsStuck.md) fires too, page the pipeline "
                     "on-call.",
        ),
    ),
    Alert(
        "QueueGrowing",
        expr=f"{QUEUE_NET_INFLOW.select()} > 0\nand on (queue)\n{DEPTH} > {QUEUE_DEPTH_WARNING}",
        for_="30m",
        severity=Severity.WARNING,
        team="pipeline",
        service="job-queue",
        summary="Queue {{ $labels.queue }} grows by {{ $value | humanize }} messages/s",
        description=f"Queue {{{{ $labels.queue }}}} holds more than {QUEUE_DEPTH_WARNING} "
                    "messages and has taken in more than it gave out for 30 minutes.",
        panel=PanelRef("queue-depth", "net-inflow"),
        guidance=Guidance(
            meaning="The backlog is large and still growing: consumers drain less than "
                    "arrives.",
            impact="Waiting time grows for every job in the queue; if it goes on, Redis "
                   "memory fills ([RedisMemoryNearMax](RedisMemoryNearMax.md)).",
            diagnose="- On [Queue depth](/d/queue-depth), see whether the enqueue rate jumped "
                     "(a burst of submissions) or the dequeue rate dropped (slower "
                     "workers).\n"
                     "- Slower workers: [Extraction latency](/d/extraction-latency) shows "
                     "which stage and source slowed.",
            mitigate="- Scale the consumers; the time-to-drain panel shows when it empties "
                     "at the new pace.\n"
                     "- A burst from one tenant: throttle that tenant.",
            escalate="The pipeline team; page the on-call if Redis memory passes 80% or the "
                     "oldest message waits over an hour.",
        ),
    ),
    Alert(
        "QueueNoConsumers",
        expr=f"max by (queue) ({QUEUE_CONSUMERS.select()}) == 0\nand on (queue)\n{DEPTH} > 0",
        for_="5m",
        severity=Severity.CRITICAL,
        team="pipeline",
        service="job-queue",
        summary="Queue {{ $labels.queue }} has messages and no consumers",
        description="Nothing has been attached to queue {{ $labels.queue }} for 5 minutes "
                    "while messages wait in it.",
        panel=PanelRef("queue-depth", "consumers"),
        guidance=Guidance(
            meaning="No worker listens on the queue; whatever waits there will wait forever.",
            impact="All jobs routed through that queue stop for every tenant.",
            diagnose="- Are the workers of that queue deployed and ready? See Deployments "
                     "in [Nodes, disks and Kubernetes](/d/nodes).\n"
                     "- Workers up but not attached: their logs show why they cannot reach "
                     "Redis or subscribe.",
            mitigate="- Scale the worker deployment up from zero, or restart it.\n"
                     "- Roll back a deploy that renamed the queue.",
            escalate="Pages the pipeline on-call; bring in platform-sre if the workers "
                     "cannot be scheduled (nodes or quotas).",
        ),
    ),
]
