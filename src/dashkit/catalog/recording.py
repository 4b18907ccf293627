"""Recording rules: the expensive expressions, computed once by Prometheus and read by both
the alerts and the dashboards' panels, so a panel and its alert can never disagree.

Each is named ``level:metric:operations`` and built from catalog entries, so a renamed metric
or a wrong label fails here, at import. The recorded series are in the catalog too
(:data:`RECORDED_METRICS`), with their labels, so lint checks queries that read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashkit.catalog.model import Metric, MetricType
from dashkit.catalog.platform import (
    EXTRACTION_DURATION,
    JOBS_COMPLETED,
    OAUTH_REFRESH_ATTEMPTS,
    OAUTH_REFRESH_FAILURES,
    QUEUE_DEQUEUED,
    QUEUE_ENQUEUED,
    YOUTUBE_QUOTA_DAILY_LIMIT,
    YOUTUBE_QUOTA_USED,
    YOUTUBE_UPLOADS,
)

RECORDED = "recording rules"
"""The emitter of recorded series."""


@dataclass(frozen=True)
class RecordingRule:
    """``record`` is what Prometheus stores ``expr`` as; ``labels`` are the labels it keeps;
    ``group`` names the rule group (one group per concern, all in one rule file)."""

    record: str
    expr: str
    labels: tuple[str, ...]
    unit: str
    help: str
    group: str

    @property
    def metric(self) -> Metric:
        return Metric(self.record, MetricType.GAUGE, self.unit, self.help, self.labels,
                      RECORDED, scraped=False)

    def select(self, **matchers: str) -> str:
        return self.metric.select(**matchers)


def _sum_rate(metric: Metric, window: str, by: tuple[str, ...], series: str | None = None,
              **matchers: str) -> str:
    grouping = f" by ({', '.join(by)})" if by else ""
    return f"sum{grouping} (rate({metric.select(series, **matchers)}[{window}]))"


def _ratio(part: str, whole: str) -> str:
    return f"{part}\n/\n({whole} > 0)"


JOB_FAILURE_RATIO = RecordingRule(
    "tenant_job_type:job_failure:ratio_rate5m",
    _ratio(_sum_rate(JOBS_COMPLETED, "5m", ("tenant", "job_type"), status="failed"),
           _sum_rate(JOBS_COMPLETED, "5m", ("tenant", "job_type"), status="!=cancelled")),
    ("tenant", "job_type"), "percentunit",
    "Share of finished jobs that failed over 5 minutes, per tenant and job type (cancelled "
    "jobs do not count).", "jobs")

JOBS_COMPLETED_RATE = RecordingRule(
    "job_type:jobs_completed:rate15m",
    _sum_rate(JOBS_COMPLETED, "15m", ("job_type",), status="!=cancelled"),
    ("job_type",), "ops",
    "Jobs of each type processed to the end (succeeded or failed) per second over 15 minutes: "
    "0 while jobs are queued means no progress. Cancellations do not count: users cancelling "
    "queued jobs is not the queue being drained.", "jobs")

UPLOAD_FAILURE_RATIO = RecordingRule(
    "tenant:youtube_upload_failure:ratio_rate5m",
    _ratio(_sum_rate(YOUTUBE_UPLOADS, "5m", ("tenant",), status="failed"),
           _sum_rate(YOUTUBE_UPLOADS, "5m", ("tenant",))),
    ("tenant",), "percentunit", "Share of YouTube upload attempts that failed over 5 minutes.",
    "youtube")

TOKEN_REFRESH_FAILURE_RATIO = RecordingRule(
    "tenant:oauth_token_refresh_failure:ratio_rate15m",
    _ratio(_sum_rate(OAUTH_REFRESH_FAILURES, "15m", ("tenant",)),
           _sum_rate(OAUTH_REFRESH_ATTEMPTS, "15m", ("tenant",))),
    ("tenant",), "percentunit",
    "Share of OAuth token refreshes that failed over 15 minutes, per tenant.", "youtube")

QUOTA_USED_RATIO = RecordingRule(
    ":youtube_api_quota_used:ratio_increase24h",
    f"sum (increase({YOUTUBE_QUOTA_USED.select()}[24h]))\n/\n"
    f"(max ({YOUTUBE_QUOTA_DAILY_LIMIT.select()}) > 0)",
    (), "percentunit",
    "YouTube Data API quota spent over the last 24 hours, as a share of the daily quota.",
    "youtube")

QUEUE_NET_INFLOW = RecordingRule(
    "queue:queue_net_inflow:rate15m",
    f"{_sum_rate(QUEUE_ENQUEUED, '15m', ('queue',))}\n-\n"
    f"{_sum_rate(QUEUE_DEQUEUED, '15m', ('queue',))}",
    ("queue",), "ops",
    "Messages added minus messages taken per second over 15 minutes: above 0 the backlog "
    "grows.", "queues")

SLO_OBJECTIVE = 0.95
"""95% of extraction stages finish within the latency target."""

SLO_TARGET_SECONDS = 30
"""The latency target: a bucket bound of extraction_duration_seconds."""

SLO_TARGET_BUCKET = f"=~{SLO_TARGET_SECONDS}(\\\\.0)?"
"""The ``le`` matcher of that bucket, whether the client writes ``30`` or ``30.0``."""

BURN_WINDOWS = ("5m", "30m", "1h", "6h", "3d")
"""The windows of the multi-window, multi-burn-rate alerts (Google SRE workbook, ch. 5)."""


def _burn_rate(window: str) -> RecordingRule:
    good = _sum_rate(EXTRACTION_DURATION, window, (), EXTRACTION_DURATION.bucket,
                     le=SLO_TARGET_BUCKET)
    total = _sum_rate(EXTRACTION_DURATION, window, (), EXTRACTION_DURATION.count)
    return RecordingRule(
        f":extraction_latency_slo:burn_rate{window}",
        f"(\n  1 - {good}\n  / ({total} > 0)\n)\n/ {1 - SLO_OBJECTIVE:.2f}",
        (), "short",
        f"How fast the latency SLO's error budget burns over {window}: the share of "
        f"extraction stages slower than {SLO_TARGET_SECONDS}s, divided by the "
        f"{1 - SLO_OBJECTIVE:.0%} the objective allows. 1 spends the budget exactly in the SLO "
        "period; 14.4 spends 2% of 30 days' budget in one hour.", "extraction-slo")


SLO_BURN_RATE = {window: _burn_rate(window) for window in BURN_WINDOWS}

RECORDING_RULES: tuple[RecordingRule, ...] = (
    JOB_FAILURE_RATIO, JOBS_COMPLETED_RATE, UPLOAD_FAILURE_RATIO, TOKEN_REFRESH_FAILURE_RATIO,
    QUOTA_USED_RATIO, QUEUE_NET_INFLOW, *SLO_BURN_RATE.values(),
)

RECORDED_METRICS: tuple[Metric, ...] = tuple(rule.metric for rule in RECORDING_RULES)
