"""A Grafana as one side of ``dashboards diff``: what it holds and what push would write,
through the normalisation push uses, so a diff against a Grafana and a push plan agree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dashkit.config import ProjectConfig
from dashkit.grafana.connect import Connection
from dashkit.grafana.desired import desired_dashboards, owner_tag
from dashkit.grafana.errors import GrafanaApiError
from dashkit.grafana.observe import parallel
from dashkit.problems import Problem, Severity, UserError
from dashkit.review.diff import Snapshot
from dashkit.review.normalize import normalize, without_filled_defaults


@dataclass(frozen=True)
class LiveSides:
    """What Grafana holds (``old``), what push would write (``new``), and the dashboards
    left out of the comparison, with why (``notes``)."""

    old: dict[str, Snapshot]
    new: dict[str, Snapshot]
    notes: tuple[Problem, ...] = ()


def live_snapshots(config: ProjectConfig, paths: Sequence[Path], connection: Connection,
                   concurrency: int = 8) -> LiveSides:
    """Both sides of a diff against a Grafana."""
    tree, dashboards = desired_dashboards(config, paths)
    port = connection.port
    try:
        folders = {f.uid: f for f in port.folders()}
        owned = {uid for uid, _ in port.dashboards_tagged(owner_tag(config))}
        uids = sorted({d.uid for d in dashboards} | owned)
        found = dict(zip(uids, parallel(port.dashboard, uids, concurrency), strict=True))
    except GrafanaApiError as exc:
        raise UserError(f"reading from {connection.target.name} failed: {exc.describe()}"
                        ) from None

    def path_of(uid: str) -> str:
        parts = []
        while uid and uid in folders:
            parts.append(folders[uid].title)
            uid = folders[uid].parent
        return "/".join(reversed(parts))

    new = {d.uid: Snapshot(d.uid, d.title, tree.path_of(d.folder_uid) if d.folder_uid else "",
                           normalize(d.data), d.source) for d in dashboards}
    old = {}
    notes = []
    for uid, live in found.items():
        if live is None or (uid not in new and owner_tag(config) not in live.tags):
            continue
        if live.saved_as_v2:
            new.pop(uid, None)
            notes.append(Problem(f"dashboard {uid!r} ({live.title}) is saved in the v2 schema "
                                 "in Grafana; not compared: not managed by this tool",
                                 severity=Severity.WARNING))
            continue
        data = normalize(live.data)
        if uid in new:
            data = without_filled_defaults(new[uid].data, data)
        old[uid] = Snapshot(uid, live.title, path_of(live.folder_uid), data,
                            f"{connection.target.name}:/d/{uid}")
    return LiveSides(old, new, tuple(notes))
