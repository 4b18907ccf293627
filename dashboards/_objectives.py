"""Thresholds the dashboards and the alerts share: a panel's threshold line and the alert
that fires on it are one number, so they can never disagree."""

# Jobs
JOB_FAILURE_RATIO_MAX = 0.10
"""Share of a tenant's jobs of one type that may fail (over 5 minutes) before we look."""
JOB_SUCCESS_OBJECTIVE = 0.99

# Queues
QUEUE_DEPTH_WARNING, QUEUE_DEPTH_CRITICAL = 1_000, 5_000
QUEUE_AGE_WARNING, QUEUE_AGE_MAX_SECONDS = 120, 600
"""A new job should wait at most 10 minutes for a worker."""

# YouTube
UPLOAD_FAILURE_RATIO_MAX = 0.10
TOKEN_REFRESH_FAILURE_RATIO_MAX = 0.20
QUOTA_USED_WARNING, QUOTA_USED_MAX = 0.80, 0.90
"""Share of the daily YouTube API quota spent over 24 hours."""

# Extraction latency SLO burn rates (Google SRE workbook, multi-window, multi-burn-rate)
FAST_BURN = 14.4
"""2% of 30 days' error budget in one hour: page."""
SLOW_BURN = 6.0
"""5% of the budget in six hours: page."""
TICKET_BURN = 1.0
"""On course to spend exactly the budget over three days and more: a ticket."""

# Infrastructure
DISK_FREE_MIN = 0.10
DISK_FULL_WITHIN_HOURS = 4
REDIS_MEMORY_MAX_RATIO = 0.90
PG_CONNECTIONS_MAX_RATIO = 0.90
