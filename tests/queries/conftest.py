"""A real Prometheus scraping the reference workload, with the repository's rules: the pair
scripts/test started (PROMETHEUS_URL and SIMULATOR_URL), or a pair started here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
from live import prometheus, query, simulator, wait_for_series, wait_until


@dataclass(frozen=True)
class Live:
    prometheus: str
    simulator: str


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    given = os.environ.get("PROMETHEUS_URL"), os.environ.get("SIMULATOR_URL")
    if all(given):
        yield Live(given[0].rstrip("/"), given[1].rstrip("/"))  # type: ignore[union-attr]
        return
    work: Path = tmp_path_factory.mktemp("live")
    with ExitStack() as stack:
        sim = stack.enter_context(simulator(work))
        prom = stack.enter_context(prometheus(work, {"platform": sim.split("//")[1]}))
        wait_for_series(prom, "jobs_submitted_total")
        # A minute of data, so that every 30 s step of a panel's range has its rates.
        wait_until(lambda: bool(query(prom, "min(count_over_time(queue_enqueued_total[2m]))"
                                            " >= 60")), "a minute of the workload's data", 150)
        yield Live(prom, sim)
