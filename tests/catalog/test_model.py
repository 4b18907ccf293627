"""The catalog: selectors, label checks and series lookup."""

from __future__ import annotations

import pytest

from dashkit.catalog import CATALOG, EXTRACTION_DURATION, JOBS_COMPLETED, QUEUE_DEPTH, MetricType


def test_selector_uses_regex_for_variables_and_exact_for_values() -> None:
    assert JOBS_COMPLETED.select(tenant="$tenant", status="succeeded") == (
        'jobs_completed_total{status="succeeded", tenant=~"$tenant"}')
    assert JOBS_COMPLETED.select(status="!=cancelled") == (
        'jobs_completed_total{status!="cancelled"}')


def test_unknown_label_is_refused_naming_the_real_ones() -> None:
    with pytest.raises(ValueError, match="has no label 'tenantId'; its labels are queue"):
        QUEUE_DEPTH.select(tenantId="x")


def test_histogram_series_resolve_to_their_metric() -> None:
    assert EXTRACTION_DURATION.bucket == "extraction_duration_seconds_bucket"
    assert CATALOG.for_series("extraction_duration_seconds_count") is EXTRACTION_DURATION
    assert CATALOG.for_series("nope") is None
    with pytest.raises(ValueError, match="not a histogram"):
        _ = QUEUE_DEPTH.bucket


def test_issue_required_metrics_are_declared() -> None:
    assert EXTRACTION_DURATION.labels == ("tenant", "source", "stage")
    assert EXTRACTION_DURATION.type is MetricType.HISTOGRAM
    for name in ("job_failures_total", "job_state_transitions_total", "youtube_uploads_total",
                 "youtube_api_quota_units_used_total", "youtube_api_quota_daily_limit_units",
                 "oauth_token_refresh_failures_total", "queue_oldest_message_age_seconds",
                 "queue_consumers", "gateway_http_requests_total", "redis_up", "pg_up",
                 "node_filesystem_avail_bytes", "kube_pod_container_status_restarts_total"):
        assert name in CATALOG
    counters = [CATALOG[n] for n in CATALOG if CATALOG[n].type is MetricType.COUNTER
                and CATALOG[n].emitter not in ("postgres_exporter",)]
    assert all(m.name.endswith("_total") for m in counters)
