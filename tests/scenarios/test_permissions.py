"""Permissions that fail closed, pushed by tokens of different roles."""

from __future__ import annotations

from scenarios.backends import Backend
from scenarios.conftest import Project


def test_an_editor_token_pushes_and_shared_with_me_is_not_a_folder(
        project: Project, backend: Backend) -> None:
    token = backend.service_account_token(f"{project.prefix}-ci", "Editor")
    project.dashboard("api", folder=f"{project.prefix} Ops")
    first = project.run("push", token=token)
    assert first.code == 0, first.out + first.err
    again = project.run("plan", "-v", token=token)
    assert again.code == 0, again.out + again.err
    assert "sharedwithme" not in again.out and "Shared with me" not in again.out
    assert "0 to create, 0 to update, 1 unchanged" in again.out
