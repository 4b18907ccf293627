"""The stack of provisioning/compose.yaml: the committed tree is current, images are pinned,
every mounted file exists, and each config is checked by the real tool where one exists here
(promtool, amtool)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO

from dashkit.cli import cli

STACK = REPO / "provisioning"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((STACK / "compose.yaml").read_text())
    assert isinstance(data, dict)
    return data


def test_the_committed_tree_is_what_the_sources_give() -> None:
    result = CliRunner().invoke(cli, ["-C", str(REPO), "provision", "--check"])
    assert result.exit_code == 0, result.output


def test_every_image_is_pinned_and_every_port_stays_on_the_machine(
        compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        image = service["image"]
        assert ":" in image and not image.endswith((":latest", ":main")), (name, image)
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)


def test_every_mounted_file_exists_and_grafana_mounts_the_tree(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert (STACK / source).exists(), (name, source)
    grafana = compose["services"]["grafana"]
    assert "./grafana:/etc/grafana/provisioning:ro" in grafana["volumes"]
    assert compose["services"]["folders"]["depends_on"]["grafana"] == {
        "condition": "service_healthy"}
    assert "push --folders-only" in compose["services"]["folders"]["command"]


def test_prometheus_config_passes_promtool_and_scrapes_services_of_the_stack(
        compose: dict[str, Any]) -> None:
    path = STACK / "prometheus" / "prometheus.yml"
    done = subprocess.run(["promtool", "check", "config", str(path)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    config = yaml.safe_load(path.read_text())
    hosts = {t.split(":")[0] for job in config["scrape_configs"]
             for sc in job["static_configs"] for t in sc["targets"]}
    assert hosts - {"localhost"} <= set(compose["services"])


def test_alertmanager_config_passes_amtool() -> None:
    path = STACK / "alertmanager" / "alertmanager.yml"
    done = subprocess.run(["amtool", "check-config", str(path)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_loki_and_tempo_configs_hold_what_the_stack_relies_on() -> None:
    # No Loki or Tempo binary exists here to check them; these are the keys the stack needs.
    loki = yaml.safe_load((STACK / "loki" / "loki.yaml").read_text())
    assert loki["auth_enabled"] is False and loki["server"]["http_listen_port"] == 3100
    tempo = yaml.safe_load((STACK / "tempo" / "tempo.yaml").read_text())
    assert tempo["server"]["http_listen_port"] == 3200
    writes = tempo["metrics_generator"]["storage"]["remote_write"]
    assert writes == [{"url": "http://prometheus:9090/api/v1/write", "send_exemplars": True}]


def test_the_datasource_urls_name_services_of_the_stack(compose: dict[str, Any]) -> None:
    data = yaml.safe_load((STACK / "grafana" / "datasources" / "dashkit.yaml").read_text())
    for source in data["datasources"]:
        host = source["url"].split("//")[1].split(":")[0]
        assert host in compose["services"], source["name"]
    assert Path(STACK / "grafana" / "dashboards" / "dashkit.yaml").is_file()


def test_the_stack_gives_alertmanager_the_secret_files_and_bridges_its_config_names(
        compose: dict[str, Any]) -> None:
    config = yaml.safe_load((STACK / "alertmanager" / "alertmanager.yml").read_text())
    files = {value for receiver in config["receivers"]
             for kind in ("slack_configs", "pagerduty_configs")
             for item in receiver.get(kind, [])
             for key, value in item.items() if key.endswith("_file")}
    manager = compose["services"]["alertmanager"]
    assert files == {f"/run/secrets/{name}" for name in manager["secrets"]}
    for name in manager["secrets"]:
        assert set(compose["secrets"][name]) == {"environment"}, "secrets from the environment"
    hooks = [urlsplit(item["url"]) for receiver in config["receivers"]
             for item in receiver.get("webhook_configs", [])]
    assert hooks
    for hook in hooks:
        bridge = compose["services"][hook.hostname]
        assert hook.port == 2000
        assert bridge["environment"]["TEAMS_REQUEST_URI"] == hook.path.strip("/")


def test_prometheus_loads_the_generated_rule_files() -> None:
    config = yaml.safe_load((STACK / "prometheus" / "prometheus.yml").read_text())
    assert config["rule_files"] == ["rules/*.yml"]
    rules = {p.name for p in (STACK / "prometheus" / "rules").glob("*.yml")}
    modules = {p.name.removesuffix(".alerts.py").replace("_", "-") + ".yml"
               for p in (REPO / "dashboards").glob("*.alerts.py")}
    assert rules == modules | {"recording-rules.yml"}
