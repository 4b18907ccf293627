"""Request/response values and a tiny ``:param`` path router."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .auth import Identity, require_signed_in
from .errors import bad_request_data
from .state import Store


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    store: Store
    params: dict[str, str] = field(default_factory=dict)
    identity: Identity | None = None

    @property
    def caller(self) -> Identity:
        return require_signed_in(self.identity)

    def json(self) -> Any:
        """The decoded JSON body; Grafana's bind failure (400 "bad request data") otherwise."""
        try:
            return json.loads(self.body or b"null")
        except (ValueError, UnicodeDecodeError) as exc:
            raise bad_request_data() from exc

    def json_object(self) -> dict[str, Any]:
        body = self.json()
        if not isinstance(body, dict):
            raise bad_request_data()
        return body

    def arg(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[0] if values else default

    def args(self, name: str) -> list[str]:
        return list(self.query.get(name, []))

    def int_arg(self, name: str, default: int = 0) -> int:
        """Like Go's ``c.QueryInt``: unparsable or absent values give the default."""
        try:
            return int(self.arg(name))
        except ValueError:
            return default


@dataclass
class Response:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    raw: bytes | None = None  # pre-rendered body (pretty JSON, text); overrides ``body``

    def payload(self) -> bytes:
        if self.raw is not None:
            return self.raw
        return json.dumps(self.body, separators=(",", ":"), ensure_ascii=False).encode()


Handler = Callable[[Request], "Response | Any"]


@dataclass(frozen=True)
class Route:
    method: str
    segments: tuple[str, ...]
    name: str
    handler: Handler
    signed_in: bool = True

    def match(self, method: str, parts: list[str]) -> dict[str, str] | None:
        if self.segments and self.segments[-1] == "*":  # the rest of the path, as Grafana's
            head = len(self.segments) - 1              # ``/*`` routes (pkg/web router)
            if method != self.method or len(parts) < head:
                return None
            params = Route(self.method, self.segments[:-1], self.name, self.handler,
                           self.signed_in).match(method, parts[:head])
            if params is not None:
                params["*"] = "/".join(parts[head:])
            return params
        if method != self.method or len(parts) != len(self.segments):
            return None
        params = {}
        for pattern, value in zip(self.segments, parts, strict=True):
            if pattern.startswith(":"):
                if not value:
                    return None
                params[pattern[1:]] = value
            elif pattern != value:
                return None
        return params


def split_path(path: str) -> list[str]:
    """Path segments, each percent-decoded after splitting (so ``%2F`` stays inside a segment)."""
    return [unquote(part) for part in path.strip("/").split("/")]


class Router:
    def __init__(self) -> None:
        self._routes: list[Route] = []

    def add(
        self, method: str, pattern: str, name: str, handler: Handler, *, signed_in: bool = True
    ) -> None:
        self._routes.append(
            Route(method.upper(), tuple(split_path(pattern)), name, handler, signed_in)
        )

    def resolve(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        parts = split_path(path.rstrip("/") or "/")
        lookup = "GET" if method.upper() == "HEAD" else method.upper()
        for route in self._routes:
            params = route.match(lookup, parts)
            if params is not None:
                return route, params
        return None
