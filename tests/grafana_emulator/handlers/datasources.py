"""GET /api/datasources and /api/datasources/uid/:uid (pkg/api/datasources.go), read-only:
datasources come from provisioning here. Secrets never come back (``secureJsonData`` is
reported only as which fields are set, as ``secureJsonFields``).

The datasource proxy, ``/api/datasources/proxy/uid/:uid/*`` (routes in pkg/api/api.go, with
``datasources:query``; handler ``ProxyDatasourceRequestWithUID`` in
pkg/services/datasourceproxy/datasourceproxy.go): an invalid uid is 400 "UID is invalid", an
unknown one 404 "Unable to find datasource"; the rest of the path and the query string go to
the datasource's URL (``getProxyPath``), without the caller's Authorization header and
cookies (pkg/api/pluginproxy/ds_proxy.go), with the datasource's own basic auth; the upstream's
status and body come back as they are, and an upstream that cannot be reached is 502
(pkg/util/proxyutil/reverse_proxy.go)."""

from __future__ import annotations

import base64
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from ..auth import require
from ..errors import message_error
from ..routing import Request, Response, Router

_SHORT_UID = re.compile(r"^[a-zA-Z0-9\-_]{1,40}$")
"""``util.IsValidShortUID``."""


def _view(item: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in item.items() if k != "secureJsonData"}
    out["secureJsonFields"] = {k: True for k in item.get("secureJsonData") or {}}
    out.setdefault("jsonData", {})
    out.setdefault("isDefault", False)
    return out


def list_datasources(req: Request) -> list[dict[str, Any]]:
    caller = req.caller
    require(caller, "datasources:read")
    with req.store.lock:
        org = req.store.org(caller.org_id)
        return [_view(d) for d in sorted(org.datasources.values(), key=lambda d: d["name"])]


def get_datasource(req: Request) -> dict[str, Any]:
    caller = req.caller
    require(caller, "datasources:read")
    with req.store.lock:
        found = req.store.org(caller.org_id).datasources.get(req.params["uid"])
        if found is None:
            raise message_error(404, "Data source not found")
        return _view(found)


def proxy(req: Request) -> Response:
    caller = req.caller
    require(caller, "datasources:query")
    uid = req.params["uid"]
    if not _SHORT_UID.match(uid):
        raise message_error(400, "UID is invalid")
    with req.store.lock:
        found = req.store.org(caller.org_id).datasources.get(uid)
        if found is None:
            raise message_error(404, "Unable to find datasource")
        found = dict(found)
    query = urllib.parse.urlencode(req.query, doseq=True)
    target = f"{str(found.get('url') or '').rstrip('/')}/{req.params['*']}"
    headers = {k: v for k, v in req.headers.items()
               if k.lower() in ("accept", "content-type", "accept-encoding")}
    if found.get("basicAuth"):
        secret = (found.get("secureJsonData") or {}).get("basicAuthPassword", "")
        pair = f"{found.get('basicAuthUser', '')}:{secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    upstream = urllib.request.Request(f"{target}?{query}" if query else target,
                                      data=req.body or None, headers=headers,
                                      method=req.method)
    try:
        with urllib.request.urlopen(upstream, timeout=30) as answer:
            return Response(answer.status, raw=answer.read(),
                            content_type=answer.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as exc:
        return Response(exc.code, raw=exc.read(),
                        content_type=exc.headers.get("Content-Type", "") if exc.headers else "")
    except (urllib.error.URLError, OSError):
        return Response(502, raw=b"Bad Gateway", content_type="text/plain; charset=utf-8")


def register(router: Router) -> None:
    router.add("GET", "/api/datasources", "datasources.list", list_datasources)
    router.add("GET", "/api/datasources/uid/:uid", "datasources.get", get_datasource)
    for method in ("GET", "POST"):
        router.add(method, "/api/datasources/proxy/uid/:uid/*", "datasources.proxy", proxy)
