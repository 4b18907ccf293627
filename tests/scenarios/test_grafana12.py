"""Grafana 12: dashboards saved in the v2 schema, which /api answers with 406.

Only against the emulator (at the root and behind a sub-path): a real Grafana 12 saves v2
dashboards only with its v2 feature toggles on. The emulator follows pkg/api/dashboard.go
GetDashboard, see tests/grafana_emulator/README.md.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from grafana_emulator import GrafanaEmulator
from scenarios.backends import Backend, EmulatorBackend
from scenarios.conftest import Project


@pytest.fixture(params=["emulator", "emulator-sub-path"])
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    emulator = GrafanaEmulator(grafana_version="12.1.0", rbac=True,
                               sub_path="/grafana" if "sub-path" in request.param else "")
    with emulator:
        yield EmulatorBackend(emulator)
    assert not emulator.internal_errors


def _v2(backend: Backend, uid: str) -> None:
    assert isinstance(backend, EmulatorBackend)
    backend.emulator.save_as_v2(uid)


def test_a_v2_dashboard_in_code_is_refused_and_the_rest_is_pushed(
        project: Project, backend: Backend) -> None:
    project.dashboard("a")
    project.dashboard("b")
    assert project.run("push").code == 0
    _v2(backend, project.uid("b"))
    project.dashboard("a", panels=("Requests", "Errors", "Saturation"))
    project.dashboard("b", panels=("Requests", "Errors", "Saturation"))
    result = project.run("push")
    assert result.code == 1, result.out + result.err
    assert (f"! refused     {project.uid('b')}  B  (saved in the v2 schema in Grafana; not "
            "managed by this tool)") in result.out
    assert "Applied: 1 dashboard update." in result.out
    found = backend.dashboard(project.uid("a"))
    assert found is not None and len(found["dashboard"]["panels"]) == 3


def test_prune_never_deletes_a_v2_dashboard_and_says_why(project: Project,
                                                         backend: Backend) -> None:
    project.dashboard("a")
    project.dashboard("b")
    assert project.run("push").code == 0
    _v2(backend, project.uid("b"))
    project.remove("b")
    result = project.run("push", "--prune")
    assert result.code == 0, result.out + result.err
    assert (f"= ignored     {project.uid('b')}  B  (saved in the v2 schema in Grafana; not "
            "managed by this tool; not deleted)") in result.out
    assert "Applied: nothing to write." in result.out
    assert isinstance(backend, EmulatorBackend)
    assert backend.emulator.dashboard(project.uid("b")) is not None


def test_diff_against_grafana_leaves_a_v2_dashboard_out_and_says_so(
        project: Project, backend: Backend) -> None:
    project.dashboard("a")
    project.dashboard("b")
    assert project.run("push").code == 0
    _v2(backend, project.uid("b"))
    result = project.run("diff", "--live", "--exit-code")
    assert result.code == 0, result.out + result.err
    assert "No dashboard changes (1 unchanged)." in result.out
    assert (f"warning: dashboard {project.uid('b')!r} (B) is saved in the v2 schema in "
            "Grafana; not compared: not managed by this tool") in result.err
