"""Platform overview: the headline numbers of every stage, each linking to its dashboard."""

from dashkit.catalog import (
    EXTRACTION_DURATION,
    JOBS_COMPLETED,
    QUEUE_DEPTH,
    QUEUE_OLDEST_AGE,
    YOUTUBE_UPLOADS,
)
from dashkit.style import Row, dashboard, dashboard_link, panels, recipes, variables
from dashkit.style import queries as q
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import lower_is_better

GUIDE = """\
Jobs flow **API gateway → Redis job queue → extraction workers → YouTube upload workers**.
Start here, then open the stage that looks wrong:
[Job success rates](/d/job-success) ·
[Extraction latency](/d/extraction-latency) ·
[YouTube uploads](/d/youtube-uploads) ·
[Queue depth](/d/queue-depth)
"""

dashboard = dashboard(
    uid="platform-overview",
    title="Platform overview",
    folder="Platform",
    tags=["overview"],
    description="One screen for the whole pipeline, linking to each stage's dashboard.",
    variables=variables.standard(variables.tenant()),
    links=[
        dashboard_link("job-success", "Job success rates"),
        dashboard_link("extraction-latency", "Extraction latency"),
        dashboard_link("youtube-uploads", "YouTube uploads"),
        dashboard_link("queue-depth", "Queue depth"),
    ],
    rows=[
        Row("Pipeline", [
            panels.text("How to use this dashboard", GUIDE, height=4,
                        description="What the platform does and where to look next."),
            recipes.success_ratio(
                q.rate(JOBS_COMPLETED, status="succeeded", tenant="$tenant"),
                q.rate(JOBS_COMPLETED, status="!=cancelled", tenant="$tenant"),
                title="Job success ratio", as_stat=True, width=6, objective=0.99,
                description="Succeeded / finished jobs. Details: Job success rates."),
            panels.stat(
                "Extraction p99", unit="s", width=6,
                thresholds=lower_is_better(24, 30),
                description="99th percentile extraction stage time. Details: Extraction "
                            "latency.",
                targets=[PromTarget(q.quantile(0.99, EXTRACTION_DURATION, tenant="$tenant"))]),
            recipes.success_ratio(
                q.rate(YOUTUBE_UPLOADS, status="succeeded", tenant="$tenant"),
                q.rate(YOUTUBE_UPLOADS, tenant="$tenant"),
                title="Upload success ratio", as_stat=True, width=6, objective=0.98,
                warning=0.95, description="Succeeded / all uploads. Details: YouTube uploads."),
            panels.stat(
                "Oldest queued job", unit="s", width=6,
                thresholds=lower_is_better(120, 600),
                description="Age of the oldest waiting message in any queue. Details: Queue "
                            "depth.",
                targets=[PromTarget(q.gauge(QUEUE_OLDEST_AGE, agg="max"))]),
        ]),
        Row("Trends", [
            recipes.rate_by(
                JOBS_COMPLETED, title="Jobs completed by status", by=("status",), stack=True,
                tenant="$tenant",
                description="Jobs finishing per second, stacked by final status."),
            recipes.gauge_by(
                QUEUE_DEPTH, title="Queue depth", by=("queue",), agg="max",
                warning=1_000, critical=5_000,
                description="Messages waiting per queue."),
        ]),
    ],
)
