"""Extraction latency: how long extraction workers take, per source and stage, against the SLO."""

from _objectives import FAST_BURN, SLOW_BURN, TICKET_BURN

from dashkit.catalog import (
    EXTRACTION_DURATION,
    SLO_BURN_RATE,
    SLO_OBJECTIVE,
    SLO_TARGET_BUCKET,
    SLO_TARGET_SECONDS,
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
from dashkit.style.thresholds import lower_is_better, steps

SLO_SECONDS = SLO_TARGET_SECONDS
SEL = {"tenant": "$tenant", "source": "$source"}

dashboard = dashboard(
    uid="extraction-latency",
    title="Extraction latency",
    folder="Platform/Pipeline",
    tags=["pipeline", "extraction"],
    description="Time extraction workers spend per job stage, by source, against the "
                f"{SLO_SECONDS}s objective.",
    variables=variables.standard(
        variables.tenant(),
        variables.label_values("source", EXTRACTION_DURATION, "source", "Source"),
    ),
    links=[explore_logs_link("extraction-worker"), explore_traces_link("extraction-worker")],
    rows=[
        Row("Service level", [
            recipes.success_ratio(
                q.rate(EXTRACTION_DURATION, series=EXTRACTION_DURATION.bucket,
                       le=SLO_TARGET_BUCKET, **SEL),
                q.rate(EXTRACTION_DURATION, series=EXTRACTION_DURATION.count, **SEL),
                title="Extractions within SLO", as_stat=True, width=8,
                objective=SLO_OBJECTIVE, warning=0.9,
                description=f"Share of extraction stages finished within {SLO_SECONDS}s, "
                            f"measured over the last few minutes. The objective is "
                            f"{SLO_OBJECTIVE:.0%}."),
            panels.stat(
                "p99 extraction latency", width=8, unit="s",
                description="99th percentile of stage duration across the selected tenants "
                            "and sources.",
                targets=[PromTarget(q.quantile(0.99, EXTRACTION_DURATION, **SEL))],
                thresholds=lower_is_better(SLO_SECONDS * 0.8, SLO_SECONDS)),
            panels.stat(
                "Extractions per second", width=8, unit="ops",
                description="Stages completed per second; a drop with flat latency means "
                            "less work arriving, not faster workers.",
                targets=[PromTarget(q.rate(EXTRACTION_DURATION,
                                           series=EXTRACTION_DURATION.count, **SEL))]),
            panels.timeseries(
                "Error budget burn rate", unit="short", width=24, key="burn-rate",
                thresholds=steps("green", ("blue", TICKET_BURN), ("orange", SLOW_BURN),
                                 ("red", FAST_BURN)), threshold_style="line",
                description="How fast the latency SLO's error budget burns, all tenants and "
                            "sources, over each window the burn-rate alerts read (recorded "
                            f"series). {FAST_BURN:g} over 1h and 5m pages "
                            f"(ExtractionLatencyBudgetBurnFast); {SLOW_BURN:g} over 6h and 30m "
                            "pages (ExtractionLatencyBudgetBurnSlow); "
                            f"{TICKET_BURN:g} over 3d and 6h opens a ticket "
                            "(ExtractionLatencyBudgetBurnTicket).",
                targets=[PromTarget(rule.select(), legend=window)
                         for window, rule in SLO_BURN_RATE.items()]),
        ]),
        Row("Latency", [
            recipes.latency_percentiles(
                EXTRACTION_DURATION, title="Latency percentiles by source", by=("source",),
                slo_seconds=SLO_SECONDS, **SEL,
                description="p50/p90/p99 per source. Points carry exemplars: click one to "
                            "open its trace."),
            recipes.latency_percentiles(
                EXTRACTION_DURATION, title="p99 latency by stage", by=("stage",),
                quantiles=(0.99,), slo_seconds=SLO_SECONDS, **SEL,
                description="Which stage (download, probe, transcode, thumbnail, package) "
                            "makes jobs slow."),
            recipes.latency_heatmap(
                EXTRACTION_DURATION, title="Latency distribution", width=24, **SEL,
                description="Every stage duration, bucketed. Bands that move up mean the "
                            "whole fleet slowed; a separate upper band means one source."),
        ]),
        Row("Tenants", [
            recipes.top_tenants(
                q.quantile(0.99, EXTRACTION_DURATION, by=("tenant",), **SEL),
                title="Slowest tenants (p99)", unit="s", service="extraction-worker",
                thresholds=lower_is_better(SLO_SECONDS * 0.8, SLO_SECONDS),
                description="The ten tenants with the highest p99 right now. Click a bar for "
                            "that tenant's logs or traces."),
            recipes.success_ratio(
                q.rate(EXTRACTION_DURATION, by=("tenant",), series=EXTRACTION_DURATION.bucket,
                       le=SLO_TARGET_BUCKET, **SEL),
                q.rate(EXTRACTION_DURATION, by=("tenant",), series=EXTRACTION_DURATION.count,
                       **SEL),
                title="SLO attainment by tenant", by=("tenant",), objective=SLO_OBJECTIVE,
                warning=0.9,
                description="Share of each tenant's stages within the objective."),
        ]),
    ],
)
