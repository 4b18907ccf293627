"""A small Prometheus HTTP API client for the checks: range and instant queries, label
values. One request per call, a timeout on each, no retries: a check run against a
production Prometheus must never turn into a retry storm."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class QueryError(Exception):
    """Prometheus answered, and refused or failed the query (its own message)."""


class Unreachable(Exception):
    """No answer from Prometheus at all (connection refused, DNS, TLS, timeout)."""


@dataclass(frozen=True)
class Prometheus:
    """``url`` is the API's base: ``http://host:9090`` or a Grafana datasource proxy
    (``https://grafana/api/datasources/proxy/uid/UID``). ``headers`` may carry a token; it
    is never put in an error message."""

    url: str
    timeout: float = 30.0
    headers: Mapping[str, str] = field(default_factory=dict)
    verify: bool | str = True

    def query_range(self, expr: str, start: float, end: float, step: float,
                    ) -> list[dict[str, Any]]:
        data = self._get("/api/v1/query_range", {"query": expr, "start": _t(start),
                                                 "end": _t(end), "step": _t(step)})
        return list(data.get("result") or [])

    def query(self, expr: str, time: float) -> list[dict[str, Any]]:
        data = self._get("/api/v1/query", {"query": expr, "time": _t(time)})
        result = data.get("result")
        if data.get("resultType") in ("scalar", "string"):
            return [{"metric": {}, "value": result}]
        return list(result or [])

    def label_values(self, label: str, matches: Sequence[str], start: float, end: float,
                     ) -> list[str]:
        params: list[tuple[str, str]] = [("start", _t(start)), ("end", _t(end))]
        params += [("match[]", match) for match in matches]
        data = self._get(f"/api/v1/label/{urllib.parse.quote(label)}/values", params)
        return [str(v) for v in data] if isinstance(data, list) else []

    def label_names(self, start: float, end: float) -> list[str]:
        data = self._get("/api/v1/labels", {"start": _t(start), "end": _t(end)})
        return [str(v) for v in data] if isinstance(data, list) else []

    def _get(self, path: str, params: Mapping[str, str] | Sequence[tuple[str, str]]) -> Any:
        url = f"{self.url.rstrip('/')}{path}?{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                       **self.headers})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout,
                                        context=self._tls()) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:  # Prometheus' errors come with a JSON body
            body = exc.read()
            if exc.code in (401, 403, 502, 503, 504) or (exc.code == 404 and
                                                          b'"status"' not in body):
                # Not the query's fault: no access (or no such datasource behind a Grafana
                # proxy), or nothing answering behind it. Every other query would fail too.
                detail = _message(body) or body.decode(errors="replace").strip()[:200]
                raise Unreachable(f"{where(self.url)} answered {exc.code} {exc.reason}"
                                  + (f": {detail}" if detail else "")) from None
            raise QueryError(_message(body) or f"HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise Unreachable(f"{where(self.url)}: {reason}") from None
        try:
            payload = json.loads(body)
        except ValueError:
            raise QueryError(f"not a Prometheus API answer: {body[:120]!r}") from None
        if payload.get("status") != "success":
            raise QueryError(_message(body) or "Prometheus answered with an error")
        return payload.get("data")

    def _tls(self) -> ssl.SSLContext | None:
        if not self.url.startswith("https:"):
            return None
        if self.verify is False:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return context
        return ssl.create_default_context(cafile=self.verify if isinstance(self.verify, str)
                                          else None)


def _t(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _message(body: bytes) -> str:
    try:
        payload = json.loads(body)
    except ValueError:
        return ""
    if not isinstance(payload, dict):
        return ""
    kind = payload.get("errorType")
    error = payload.get("error") or payload.get("message")
    return f"{kind}: {error}" if kind and error else str(error or "")


def where(url: str) -> str:
    """The URL without credentials or query, for messages."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"
