"""Alerts on the Redis of the job queues: down, or close to maxmemory."""

from _objectives import REDIS_MEMORY_MAX_RATIO

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import REDIS_MEMORY_MAX, REDIS_MEMORY_USED, REDIS_UP

alerts = [
    Alert(
        "RedisDown",
        expr=f"min by (instance) ({REDIS_UP.select()}) == 0",
        for_="2m",
        severity=Severity.CRITICAL,
        team="platform-sre",
        service="redis",
        summary="Redis {{ $labels.instance }} is down: the job queues are gone",
        description="The Redis exporter on {{ $labels.instance }} cannot reach Redis, for 2 "
                    "minutes.",
        panel=PanelRef("redis", "redis-up"),
        inhibits=("QueueOldestMessageTooOld", "QueueGrowing", "QueueNoConsumers",
                  "JobFailureRatioHigh", "JobsStuck"),
        guidance=Guidance(
            meaning="The Redis that holds the job queues does not answer. Queue and job "
                    "alerts are silenced while this fires: they are its consequences.",
            impact="The gateway cannot accept jobs and workers cannot take them: the whole "
                   "pipeline stops for every tenant.",
            diagnose="- `kubectl get pods` for Redis: crash looping, OOMKilled (see Container "
                     "restarts on [Nodes, disks and Kubernetes](/d/nodes)), or pending?\n"
                     "- Its volume full? [DiskSpaceLow](DiskSpaceLow.md) on the node.",
            mitigate="- Restart the pod if it hangs; if it was OOMKilled, raise its memory "
                     "limit and maxmemory together.\n"
                     "- After it is back, check [Queue depth](/d/queue-depth): the backlog "
                     "drains on its own.",
            escalate="Pages platform-sre. If data was lost (no persistence), tell the "
                     "pipeline team: queued jobs must be resubmitted.",
        ),
    ),
    Alert(
        "RedisMemoryNearMax",
        expr=f"max by (instance) ({REDIS_MEMORY_USED.select()})\n/\n"
             f"(max by (instance) ({REDIS_MEMORY_MAX.select()}) > 0)\n"
             f"> {REDIS_MEMORY_MAX_RATIO}",
        for_="10m",
        severity=Severity.WARNING,
        team="platform-sre",
        service="redis",
        summary="Redis {{ $labels.instance }} uses {{ $value | humanizePercentage }} of "
                "maxmemory",
        description=f"Redis on {{{{ $labels.instance }}}} has used more than "
                    f"{REDIS_MEMORY_MAX_RATIO:.0%} of its maxmemory for 10 minutes.",
        panel=PanelRef("redis", "memory-used"),
        guidance=Guidance(
            meaning="Redis is close to its memory limit.",
            impact="At the limit Redis evicts keys or refuses writes, depending on its "
                   "policy: queued jobs can be lost, or the gateway fails to enqueue.",
            diagnose="- Is it the queues? [Queue depth](/d/queue-depth) shows the backlog; "
                     "a growing backlog is the usual cause "
                     "([QueueGrowing](QueueGrowing.md)).\n"
                     "- Otherwise look for big keys: `redis-cli --bigkeys`.",
            mitigate="- Drain the backlog (scale the consumers).\n"
                     "- Raise maxmemory together with the pod's memory limit.",
            escalate="platform-sre; page if evictions start (Evicted keys on "
                     "[Redis](/d/redis)).",
        ),
    ),
]
