"""Read what a Grafana holds for the desired state: reads only, in parallel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from dashkit.folders import DERIVED_PREFIX
from dashkit.grafana.client import GrafanaPort
from dashkit.grafana.desired import Desired, differs
from dashkit.grafana.live import STAMP, History, LiveDashboard, Observed, is_ours
from dashkit.model import Resource

T = TypeVar("T")
R = TypeVar("R")


def parallel(fn: Callable[[T], R], items: Iterable[T], concurrency: int) -> list[R]:
    items = list(items)
    if concurrency <= 1 or len(items) <= 1:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(fn, items))


def observe(port: GrafanaPort, desired: Desired, *, prune: bool, concurrency: int = 8,
            ) -> Observed:
    folders = {f.uid: f for f in port.folders()}
    wanted = {d.uid: d for d in desired.dashboards}
    found = parallel(port.dashboard, sorted(wanted), concurrency)
    dashboards = dict(zip(sorted(wanted), found, strict=True))

    suspects = [uid for uid, live in dashboards.items()
                if live is not None and not live.provisioned and not live.saved_as_v2
                and desired.owner_tag in live.tags and differs(wanted[uid], live)]
    history = dict(zip(suspects, parallel(lambda u: _history(port, u), suspects, concurrency),
                       strict=True))

    folder_grants = {uid: tuple(port.grants(Resource.FOLDER, uid))
                     for uid in sorted(desired.folder_grants) if uid in folders}
    dash_with_grants = [uid for uid in sorted(desired.dashboard_grants) if dashboards.get(uid)]
    dashboard_grants = dict(zip(dash_with_grants, parallel(
        lambda u: tuple(port.grants(Resource.DASHBOARD, u)), dash_with_grants, concurrency),
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
                    contents, port.caller())


def _history(port: GrafanaPort, uid: str) -> History:
    versions = port.versions(uid)
    latest = versions[0] if versions else None
    if is_ours(latest):
        return History(latest)
    ours = next((v for v in versions if v.message.startswith(STAMP)),
                next((v for v in versions if v.version == 1), None))
    return History(latest, port.version_data(uid, ours.version) if ours else None)
