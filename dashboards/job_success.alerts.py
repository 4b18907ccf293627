"""Alerts on jobs: too many fail, or none finish while work waits."""

from _objectives import JOB_FAILURE_RATIO_MAX

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import JOB_FAILURE_RATIO, JOBS_COMPLETED_RATE, JOBS_IN_FLIGHT

alerts = [
    Alert(
        "JobFailureRatioHigh",
        expr=f"{JOB_FAILURE_RATIO.select()} > {JOB_FAILURE_RATIO_MAX}",
        for_="15m",
        severity=Severity.WARNING,
        team="pipeline",
        service="job-scheduler",
        summary="{{ $labels.tenant }}: {{ $value | humanizePercentage }} of "
                "{{ $labels.job_type }} jobs fail",
        description=f"More than {JOB_FAILURE_RATIO_MAX:.0%} of tenant {{{{ $labels.tenant }}}}'s "
                    "{{ $labels.job_type }} jobs have failed over the last 5 minutes, for 15 "
                    "minutes (cancelled jobs do not count).",
        panel=PanelRef("job-success", "failure-ratio"),
        guidance=Guidance(
            meaning="One tenant's jobs of one type keep failing. The ratio is per tenant and "
                    "job type, so a single tenant's broken source or revoked YouTube "
                    "credentials show here without the platform being down.",
            impact="The tenant's videos are not published; they see failed jobs in the "
                   "product and may retry, which adds load.",
            diagnose="- The reason is in [Failures by reason](/d/job-success): "
                     "`source_unavailable` points at the tenant's source, "
                     "`quota_exceeded` and `token_expired` at YouTube "
                     "([YouTube uploads](/d/youtube-uploads)), `extraction_error` and "
                     "`timeout` at the workers "
                     "([Extraction latency](/d/extraction-latency)).\n"
                     "- If many tenants fire at once, look for a deploy or an infrastructure "
                     "alert ([RedisDown](RedisDown.md), [PostgresDown](PostgresDown.md)) "
                     "first.",
            mitigate="- A bad deploy of the workers: roll it back.\n"
                     "- The tenant's source is down or their token revoked: tell the tenant "
                     "(support), pause their schedule if retries pile up.\n"
                     "- A poison job retried forever: cancel it by its `jobId` from the logs.",
            escalate="During working hours the pipeline team owns it. If more than three "
                     "tenants fail at once or it lasts over an hour, page the pipeline "
                     "on-call through PagerDuty.",
        ),
    ),
    Alert(
        "JobsStuck",
        expr=f"(sum by (job_type) ({JOBS_IN_FLIGHT.select(state='queued')}) > 0)\n"
             f"unless on (job_type)\n({JOBS_COMPLETED_RATE.select()} > 0)",
        for_="15m",
        severity=Severity.CRITICAL,
        team="pipeline",
        service="job-scheduler",
        summary="{{ $labels.job_type }} jobs make no progress: {{ $value }} queued, none "
                "finished in 15 minutes",
        description="Jobs of type {{ $labels.job_type }} are queued, but none of that type "
                    "succeeded or failed for 30 minutes (15 minutes of no completions, held "
                    "for 15 minutes; cancellations do not count).",
        panel=PanelRef("job-success", "queued-vs-completed"),
        guidance=Guidance(
            meaning="Work of one job type waits and nothing of that type finishes: its "
                    "workers are down, stuck, or cannot reach what they need.",
            impact="Every tenant's jobs of that type are delayed without limit; nothing is "
                   "published.",
            diagnose="- Are there consumers? [Queue depth](/d/queue-depth) shows consumers "
                     "per queue ([QueueNoConsumers](QueueNoConsumers.md) fires when there are "
                     "none).\n"
                     "- Are the worker pods running and ready? See Deployments and Container "
                     "restarts in [Nodes, disks and Kubernetes](/d/nodes).\n"
                     "- Workers running but idle or hanging: their logs show the last job "
                     "they took.",
            mitigate="- Restart the worker deployment of that type "
                     "(`kubectl rollout restart deployment/<worker>`).\n"
                     "- Roll back a deploy made just before it started.\n"
                     "- Scale the workers up if they are alive but saturated.",
            escalate="Pages the pipeline on-call. If the workers cannot reach Redis, "
                     "PostgreSQL or storage, bring in platform-sre.",
        ),
    ),
]
