"""Read what a Grafana holds for the desired state (reads only, in parallel), and resolve
team and user names to ids before anything is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from dashkit.grafana.client import GrafanaPort
from dashkit.grafana.folders import DERIVED_PREFIX
from dashkit.grafana.live import LiveDashboard, LiveGrant
from dashkit.grafana.plan import STAMP, Desired, History, Observed, differs, is_ours
from dashkit.model import Grant
from dashkit.problems import UserError

T = TypeVar("T")
R = TypeVar("R")


def parallel(fn: Callable[[T], R], items: Iterable[T], concurrency: int) -> list[R]:
    items = list(items)
    if concurrency <= 1 or len(items) <= 1:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(fn, items))


def resolve_grants(port: GrafanaPort, declared: dict[str, tuple[Grant, ...]], what: str,
                   ) -> dict[str, tuple[LiveGrant, ...]]:
    """Names -> ids. Every unknown team or user is reported at once, before any write."""
    teams: dict[str, str | None] = {}
    users: dict[str, str | None] = {}
    for grants in declared.values():
        for grant in grants:
            if grant.kind == "team" and grant.name not in teams:
                teams[grant.name] = port.team_id(grant.name)
            if grant.kind == "user" and grant.name not in users:
                users[grant.name] = port.user_id(grant.name)
    unknown = [f"team {n!r}" for n, i in sorted(teams.items()) if i is None]
    unknown += [f"user {n!r}" for n, i in sorted(users.items()) if i is None]
    if unknown:
        raise UserError(
            f"{what} name {', '.join(unknown)}, which Grafana does not know; nothing was written",
            hints=("create the team or user in Grafana (or fix the spelling in dashboards.yaml)",
                   "users are matched by login or email within the target's organisation"))
    resolved = {}
    for uid, grants in declared.items():
        out = []
        for grant in grants:
            ref = {"team": teams, "user": users}.get(grant.kind, {}).get(grant.name, grant.name)
            out.append(LiveGrant(grant.kind, str(ref), grant.name, grant.permission))
        resolved[uid] = tuple(sorted(out))
    return resolved


def observe(port: GrafanaPort, desired: Desired, *, prune: bool, concurrency: int = 8,
            ) -> Observed:
    folders = {f.uid: f for f in port.folders()}
    wanted = {d.uid: d for d in desired.dashboards}
    found = parallel(port.dashboard, sorted(wanted), concurrency)
    dashboards = dict(zip(sorted(wanted), found, strict=True))

    suspects = [uid for uid, live in dashboards.items()
                if live is not None and not live.provisioned
                and desired.owner_tag in live.tags and differs(wanted[uid], live)]
    history = dict(zip(suspects, parallel(lambda u: _history(port, u), suspects, concurrency),
                       strict=True))

    folder_grants = {uid: tuple(port.grants("folder", uid))
                     for uid in sorted(desired.folder_grants) if uid in folders}
    dash_with_grants = [uid for uid in sorted(desired.dashboard_grants) if dashboards.get(uid)]
    dashboard_grants = dict(zip(dash_with_grants, parallel(
        lambda u: tuple(port.grants("dashboard", u)), dash_with_grants, concurrency),
        strict=True))

    owned: dict[str, LiveDashboard] = {}
    contents: dict[str, set[str]] = {}
    if prune:
        extra = sorted(uid for uid, _ in port.dashboards_tagged(desired.owner_tag)
                       if uid not in wanted)
        for uid, live in zip(extra, parallel(port.dashboard, extra, concurrency), strict=True):
            if live is not None and desired.owner_tag in live.tags and not live.provisioned:
                owned[uid] = live
        candidates = sorted(uid for uid in folders
                            if uid.startswith(DERIVED_PREFIX) and uid not in desired.tree.folders)
        contents = dict(zip(candidates, parallel(port.folder_dashboards, candidates,
                                                 concurrency), strict=True))
    return Observed(folders, dashboards, history, folder_grants, dashboard_grants, owned,
                    contents)


def _history(port: GrafanaPort, uid: str) -> History:
    versions = port.versions(uid)
    latest = versions[0] if versions else None
    if is_ours(latest):
        return History(latest)
    ours = next((v for v in versions if v.message.startswith(STAMP)),
                next((v for v in versions if v.version == 1), None))
    return History(latest, port.version_data(uid, ours.version) if ours else None)
