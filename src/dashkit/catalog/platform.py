"""Metrics the platform's own services emit: gateway, job lifecycle, extraction, YouTube, queue.

This module is the contract: a service that renames a metric or a label changes it here, in one
line, and every dashboard and alert that uses it follows (or fails to build, naming the place).
"""

from __future__ import annotations

from dashkit.catalog.model import Metric, MetricType

C, G, H = MetricType.COUNTER, MetricType.GAUGE, MetricType.HISTOGRAM

GATEWAY = "api-gateway"
WORKER = "extraction-worker"
UPLOADER = "youtube-uploader"
QUEUE = "job-queue"
SCHEDULER = "job-scheduler"

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)

# --- API gateway --------------------------------------------------------------------------
HTTP_REQUESTS = Metric(
    "gateway_http_requests_total", C, "short",
    "HTTP requests answered by the API gateway.",
    ("method", "route", "status_code"), GATEWAY,
)
HTTP_REQUEST_DURATION = Metric(
    "gateway_http_request_duration_seconds", H, "s",
    "Time from request received to response written by the API gateway.",
    ("method", "route"), GATEWAY, (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
HTTP_IN_FLIGHT = Metric(
    "gateway_http_requests_in_flight", G, "short",
    "HTTP requests the API gateway is serving right now.",
    ("route",), GATEWAY,
)

# --- Job lifecycle ------------------------------------------------------------------------
JOBS_SUBMITTED = Metric(
    "jobs_submitted_total", C, "short",
    "Jobs accepted by the gateway and enqueued.",
    ("tenant", "job_type"), GATEWAY,
)
JOBS_COMPLETED = Metric(
    "jobs_completed_total", C, "short",
    "Jobs that reached a final state; status is succeeded, failed or cancelled.",
    ("tenant", "job_type", "status"), SCHEDULER,
)
JOB_STATE_TRANSITIONS = Metric(
    "job_state_transitions_total", C, "short",
    "Job state changes, e.g. queued -> extracting -> uploading -> done.",
    ("job_type", "from_state", "to_state"), SCHEDULER,
)
JOB_FAILURES = Metric(
    "job_failures_total", C, "short",
    "Failed jobs by failure reason (source_unavailable, extraction_error, upload_rejected, "
    "quota_exceeded, token_expired, timeout, internal).",
    ("tenant", "job_type", "reason"), SCHEDULER,
)
JOBS_IN_FLIGHT = Metric(
    "jobs_in_flight", G, "short",
    "Jobs started and not yet finished, by current state.",
    ("job_type", "state"), SCHEDULER,
)
JOB_DURATION = Metric(
    "job_duration_seconds", H, "s",
    "Time from submission to final state.",
    ("job_type", "status"), SCHEDULER, LATENCY_BUCKETS,
)

# --- Extraction workers -------------------------------------------------------------------
EXTRACTION_DURATION = Metric(
    "extraction_duration_seconds", H, "s",
    "Time an extraction worker spends on one stage of one job (download, probe, transcode, "
    "thumbnail, package).",
    ("tenant", "source", "stage"), WORKER, LATENCY_BUCKETS,
)
EXTRACTION_BYTES = Metric(
    "extraction_bytes_processed_total", C, "bytes",
    "Media bytes read by extraction workers.",
    ("tenant", "source"), WORKER,
)
EXTRACTION_SLO_TARGET = Metric(
    "extraction_slo_target_seconds", G, "s",
    "The extraction latency objective per source: jobs faster than this count as good.",
    ("source",), WORKER,
)

# --- YouTube upload workers ---------------------------------------------------------------
YOUTUBE_UPLOADS = Metric(
    "youtube_uploads_total", C, "short",
    "Upload attempts to YouTube; status is succeeded or failed.",
    ("tenant", "status"), UPLOADER,
)
YOUTUBE_UPLOAD_FAILURES = Metric(
    "youtube_upload_failures_total", C, "short",
    "Failed uploads by reason (quota_exceeded, auth_error, rejected, network, server_error).",
    ("tenant", "reason"), UPLOADER,
)
YOUTUBE_UPLOAD_DURATION = Metric(
    "youtube_upload_duration_seconds", H, "s",
    "Time to upload one video to YouTube, including resumable retries.",
    ("tenant",), UPLOADER, LATENCY_BUCKETS,
)
YOUTUBE_UPLOAD_BYTES = Metric(
    "youtube_upload_bytes_total", C, "bytes",
    "Bytes sent to YouTube.",
    ("tenant",), UPLOADER,
)
YOUTUBE_QUOTA_USED = Metric(
    "youtube_api_quota_units_used_total", C, "short",
    "YouTube Data API quota units spent, by API operation (videos.insert costs 1600).",
    ("operation",), UPLOADER,
)
YOUTUBE_QUOTA_DAILY_LIMIT = Metric(
    "youtube_api_quota_daily_limit_units", G, "short",
    "The project's YouTube Data API quota per day (resets at midnight Pacific time).",
    (), UPLOADER,
)
OAUTH_REFRESH_ATTEMPTS = Metric(
    "oauth_token_refresh_attempts_total", C, "short",
    "OAuth access-token refreshes attempted for tenants' YouTube channels.",
    ("tenant",), UPLOADER,
)
OAUTH_REFRESH_FAILURES = Metric(
    "oauth_token_refresh_failures_total", C, "short",
    "OAuth token refreshes that failed (invalid_grant, revoked, network, server_error).",
    ("tenant", "reason"), UPLOADER,
)

# --- Redis job queue ----------------------------------------------------------------------
QUEUE_DEPTH = Metric(
    "queue_depth", G, "short",
    "Messages waiting in the queue.",
    ("queue",), QUEUE,
)
QUEUE_OLDEST_AGE = Metric(
    "queue_oldest_message_age_seconds", G, "s",
    "Age of the oldest waiting message; grows when consumers fall behind or stall.",
    ("queue",), QUEUE,
)
QUEUE_ENQUEUED = Metric(
    "queue_enqueued_total", C, "short",
    "Messages added to the queue.",
    ("queue",), QUEUE,
)
QUEUE_DEQUEUED = Metric(
    "queue_dequeued_total", C, "short",
    "Messages taken from the queue by consumers.",
    ("queue",), QUEUE,
)
QUEUE_CONSUMERS = Metric(
    "queue_consumers", G, "short",
    "Consumers currently attached to the queue.",
    ("queue",), QUEUE,
)

PLATFORM_METRICS: tuple[Metric, ...] = (
    HTTP_REQUESTS, HTTP_REQUEST_DURATION, HTTP_IN_FLIGHT,
    JOBS_SUBMITTED, JOBS_COMPLETED, JOB_STATE_TRANSITIONS, JOB_FAILURES, JOBS_IN_FLIGHT,
    JOB_DURATION,
    EXTRACTION_DURATION, EXTRACTION_BYTES, EXTRACTION_SLO_TARGET,
    YOUTUBE_UPLOADS, YOUTUBE_UPLOAD_FAILURES, YOUTUBE_UPLOAD_DURATION, YOUTUBE_UPLOAD_BYTES,
    YOUTUBE_QUOTA_USED, YOUTUBE_QUOTA_DAILY_LIMIT, OAUTH_REFRESH_ATTEMPTS, OAUTH_REFRESH_FAILURES,
    QUEUE_DEPTH, QUEUE_OLDEST_AGE, QUEUE_ENQUEUED, QUEUE_DEQUEUED, QUEUE_CONSUMERS,
)
