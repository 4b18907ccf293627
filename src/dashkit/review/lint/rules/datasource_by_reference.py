"""Datasources are referenced through a datasource variable or a declared uid, never a name.

A name (`"Prometheus"`) or a uid that only one Grafana has ties the dashboard to that
Grafana: on staging or after a datasource is recreated the panels say "datasource not
found". A datasource variable (`${datasource}`, declared with type `datasource`) works
everywhere and lets people switch. A fixed uid is fine when the project declares it: in
`datasources:` of dashboards.yaml, or in a datasource provisioning file under `provisioning/`
(`datasources: [{uid: ...}]`).
Grafana's built-ins (`-- Grafana --`, `-- Mixed --`, `-- Dashboard --`) are fine.
Panels, targets, template variables and annotations are checked.

**Anti-pattern**

    {"type": "timeseries", "title": "Queue depth", "datasource": "Prometheus"}
    {"type": "timeseries", "title": "Queue depth",
     "datasource": {"type": "prometheus", "uid": "Prometheus"}}

**Best practice**

    {"templating": {"list": [{"name": "datasource", "type": "datasource",
                              "query": "prometheus"}]},
     "panels": [{"type": "timeseries", "title": "Queue depth",
                 "datasource": {"type": "prometheus", "uid": "${datasource}"}}]}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from dashkit.problems import Location, Problem, Severity
from dashkit.review.lint.context import LintContext
from dashkit.review.lint.dashboard import (
    annotation_list,
    datasource_variables,
    panel_title,
    variables,
)
from dashkit.review.lint.rule import Rule

BUILT_IN = frozenset({"-- Grafana --", "grafana", "-- Mixed --", "-- Dashboard --"})
_VARIABLE = re.compile(r"^\$\{?(\w+)(?::\w+)?\}?$")


def check(ctx: LintContext) -> Iterator[Problem]:
    names = {str(v.get("name")) for v in variables(ctx.dashboard)}
    ds_vars = datasource_variables(ctx.dashboard)

    def problems(ref: Any, where: str, panel: str | None) -> Iterator[Problem]:
        problem = _problem(ref, ds_vars, names, ctx.project.datasource_uids)
        if problem:
            yield Problem(f"{where}: {problem}",
                          Location(panel=panel),
                          details="Use a datasource variable, e.g. {\"type\": \"prometheus\", "
                                  "\"uid\": \"${datasource}\"} (variables.standard() declares "
                                  "them), or a uid declared in datasource provisioning.")

    for panel in ctx.panels:
        title = panel_title(panel)
        yield from problems(panel.get("datasource"), "the panel's datasource", title)
        for target in panel.get("targets") or []:
            if isinstance(target, dict):
                yield from problems(target.get("datasource"),
                                    f"target {target.get('refId') or '?'}", title)
    for variable in variables(ctx.dashboard):
        yield from problems(variable.get("datasource"), f"variable {variable.get('name')}",
                            None)
    for annotation in annotation_list(ctx.dashboard):
        yield from problems(annotation.get("datasource"),
                            f"annotation {annotation.get('name')!r}", None)


def _problem(ref: Any, ds_vars: Mapping[str, str], names: set[str],
             declared: frozenset[str]) -> str:
    """What is wrong with one datasource reference; empty when nothing is."""
    if ref is None:
        return ""
    by_name = isinstance(ref, str)
    value = ref if by_name else ref.get("uid") if isinstance(ref, dict) else None
    if value is None or value == "" or value in BUILT_IN:
        return ""
    if not isinstance(value, str):
        return f"datasource {ref!r} is neither a name nor a {{type, uid}} reference"
    variable = _VARIABLE.match(value)
    if variable:
        name = variable.group(1)
        if name in ds_vars:
            return ""
        if name in names:
            return f"datasource ${name} is a template variable but not a datasource variable"
        return f"datasource ${name} names no variable of this dashboard"
    if value in declared:
        return ""
    if by_name:
        return f"datasource {value!r} is referenced by name"
    return (f"datasource uid {value!r} is neither a datasource variable nor a declared uid "
            "(a datasource name compiled into a uid?)")


RULE = Rule("datasource/by-reference", Severity.ERROR, check, __doc__ or "")
