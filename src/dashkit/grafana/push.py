"""Push, end to end: desired state from code, observation, plan, apply.

The CLI calls :func:`prepare` (which only reads from Grafana) and, unless it is a dry run,
:func:`execute` with the very Plan that was printed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from dashkit.config import ProjectConfig
from dashkit.grafana.apply import ApplyReport, Progress, apply_plan
from dashkit.grafana.connect import Connection
from dashkit.grafana.desired import desired_state
from dashkit.grafana.errors import GrafanaApiError
from dashkit.grafana.live import STAMP
from dashkit.grafana.observe import observe
from dashkit.grafana.plan import DashboardAction, Plan, plan_push
from dashkit.problems import UserError


def prepare(config: ProjectConfig, paths: Sequence[Path], connection: Connection, *,
            force: bool = False, prune: bool = False, concurrency: int = 8,
            folders_only: bool = False) -> Plan:
    """Everything up to the Plan; Grafana is only read.

    ``folders_only``: the folder tree and the folders' permissions, and no dashboard (for a
    Grafana that provisions the dashboards from files)."""
    if folders_only and prune:
        raise ValueError("prune needs the dashboards in the plan")
    try:
        desired = desired_state(config, paths, connection.port)
        if folders_only:
            desired = replace(desired, dashboards=(), dashboard_grants={})
        observed = observe(connection.port, desired, prune=prune, concurrency=concurrency)
    except GrafanaApiError as exc:
        raise UserError(f"reading from {connection.target.name} failed: {exc.describe()}",
                        hints=("nothing was written",)) from None
    return plan_push(connection.target.name, desired, observed, force=force, prune=prune)


def execute(plan: Plan, connection: Connection, *, commit: str, concurrency: int = 8,
            progress: Progress | None = None, report: ApplyReport | None = None) -> ApplyReport:
    """Apply ``plan``; every write is recorded in ``report`` (a new one if not given) as
    soon as it is made, so the caller still has it if the push is interrupted."""
    def message(action: DashboardAction) -> str:
        return f"{STAMP}: commit {commit} checksum {action.checksum}"

    return apply_plan(connection.port, plan, message=message, concurrency=concurrency,
                      progress=progress, report=report)


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
