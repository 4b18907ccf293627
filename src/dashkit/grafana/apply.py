"""The only code that writes to Grafana: it applies exactly the actions of a Plan.

Folders first (parents before children), then folder permissions, then dashboards (in
parallel), then dashboard permissions, then deletions (dashboards, then folders deepest
first). A failure is recorded and everything that depends on it is skipped; the rest still
runs, so a second push converges. Writes carry the version a dashboard had when it was
planned, so a change made in Grafana meanwhile is never overwritten.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

from dashkit.grafana.client import GrafanaPort
from dashkit.grafana.desired import DesiredDashboard, differs
from dashkit.grafana.errors import GrafanaApiError
from dashkit.grafana.plan import Action, DashboardAction, FolderAction, GrantAction, Plan
from dashkit.model import Resource


class Status(StrEnum):
    """What became of one write of the plan."""

    APPLIED = "applied"
    FAILED = "failed"
    SKIPPED = "skipped"
    """Not tried: something it depends on (its folder, its parent) was not applied."""
    KEPT = "kept"
    """A folder the plan would delete, left alone: Grafana counts something in it."""


class _Kept(Exception):
    """A deletion that did not happen because Grafana says there is something to keep."""


class Subject(StrEnum):
    """What a write changes."""

    FOLDER = "folder"
    PERMISSIONS = "permissions"
    DASHBOARD = "dashboard"


@dataclass(frozen=True)
class Outcome:
    kind: Subject
    action: Action
    uid: str
    title: str
    status: Status
    detail: str = ""


@dataclass
class ApplyReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def with_status(self, status: Status) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is status]

    @property
    def ok(self) -> bool:
        return not self.with_status(Status.FAILED) and not self.with_status(Status.SKIPPED)


Progress = Callable[[int], None]


class _Run:
    def __init__(self, port: GrafanaPort, message: Callable[[DashboardAction], str],
                 progress: Progress | None, report: ApplyReport,
                 folders: tuple[FolderAction, ...]) -> None:
        self.port, self.message, self.progress = port, message, progress
        self.report = report
        self.failed_folders: set[str] = set()
        self.failed_dashboards: set[str] = set()
        self.held_back: dict[str, str] = {}
        """Folders (and their subfolders) whose declared grants could not be set: no
        dashboard goes into them in this push."""
        self.children: dict[str, list[str]] = {}
        for folder in folders:
            self.children.setdefault(folder.parent, []).append(folder.uid)
        self._lock = threading.Lock()

    def record(self, kind: Subject, action: Action, uid: str, title: str, status: Status,
               detail: str = "") -> None:
        with self._lock:
            self.report.outcomes.append(Outcome(kind, action, uid, title, status, detail))
            if status is not Status.APPLIED and kind is Subject.FOLDER:
                self.failed_folders.add(uid)
            elif status is not Status.APPLIED and kind is Subject.DASHBOARD:
                self.failed_dashboards.add(uid)
        if self.progress:
            self.progress(1)

    def attempt(self, kind: Subject, action: Action, uid: str, title: str,
                write: Callable[[], None]) -> bool:
        """Make one write and record it as applied, or as failed with Grafana's answer."""
        try:
            write()
        except _Kept as kept:
            self.record(kind, action, uid, title, Status.KEPT, str(kept))
            return False
        except GrafanaApiError as exc:
            self.record(kind, action, uid, title, Status.FAILED, exc.describe())
            return False
        self.record(kind, action, uid, title, Status.APPLIED)
        return True

    def folder(self, action: FolderAction) -> None:
        if action.parent in self.failed_folders:
            self.record(Subject.FOLDER, action.action, action.uid, action.path, Status.SKIPPED,
                        f"parent folder {action.parent} was not applied")
            return
        self.attempt(Subject.FOLDER, action.action, action.uid, action.path,
                     lambda: self._write_folder(action))

    def _write_folder(self, action: FolderAction) -> None:
        if action.action is Action.CREATE:
            self._create_folder(action)
        elif action.action is Action.MOVE:
            self.port.move_folder(action.uid, action.parent)
        elif action.action is Action.RENAME:
            self.port.rename_folder(action.uid, action.title, 0)
        elif action.action is Action.DELETE:
            self._delete_folder(action)

    def _delete_folder(self, action: FolderAction) -> None:
        """Only an empty folder is deleted: older Grafana deletes whatever a folder holds with
        it, including dashboards this token cannot see, so Grafana's own count decides."""
        counts = self.port.folder_counts(action.uid)
        held = "cannot tell what it holds" if counts is None else ", ".join(
            f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in sorted(counts.items()) if n)
        if held:
            raise _Kept(f"left alone: Grafana {'says it holds ' if counts else ''}{held}")
        self.port.delete_folder(action.uid)

    def _create_folder(self, action: FolderAction) -> None:
        try:
            self.port.create_folder(action.uid, action.title, action.parent)
        except GrafanaApiError as exc:
            # A retried create that Grafana had already applied answers "exists".
            live = self.port.folder(action.uid) if exc.status in (409, 412) else None
            if live is None or (live.title, live.parent) != (action.title, action.parent):
                raise

    def grants(self, action: GrantAction) -> None:
        blocked = (self.failed_folders if action.resource is Resource.FOLDER
                   else self.failed_dashboards)
        if action.uid in blocked:
            self.record(Subject.PERMISSIONS, Action.UPDATE, action.uid, action.title,
                        Status.SKIPPED, f"the {action.resource} was not applied")
            return
        applied = self.attempt(Subject.PERMISSIONS, Action.UPDATE, action.uid, action.title,
                               lambda: self.port.set_grants(action.resource, action.uid,
                                                            list(action.grants)))
        if action.resource is Resource.FOLDER and not applied:
            self._hold_back(action.uid, f"held back: the permissions of folder {action.title} "
                                        "could not be set, so it may still be open to everyone "
                                        "Grafana's defaults allow")

    def _hold_back(self, uid: str, reason: str) -> None:
        """Fail closed: nothing goes into ``uid`` or any folder below it in this push."""
        self.held_back.setdefault(uid, reason)
        for child in self.children.get(uid, []):
            self._hold_back(child, reason)

    def dashboard(self, action: DashboardAction) -> None:
        if action.folder_uid in self.held_back and action.action is not Action.DELETE:
            self.record(Subject.DASHBOARD, action.action, action.uid, action.title,
                        Status.SKIPPED, self.held_back[action.folder_uid])
            return
        if action.folder_uid in self.failed_folders and action.action is not Action.DELETE:
            self.record(Subject.DASHBOARD, action.action, action.uid, action.title,
                        Status.SKIPPED, f"folder {action.folder_uid} was not applied")
            return
        self.attempt(Subject.DASHBOARD, action.action, action.uid, action.title,
                     lambda: (self._delete_dashboard(action.uid)
                              if action.action is Action.DELETE else self._save(action)))

    def _save(self, action: DashboardAction) -> None:
        assert action.payload is not None
        version = None if action.action is Action.CREATE else action.version
        try:
            self.port.save_dashboard(action.payload, action.folder_uid, self.message(action),
                                     version)
        except GrafanaApiError as exc:
            if exc.status not in (409, 412):
                raise
            # pkg/api/apierrors/dashboard.go: a 412 says why in its "status"; only a version
            # mismatch (409 on Grafana's main branch) is a change made meanwhile.
            if exc.reason == "name-exists":
                raise exc.saying(
                    f"another dashboard in this folder is already titled {action.title!r}, and "
                    "this Grafana (11.2 or older) keeps titles unique per folder; rename one of "
                    "them") from None
            if exc.reason == "plugin-dashboard":
                raise exc.saying(f"{exc.message} It is managed by that plugin, not by this "
                                 "project; give the dashboard in code another uid") from None
            live = self.port.dashboard(action.uid)
            want = DesiredDashboard(action.uid, action.title, action.folder_uid, action.payload)
            if live is None or differs(want, live):
                raise exc.saying("changed in Grafana during the push; run push again to see "
                                 "the change") from None

    def _delete_dashboard(self, uid: str) -> None:
        try:
            self.port.delete_dashboard(uid)
        except GrafanaApiError as exc:
            if exc.status != 404:
                raise


def apply_plan(port: GrafanaPort, plan: Plan, *, message: Callable[[DashboardAction], str],
               concurrency: int = 8, progress: Progress | None = None,
               report: ApplyReport | None = None) -> ApplyReport:
    """Apply ``plan``, recording each write in ``report`` as it is made. On Ctrl-C no new
    write starts; the ones in flight finish and are recorded."""
    run = _Run(port, message, progress, report if report is not None else ApplyReport(),
               plan.folders)
    writes = [a for a in plan.dashboards if a.action in (Action.CREATE, Action.UPDATE)]
    deletes = [a for a in plan.dashboards if a.action is Action.DELETE]
    for action in plan.folders:
        if action.action in (Action.CREATE, Action.MOVE, Action.RENAME):
            run.folder(action)
    for grant in plan.grants:
        if grant.action is Action.UPDATE and grant.resource is Resource.FOLDER:
            run.grants(grant)
    _each(run.dashboard, writes, concurrency)
    for grant in plan.grants:
        if grant.action is Action.UPDATE and grant.resource is Resource.DASHBOARD:
            run.grants(grant)
    _each(run.dashboard, deletes, concurrency)
    for action in plan.folders:
        if action.action is Action.DELETE:
            if action.uid in {a.folder_uid for a in deletes if a.uid in run.failed_dashboards}:
                run.record(Subject.FOLDER, Action.DELETE, action.uid, action.path,
                           Status.SKIPPED, "a dashboard in it was not deleted")
                continue
            run.folder(action)
    return run.report


def _each(fn: Callable[[DashboardAction], None], items: list[DashboardAction],
          concurrency: int) -> None:
    if concurrency <= 1 or len(items) <= 1:
        for item in items:
            fn(item)
        return
    pool = ThreadPoolExecutor(max_workers=concurrency)
    try:
        list(pool.map(fn, items))
    except BaseException:  # Ctrl-C or a bug: start nothing new, let the writes in flight end
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
