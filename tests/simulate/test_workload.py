"""The simulated workload: every platform metric, exactly the catalog's labels, the same
numbers for the same seed, and each scenario moving what its alerts watch."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from dashkit.catalog import PLATFORM_METRICS
from dashkit.catalog import exporters as x
from dashkit.catalog import platform as m
from dashkit.catalog.model import MetricType
from dashkit.simulate.exposition import OPENMETRICS, TEXT, render
from dashkit.simulate.scenarios import SCENARIOS, scenario
from dashkit.simulate.server import Simulator
from dashkit.simulate.store import Store

SAMPLE = re.compile(r"^(\w+)(?:\{(.*)\})? (\S+)")


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def run(name: str, seconds: float, seed: int = 1) -> tuple[Simulator, Clock]:
    clock = Clock()
    sim = Simulator(scenario(name), seed, clock)
    clock.now += seconds
    sim.exposition()
    return sim, clock


def series(text: str) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for line in text.splitlines():
        match = SAMPLE.match(line)
        if match and not line.startswith("#"):
            labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', match.group(2) or ""))
            out.setdefault(match.group(1), []).append(labels)
    return out


def test_every_platform_metric_is_exposed_with_exactly_its_catalog_labels() -> None:
    sim, _ = run("healthy", 120)
    exposed = series(render(sim.store, TEXT).decode())
    for metric in PLATFORM_METRICS:
        for name in metric.series:
            assert name in exposed, f"{name} is not exposed"
            expected = set(metric.labels) | ({"le"} if name.endswith("_bucket") else set())
            for labels in exposed[name]:
                assert set(labels) == expected, (name, labels)


def test_the_same_seed_gives_the_same_numbers_and_another_seed_does_not() -> None:
    a, _ = run("healthy", 300, seed=7)
    b, _ = run("healthy", 300, seed=7)
    c, _ = run("healthy", 300, seed=8)
    assert render(a.store) == render(b.store)
    assert render(a.store) != render(c.store)


def test_promtool_accepts_the_exposition() -> None:
    promtool = shutil.which("promtool")
    assert promtool, "promtool is missing: scripts/test installs it (apt-get install prometheus)"
    sim, _ = run("healthy", 60)
    result = subprocess.run([promtool, "check", "metrics"], input=render(sim.store),
                            capture_output=True, check=False)
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def test_openmetrics_carries_trace_id_exemplars_and_ends_with_eof() -> None:
    sim, _ = run("healthy", 60)
    text = render(sim.store, OPENMETRICS).decode()
    assert text.endswith("# EOF\n")
    assert re.search(r'^extraction_duration_seconds_bucket\{.*\} \S+ # \{trace_id="[0-9a-f]{32}"\}',
                     text, re.MULTILINE)
    assert "# TYPE jobs_completed counter" in text  # OpenMetrics names counters without _total
    assert "trace_id" not in render(sim.store, TEXT).decode()


def depth(sim: Simulator, queue: str) -> float:
    return sim.store.value(m.QUEUE_DEPTH, queue=queue)


def test_healthy_keeps_up_and_the_failure_ratios_stay_low() -> None:
    sim, _ = run("healthy", 1800)
    assert depth(sim, "extraction") < 50
    assert sim.store.value(m.QUEUE_OLDEST_AGE, queue="extraction") < 60
    failed = sum(sim.store.value(m.YOUTUBE_UPLOADS, tenant=t, status="failed")
                 for t in ("acme", "globex", "initech"))
    done = sum(sim.store.value(m.YOUTUBE_UPLOADS, tenant=t, status=s)
               for t in ("acme", "globex", "initech") for s in ("failed", "succeeded"))
    assert done > 1000 and failed / done < 0.1


@pytest.mark.parametrize("name", ["queue-backlog", "no-consumers"])
def test_a_backlog_grows_and_its_oldest_message_ages(name: str) -> None:
    sim, clock = run(name, 900)
    first = depth(sim, "extraction")
    clock.now += 300
    sim.exposition()
    assert depth(sim, "extraction") > max(first, 1000)
    assert sim.store.value(m.QUEUE_OLDEST_AGE, queue="extraction") > 600
    consumers = sim.store.value(m.QUEUE_CONSUMERS, queue="extraction")
    assert (consumers == 0) == (name == "no-consumers")


def _ratio(store: Store, tenant: str) -> float:
    failed = sum(v for k, v in store.values[m.OAUTH_REFRESH_FAILURES].items() if k[0] == tenant)
    return failed / store.value(m.OAUTH_REFRESH_ATTEMPTS, tenant=tenant)


def test_token_refresh_failures_hit_one_tenant() -> None:
    sim, _ = run("token-refresh-failures", 1800)
    assert _ratio(sim.store, "globex") > 0.5
    assert _ratio(sim.store, "acme") < 0.1


def _slow_share(sim: Simulator) -> float:
    histograms = sim.store.histograms[m.EXTRACTION_DURATION].values()
    under = sum(h.cumulative()[m.EXTRACTION_DURATION.buckets.index(30)][1] for h in histograms)
    return 1 - under / sum(h.count for h in histograms)


def test_a_latency_regression_makes_most_stages_miss_the_objective() -> None:
    assert _slow_share(run("healthy", 600)[0]) < 0.05
    assert _slow_share(run("latency-regression", 600)[0]) > 0.72  # burn rate over 14.4


def test_the_scratch_disk_fills_only_in_its_scenario() -> None:
    scratch = {"device": "/dev/nvme1n1", "fstype": "ext4",
               "mountpoint": "/var/lib/media-scratch"}
    healthy, _ = run("healthy", 3600)
    filling, _ = run("disk-filling", 3600)
    size = healthy.store.value(x.NODE_FS_SIZE, **scratch)
    assert healthy.store.value(x.NODE_FS_AVAIL, **scratch) / size > 0.3
    assert filling.store.value(x.NODE_FS_AVAIL, **scratch) / size < 0.05


def test_switching_scenarios_keeps_every_counter() -> None:
    sim, clock = run("healthy", 600)
    before = sim.store.value(m.JOBS_SUBMITTED, tenant="acme", job_type="video")
    sim.switch(scenario("upload-failures"))
    clock.now += 60
    sim.exposition()
    assert sim.store.value(m.JOBS_SUBMITTED, tenant="acme", job_type="video") > before


def test_every_scenario_names_alerts_that_exist() -> None:
    from tests_alert_names import alert_names

    known = alert_names()
    for item in SCENARIOS.values():
        assert set(item.fires) <= known, (item.name, set(item.fires) - known)


def test_only_counters_go_up_and_labels_must_match() -> None:
    store = Store()
    with pytest.raises(ValueError, match="missing"):
        store.inc(m.JOBS_SUBMITTED, 1, tenant="acme")
    with pytest.raises(TypeError):
        store.set(m.JOBS_SUBMITTED, 1, tenant="acme", job_type="video")
    with pytest.raises(ValueError, match="cannot go down"):
        store.inc(m.JOBS_SUBMITTED, -1, tenant="acme", job_type="video")
    assert m.JOBS_SUBMITTED.type is MetricType.COUNTER
