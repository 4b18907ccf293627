"""The workload's scenarios: healthy, and the failure modes the alerts exist for.

A scenario is a set of knobs on the healthy workload. Each failure scenario names the alerts
it should make fire, so a test can switch a live simulator into it and wait for exactly
those alerts in a real Prometheus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    summary: str
    fires: tuple[str, ...] = ()
    """Alerts this scenario is meant to make fire (none for healthy)."""
    submit_factor: float = 1.0
    """Jobs submitted, times the healthy rate."""
    extraction_consumers: int = 4
    upload_consumers: int = 3
    latency_factor: float = 1.0
    """Extraction stage durations, times the healthy ones."""
    upload_failure_ratio: float = 0.02
    token_failure_ratio: float = 0.01
    token_failure_tenant: str | None = None
    """Only this tenant's token refreshes fail at the raised ratio (None: every tenant)."""
    disk_fill_bytes_per_second: float = 0.0
    """The media scratch disk fills at this pace (healthy: it stays level)."""


HEALTHY = Scenario("healthy", "Every stage keeps up; a few failures of every kind, as in "
                   "production on a good day.")

SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    HEALTHY,
    Scenario("queue-backlog", "Submissions at 6x the extraction workers' capacity: the "
             "extraction queue grows and its oldest message ages.",
             fires=("QueueGrowing", "QueueOldestMessageTooOld"), submit_factor=6.0),
    Scenario("no-consumers", "The extraction workers are gone: nothing drains the queue.",
             fires=("QueueNoConsumers", "QueueOldestMessageTooOld", "JobsStuck"),
             extraction_consumers=0),
    Scenario("token-refresh-failures", "Tenant globex's YouTube grant was revoked: its "
             "token refreshes fail (invalid_grant) and so do its uploads.",
             fires=("OAuthTokenRefreshErrors",), token_failure_ratio=0.9,
             token_failure_tenant="globex"),
    Scenario("upload-failures", "YouTube rejects or errors on 40% of uploads.",
             fires=("YouTubeUploadFailureRatioHigh", "JobFailureRatioHigh"),
             upload_failure_ratio=0.4),
    Scenario("latency-regression", "Media storage stalls: extraction stages take 100x as "
             "long, most miss the 30-second objective and the latency error budget burns.",
             fires=("ExtractionLatencyBudgetBurnFast",), latency_factor=100.0),
    Scenario("disk-filling", "The media scratch disk fills at 50 MiB/s: under 10% free and "
             "full within hours.",
             fires=("DiskWillFillSoon", "DiskSpaceLow"),
             disk_fill_bytes_per_second=50 * 2**20),
)}


def scenario(name: str) -> Scenario:
    """The scenario of that name, or an error listing the names there are."""
    try:
        return SCENARIOS[name]
    except KeyError:
        raise KeyError(f"no scenario {name!r}; there are: {', '.join(SCENARIOS)}") from None
