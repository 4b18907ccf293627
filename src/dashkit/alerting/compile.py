"""Declared alerts -> Prometheus alerting rules, checked against the catalog, the dashboards
and the routing they will meet. Pure: the caller loads the modules and the dashboards.

An alert compiles when its expression parses and reads only catalog metrics; its result can
carry only bounded labels (at most tenant x job type x queue from the platform, and fleet
labels such as instance or mountpoint), never an id; its templates name only labels it has;
its panel exists; its team has a route; what it inhibits exists. Every alert gets
``runbook_url`` and ``dashboard_url`` (the panel, with the alert's labels as the dashboard's
variables).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashkit.alerting.load import DeclaredAlert
from dashkit.alerting.model import Alert
from dashkit.catalog import (
    CATALOG,
    INFRASTRUCTURE_ALERT_LABELS,
    PLATFORM_ALERT_LABELS,
    Catalog,
)
from dashkit.ids import slug
from dashkit.model import AlertingSpec
from dashkit.problems import Problem
from dashkit.promql.labels import output_labels
from dashkit.promql.parse import parse
from dashkit.promql.sensitive import is_high_cardinality
from dashkit.promql.series import resolve

_TEMPLATE_LABEL = re.compile(r"\$labels\.([A-Za-z_][A-Za-z0-9_]*)")
BOUNDED = frozenset(PLATFORM_ALERT_LABELS) | frozenset(INFRASTRUCTURE_ALERT_LABELS)


@dataclass(frozen=True)
class DashboardIndex:
    """What alerts need of a built dashboard: its title, panels by id, variable names."""

    uid: str
    title: str
    panels: Mapping[int, str]
    variables: tuple[str, ...]


def index_dashboard(data: Mapping[str, Any]) -> DashboardIndex:
    """The index of one dashboard's JSON (panels inside collapsed rows included)."""
    panels: dict[int, str] = {}
    stack = list(data.get("panels") or [])
    while stack:
        panel = stack.pop()
        if isinstance(panel, dict):
            if isinstance(panel.get("id"), int):
                panels[panel["id"]] = str(panel.get("title") or "")
            stack.extend(panel.get("panels") or [])
    variables = tuple(str(v.get("name")) for v in (data.get("templating") or {}).get("list", [])
                      if isinstance(v, dict) and v.get("name"))
    return DashboardIndex(str(data.get("uid", "")), str(data.get("title", "")), panels,
                          variables)


@dataclass(frozen=True)
class CompiledAlert:
    """An alert as Prometheus will load it, and what the runbook and routing need of it."""

    declared: DeclaredAlert
    labels: Mapping[str, str]
    annotations: Mapping[str, str]
    output_labels: frozenset[str]
    dashboard: DashboardIndex

    @property
    def alert(self) -> Alert:
        return self.declared.alert

    @property
    def name(self) -> str:
        return self.alert.name

    @property
    def panel_title(self) -> str:
        return self.dashboard.panels.get(self.alert.panel.panel_id, "")

    def rule(self) -> dict[str, Any]:
        """The rule as it goes into a rule file."""
        return {"alert": self.name, "expr": self.alert.expr.strip(), "for": self.alert.for_,
                "labels": dict(self.labels), "annotations": dict(self.annotations)}


@dataclass(frozen=True)
class CompiledAlerts:
    alerts: tuple[CompiledAlert, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def by_group(self) -> dict[str, list[CompiledAlert]]:
        groups: dict[str, list[CompiledAlert]] = {}
        for compiled in self.alerts:
            groups.setdefault(compiled.declared.group, []).append(compiled)
        return groups


def runbook_path(spec: AlertingSpec, name: str) -> str:
    return f"{spec.runbooks_dir.rstrip('/')}/{name}.md"


def runbook_url(spec: AlertingSpec, name: str) -> str:
    return f"{spec.runbook_url}/{name}.md" if spec.runbook_url else runbook_path(spec, name)


def dashboard_url(spec: AlertingSpec, uid: str, panel_id: int,
                  variables: Iterable[str] = ()) -> str:
    """The panel on its own (``viewPanel``), each variable set from the alert's labels.

    The plain panel id works on every Grafana this supports: the scenes dashboards of 11 and
    12 look a number up as a panel id (public/app/features/dashboard-scene/utils/utils.ts,
    ``findVizPanelByKey``), older ones read nothing else."""
    query = [f"viewPanel={panel_id}"]
    query += [f"var-{name}={{{{ $labels.{name} | urlquery }}}}" for name in sorted(variables)]
    return f"{spec.grafana_url}/d/{uid}?{'&'.join(query)}"


def compile_alerts(declared: Sequence[DeclaredAlert], dashboards: Mapping[str, DashboardIndex],
                   spec: AlertingSpec, catalog: Catalog = CATALOG) -> CompiledAlerts:
    """Check every alert (see the module docstring) and compile those without errors."""
    problems: list[Problem] = []
    counts = Counter(d.alert.name for d in declared)
    names = set(counts)
    compiled = []
    for item in declared:
        found = [*_duplicate(item, counts), *_references(item, names, dashboards, spec)]
        labels, label_problems = _checked_labels(item, catalog)
        found += label_problems
        problems += found
        if found or labels is None:
            continue
        alert = item.alert
        board = dashboards[alert.panel.dashboard]
        variables = labels & set(board.variables)
        compiled.append(CompiledAlert(
            item,
            {"severity": alert.severity.value, "team": alert.team, **dict(alert.labels)},
            {"summary": alert.summary.strip(), "description": alert.description.strip(),
             "runbook_url": runbook_url(spec, alert.name),
             "dashboard_url": dashboard_url(spec, board.uid, alert.panel.panel_id, variables)},
            labels, board))
    return CompiledAlerts(tuple(compiled), tuple(problems))


def _duplicate(item: DeclaredAlert, counts: Counter[str]) -> list[Problem]:
    if counts[item.alert.name] < 2:
        return []
    return [Problem(f"alert name {item.alert.name!r} is declared {counts[item.alert.name]} "
                    "times", item.location,
                    ("give each alert its own name: it is the alertname label and the "
                     "runbook's file name",))]


def _references(item: DeclaredAlert, names: set[str], dashboards: Mapping[str, DashboardIndex],
                spec: AlertingSpec) -> list[Problem]:
    alert, where = item.alert, item.location
    found = []
    board = dashboards.get(alert.panel.dashboard)
    if board is None:
        found.append(Problem(
            f"panel: no dashboard has uid {alert.panel.dashboard!r}", where,
            (f"known uids: {', '.join(sorted(dashboards)) or '(none)'}",)))
    elif alert.panel.panel_id not in board.panels:
        keys = ", ".join(sorted({slug(t) for t in board.panels.values() if t}))
        found.append(Problem(
            f"panel: dashboard {board.uid!r} has no panel with key {alert.panel.key!r}", where,
            ("a panel's key is its key= or the slug of its title",),
            details=f"panel keys from titles in {board.uid!r}: {keys}"))
    if spec.teams and alert.team not in spec.teams:
        found.append(Problem(
            f"team {alert.team!r} has no route in dashboards.yaml (alerting.teams)", where,
            (f"declared teams: {', '.join(sorted(spec.teams))}; add the team with its "
             "slack_channel or msteams_url",)))
    for target in alert.inhibits:
        if target not in names:
            found.append(Problem(f"inhibits {target!r}, which no alert is called", where))
    return found


def _checked_labels(item: DeclaredAlert,
                    catalog: Catalog) -> tuple[frozenset[str] | None, list[Problem]]:
    """The labels of the alert's result, and what is wrong with its expression."""
    alert, where = item.alert, item.location
    if "$" in alert.expr:
        return None, [Problem(
            "expr uses a template variable or Grafana macro ($...), which Prometheus rules "
            "do not have", where, ("write the range and label values out, e.g. [5m]",))]
    parsed = parse(alert.expr)
    if parsed.node is None:
        return None, [Problem(f"expr does not parse: {parsed.error}", where)]
    unknown = sorted({s.name for s in parsed.selectors if s.name and resolve(catalog, s.name)
                      is None})
    if unknown:
        return None, [Problem(
            f"expr reads {', '.join(map(repr, unknown))}, which the catalog does not list",
            where, ("build the expression from catalog entries (dashkit.catalog) so a renamed "
                    "metric fails here",))]
    labels = output_labels(parsed.node, catalog)
    if labels is None:
        return None, [Problem("the labels of expr's result cannot be told", where)]
    found = []
    ids = sorted(label for label in labels if is_high_cardinality(label))
    unbounded = sorted(labels - BOUNDED - set(ids))
    if ids:
        found.append(Problem(
            f"expr's result is grouped by {', '.join(ids)}: one alert per id, never resolved "
            "as a whole", where, ("aggregate the id away (sum by (tenant, job_type) ...); "
                                  "single jobs belong in logs and traces",)))
    if unbounded:
        found.append(Problem(
            f"expr's result keeps {', '.join(unbounded)}; an alert may keep at most "
            f"{' x '.join(PLATFORM_ALERT_LABELS)} of the platform's labels and fleet labels "
            f"({', '.join(INFRASTRUCTURE_ALERT_LABELS)})", where,
            (f"aggregate: max by ({', '.join(sorted(labels & BOUNDED)) or 'queue'}) (...)",)))
    for field_name in ("summary", "description"):
        missing = sorted(set(_TEMPLATE_LABEL.findall(getattr(alert, field_name))) - labels)
        if missing:
            found.append(Problem(
                f"{field_name} uses $labels.{', $labels.'.join(missing)}, which the result of "
                f"expr does not have (it has {', '.join(sorted(labels)) or 'no labels'})",
                where, ("use only labels the expression keeps",)))
    for label in alert.inhibit_equal:
        if label not in labels:
            found.append(Problem(f"inhibit_equal names {label!r}, which the result of expr "
                                 "does not have", where))
    return labels, found
