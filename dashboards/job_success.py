"""Job success rates: how many jobs succeed, overall, per tenant and per job type, and why not."""

from dashkit.catalog import (
    JOB_FAILURES,
    JOB_STATE_TRANSITIONS,
    JOBS_COMPLETED,
    JOBS_IN_FLIGHT,
    JOBS_SUBMITTED,
)
from dashkit.style import Row, dashboard, explore_logs_link, panels, recipes
from dashkit.style import queries as q
from dashkit.style.targets import PromTarget

OBJECTIVE = 0.99
SEL = {"tenant": "$tenant", "job_type": "$job_type"}


def succeeded(*by: str) -> str:
    return q.rate(JOBS_COMPLETED, by, status="succeeded", **SEL)


def finished(*by: str) -> str:
    return q.rate(JOBS_COMPLETED, by, status="!=cancelled", **SEL)


dashboard = dashboard(
    uid="job-success",
    title="Job success rates",
    folder="Platform/Pipeline",
    tags=["pipeline", "jobs"],
    description="Share of jobs that succeed, where failures come from, and how jobs move "
                "through their states.",
    links=[explore_logs_link()],
    rows=[
        Row("Overview", [
            recipes.success_ratio(
                succeeded(), finished(), title="Job success ratio", as_stat=True, width=6,
                objective=OBJECTIVE,
                description=f"Succeeded / (succeeded + failed) jobs. Objective {OBJECTIVE:.0%};"
                            " cancelled jobs do not count."),
            panels.stat(
                "Jobs completed per second", width=6, unit="ops",
                description="Jobs reaching a final state per second, any status.",
                targets=[PromTarget(q.rate(JOBS_COMPLETED, **SEL))]),
            panels.stat(
                "Failures per second", width=6, unit="ops",
                description="Failed jobs per second. See 'Failures by reason' below for why.",
                targets=[PromTarget(q.rate(JOB_FAILURES, **SEL))]),
            panels.stat(
                "Jobs in flight", width=6, unit="short", graph=True,
                description="Jobs started and not yet finished, in every state.",
                targets=[PromTarget(q.gauge(JOBS_IN_FLIGHT, job_type="$job_type"))]),
        ]),
        Row("Success ratio", [
            recipes.success_ratio(
                succeeded("job_type"), finished("job_type"), by=("job_type",),
                title="Success ratio by job type", objective=OBJECTIVE,
                description="Per job type; a single type dropping points at its worker."),
            recipes.success_ratio(
                succeeded("tenant"), finished("tenant"), by=("tenant",),
                title="Success ratio by tenant", objective=OBJECTIVE,
                description="Per tenant; one tenant dropping alone usually means its source "
                            "or its YouTube credentials. Click a line for the tenant's logs."),
        ]),
        Row("Failures", [
            recipes.rate_by(
                JOB_FAILURES, title="Failures by reason", by=("reason",), stack=True, **SEL,
                description="Failed jobs per second, stacked by failure reason."),
            recipes.top_tenants(
                q.rate(JOB_FAILURES, ("tenant",), **SEL), title="Tenants with most failures",
                unit="ops", service="job-scheduler",
                description="The ten tenants failing most right now; click for their logs."),
            panels.logs(
                "Recent job errors",
                expr='{namespace="media-platform"} | json | level="error" '
                     '| tenantId=~"$tenant"',
                description="Error logs of all services for the selected tenants; expand a "
                            "line for its jobId and traceId."),
        ]),
        Row("Lifecycle", [
            recipes.rate_by(
                JOB_STATE_TRANSITIONS, title="State transitions", by=("from_state", "to_state"),
                legend="{{from_state}} → {{to_state}}", job_type="$job_type",
                description="Jobs moving between states per second. A transition that stops "
                            "while others continue shows where jobs are stuck."),
            recipes.gauge_by(
                JOBS_IN_FLIGHT, title="Jobs in flight by state", by=("state",), stack=True,
                job_type="$job_type",
                description="Jobs currently in each state. A growing 'queued' band means "
                            "workers are not keeping up."),
            panels.timeseries(
                "Submitted vs completed", unit="ops", width=24,
                description="Jobs accepted per second against jobs finished per second. A "
                            "lasting gap means the backlog is growing.",
                targets=[
                    PromTarget(q.rate(JOBS_SUBMITTED, **SEL), legend="submitted"),
                    PromTarget(q.rate(JOBS_COMPLETED, **SEL), legend="completed"),
                ]),
        ]),
    ],
)
