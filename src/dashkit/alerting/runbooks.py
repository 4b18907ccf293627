"""A runbook per alert: generated from its definition and the guidance written beside it.

What it means, who feels it, how to diagnose (the panel, the PromQL, the LogQL for the
tenant's and the job's logs, the trace search), how to mitigate, when to escalate to whom.
Every link in a runbook is checked: other runbooks and repository files exist, Grafana links
name a dashboard and panel of the project.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlsplit

from dashkit.alerting.compile import CompiledAlert, CompiledAlerts, DashboardIndex
from dashkit.alerting.model import Severity
from dashkit.build.writer import generated_header
from dashkit.model import AlertingSpec
from dashkit.problems import Problem
from dashkit.style.links import logs_query

_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
_GRAFANA_LINK = re.compile(r"\]\((/d/[^)\s]*)\)")
_TEMPLATE_LABEL = re.compile(r"\{\{\s*\$labels\.(\w+)\s*\}\}")
_TEMPLATE_VALUE = re.compile(r"\{\{\s*\$value[^}]*\}\}")


def _readable(template: str) -> str:
    """An annotation template as a reader sees it: ``{{ $labels.tenant }}`` -> ``<tenant>``."""
    return _TEMPLATE_VALUE.sub("`<value>`", _TEMPLATE_LABEL.sub(r"`<\1>`", template.strip()))


def _absolute(text: str, spec: AlertingSpec) -> str:
    """Grafana links written as ``/d/<uid>`` made absolute, so they open from anywhere."""
    return _GRAFANA_LINK.sub(lambda m: f"]({spec.grafana_url}{m.group(1)})", text.strip())


def runbook_files(compiled: CompiledAlerts, spec: AlertingSpec) -> dict[str, bytes]:
    """File name (``<Alert>.md``) -> bytes for the runbooks directory."""
    inhibited_by: dict[str, list[str]] = {}
    for item in compiled.alerts:
        for target in item.alert.inhibits:
            inhibited_by.setdefault(target, []).append(item.name)
    return {f"{item.name}.md": render(item, spec, sorted(inhibited_by.get(item.name, [])))
            .encode() for item in compiled.alerts}


def render(item: CompiledAlert, spec: AlertingSpec, inhibited_by: Sequence[str] = ()) -> str:
    alert, guide = item.alert, item.alert.guidance
    panel = f"{spec.grafana_url}/d/{item.dashboard.uid}?viewPanel={alert.panel.panel_id}"
    where = f"{item.dashboard.title} › {item.panel_title}"
    labels = sorted(item.output_labels)
    lines = [
        generated_header(item.declared.source, "<!--", " -->").rstrip("\n"),
        f"# {alert.name}",
        "",
        f"> {_readable(alert.summary)}",
        "",
        "| | |",
        "|---|---|",
        f"| Severity | **{alert.severity.value}**: {_reaches(item, spec)} |",
        f"| Owning team | {alert.team} |",
        f"| Fires after | the condition holds for {alert.for_} |",
        f"| Labels | {', '.join(f'`{label}`' for label in labels) or 'none'} |",
        f"| Panel | [{where}]({panel}) |",
        f"| Defined in | `{item.declared.source}` |",
        "",
        _readable(alert.description),
        "",
        "## What it means",
        "",
        _absolute(guide.meaning, spec),
        "",
        "## User impact",
        "",
        _absolute(guide.impact, spec),
        "",
        "## Diagnose",
        "",
        f"1. Open [{where}]({panel}); the alert's `dashboard_url` opens it with "
        f"{_variables(item)}.",
        "2. Run the alert's query in Explore (Prometheus); each series is one firing alert:",
        "",
        "   ```promql",
        *(f"   {line}" for line in alert.expr.strip().splitlines()),
        "   ```",
        "",
        *_logs(item),
        *_traces(item),
        "",
        "Then:",
        "",
        _absolute(guide.diagnose, spec),
        "",
        "## Mitigate",
        "",
        _absolute(guide.mitigate, spec),
        "",
        "## Escalate",
        "",
        _absolute(guide.escalate, spec),
        "",
    ]
    related = [*(f"- While this fires, [{name}]({name}.md) is silenced." for name in
                 sorted(alert.inhibits)),
               *(f"- [{name}]({name}.md) silences this alert while it fires." for name in
                 inhibited_by)]
    if related:
        lines += ["## Related alerts", "", *related, ""]
    return "\n".join(lines)


def _reaches(item: CompiledAlert, spec: AlertingSpec) -> str:
    alert = item.alert
    if alert.severity is Severity.CRITICAL:
        return f"pages through PagerDuty and posts to Slack {spec.slack_channel}"
    if alert.severity is Severity.INFO:
        return "kept in Alertmanager, not sent"
    route = spec.teams.get(alert.team)
    if route is None:
        return f"posts to Slack {spec.slack_channel} (the team has no route of its own)"
    if route.slack_channel:
        return f"posts to Slack {route.slack_channel}"
    return "posts to the team's MS Teams channel"


def _variables(item: CompiledAlert) -> str:
    shared = sorted(item.output_labels & set(item.dashboard.variables))
    if not shared:
        return "the dashboard's default variables"
    names = ", ".join(f"`{name}`" for name in shared)
    return f"the variable{'s' if len(shared) > 1 else ''} {names} set from its labels"


def _logs(item: CompiledAlert) -> list[str]:
    service = item.alert.service or None
    if "tenant" in item.output_labels:
        tenant = logs_query(service, tenant="<tenant>", errors_only=True)
        job = logs_query(service, tenant="<tenant>", job_id="<jobId>")
        return ["3. The tenant's errors in Loki (put in the alert's `tenant`):", "",
                "   ```logql", f"   {tenant}", "   ```", "",
                "   and one job's whole story (a `jobId` from those lines):", "",
                "   ```logql", f"   {job}", "   ```", ""]
    selector = logs_query(service, tenant="", errors_only=True).replace(
        ' | tenantId=""', "")
    return ["3. Errors in Loki, then narrow to a tenant with `| tenantId=\"<tenant>\"` and to "
            "one job with `| jobId=\"<jobId>\"`:", "", "   ```logql", f"   {selector}",
            "   ```", ""]


def _traces(item: CompiledAlert) -> list[str]:
    service = item.alert.service
    if not service:
        return []
    tenant = ' && span.tenantId = "<tenant>"' if "tenant" in item.output_labels else ""
    return ["4. Failing and slow traces in Tempo (TraceQL); a log line's `traceId` opens one "
            "directly:", "", "   ```traceql",
            f'   {{ resource.service.name = "{service}"{tenant} && status = error }}',
            "   ```"]


def check_links(text: str, name: str, exists: Callable[[str], bool],
                dashboards: Mapping[str, DashboardIndex], spec: AlertingSpec) -> list[str]:
    """What is wrong with the links of runbook ``name``: each as a sentence."""
    found = []
    for target in _LINK.findall(text):
        problem = _link_problem(target, exists, dashboards, spec)
        if problem:
            found.append(f"{name}: link {target!r} {problem}")
    return found


def _link_problem(target: str, exists: Callable[[str], bool],
                  dashboards: Mapping[str, DashboardIndex], spec: AlertingSpec) -> str:
    parts = urlsplit(target)
    if target.startswith(spec.grafana_url + "/d/") or (not parts.scheme and
                                                       parts.path.startswith("/d/")):
        path = target.removeprefix(spec.grafana_url) if target.startswith(
            spec.grafana_url) else target
        uid = urlsplit(path).path.split("/")[2]
        board = dashboards.get(uid)
        if board is None:
            return f"opens dashboard {uid!r}, which the project does not have"
        panel = parse_qs(urlsplit(path).query).get("viewPanel", [""])[0]
        if panel and (not panel.isdigit() or int(panel) not in board.panels):
            return f"opens panel {panel} of {uid!r}, which has no such panel"
        return ""
    if parts.scheme or target.startswith("#"):
        return ""
    relative = posixpath.normpath(posixpath.join(spec.runbooks_dir, parts.path))
    return "" if exists(relative) else f"points to {relative}, which does not exist"


def runbook_problems(files: Mapping[str, bytes], exists: Callable[[str], bool],
                     dashboards: Mapping[str, DashboardIndex], spec: AlertingSpec,
                     compiled: CompiledAlerts) -> list[Problem]:
    """Dead links in the generated runbooks, each at the alert whose guidance holds it."""
    by_name = {f"{item.name}.md": item for item in compiled.alerts}
    problems = []
    for name, content in sorted(files.items()):
        generated = set(files)

        def known(path: str, generated: set[str] = generated) -> bool:
            rel = PurePosixPath(path)
            base = PurePosixPath(spec.runbooks_dir)
            inside = rel.parent == base and rel.name in generated
            return inside or exists(path)

        for message in check_links(content.decode(), name, known, dashboards, spec):
            problems.append(Problem(message, by_name[name].declared.location,
                                    ("fix the link in the alert's guidance",)))
    return problems
