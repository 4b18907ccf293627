"""Alerts on the extraction latency SLO: multi-window, multi-burn-rate, as in the Google SRE
workbook (chapter 5). Each alert needs a long window (the budget is really being spent) and a
short one (it is still happening), so it fires fast and resets fast."""

from _objectives import FAST_BURN, SLOW_BURN, TICKET_BURN

from dashkit.alerting import Alert, Guidance, PanelRef, Severity
from dashkit.catalog import SLO_BURN_RATE, SLO_OBJECTIVE, SLO_TARGET_SECONDS

PANEL = PanelRef("extraction-latency", "burn-rate")


def _burning(rate: float, long: str, short: str) -> str:
    return (f"{SLO_BURN_RATE[long].select()} > {rate:g}\nand\n"
            f"{SLO_BURN_RATE[short].select()} > {rate:g}")


def _guidance(horizon: str) -> Guidance:
    return Guidance(
        meaning=f"Extraction stages are slower than {SLO_TARGET_SECONDS}s more often than "
                f"the {SLO_OBJECTIVE:.0%} objective allows; at this pace the month's error "
                f"budget is gone {horizon}.",
        impact="Jobs take longer to publish for many tenants; the product's promise on "
               "turnaround is broken.",
        diagnose="- On [Extraction latency](/d/extraction-latency), find the stage (p99 by "
                 "stage) and the source (percentiles by source) that slowed; the heatmap "
                 "shows whether the whole fleet moved or one band did.\n"
                 "- Click an exemplar on the percentiles panel to open a slow trace and see "
                 "which span takes the time.\n"
                 "- One source slow (download stage): that source is throttling us. All "
                 "stages slow: the workers are starved (CPU, disk I/O on "
                 "[Nodes, disks and Kubernetes](/d/nodes)).",
        mitigate="- Starved workers: scale them out.\n"
                 "- A slow source: lower its concurrency so the others are not held up.\n"
                 "- A deploy that made a stage slower: roll it back.",
        escalate="The pipeline team; if the workers are starved by the cluster, bring in "
                 "platform-sre.",
    )


alerts = [
    Alert(
        "ExtractionLatencyBudgetBurnFast",
        expr=_burning(FAST_BURN, "1h", "5m"),
        for_="2m",
        severity=Severity.CRITICAL,
        team="pipeline",
        service="extraction-worker",
        summary="Extraction latency SLO: error budget burning {{ $value | humanize }}x too "
                "fast",
        description=f"Over the last hour and the last 5 minutes, the latency error budget "
                    f"burned more than {FAST_BURN:g} times as fast as the SLO allows: 2% of "
                    "30 days' budget in one hour.",
        panel=PANEL,
        inhibits=("ExtractionLatencyBudgetBurnSlow", "ExtractionLatencyBudgetBurnTicket"),
        guidance=_guidance("in about two days"),
    ),
    Alert(
        "ExtractionLatencyBudgetBurnSlow",
        expr=_burning(SLOW_BURN, "6h", "30m"),
        for_="15m",
        severity=Severity.CRITICAL,
        team="pipeline",
        service="extraction-worker",
        summary="Extraction latency SLO: error budget burning {{ $value | humanize }}x too "
                "fast for hours",
        description=f"Over the last 6 hours and the last 30 minutes, the latency error budget "
                    f"burned more than {SLOW_BURN:g} times as fast as the SLO allows: 5% of "
                    "30 days' budget in six hours.",
        panel=PANEL,
        inhibits=("ExtractionLatencyBudgetBurnTicket",),
        guidance=_guidance("in five days"),
    ),
    Alert(
        "ExtractionLatencyBudgetBurnTicket",
        expr=_burning(TICKET_BURN, "3d", "6h"),
        for_="1h",
        severity=Severity.WARNING,
        team="pipeline",
        service="extraction-worker",
        summary="Extraction latency SLO: the error budget will not last the month",
        description="Over the last 3 days and the last 6 hours, the latency error budget "
                    "burned faster than the SLO allows.",
        panel=PANEL,
        guidance=_guidance("before the month ends"),
    ),
]
