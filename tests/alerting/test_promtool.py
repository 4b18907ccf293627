"""The project's alerts and recording rules, proven by Prometheus's own promtool.

The unit tests are the YAML files beside this one (``promtool test rules``), written by hand:
for each alert a history where it fires (with the labels and annotations a responder gets, and
silent while ``for`` runs), a healthy one and the edge. The tests here run them, check every
generated rule file, and make sure no alert or recording rule goes without its tests.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from alerting.project import project_alerts as _alerts
from dashkit.alerting.compile import CompiledAlert
from dashkit.catalog.recording import RECORDING_RULES
from dashkit.config import load_config
from dashkit.provisioning import run

UNIT_TESTS = Path(__file__).parent / "promtool"
RULES = REPO / "provisioning" / "prometheus" / "rules"
ANNOTATIONS = {"summary", "description", "runbook_url", "dashboard_url"}


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("promtool"), "promtool is missing: scripts/test installs it"
    return subprocess.run(["promtool", *args], capture_output=True, text=True, timeout=120)


def _unit_tests() -> dict[str, dict[str, Any]]:
    return {path.name: yaml.safe_load(path.read_text())
            for path in sorted(UNIT_TESTS.glob("*.yml"))}


def test_the_generated_rule_files_are_current() -> None:
    checked = run.check(load_config(REPO))
    assert checked.clean, [(o.what, s) for o, s in checked.outputs if not s.clean]


@pytest.mark.parametrize("path", sorted(RULES.glob("*.yml")), ids=lambda p: p.name)
def test_every_rule_file_passes_promtool_check_rules(path: Path) -> None:
    done = _promtool("check", "rules", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout


@pytest.mark.parametrize("path", sorted(UNIT_TESTS.glob("*.yml")), ids=lambda p: p.name)
def test_promtool_unit_tests_pass(path: Path) -> None:
    done = _promtool("test", "rules", str(path))
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_wrong_expectation_fails_promtool(tmp_path: Path) -> None:
    """The harness can fail: the same test with one annotation changed does."""
    source = UNIT_TESTS / "queue-depth.yml"
    text = source.read_text().replace("../../../provisioning", str(REPO / "provisioning"))
    changed = text.replace("has messages and no consumers", "has no consumers", 1)
    assert changed != text
    (tmp_path / "t.yml").write_text(changed)
    done = _promtool("test", "rules", str(tmp_path / "t.yml"))
    assert done.returncode == 1 and "QueueNoConsumers" in done.stdout + done.stderr


def test_every_unit_test_file_loads_existing_rule_files() -> None:
    loaded = set()
    for name, data in _unit_tests().items():
        for rule_file in data["rule_files"]:
            path = (UNIT_TESTS / rule_file).resolve()
            assert path.is_file(), (name, rule_file)
            loaded.add(path)
    assert loaded == {p.resolve() for p in RULES.glob("*.yml")}


def _alert_tests() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Alert name -> (test group name, eval) for every alert_rule_test."""
    found: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for data in _unit_tests().values():
        for group in data["tests"]:
            for case in group.get("alert_rule_test") or []:
                found.setdefault(case["alertname"], []).append((group["name"], case))
    return found


def _seconds(text: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)([smhd])", text))


@pytest.mark.parametrize("alert", _alerts(), ids=lambda a: a.name)
def test_every_alert_is_proven_firing_silent_and_at_its_edge(alert: CompiledAlert) -> None:
    cases = _alert_tests().get(alert.name, [])
    kinds: dict[str, list[dict[str, Any]]] = {}
    for group, case in cases:
        assert group.startswith(f"{alert.name}: "), f"{group!r} tests {alert.name}"
        kind = group.split(": ", 1)[1].split(" ", 1)[0].strip(",")
        kinds.setdefault(kind, []).append(case)
    assert set(kinds) >= {"fires", "healthy", "edge"}, (
        f"{alert.name} needs test groups named '{alert.name}: fires ...', '... healthy ...' "
        "and '... edge ...'")
    assert any(not c["exp_alerts"] for c in kinds["healthy"])
    assert any(not c["exp_alerts"] for c in kinds["edge"])
    firing = [c for c in kinds["fires"] if c["exp_alerts"]]
    assert firing, f"{alert.name}: no eval where it fires"
    expected_labels = {"severity", "team", *alert.output_labels}
    for case in firing:
        for expected in case["exp_alerts"]:
            assert set(expected["exp_labels"]) == expected_labels, (
                "the labels promtool sees are the labels compile worked out")
            assert expected["exp_labels"]["severity"] == alert.alert.severity.value
            assert set(expected["exp_annotations"]) == ANNOTATIONS
    first_firing = min(_seconds(c["eval_time"]) for c in firing)
    pending = [c for c in kinds["fires"] if not c["exp_alerts"]
               and _seconds(c["eval_time"]) < first_firing]
    assert pending, f"{alert.name}: no eval before it fires, while `for` has not elapsed"


def test_every_recording_rule_has_an_expression_test() -> None:
    tested = {expr for data in _unit_tests().values() for group in data["tests"]
              for case in group.get("promql_expr_test") or []
              for expr in re.findall(r"[a-z_:]*:[a-z_0-9:]+", case["expr"])}
    assert {rule.record for rule in RECORDING_RULES} <= tested
