"""A refused save says why: a title clash, a plugin's dashboard and a concurrent edit are told
apart (pkg/api/apierrors/dashboard.go answers each with 412 and its own "status").

Against the emulator only: it plays Grafana 11.2, the last release with one title per
folder, and app-plugin dashboards, which a test cannot install into a real Grafana here.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from grafana_emulator import GrafanaEmulator
from scenarios.backends import Backend, EmulatorBackend
from scenarios.conftest import Project


@pytest.fixture
def backend() -> Iterator[EmulatorBackend]:
    with GrafanaEmulator(grafana_version="11.2.3", rbac=True) as emulator:
        yield EmulatorBackend(emulator)
    assert not emulator.internal_errors


def test_a_title_taken_in_the_folder_is_named_not_called_a_concurrent_edit(
        project: Project, backend: Backend) -> None:
    assert isinstance(backend, EmulatorBackend)
    backend.emulator.seed_dashboard({"uid": "someone-else", "title": "Svc"})
    project.dashboard("svc")
    result = project.run("push")
    assert result.code == 4, result.out + result.err
    assert ("failed: dashboard create " + project.uid("svc") + ": POST /api/dashboards/db failed "
            "with 412: another dashboard in this folder is already titled 'Svc'") in result.out
    assert "changed in Grafana during the push" not in result.out


def test_a_plugins_dashboard_is_named_as_the_plugins(project: Project, backend: Backend) -> None:
    assert isinstance(backend, EmulatorBackend)
    project.dashboard("svc")
    assert project.run("push").code == 0
    backend.emulator.mark_plugin(project.uid("svc"), "grafana-k8s-app", name="Kubernetes")
    project.dashboard("svc", panels=("Requests", "Errors", "Latency"))
    result = project.run("push")
    assert result.code == 4, result.out + result.err
    assert "412: The dashboard belongs to plugin Kubernetes. It is managed by that plugin" \
        in result.out
    assert "changed in Grafana during the push" not in result.out


def test_a_change_made_during_the_push_says_run_push_again(project: Project,
                                                           backend: Backend) -> None:
    assert isinstance(backend, EmulatorBackend)
    project.dashboard("svc")
    assert project.run("push").code == 0
    project.dashboard("svc", panels=("Requests", "Errors", "Latency"))
    emulator = backend.emulator
    original = emulator.dispatch

    def dispatch(method: str, path: str, *args: object) -> object:
        # Someone saves the dashboard between the plan's read and push's write.
        if method == "POST" and path == "/api/dashboards/db":
            emulator.ui_edit(project.uid("svc"), user="bob", changes={"description": "meanwhile"})
            emulator.dispatch = original  # type: ignore[method-assign]
        return original(method, path, *args)  # type: ignore[arg-type]

    emulator.dispatch = dispatch  # type: ignore[method-assign]
    result = project.run("push")
    assert result.code == 4, result.out + result.err
    assert "412: changed in Grafana during the push; run push again to see the change" \
        in result.out
