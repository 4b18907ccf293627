"""Each failure scenario of the reference workload makes its alerts fire in a real
Prometheus, and the healthy workload fires none.

Time-lapse (``dashkit.simulate.timelapse``): the simulators run 60 simulated seconds per
real second and the rule files are compressed 60 times, so ``for: 15m`` takes 15 s. All
scenarios run side by side, each with its own simulator and Prometheus."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from live import RULES, get_json, prometheus, simulator

from dashkit.simulate.scenarios import SCENARIOS
from dashkit.simulate.timelapse import compress_rules

SPEED = 60
FIRE_WITHIN = 150.0
"""Real seconds: two and a half simulated hours."""
QUIET_FOR = 90.0
"""Real seconds the healthy workload is watched: an hour and a half, simulated."""


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Scenario name -> the URL of a Prometheus scraping a simulator in that scenario."""
    work = tmp_path_factory.mktemp("scenarios")
    rules = work / "rules"
    rules.mkdir()
    for path in RULES.glob("*.yml"):
        (rules / path.name).write_text(compress_rules(path.read_text(), SPEED))
    with ExitStack() as stack:
        urls = {}
        for name in SCENARIOS:
            sim = stack.enter_context(simulator(work, name, speed=SPEED))
            urls[name] = stack.enter_context(prometheus(work, {"platform": sim.split("//")[1]},
                                                        rules=rules))
        yield urls


def alerts(url: str, state: str = "firing") -> set[str]:
    found = get_json(f"{url}/api/v1/alerts")["data"]["alerts"]
    return {a["labels"]["alertname"] for a in found if a["state"] == state}


@pytest.mark.parametrize("name", [n for n, s in SCENARIOS.items() if s.fires])
def test_a_failure_scenario_fires_its_alerts(running: dict[str, str], name: str) -> None:
    expected = set(SCENARIOS[name].fires)
    deadline = time.monotonic() + FIRE_WITHIN
    firing: set[str] = set()
    while time.monotonic() < deadline:
        firing = alerts(running[name])
        if expected <= firing:
            break
        time.sleep(1)
    assert expected <= firing, (f"{name}: {sorted(expected - firing)} did not fire within "
                                f"{FIRE_WITHIN:.0f} s; firing: {sorted(firing)}; pending: "
                                f"{sorted(alerts(running[name], 'pending'))}")


def test_the_healthy_workload_fires_nothing(running: dict[str, str]) -> None:
    """Pending is allowed (a small tenant's failure ratio over 5 minutes is noisy: that is
    what ``for`` is for); firing is not."""
    url = running["healthy"]
    started = time.monotonic()
    seen: set[str] = set()
    while time.monotonic() - started < QUIET_FOR:
        seen |= alerts(url)
        time.sleep(2)
    rules = get_json(f"{url}/api/v1/rules")["data"]["groups"]
    assert sum(len(g["rules"]) for g in rules) > 20  # the rules were loaded and evaluated
    assert seen == set()


def test_compressed_rules_are_valid_for_promtool(tmp_path: Path) -> None:
    import shutil
    import subprocess

    promtool = shutil.which("promtool")
    assert promtool, "promtool is missing: scripts/test installs it"
    for path in RULES.glob("*.yml"):
        out = tmp_path / path.name
        out.write_text(compress_rules(path.read_text(), SPEED))
        result = subprocess.run([promtool, "check", "rules", str(out)], capture_output=True,
                                text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
