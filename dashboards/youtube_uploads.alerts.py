"""Alerts on publishing to YouTube: tokens that do not refresh, uploads that fail, quota."""

from _objectives import QUOTA_USED_MAX, TOKEN_REFRESH_FAILURE_RATIO_MAX, UPLOAD_FAILURE_RATIO_MAX

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import QUOTA_USED_RATIO, TOKEN_REFRESH_FAILURE_RATIO, UPLOAD_FAILURE_RATIO

alerts = [
    Alert(
        "OAuthTokenRefreshErrors",
        expr=f"{TOKEN_REFRESH_FAILURE_RATIO.select()} > {TOKEN_REFRESH_FAILURE_RATIO_MAX}",
        for_="15m",
        severity=Severity.WARNING,
        team="publishing",
        service="youtube-uploader",
        summary="{{ $labels.tenant }}: {{ $value | humanizePercentage }} of OAuth token "
                "refreshes fail",
        description="Refreshing tenant {{ $labels.tenant }}'s YouTube access token fails more "
                    f"than {TOKEN_REFRESH_FAILURE_RATIO_MAX:.0%} of the time over 15 minutes, "
                    "for 15 minutes.",
        panel=PanelRef("youtube-uploads", "token-refresh-failure-ratio"),
        guidance=Guidance(
            meaning="The uploader cannot get a fresh access token for the tenant's channel. "
                    "`invalid_grant` or `revoked` means the tenant withdrew consent or "
                    "changed their password; `network` or `server_error` means Google's "
                    "side or our egress.",
            impact="The tenant's uploads fail with auth errors once the current token "
                   "expires (within the hour); their jobs end failed.",
            diagnose="- The reasons are on Token refresh errors in "
                     "[YouTube uploads](/d/youtube-uploads).\n"
                     "- One tenant with `invalid_grant`: their grant is gone. Many tenants "
                     "with `network`/`server_error`: look at egress and Google's status page.",
            mitigate="- Revoked grant: support asks the tenant to reconnect their channel; "
                     "pause their uploads meanwhile so jobs do not fail one by one.\n"
                     "- Network or Google errors: nothing to do per tenant; uploads retry "
                     "with backoff.",
            escalate="The publishing team. If every tenant fails, it is an outage: page the "
                     "publishing on-call.",
        ),
    ),
    Alert(
        "YouTubeUploadFailureRatioHigh",
        expr=f"{UPLOAD_FAILURE_RATIO.select()} > {UPLOAD_FAILURE_RATIO_MAX}",
        for_="15m",
        severity=Severity.WARNING,
        team="publishing",
        service="youtube-uploader",
        summary="{{ $labels.tenant }}: {{ $value | humanizePercentage }} of YouTube uploads "
                "fail",
        description=f"More than {UPLOAD_FAILURE_RATIO_MAX:.0%} of tenant "
                    "{{ $labels.tenant }}'s upload attempts failed over 5 minutes, for 15 "
                    "minutes.",
        panel=PanelRef("youtube-uploads", "failure-ratio"),
        guidance=Guidance(
            meaning="Uploads to YouTube fail for the tenant more than they should.",
            impact="The tenant's videos are not published; retries spend API quota.",
            diagnose="- Failures by reason on [YouTube uploads](/d/youtube-uploads): "
                     "`quota_exceeded` ([YouTubeQuotaNearlyExhausted]"
                     "(YouTubeQuotaNearlyExhausted.md)), `auth_error` "
                     "([OAuthTokenRefreshErrors](OAuthTokenRefreshErrors.md)), `rejected` "
                     "(the video breaks YouTube's rules or limits), `network`/"
                     "`server_error` (transient).",
            mitigate="- `rejected`: tell the tenant which video and why (the log line has "
                     "YouTube's message).\n"
                     "- Transient errors: uploads retry; nothing to do unless it lasts.",
            escalate="The publishing team; page their on-call if most tenants are affected.",
        ),
    ),
    Alert(
        "YouTubeQuotaNearlyExhausted",
        expr=f"{QUOTA_USED_RATIO.select()} > {QUOTA_USED_MAX}",
        for_="15m",
        severity=Severity.WARNING,
        team="publishing",
        service="youtube-uploader",
        summary="{{ $value | humanizePercentage }} of the daily YouTube API quota is spent",
        description=f"Over the last 24 hours more than {QUOTA_USED_MAX:.0%} of the project's "
                    "daily YouTube Data API quota was spent. At 100% every upload fails with "
                    "quota_exceeded until the quota resets (midnight Pacific time).",
        panel=PanelRef("youtube-uploads", "quota-used"),
        guidance=Guidance(
            meaning="The platform is about to run out of YouTube API quota for the day.",
            impact="Once it is out, no tenant can publish until the reset; jobs fail with "
                   "quota_exceeded.",
            diagnose="- Quota spend by operation on [YouTube uploads](/d/youtube-uploads): "
                     "`videos.insert` costs 1600 units, so uploads dominate; an unusual "
                     "operation (list calls in a loop) is a bug.\n"
                     "- Find the tenants uploading most in the top-tenants panel.",
            mitigate="- Defer non-urgent uploads until after the reset.\n"
                     "- A retry loop burning quota: stop it (cancel the jobs by `jobId`).\n"
                     "- Request a quota increase from Google if demand is real.",
            escalate="The publishing team, who own the Google Cloud project and its quota.",
        ),
    ),
]
