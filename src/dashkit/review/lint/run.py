"""One lint run over a project: compile, take what the lint cache holds, check, remember."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dashkit.alerting.load import load_alerts
from dashkit.config import ProjectConfig
from dashkit.review.lint.alerts import lint_alerts
from dashkit.review.lint.cache import fingerprint, read_cache, write_cache
from dashkit.review.lint.collect import collect
from dashkit.review.lint.engine import LintResult, lint, place_alert_problems
from dashkit.review.lint.registry import REGISTRY


def lint_project(config: ProjectConfig, paths: Sequence[Path] = (), *, jobs: int | None = None,
                 use_cache: bool = True) -> LintResult:
    """Lint ``paths`` (default: the project's dashboards, through its build folder, where
    the findings of unchanged dashboards are also remembered), and the alerts of the alert
    modules among them."""
    collected = collect(config, paths, jobs, use_cache=use_cache)
    alerts = load_alerts(list(paths) or list(config.dashboard_paths), config.root,
                         config.module_timeout)
    remember = use_cache and not paths
    key = fingerprint(collected.project.datasource_uids, config.lint_metrics) if remember else ""
    cache = read_cache(config.build_dir, key, list(REGISTRY)) if remember else None
    result = lint(collected.items, collected.project, ignores=config.lint_ignores,
                  build_problems=[*collected.problems, *alerts.problems], jobs=jobs,
                  cache=cache, helpers=collected.helpers)
    place_alert_problems(result, lint_alerts(alerts.alerts, collected.project),
                         config.lint_ignores, len(alerts.alerts))
    if remember:
        write_cache(config.build_dir, key, result.cache)
    return result
