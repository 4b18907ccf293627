"""Gathering what lint needs: the build folder reused, runbooks, declared datasource uids."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import WriteModule

from dashkit.build import modules as build_modules
from dashkit.config import load_config
from dashkit.review.lint.collect import collect, declared_datasource_uids, runbooks

from .projects import CLEAN


def test_a_second_collect_compiles_nothing_that_did_not_change(
        project: Path, write_module: WriteModule, monkeypatch: pytest.MonkeyPatch) -> None:
    write_module("queue_depth.py", CLEAN)
    config = load_config(project)
    first = collect(config, jobs=1)
    assert [i.ref.uid for i in first.items] == ["queue-depth"]
    assert first.items[0].load()["title"] == "Queue depth"
    compiled: list[str] = []
    real = build_modules.compile_module
    monkeypatch.setattr(build_modules, "compile_module",
                        lambda *args: compiled.append(args[0]) or real(*args))
    again = collect(config, jobs=1)
    assert compiled == [] and again.items == first.items


def test_a_failing_module_keeps_its_old_dashboard_in_the_project_but_not_in_the_lint(
        project: Path, write_module: WriteModule) -> None:
    path = write_module("queue_depth.py", CLEAN)
    config = load_config(project)
    collect(config, jobs=1)
    path.write_text(CLEAN + "raise RuntimeError('half-edited')\n")
    collected = collect(config, jobs=1)
    assert collected.items == []
    assert [p.severity for p in collected.problems] == ["error"]
    assert collected.project.known_uids == {"queue-depth"}


def test_runbooks_are_the_files_under_docs_runbooks(tmp_path: Path) -> None:
    assert runbooks(tmp_path) is None
    folder = tmp_path / "docs" / "runbooks"
    (folder / "uploads").mkdir(parents=True)
    assert runbooks(tmp_path) == frozenset()
    (folder / "queue-backlog.md").write_text("# Queue backlog\n")
    (folder / "uploads" / "quota.md").write_text("# Quota\n")
    assert runbooks(tmp_path) == {"queue-backlog.md", "uploads/quota.md"}


def test_declared_datasource_uids_come_from_provisioning_files(tmp_path: Path) -> None:
    folder = tmp_path / "provisioning" / "grafana" / "datasources"
    folder.mkdir(parents=True)
    (folder / "prometheus.yaml").write_text(
        "apiVersion: 1\ndatasources:\n  - {name: Prometheus, type: prometheus, uid: prom-main}\n"
        "  - {name: Loki, type: loki}\n")
    (folder / "broken.yml").write_text("datasources: [\n")
    assert declared_datasource_uids(tmp_path) == {"prom-main"}


def test_a_literal_uid_declared_in_dashboards_yaml_is_declared(tmp_path: Path) -> None:
    (tmp_path / "dashboards").mkdir(exist_ok=True)
    (tmp_path / "dashboards.yaml").write_text(
        "datasources: [{uid: prom-main, name: Prometheus, type: prometheus, "
        "url: 'http://prometheus:9090'}]\n")
    collected = collect(load_config(tmp_path))
    assert "prom-main" in collected.project.datasource_uids
