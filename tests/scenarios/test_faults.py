"""Each fault class in the middle of a push, then a rerun that converges (emulator only:
a real Grafana cannot be told to fail on cue)."""

from __future__ import annotations

from pathlib import Path

import pytest
from grafana_emulator import GrafanaEmulator

from dashkit.config import load_config
from dashkit.grafana import push as push_lib
from dashkit.grafana.apply import Status
from dashkit.grafana.connect import connect
from dashkit.grafana.retry import RetryPolicy
from dashkit.model import TargetSpec


def make_project(root: Path, count: int = 6) -> None:
    (root / "dashboards").mkdir()
    (root / "dashboards.yaml").write_text("owner: faults\nundeclared_folders: create\n")
    for i in range(count):
        (root / "dashboards" / f"d{i}.py").write_text(
            "from grafanalib.core import Dashboard, TimeSeries\n"
            f"folder = 'Faults/Sub{i % 2}'\n"
            f"dashboard = Dashboard(title='D{i}', uid='d{i}', panels=[TimeSeries(title='p')])\n")


def push(root: Path, grafana: GrafanaEmulator, attempts: int = 4,
         timeout: float = 5.0) -> tuple[int, int, list[str]]:
    config = load_config(root)
    target = TargetSpec("emulator", grafana.url, timeout=timeout)
    retry = RetryPolicy(attempts=attempts, sleep=lambda s: None)
    connection = connect(target, {"GRAFANA_TOKEN": grafana.admin_token}, retry=retry)
    plan = push_lib.prepare(config, list(config.dashboard_paths), connection)
    report = push_lib.execute(plan, connection, commit="test", concurrency=4)
    failed = [f"{o.kind} {o.uid}" for o in report.outcomes if o.status is not Status.APPLIED]
    return plan.writes, len(report.with_status(Status.APPLIED)), failed


FAULTS = {
    "5xx": lambda g, n: g.faults.add_status("POST", "/api/dashboards/db", status=500,
                                            nth=3, times=n),
    "429": lambda g, n: g.faults.add_rate_limit("POST", "/api/dashboards/db", retry_after=0,
                                                nth=3, times=n),
    "slow": lambda g, n: g.faults.add_delay("POST", "/api/dashboards/db", seconds=1.5, nth=3,
                                            times=n),
    "dropped": lambda g, n: g.faults.add_drop("POST", "/api/dashboards/db", nth=3, times=n),
    "dropped after saving": lambda g, n: g.faults.add_drop(
        "POST", "/api/dashboards/db", nth=3, times=n, after_processing=True),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_passing_fault_is_absorbed_by_retries(fault: str, tmp_path: Path) -> None:
    make_project(tmp_path)
    with GrafanaEmulator() as grafana:
        FAULTS[fault](grafana, 1)
        writes, applied, failed = push(tmp_path, grafana, timeout=0.6)
        assert failed == [] and applied == writes == 9  # 3 folders, 6 dashboards
        assert len(grafana.dashboards()) == 6
        assert push(tmp_path, grafana)[0] == 0


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_lasting_fault_fails_part_way_and_a_rerun_converges(fault: str,
                                                              tmp_path: Path) -> None:
    make_project(tmp_path)
    with GrafanaEmulator() as grafana:
        FAULTS[fault](grafana, 1000)  # from the third save on, every attempt fails
        writes, applied, failed = push(tmp_path, grafana, timeout=0.6)
        assert writes == 9
        assert applied == 3 + 2  # the folders and the two saves before the fault
        assert sorted(f.split()[0] for f in failed) == ["dashboard"] * 4
        grafana.faults.clear()
        again, _, failed_again = push(tmp_path, grafana)
        assert failed_again == []
        # Slow and dropped-after-saving requests were applied by Grafana although the client
        # never heard back: the rerun finds them done.
        assert again == (0 if fault in ("dropped after saving", "slow") else 4)
        assert push(tmp_path, grafana)[0] == 0
        assert len(grafana.dashboards()) == 6
