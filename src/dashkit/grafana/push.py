"""Push, end to end: credentials, desired state from code, observation, plan, apply.

The CLI calls :func:`prepare` (which only reads from Grafana) and, unless it is a dry run,
:func:`execute` with the very Plan that was printed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from dashkit.build.compile.plain import JSON
from dashkit.build.run import built_dashboards
from dashkit.config import ProjectConfig
from dashkit.grafana.apply import ApplyReport, Progress, apply_plan
from dashkit.grafana.client import GrafanaApiError, GrafanaHttp, GrafanaPort
from dashkit.grafana.folders import FolderTree, build_tree
from dashkit.grafana.observe import observe, resolve_grants
from dashkit.grafana.plan import STAMP, DashboardAction, Desired, DesiredDashboard, Plan, plan_push
from dashkit.grafana.retry import RetryPolicy
from dashkit.model import TargetSpec
from dashkit.problems import UserError
from dashkit.review.diff import Snapshot
from dashkit.review.normalize import normalize, without_filled_defaults


@dataclass
class Connection:
    target: TargetSpec
    port: GrafanaPort
    secrets: tuple[str, ...]
    insecure: bool


def owner_tag(config: ProjectConfig) -> str:
    return f"dashkit:{config.owner}"


def choose_target(config: ProjectConfig, name: str | None, env: Mapping[str, str]) -> TargetSpec:
    if name:
        if name not in config.targets:
            known = ", ".join(sorted(config.targets)) or "none are configured"
            raise UserError(f"no target named {name!r} in dashboards.yaml (known: {known})",
                            hints=("add it under 'targets:' or leave --target out to use "
                                   "GRAFANA_URL",))
        return config.targets[name]
    if env.get("GRAFANA_URL"):
        return TargetSpec("GRAFANA_URL", env["GRAFANA_URL"].rstrip("/"))
    raise UserError("no Grafana to talk to",
                    hints=("pass --target NAME (a target in dashboards.yaml)",
                           "or set GRAFANA_URL and GRAFANA_TOKEN"))


def connect(target: TargetSpec, env: Mapping[str, str], *, insecure: bool = False,
            ca_bundle: str | None = None, retry: RetryPolicy | None = None) -> Connection:
    """A client for ``target`` with credentials from the environment (never from files)."""
    token = env.get(target.token_env, "")
    user, password = env.get(target.user_env, ""), env.get(target.password_env, "")
    if token:
        credential: str | tuple[str, str] = token
        secrets: tuple[str, ...] = (token,)
    elif user and password:
        credential, secrets = (user, password), (password,)
    else:
        raise UserError(
            f"no credentials for target {target.name!r}",
            hints=(f"set {target.token_env} to a service-account token (Editor role to push "
                   "dashboards and folders; Admin to manage permissions)",
                   f"or set {target.user_env} and {target.password_env} for basic auth"))
    skip_verify = insecure or target.insecure_skip_verify
    verify: bool | str = False if skip_verify else (ca_bundle or target.ca_bundle or True)
    try:
        port = GrafanaHttp(target.url, credential, org_id=target.org_id, verify=verify,
                           timeout=target.timeout, retry=retry)
    except ValueError as exc:
        raise UserError(str(exc), hints=("check the target's url",)) from None
    return Connection(target, port, secrets, skip_verify)


def desired_state(config: ProjectConfig, paths: Sequence[Path], port: GrafanaPort,
                  jobs: int | None = None) -> Desired:
    """Compile the dashboards, lay out folders, resolve every grant (reads only)."""
    tree, dashboards = desired_dashboards(config, paths, jobs)
    unknown = sorted(set(config.dashboard_grants) - {d.uid for d in dashboards})
    if unknown:
        raise UserError(f"dashboard_permissions names unknown dashboard uid(s) "
                        f"{', '.join(unknown)}", hints=("use the uid of a dashboard in code",))
    folder_grants = {f.uid: f.grants for f in tree.folders.values() if f.grants is not None}
    return Desired(tree, tuple(dashboards), owner_tag(config),
                   resolve_grants(port, folder_grants, "folder permissions"),
                   resolve_grants(port, dict(config.dashboard_grants), "dashboard permissions"))


def desired_dashboards(config: ProjectConfig, paths: Sequence[Path], jobs: int | None = None,
                       ) -> tuple[FolderTree, list[DesiredDashboard]]:
    """The dashboards as push writes them (with the ownership tag), and their folder tree."""
    built = built_dashboards(paths, root=config.root, build_dir=config.build_dir, jobs=jobs,
                             purpose="push (nothing was pushed)")
    tree = build_tree(config.folders, (b.entry.folder for b in built if b.entry.folder),
                      str(config.source) if config.source else None)
    tag = owner_tag(config)
    dashboards = []
    for item in sorted(built, key=lambda b: b.entry.uid):
        data: dict[str, JSON] = orjson.loads(item.content)
        data["tags"] = sorted({*data.get("tags", []), tag})
        folder = item.entry.folder
        dashboards.append(DesiredDashboard(item.entry.uid, item.entry.title,
                                           tree.paths[folder] if folder else "", data,
                                           item.entry.source))
    return tree, dashboards


def prepare(config: ProjectConfig, paths: Sequence[Path], connection: Connection, *,
            force: bool = False, prune: bool = False, concurrency: int = 8) -> Plan:
    """Everything up to the Plan; Grafana is only read."""
    try:
        desired = desired_state(config, paths, connection.port)
        observed = observe(connection.port, desired, prune=prune, concurrency=concurrency)
    except GrafanaApiError as exc:
        raise UserError(f"reading from {connection.target.name} failed: {exc.describe()}",
                        hints=("nothing was written",)) from None
    return plan_push(connection.target.name, desired, observed, force=force, prune=prune)


def execute(plan: Plan, connection: Connection, *, commit: str, concurrency: int = 8,
            progress: Progress | None = None) -> ApplyReport:
    def message(action: DashboardAction) -> str:
        return f"{STAMP}: commit {commit} checksum {action.checksum}"

    return apply_plan(connection.port, plan, message=message, concurrency=concurrency,
                      progress=progress)


def source_commit(root: Path, env: Mapping[str, str] = os.environ) -> str:
    """The commit being pushed: $GITHUB_SHA in CI, else git's HEAD, else 'unknown'."""
    if env.get("GITHUB_SHA"):
        return env["GITHUB_SHA"][:12]
    try:
        result = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root,
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    commit = result.stdout.strip() if result.returncode == 0 else "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True,
                           text=True, timeout=10, check=False).stdout.strip()
    return f"{commit}+dirty" if dirty and commit != "unknown" else commit


def live_snapshots(config: ProjectConfig, paths: Sequence[Path], connection: Connection,
                   concurrency: int = 8) -> tuple[dict[str, Snapshot], dict[str, Snapshot]]:
    """(what Grafana holds, what push would write), through the normalisation push uses,
    so a diff against a Grafana and a push plan never disagree."""
    from dashkit.grafana.observe import parallel

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
    for uid, live in found.items():
        if live is None or (uid not in new and owner_tag(config) not in live.tags):
            continue
        data = normalize(live.data)
        if uid in new:
            data = without_filled_defaults(new[uid].data, data)
        old[uid] = Snapshot(uid, live.title, path_of(live.folder_uid), data,
                            f"{connection.target.name}:/d/{uid}")
    return old, new
