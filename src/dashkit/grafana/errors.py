"""What a failed call to Grafana means, and what to do about it: the one error type push
and diff see, whose text never holds a credential."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

NEEDED = (
    ("POST", "/api/folders", "folders:create (Editor role or above)"),
    ("PUT", "/api/folders/", "folders:write on the folder"),
    ("DELETE", "/api/folders/", "folders:delete on the folder"),
    ("POST", "/permissions", "folders.permissions:write / dashboards.permissions:write (Admin "
                             "role, or Admin permission on the folder)"),
    ("GET", "/permissions", "folders.permissions:read / dashboards.permissions:read"),
    ("POST", "/api/dashboards/db", "dashboards:create and dashboards:write (Editor role, or "
                                   "Edit permission on the folder)"),
    ("DELETE", "/api/dashboards/", "dashboards:delete"),
    ("GET", "/api/org/users/lookup", "org.users:read or folders.permissions:write"),
    ("GET", "/api/teams/search", "teams:read"),
    ("GET", "/versions", "dashboards:write (to read version history)"),
)
"""The permission each refused call needs, to say so on a 403."""

DETERMINISTIC_500 = (
    # pkg/api/dashboard.go GetDashboardVersion: an unknown version number of a dashboard.
    re.compile(r"^Dashboard version \d+ not found"),
    # pkg/api/folder_permission.go UpdateFolderPermissions and pkg/api/dashboard_permission.go
    # UpdateDashboardPermissions: SetPermissions refused a row (an unknown user or team id, a
    # level that does not exist) before writing anything.
    re.compile(r"^Failed to create permission$"),
    re.compile(r"^Failed to update permissions$"),
)
"""500 answers that come out the same however often the call is made: never retried."""


def is_deterministic(status: int, message: str) -> bool:
    return status == 500 and any(p.search(message) for p in DETERMINISTIC_500)


@dataclass(frozen=True)
class Answer:
    """What Grafana said: the status, its ``message``, and its machine-readable reason (the
    body's ``status`` on dashboard saves, ``messageId`` on errutil errors)."""

    status: int
    message: str
    reason: str = ""

    @classmethod
    def of(cls, status: int, body: Any, fallback: str = "") -> Answer:
        if isinstance(body, dict):
            message = str(body.get("message") or body.get("messageId") or fallback)
            reason = str(body.get("status") or body.get("messageId") or "")
            return cls(status, message, reason)
        return cls(status, str(body or fallback)[:200])


class GrafanaApiError(Exception):
    """A call Grafana refused or could not answer, after retries. ``basic_auth`` says which
    kind of credential was refused, so a 401 names the right one."""

    def __init__(self, method: str, path: str, answer: Answer, *,
                 basic_auth: bool = False) -> None:
        self.method, self.path, self.answer, self.basic_auth = method, path, answer, basic_auth
        super().__init__(self.describe())

    @property
    def status(self) -> int:
        return self.answer.status

    @property
    def message(self) -> str:
        return self.answer.message

    @property
    def reason(self) -> str:
        return self.answer.reason

    def saying(self, message: str) -> GrafanaApiError:
        """The same failure, explained in other words."""
        return GrafanaApiError(self.method, self.path, replace(self.answer, message=message),
                               basic_auth=self.basic_auth)

    def describe(self) -> str:
        text = f"{self.method} {self.path} failed"
        text += f" with {self.status}: {self.message}" if self.status else f": {self.message}"
        who = "user" if self.basic_auth else "token"
        if self.status == 401:
            text += (" (the user name or password is wrong, or the user is locked out)"
                     if self.basic_auth else " (the token is missing, wrong, expired or revoked)")
        if self.status == 403:
            needed = next((n for m, p, n in NEEDED if m == self.method and p in self.path), "")
            text += f" (the {who} needs {needed})" if needed else f" (the {who} lacks a permission)"
        return text
