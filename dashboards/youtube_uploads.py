"""YouTube uploads: throughput, failures, duration, bytes, API quota and OAuth token health."""

from _objectives import (
    QUOTA_USED_MAX,
    QUOTA_USED_WARNING,
    TOKEN_REFRESH_FAILURE_RATIO_MAX,
    UPLOAD_FAILURE_RATIO_MAX,
)

from dashkit.catalog import (
    OAUTH_REFRESH_FAILURES,
    QUOTA_USED_RATIO,
    TOKEN_REFRESH_FAILURE_RATIO,
    UPLOAD_FAILURE_RATIO,
    YOUTUBE_QUOTA_DAILY_LIMIT,
    YOUTUBE_QUOTA_USED,
    YOUTUBE_UPLOAD_BYTES,
    YOUTUBE_UPLOAD_DURATION,
    YOUTUBE_UPLOAD_FAILURES,
    YOUTUBE_UPLOADS,
)
from dashkit.style import (
    Row,
    dashboard,
    explore_logs_link,
    explore_traces_link,
    panels,
    recipes,
    variables,
)
from dashkit.style import queries as q
from dashkit.style.targets import PromTarget
from dashkit.style.thresholds import lower_is_better

SEL = {"tenant": "$tenant"}
PER_MINUTE = 60

dashboard = dashboard(
    uid="youtube-uploads",
    title="YouTube uploads",
    folder="Platform/Publishing",
    tags=["youtube", "uploads"],
    description="Uploads to YouTube: how many, how fast, how many fail and why, and how much "
                "of the daily API quota is left.",
    variables=variables.standard(variables.tenant()),
    links=[explore_logs_link("youtube-uploader"), explore_traces_link("youtube-uploader")],
    rows=[
        Row("Uploads", [
            panels.timeseries(
                "Uploads and failures per minute", unit="short",
                description="Upload attempts per minute that succeeded and that failed.",
                targets=[
                    PromTarget(f"{q.rate(YOUTUBE_UPLOADS, status='succeeded', **SEL)} "
                               f"* {PER_MINUTE}", legend="succeeded"),
                    PromTarget(f"{q.rate(YOUTUBE_UPLOADS, status='failed', **SEL)} "
                               f"* {PER_MINUTE}", legend="failed"),
                ]),
            recipes.success_ratio(
                q.rate(YOUTUBE_UPLOADS, status="succeeded", **SEL),
                q.rate(YOUTUBE_UPLOADS, **SEL), title="Upload success ratio",
                objective=0.98, warning=0.95,
                description="Succeeded / all upload attempts. Failures from quota or tokens "
                            "show up in the rows below."),
            panels.timeseries(
                "Upload failure ratio by tenant", unit="percentunit", key="failure-ratio",
                min=0, max=1, threshold_style="line",
                thresholds=lower_is_better(UPLOAD_FAILURE_RATIO_MAX / 2,
                                           UPLOAD_FAILURE_RATIO_MAX),
                description="Failed / all upload attempts over 5 minutes per tenant, as "
                            "YouTubeUploadFailureRatioHigh sees it (the same recorded series): "
                            f"above {UPLOAD_FAILURE_RATIO_MAX:.0%} for 15 minutes, it fires.",
                targets=[PromTarget(UPLOAD_FAILURE_RATIO.select(**SEL), legend="{{tenant}}")]),
            recipes.rate_by(
                YOUTUBE_UPLOAD_FAILURES, title="Failures by reason", by=("reason",),
                stack=True, **SEL,
                description="Failed uploads per second by reason: quota_exceeded, auth_error, "
                            "rejected, network, server_error."),
            recipes.latency_percentiles(
                YOUTUBE_UPLOAD_DURATION, title="Upload duration", **SEL,
                description="p50/p90/p99 time to upload one video, resumable retries "
                            "included. Exemplars link to traces."),
            recipes.rate_by(
                YOUTUBE_UPLOAD_BYTES, title="Bytes uploaded per second", **SEL, legend="bytes",
                description="Upload throughput to YouTube."),
            recipes.top_tenants(
                q.rate(YOUTUBE_UPLOAD_FAILURES, ("tenant",), **SEL),
                title="Tenants with most upload failures", unit="ops",
                service="youtube-uploader",
                description="The ten tenants whose uploads fail most; click for logs/traces."),
        ]),
        Row("API quota", [
            panels.stat(
                "Quota used, last 24h", unit="percentunit", width=8, key="quota-used",
                description="Quota units spent in the last 24 hours as a share of the daily "
                            "quota (which resets at midnight Pacific time), the recorded series "
                            "YouTubeQuotaNearlyExhausted reads: it fires above "
                            f"{QUOTA_USED_MAX:.0%}. Uploads fail with quota_exceeded at 100%.",
                thresholds=lower_is_better(QUOTA_USED_WARNING, QUOTA_USED_MAX), graph=True,
                targets=[PromTarget(QUOTA_USED_RATIO.select())]),
            panels.timeseries(
                "Quota units used vs daily quota", unit="short", width=16,
                description="Units spent over the last 24 hours (rolling) against the "
                            "project's daily quota.",
                targets=[
                    PromTarget(q.increase(YOUTUBE_QUOTA_USED, "1d"), legend="used, last 24h"),
                    PromTarget(q.gauge(YOUTUBE_QUOTA_DAILY_LIMIT, agg="max"),
                               legend="daily quota"),
                ]),
            recipes.rate_by(
                YOUTUBE_QUOTA_USED, title="Quota spend by operation", by=("operation",),
                stack=True, width=24,
                description="Quota units per second by API operation (videos.insert costs "
                            "1600 units per call)."),
        ]),
        Row("OAuth tokens", [
            recipes.rate_by(
                OAUTH_REFRESH_FAILURES, title="Token refresh errors", by=("reason",),
                stack=True, **SEL,
                description="Failed OAuth token refreshes per second by reason. invalid_grant "
                            "or revoked means the tenant must reconnect their channel."),
            panels.timeseries(
                "Token refresh failure ratio by tenant", unit="percentunit",
                key="token-refresh-failure-ratio", min=0, max=1, threshold_style="line",
                thresholds=lower_is_better(TOKEN_REFRESH_FAILURE_RATIO_MAX / 2,
                                           TOKEN_REFRESH_FAILURE_RATIO_MAX),
                description="Failed / attempted OAuth token refreshes over 15 minutes per "
                            "tenant, as OAuthTokenRefreshErrors sees it: above "
                            f"{TOKEN_REFRESH_FAILURE_RATIO_MAX:.0%} for 15 minutes, it fires.",
                targets=[PromTarget(TOKEN_REFRESH_FAILURE_RATIO.select(**SEL),
                                    legend="{{tenant}}")]),
        ]),
    ],
)
