"""Job success rates: how many jobs succeed, overall, per tenant and per job type, and why not."""

from _objectives import JOB_FAILURE_RATIO_MAX, JOB_SUCCESS_OBJECTIVE

from dashkit.catalog import (
    JOB_FAILURE_RATIO,
    JOB_FAILURES,
    JOB_STATE_TRANSITIONS,
    JOBS_COMPLETED,
    JOBS_COMPLETED_RATE,
    JOBS_IN_FLIGHT,
    JOBS_SUBMITTED,
)
from dashkit.style import Row, dashboard, explore_logs_link, panels, recipes
from dashkit.style import queries as q
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import lower_is_better

OBJECTIVE = JOB_SUCCESS_OBJECTIVE
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
            panels.timeseries(
                "Failure ratio by tenant and job type", unit="percentunit", width=24,
                key="failure-ratio", min=0, max=1,
                thresholds=lower_is_better(JOB_FAILURE_RATIO_MAX / 2, JOB_FAILURE_RATIO_MAX),
                threshold_style="line",
                description="Failed / finished jobs over 5 minutes, as the alert "
                            "JobFailureRatioHigh sees it (the same recorded series): above the "
                            f"red line ({JOB_FAILURE_RATIO_MAX:.0%}) for 15 minutes, it fires.",
                targets=[PromTarget(JOB_FAILURE_RATIO.select(**SEL),
                                    legend="{{tenant}} {{job_type}}")]),
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
                "Queued jobs vs completions by job type", unit="short", key="queued-vs-completed",
                description="Jobs waiting (queued) against jobs finished per second over 15 "
                            "minutes, per job type (all tenants). Queued jobs with no "
                            "completions is what JobsStuck alerts on: the workers of that type "
                            "make no progress.",
                targets=[
                    PromTarget(q.gauge(JOBS_IN_FLIGHT, ("job_type",), state="queued",
                                       job_type="$job_type"), legend="{{job_type}} queued"),
                    PromTarget(JOBS_COMPLETED_RATE.select(job_type="$job_type"),
                               legend="{{job_type}} completed per second"),
                ]),
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
