"""PostgreSQL: the platform's database. Up, connections against max_connections, load."""

from _objectives import PG_CONNECTIONS_MAX_RATIO

from dashkit.catalog import (
    PG_BACKENDS,
    PG_DATABASE_SIZE,
    PG_DEADLOCKS,
    PG_MAX_CONNECTIONS,
    PG_MAX_TX_DURATION,
    PG_UP,
    PG_XACT_COMMIT,
    PG_XACT_ROLLBACK,
)
from dashkit.style import Row, dashboard, explore_logs_link, panels, recipes, variables
from dashkit.style import queries as q
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import higher_is_better, lower_is_better

dashboard = dashboard(
    uid="postgres",
    title="PostgreSQL",
    folder="Platform/Infrastructure",
    tags=["infrastructure", "postgresql"],
    description="The PostgreSQL under the gateway and the scheduler: whether it is up, how "
                "many connections are left, transactions, deadlocks and size.",
    variables=variables.standard(),
    links=[explore_logs_link("postgres")],
    rows=[
        Row("Health", [
            panels.stat(
                "PostgreSQL up", unit="bool", key="postgres-up", width=6,
                thresholds=higher_is_better(1, 0.5),
                description="1 when the exporter reaches PostgreSQL. 0 means jobs cannot be "
                            "created or updated (PostgresDown).",
                targets=[PromTarget(f"min by (instance) ({PG_UP.select()})",
                                    legend="{{instance}}")]),
            panels.timeseries(
                "Connections used of max_connections", unit="percentunit",
                key="connections-used", width=18, min=0, max=1, threshold_style="line",
                thresholds=lower_is_better(PG_CONNECTIONS_MAX_RATIO * 0.8,
                                           PG_CONNECTIONS_MAX_RATIO),
                description="Backends connected, as a share of max_connections. Above the red "
                            "line for 10 minutes, PostgresConnectionsSaturated fires; at 100% "
                            "new connections are refused.",
                targets=[PromTarget(
                    f"sum by (instance) ({PG_BACKENDS.select()})\n/\n"
                    f"(max by (instance) ({PG_MAX_CONNECTIONS.select()}) > 0)",
                    legend="{{instance}}")]),
        ]),
        Row("Load", [
            panels.timeseries(
                "Transactions per second", unit="ops",
                description="Commits and rollbacks per second, all databases.",
                targets=[
                    PromTarget(q.rate(PG_XACT_COMMIT), legend="commit"),
                    PromTarget(q.rate(PG_XACT_ROLLBACK), legend="rollback"),
                ]),
            recipes.rate_by(
                PG_DEADLOCKS, title="Deadlocks per second", by=("datname",),
                description="Deadlocks detected per database; each one aborts a transaction."),
            recipes.gauge_by(
                PG_DATABASE_SIZE, title="Database size", by=("datname",),
                description="Size of each database on disk."),
            recipes.gauge_by(
                PG_MAX_TX_DURATION, title="Oldest open transaction", by=("datname",),
                agg="max",
                description="Age of the oldest open transaction per database; long ones hold "
                            "locks and stop vacuum."),
        ]),
    ],
)
