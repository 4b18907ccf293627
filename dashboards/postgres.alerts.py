"""Alerts on PostgreSQL: down, or out of connections."""

from _objectives import PG_CONNECTIONS_MAX_RATIO

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import PG_BACKENDS, PG_MAX_CONNECTIONS, PG_UP

alerts = [
    Alert(
        "PostgresDown",
        expr=f"min by (instance) ({PG_UP.select()}) == 0",
        for_="2m",
        severity=Severity.CRITICAL,
        team="platform-sre",
        service="postgres",
        summary="PostgreSQL {{ $labels.instance }} is down",
        description="The PostgreSQL exporter on {{ $labels.instance }} cannot reach the "
                    "database, for 2 minutes.",
        panel=PanelRef("postgres", "postgres-up"),
        guidance=Guidance(
            meaning="The platform's database does not answer.",
            impact="Jobs cannot be created or change state: the gateway returns errors and "
                   "workers fail the jobs they hold.",
            diagnose="- Pod status and restarts on [Nodes, disks and Kubernetes](/d/nodes); "
                     "its volume space there too.\n"
                     "- Its logs: a crash, a full disk, or a failed failover.",
            mitigate="- Restart it if it hangs; free disk space if it is full.\n"
                     "- Promote the replica if the primary is lost.",
            escalate="Pages platform-sre; the database owner if a failover is needed.",
        ),
    ),
    Alert(
        "PostgresConnectionsSaturated",
        expr=f"sum by (instance) ({PG_BACKENDS.select()})\n/\n"
             f"(max by (instance) ({PG_MAX_CONNECTIONS.select()}) > 0)\n"
             f"> {PG_CONNECTIONS_MAX_RATIO}",
        for_="10m",
        severity=Severity.WARNING,
        team="platform-sre",
        service="postgres",
        summary="PostgreSQL {{ $labels.instance }}: {{ $value | humanizePercentage }} of "
                "connections in use",
        description=f"More than {PG_CONNECTIONS_MAX_RATIO:.0%} of max_connections on "
                    "{{ $labels.instance }} have been in use for 10 minutes.",
        panel=PanelRef("postgres", "connections-used"),
        guidance=Guidance(
            meaning="PostgreSQL is nearly out of connections.",
            impact="At the limit new connections are refused: the gateway and the scheduler "
                   "fail requests.",
            diagnose="- Which application holds them: `SELECT application_name, state, "
                     "count(*) FROM pg_stat_activity GROUP BY 1, 2 ORDER BY 3 DESC;`\n"
                     "- Many `idle in transaction`: a leak; see Oldest open transaction on "
                     "[PostgreSQL](/d/postgres).",
            mitigate="- Restart the leaking service.\n"
                     "- Lower pool sizes, or put a pooler (PgBouncer) in front.",
            escalate="platform-sre; page them if connections are refused.",
        ),
    ),
]
