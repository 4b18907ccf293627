"""Find the alert modules beside the dashboards and run each in isolation, as the build runs
dashboard modules: a module that fails is reported with its file and line, never trusted."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from dashkit.alerting.model import Alert
from dashkit.build.discover import ALERT_SUFFIX, capped, find_modules, line_of, run_module
from dashkit.build.isolate import run_isolated
from dashkit.build.modules import display_path
from dashkit.build.workers import can_fork
from dashkit.ids import slug
from dashkit.model import BuildOptions
from dashkit.problems import Location, Problem, Severity


@dataclass(frozen=True)
class DeclaredAlert:
    """An alert as its module declares it, with where: the module (relative to the project),
    the line of its name, and its group (the module's name: one rule group per module)."""

    alert: Alert
    source: str
    line: int | None
    group: str

    @property
    def location(self) -> Location:
        return Location(self.source, self.line, alert=self.alert.name)


@dataclass(frozen=True)
class LoadedAlerts:
    alerts: tuple[DeclaredAlert, ...]
    problems: tuple[Problem, ...]
    modules: int


def load_alerts(paths: Sequence[Path], root: Path,
                module_timeout: float = BuildOptions.module_timeout) -> LoadedAlerts:
    """Every alert of every ``*.alerts.py`` module under ``paths``, in module order. The
    modules run in a forked worker, as dashboard modules do (:mod:`dashkit.build.isolate`)."""
    modules = find_modules(paths, ALERT_SUFFIX)
    work = [(str(path), display_path(path, root)) for path in modules]
    if not work:
        return LoadedAlerts((), (), 0)
    if can_fork():
        results = run_isolated(work, _load, _failed, _with_output, jobs=1,
                               timeout=module_timeout, chunks=[list(range(len(work)))])
    else:
        results = [_load(item) for item in work]
    found: list[DeclaredAlert] = []
    problems: list[Problem] = []
    for _, alerts, module_problems in results:
        problems.extend(module_problems)
        found.extend(alerts)
    return LoadedAlerts(tuple(found), tuple(problems), len(modules))


Result = tuple[str, list[DeclaredAlert], list[Problem]]
"""One module's display path, alerts and problems."""


def _load(item: tuple[str, str]) -> Result:
    path, display = Path(item[0]), item[1]
    loaded = run_module(path, display, _collect, "defining the alerts failed")
    if any(p.is_error for p in loaded.problems):
        return display, [], loaded.problems
    group = slug(path.name.removesuffix(ALERT_SUFFIX))
    text = _read(path)
    return display, [DeclaredAlert(alert, display, _line_of_name(text, alert.name), group)
                     for alert in loaded.items], loaded.problems


def _failed(item: tuple[str, str], reason: str) -> Result:
    return item[1], [], [Problem(reason, Location(item[1]),
                                 ("an alert module must return: no exit, no endless loop",))]


def _with_output(result: Result, written: str, size: int) -> Result:
    display, alerts, problems = result
    return display, alerts, [*problems, Problem(
        f"wrote {size} bytes to the process's output while loading (modules should not "
        "print)", Location(display), details=capped(written), severity=Severity.WARNING)]


def _collect(module: ModuleType, path: Path, display: str,
             problems: list[Problem]) -> Iterator[Alert]:
    alerts = getattr(module, "alerts", None)
    if alerts is None:
        problems.append(Problem(
            "defines no alerts", Location(display),
            ("assign a list of dashkit.alerting.Alert to a module-level name 'alerts'",
             f"if this file is not an alert module, do not end its name in {ALERT_SUFFIX}")))
        return
    if not isinstance(alerts, list | tuple):
        problems.append(Problem(f"'alerts' is a {type(alerts).__name__}, expected a list of "
                                "Alert", Location(display, line_of(path, "alerts"))))
        return
    for index, item in enumerate(alerts):
        if not isinstance(item, Alert):
            problems.append(Problem(
                f"alerts[{index}] is a {type(item).__name__}, expected a "
                "dashkit.alerting.Alert", Location(display, line_of(path, "alerts"))))
            continue
        yield item


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _line_of_name(text: str, name: str) -> int | None:
    match = re.search(rf"""["']{re.escape(name)}["']""", text)
    return text.count("\n", 0, match.start()) + 1 if match else None
