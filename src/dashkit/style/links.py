"""Links one click away: other dashboards, logs in Loki and traces in Tempo, by tenant and job."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from dashkit.style.datasources import LOKI, TEMPO

LOG_SELECTOR = '{namespace="media-platform"}'
"""The Loki stream selector for the platform's services; logs are JSON with tenantId/jobId."""

_PLACEHOLDER = re.compile(r"\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*")


def explore_url(datasource: dict[str, Any], expr: str, query_type: str | None = None) -> str:
    """An Explore URL for one query; ``${…}`` placeholders stay literal for Grafana to fill."""
    query: dict[str, Any] = {"refId": "A", "datasource": datasource, "expr": expr}
    if datasource["type"] == "tempo":
        query = {"refId": "A", "datasource": datasource, "queryType": query_type or "traceql",
                 "query": expr}
    panes = {"a": {"datasource": datasource["uid"], "queries": [query],
                   "range": {"from": "${__from}", "to": "${__to}"}}}
    encoded = quote(json.dumps(panes, separators=(",", ":"), sort_keys=True), safe="")
    for token in set(_PLACEHOLDER.findall(json.dumps(panes))):
        encoded = encoded.replace(quote(token, safe=""), token)
    return f"/explore?schemaVersion=1&orgId=1&panes={encoded}"


def logs_query(app: str | None = None, tenant: str = "$tenant", job_id: str | None = None,
               errors_only: bool = False) -> str:
    """LogQL over the platform's JSON logs, filtered by tenantId (and jobId)."""
    selector = LOG_SELECTOR if app is None else LOG_SELECTOR[:-1] + f', app="{app}"}}'
    parts = [selector, "| json"]
    if tenant.startswith("$") and not tenant.startswith("${__"):
        parts.append(f'| tenantId=~"{tenant}"')
    else:
        parts.append(f'| tenantId="{tenant}"')
    if job_id:
        parts.append(f'| jobId="{job_id}"')
    if errors_only:
        parts.append('| level="error"')
    return " ".join(parts)


def logs_for_tenant_link(app: str | None = None) -> dict[str, Any]:
    """A data link from a per-tenant series to that tenant's logs."""
    return {
        "title": "Logs for tenant ${__field.labels.tenant}",
        "url": explore_url(LOKI, logs_query(app, tenant="${__field.labels.tenant}")),
        "targetBlank": True,
    }


def traces_for_tenant_link(service: str) -> dict[str, Any]:
    """A data link from a per-tenant series to that tenant's traces of one service."""
    traceql = (f'{{ resource.service.name = "{service}" && '
               'span.tenantId = "${__field.labels.tenant}" }')
    return {
        "title": "Traces for tenant ${__field.labels.tenant}",
        "url": explore_url(TEMPO, traceql),
        "targetBlank": True,
    }


def dashboard_link(uid: str, title: str) -> dict[str, Any]:
    """A link to another dashboard of this project, keeping time range and variables."""
    return {
        "asDropdown": False, "icon": "dashboard", "includeVars": True, "keepTime": True,
        "tags": [], "targetBlank": False, "title": title, "tooltip": "", "type": "link",
        "url": f"/d/{uid}",
    }


def tagged_dashboards_link(tag: str, title: str) -> dict[str, Any]:
    """A drop-down of every dashboard carrying ``tag``."""
    return {
        "asDropdown": True, "icon": "external link", "includeVars": True, "keepTime": True,
        "tags": [tag], "targetBlank": False, "title": title, "tooltip": "", "type": "dashboards",
        "url": "",
    }


def explore_logs_link(app: str | None = None) -> dict[str, Any]:
    """A dashboard link to the selected tenants' logs."""
    return {
        "asDropdown": False, "icon": "doc", "includeVars": False, "keepTime": True, "tags": [],
        "targetBlank": True, "title": "Logs (Loki)", "tooltip": "Logs of the selected tenants",
        "type": "link", "url": explore_url(LOKI, logs_query(app)),
    }


def explore_traces_link(service: str) -> dict[str, Any]:
    """A dashboard link to the selected tenants' traces of one service."""
    traceql = f'{{ resource.service.name = "{service}" && span.tenantId =~ "$tenant" }}'
    return {
        "asDropdown": False, "icon": "info", "includeVars": False, "keepTime": True, "tags": [],
        "targetBlank": True, "title": "Traces (Tempo)", "tooltip": f"Traces of {service}",
        "type": "link", "url": explore_url(TEMPO, traceql),
    }

