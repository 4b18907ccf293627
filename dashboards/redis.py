"""Redis: the job queue's store. Up, memory against maxmemory, clients, load and evictions."""

from _objectives import REDIS_MEMORY_MAX_RATIO

from dashkit.catalog import (
    REDIS_BLOCKED_CLIENTS,
    REDIS_COMMANDS_PROCESSED,
    REDIS_CONNECTED_CLIENTS,
    REDIS_EVICTED_KEYS,
    REDIS_MEMORY_MAX,
    REDIS_MEMORY_USED,
    REDIS_REJECTED_CONNECTIONS,
    REDIS_UP,
)
from dashkit.style import (
    Row,
    dashboard,
    dashboard_link,
    explore_logs_link,
    panels,
    recipes,
    variables,
)
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import higher_is_better, lower_is_better

dashboard = dashboard(
    uid="redis",
    title="Redis",
    folder="Platform/Infrastructure",
    tags=["infrastructure", "redis", "queue"],
    description="The Redis behind the job queues: whether it is up, how close it is to "
                "maxmemory (past it, keys are evicted or writes refused), clients and load.",
    variables=variables.standard(),
    links=[dashboard_link("queue-depth", "Queue depth"), explore_logs_link("redis")],
    rows=[
        Row("Health", [
            panels.stat(
                "Redis up", unit="bool", key="redis-up", width=6,
                thresholds=higher_is_better(1, 0.5),
                description="1 when the exporter reaches Redis. 0 means the queue is gone: "
                            "the gateway cannot enqueue and workers cannot dequeue (RedisDown).",
                targets=[PromTarget(f"min by (instance) ({REDIS_UP.select()})",
                                    legend="{{instance}}")]),
            panels.timeseries(
                "Memory used of maxmemory", unit="percentunit", key="memory-used",
                width=18, min=0, max=1, threshold_style="line",
                thresholds=lower_is_better(REDIS_MEMORY_MAX_RATIO * 0.8,
                                           REDIS_MEMORY_MAX_RATIO),
                description="Memory Redis uses as a share of its maxmemory setting (empty when "
                            "maxmemory is unlimited). Above the red line for 10 minutes, "
                            "RedisMemoryNearMax fires: at 100%, keys are evicted or writes "
                            "refused, and queued jobs can be lost.",
                targets=[PromTarget(
                    f"max by (instance) ({REDIS_MEMORY_USED.select()})\n/\n"
                    f"(max by (instance) ({REDIS_MEMORY_MAX.select()}) > 0)",
                    legend="{{instance}}")]),
        ]),
        Row("Load", [
            panels.timeseries(
                "Clients", unit="short",
                description="Client connections, and those blocked in BLPOP/BRPOP (idle "
                            "queue consumers waiting for work).",
                targets=[
                    PromTarget(f"sum({REDIS_CONNECTED_CLIENTS.select()})", legend="connected"),
                    PromTarget(f"sum({REDIS_BLOCKED_CLIENTS.select()})", legend="blocked"),
                ]),
            recipes.rate_by(
                REDIS_COMMANDS_PROCESSED, title="Commands per second",
                description="Commands Redis processes per second."),
            recipes.rate_by(
                REDIS_EVICTED_KEYS, title="Evicted keys per second",
                description="Keys evicted because of maxmemory. Any eviction in the queue's "
                            "Redis can drop queued jobs."),
            recipes.rate_by(
                REDIS_REJECTED_CONNECTIONS, title="Rejected connections per second",
                description="Connections refused because of maxclients."),
        ]),
    ],
)
