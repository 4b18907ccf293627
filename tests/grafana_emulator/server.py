"""The emulator server: a ThreadingHTTPServer on 127.0.0.1 speaking Grafana's HTTP API."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
import traceback
from collections.abc import Mapping
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .admin import AdminAPI
from .auth import Identity, authenticate
from .clock import Clock
from .errors import ApiError, not_found_route
from .faults import Fault, FaultInjector
from .handlers import build_router
from .provisioning import ProvisioningLog
from .provisioning import load as load_provisioning
from .request_log import LogEntry, RequestLog
from .routing import Request, Response
from .state import Settings, Store


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128  # the default backlog of 5 drops SYNs under concurrent connects

    def __init__(self, emulator: GrafanaEmulator, address: tuple[str, int]) -> None:
        self.emulator = emulator
        self.open_sockets: set[socket.socket] = set()
        self.connections_accepted = 0
        self.sockets_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
            self.connections_accepted += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Client disconnects are normal (timeouts, drops); anything else is an emulator bug."""
        exc = sys.exc_info()[1]
        if self.emulator.stopping or isinstance(exc, ConnectionError | TimeoutError):
            return
        if exc is not None:
            self.emulator.internal_errors.append(exc)
        super().handle_error(request, client_address)

    def close_all(self) -> None:
        with self.sockets_lock:
            sockets, self.open_sockets = list(self.open_sockets), set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Grafana-Emulator"
    sys_version = ""
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    timeout = 30  # idle keep-alive connections are closed after this many seconds
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        emulator = self.server.emulator
        started = time.monotonic()
        timestamp = emulator.store.now()
        split = urlsplit(self.path)
        method, path = self.command.upper(), split.path
        routed = emulator.route_path(path)
        body = self._read_body()
        if emulator.faults.latency:
            emulator.sleep(emulator.faults.latency)
        fault = emulator.faults.take(method, path)
        response: Response | None = None
        route, identity = "-", None
        if fault is not None and fault.kind == "delay":
            emulator.sleep(fault.delay)
        if emulator.stopping:
            self.close_connection = True
            return
        if (
            fault is None
            or fault.kind == "delay"
            or (fault.kind == "drop" and fault.after_processing)
        ):
            if routed is None:
                error = not_found_route()
                response, route, identity = Response(error.status, error.body), "unknown", None
            else:
                response, route, identity = emulator.dispatch(
                    method, routed, split.query, self.headers, body
                )
        if fault is not None and fault.kind in ("status", "rate_limit"):
            response = Response(status=fault.status, body=fault.body, headers=dict(fault.headers))
        status = 0 if fault is not None and fault.kind == "drop" else response.status  # type: ignore[union-attr]
        # Logged before answering, so a client that has its answer always finds it logged.
        emulator.request_log.record(
            LogEntry(
                method=method,
                path=path,
                query=split.query,
                status=status,
                route=route,
                timestamp=timestamp,
                duration=time.monotonic() - started,
                fault=fault.kind if fault else None,
                identity=identity.name if identity else None,
            )
        )
        if fault is not None and fault.kind == "drop":
            self._drop()
            return
        assert response is not None
        try:
            self._send(response, head=method == "HEAD")
        except OSError:  # the client gave up (e.g. timed out during a delay fault)
            self.close_connection = True

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send(self, response: Response, *, head: bool) -> None:
        payload = response.payload()
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(payload)
        self.wfile.flush()


class GrafanaEmulator(AdminAPI):
    """In-process Grafana HTTP API. Use as a context manager or call start()/stop()."""

    def __init__(
        self,
        *,
        grafana_version: str = "11.6.0",
        main_mode: bool = False,
        clock: Clock | None = None,
        max_folder_depth: int = 4,
        sub_path: str = "",
        serve_from_sub_path: bool = False,
        rbac: bool = False,
        refuse_non_empty_delete: bool = False,
        provisioning: Path | str | None = None,
        provisioning_mount: str = "/etc/grafana/provisioning",
        environment: Mapping[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        settings = Settings(
            grafana_version=grafana_version, main_mode=main_mode,
            max_folder_depth=max_folder_depth, rbac=rbac,
            refuse_non_empty_delete=refuse_non_empty_delete,
        )
        self.store = Store(clock=clock, settings=settings)
        self.sub_path = "/" + sub_path.strip("/") if sub_path.strip("/") else ""
        settings.app_sub_url = self.sub_path
        self.serve_from_sub_path = serve_from_sub_path
        self.faults = FaultInjector()
        self.request_log = RequestLog()
        self.internal_errors: list[BaseException] = []
        self.admin_token = self.add_token("emulator-admin")
        self.provisioning_log = ProvisioningLog()
        self._provisioning = (Path(provisioning) if provisioning is not None else None,
                              provisioning_mount, dict(environment or {}))
        if provisioning is not None:
            self.reprovision()
        self._router = build_router()
        self._address = (host, port)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> GrafanaEmulator:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        self._httpd = _HTTPServer(self, self._address)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.005},
            name="grafana-emulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.server_close()
        httpd.close_all()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> GrafanaEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("emulator is not running")
        return int(self._httpd.server_address[1])

    @property
    def connections_accepted(self) -> int:
        """TCP connections accepted so far (keep-alive reuse keeps this low)."""
        return self._httpd.connections_accepted if self._httpd is not None else 0

    @property
    def url(self) -> str:
        """The address users write: with the sub-path, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}{self.sub_path}"

    def route_path(self, path: str) -> str | None:
        """The path Grafana routes, or None where nothing answers it.

        Behind a sub-path (``root_url = .../grafana/``) Grafana is reached through a reverse
        proxy that passes ``/grafana/...`` on. With ``serve_from_sub_path`` Grafana strips
        the prefix itself (pkg/web/macaron.go ServeHTTP: ``strings.TrimPrefix(req.URL.Path,
        m.urlPrefix)``) and, since 10.x, also answers ``/api/...`` without it
        (pkg/middleware/subpath_redirect.go: requests starting with ``/api`` are not
        redirected). Anything else, ``/grafanaapi/...`` among them, finds no route: 404.
        """
        if not self.sub_path:
            return path
        if path.startswith(self.sub_path + "/"):
            return path[len(self.sub_path):]
        if self.serve_from_sub_path and path.startswith("/api"):
            return path
        return None

    def sleep(self, seconds: float) -> None:
        """Sleep that ends early when the server stops."""
        self._stopping.wait(seconds)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    # -- settings ----------------------------------------------------------------------------
    @property
    def grafana_version(self) -> str:
        return self.store.settings.grafana_version

    @grafana_version.setter
    def grafana_version(self, value: str) -> None:
        self.store.settings.grafana_version = value

    @property
    def main_mode(self) -> bool:
        return self.store.settings.main_mode

    @main_mode.setter
    def main_mode(self, value: bool) -> None:
        self.store.settings.main_mode = value

    def reprovision(self) -> None:
        """Read the provisioning directory again, as Grafana does every
        ``updateIntervalSeconds`` (and at start)."""
        root, mount, env = self._provisioning
        if root is None:
            raise RuntimeError("this emulator was started without a provisioning directory")
        with self.store.lock:
            load_provisioning(self.store, root, mount=mount, env=env, log=self.provisioning_log)

    def remaining_faults(self) -> list[Fault]:
        return self.faults.remaining()

    def api(self, credential: Any = None, *, timeout: float = 5.0) -> Any:
        """A ``grafana_client.GrafanaApi`` bound to this server (default: the admin token)."""
        from grafana_client.api import GrafanaApi

        return GrafanaApi.from_url(
            self.url + "/", credential=credential or self.admin_token, timeout=timeout
        )

    # -- request dispatch --------------------------------------------------------------------
    def dispatch(
        self, method: str, path: str, query: str, headers: Message, body: bytes
    ) -> tuple[Response, str, Identity | None]:
        resolved = self._router.resolve(method, path)
        if resolved is None:
            error = not_found_route()
            return Response(error.status, error.body), "unknown", None
        route, params = resolved
        identity: Identity | None = None
        try:
            with self.store.lock:
                identity = authenticate(
                    self.store, headers.get("Authorization"), headers.get("X-Grafana-Org-Id")
                )
        except ApiError as error:
            if route.signed_in:
                return Response(error.status, error.body, dict(error.headers)), route.name, None
        request = Request(
            method=method,
            path=path,
            query=parse_qs(query, keep_blank_values=True),
            headers=dict(headers.items()),
            body=body,
            store=self.store,
            params=params,
            identity=identity,
        )
        try:
            result = route.handler(request)
        except ApiError as error:
            result = Response(error.status, error.body, dict(error.headers))
        except Exception as exc:  # a bug in the emulator: answer like Grafana, keep the trace
            self.internal_errors.append(exc)
            traceback.print_exc(file=sys.stderr)
            result = Response(500, {"message": "Internal Server Error", "traceID": ""})
        if not isinstance(result, Response):
            result = Response(body=result)
        return result, route.name, identity
