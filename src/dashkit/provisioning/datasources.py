"""The datasource provisioning file: fixed uids, secrets from the environment, and the
settings that link metrics, logs and traces to each other.

Grafana reads ``jsonData`` per plugin (its datasource provisioning docs and the plugins'
own): Prometheus ``exemplarTraceIdDestinations``; Loki ``derivedFields``; Tempo
``tracesToLogsV2``, ``tracesToMetrics``, ``serviceMap``, ``nodeGraph``, ``lokiSearch``;
Alertmanager ``implementation``. Grafana expands ``$VAR``, ``${VAR}`` and ``$__env{VAR}`` in
provisioning files, so a literal ``$`` is written ``$$``.
"""

from __future__ import annotations

from typing import Any

from dashkit.model import DatasourceSpec

TRACE_ID_FIELD = "traceId"
"""The field of the platform's JSON logs that holds the trace id."""

TRACE_ID_LABEL = "trace_id"
"""The exemplar label the platform's histograms carry the trace id in."""

JOB_LABELS = ("tenantId", "jobId")
"""Every job carries these: traces find their logs by them."""


def _first(specs: tuple[DatasourceSpec, ...], kind: str) -> DatasourceSpec | None:
    of_kind = [s for s in specs if s.type == kind]
    return next((s for s in of_kind if s.default), of_kind[0] if of_kind else None)


def correlation(spec: DatasourceSpec, specs: tuple[DatasourceSpec, ...]) -> dict[str, Any]:
    """The ``jsonData`` that links ``spec`` to the other datasources of the project."""
    tempo, loki = _first(specs, "tempo"), _first(specs, "loki")
    prometheus = _first(specs, "prometheus")
    data: dict[str, Any] = {}
    if spec.type == "prometheus":
        data.update(httpMethod="POST", prometheusType="Prometheus", timeInterval="15s")
        if tempo is not None:
            data["exemplarTraceIdDestinations"] = [
                {"name": TRACE_ID_LABEL, "datasourceUid": tempo.uid,
                 "urlDisplayLabel": "View trace"}]
    elif spec.type == "loki":
        data["maxLines"] = 1000
        if tempo is not None:
            data["derivedFields"] = [
                {"name": TRACE_ID_FIELD, "matcherType": "regex",
                 "matcherRegex": rf'"{TRACE_ID_FIELD}":"(\w+)"', "url": "$${__value.raw}",
                 "datasourceUid": tempo.uid, "urlDisplayLabel": "View trace"}]
    elif spec.type == "tempo":
        data["nodeGraph"] = {"enabled": True}
        if loki is not None:
            data["tracesToLogsV2"] = {
                "datasourceUid": loki.uid, "spanStartTimeShift": "-5m", "spanEndTimeShift": "5m",
                "filterByTraceID": True, "filterBySpanID": False,
                "tags": [{"key": label, "value": label} for label in JOB_LABELS]}
        if prometheus is not None:
            data["tracesToMetrics"] = {
                "datasourceUid": prometheus.uid, "spanStartTimeShift": "-5m",
                "spanEndTimeShift": "5m",
                "tags": [{"key": "service.name", "value": "service"}]}
            data["serviceMap"] = {"datasourceUid": prometheus.uid}
    elif spec.type == "alertmanager":
        data.update(implementation="prometheus", handleGrafanaManagedAlerts=False)
    return data


def datasource_entry(spec: DatasourceSpec, specs: tuple[DatasourceSpec, ...]) -> dict[str, Any]:
    """One entry of the file's ``datasources:`` list."""
    entry: dict[str, Any] = {"name": spec.name, "type": spec.type, "uid": spec.uid,
                             "access": "proxy", "url": spec.url, "orgId": 1,
                             "isDefault": spec.default, "editable": False}
    json_data = {**correlation(spec, specs), **spec.json_data}
    secure: dict[str, str] = {}
    if spec.basic_auth_user_env or spec.basic_auth_password_env:
        entry["basicAuth"] = True
        if spec.basic_auth_user_env:
            entry["basicAuthUser"] = f"$__env{{{spec.basic_auth_user_env}}}"
        if spec.basic_auth_password_env:
            secure["basicAuthPassword"] = f"$__env{{{spec.basic_auth_password_env}}}"
    if spec.bearer_token_env:
        json_data["httpHeaderName1"] = "Authorization"
        secure["httpHeaderValue1"] = f"Bearer $__env{{{spec.bearer_token_env}}}"
    if json_data:
        entry["jsonData"] = json_data
    if secure:
        entry["secureJsonData"] = secure
    return entry


def datasources_file(specs: tuple[DatasourceSpec, ...]) -> dict[str, Any]:
    """The whole datasource provisioning file. Datasources once provisioned and now gone from
    the config stay in Grafana: provisioning deletes only what ``deleteDatasources`` names."""
    return {"apiVersion": 1, "datasources": [datasource_entry(s, specs) for s in specs]}
