"""Serving the app: HTTP under gunicorn (worker processes with threads, so requests run
concurrently) or Socket Mode (one process).

HTTP mode answers Slack at ``POST /slack/events`` and health checks at ``GET /healthz``
(200 once the database answers). Socket Mode keeps ``/healthz`` on PORT for orchestrators.
Installs into many workspaces add ``GET /slack/install`` and ``GET /slack/oauth_redirect``
(Bolt's OAuth flow) on PORT in either mode.

``POST /slack/events`` passes ``bot.inbound``'s gate before Bolt sees it: a declared length over
the limit is 413 unread; a body whose signature does not verify is 401 unparsed, logged at INFO
without the body; a signed body of a shape Slack never sends is 400 with a WARNING. Bolt keeps
its own signature check behind the gate.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from gunicorn.app.base import BaseApplication
from slack_bolt import App, BoltContext, BoltRequest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_bolt.request.internals import build_context
from sqlalchemy import Engine

from bot.inbound import MAX_BODY_BYTES, Refused, check_signature, read_body
from bot.slack_client import make_web_client
from storage.db import database_reachable

log = logging.getLogger("corong.server")
EVENTS_PATH = "/slack/events"

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def health_app(engine: Engine) -> WSGIApp:
    """A WSGI app answering only ``GET /healthz``."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != "/healthz":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        ok = database_reachable(engine)
        body = json.dumps({"ok": ok, "database": "reachable" if ok else "unreachable"}).encode()
        status = "200 OK" if ok else "503 Service Unavailable"
        start_response(status, [("Content-Type", "application/json")])
        return [body]

    return application


def oauth_paths(app: App) -> frozenset[str]:
    """The install and redirect paths Bolt's OAuth flow answers (none in single-token mode)."""
    flow = app.oauth_flow
    return frozenset() if flow is None else frozenset({flow.install_path, flow.redirect_uri_path})


def wsgi_app(
    app: App, engine: Engine, *, signing_secret: str | None, events: bool = True
) -> WSGIApp:
    """Slack's endpoint, the OAuth install pages (if any) and health, as one WSGI app.

    ``signing_secret`` is the app's (the same Bolt checks with). ``events=False`` (Socket Mode,
    where requests are not signed) leaves out the endpoint."""
    if events and not signing_secret:
        raise ValueError("Slack's endpoint needs the signing secret to check requests")
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    health = health_app(engine)
    install_pages = oauth_paths(app)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        method = environ.get("REQUEST_METHOD")
        if path in install_pages and method == "GET":
            return slack(environ, start_response)
        if events and path == EVENTS_PATH:
            if method != "POST":
                return slack(environ, start_response)  # Bolt's 404, as ever
            assert signing_secret is not None
            return _slack_request(app, signing_secret, environ, start_response)
        return health(environ, start_response)

    return application


def _slack_request(
    app: App, secret: str, environ: dict[str, Any], start_response: StartResponse
) -> Iterable[bytes]:
    """One ``POST /slack/events``: read, verify, check its shape, and only then hand it to Bolt.

    The body is read (never more than MAX_BODY_BYTES) before answering even a refusal, so a
    keep-alive connection stays in step and the client reads its answer, not a reset."""
    declared = environ.get("CONTENT_LENGTH") or "0"
    if not declared.isascii() or not declared.isdigit():
        log.info("refused a request to %s: unreadable Content-Length", EVENTS_PATH)
        return _answer(start_response, 400, b"bad request")
    length = int(declared)
    if length > MAX_BODY_BYTES:
        log.info("refused a request to %s: %d bytes declared", EVENTS_PATH, length)
        return _answer(start_response, 413, b"too large")
    try:
        raw = environ["wsgi.input"].read(length) if length else b""
    except Exception as error:  # the client went away or broke its framing mid-body
        log.info("refused a request to %s: body unreadable (%s)", EVENTS_PATH, type(error).__name__)
        return _answer(start_response, 400, b"bad request")

    problem = check_signature(
        secret,
        raw,
        environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP"),
        environ.get("HTTP_X_SLACK_SIGNATURE"),
        now=time.time(),
    )
    if problem is not None:
        log.info("refused a request to %s that Slack did not sign: %s", EVENTS_PATH, problem)
        return _answer(start_response, 401, b"unauthorized")

    # Signed: only Slack (or someone holding the secret) sent it. A shape Slack never sends is
    # a 400; a 500 can only come from Corong's own listeners failing.
    read: dict[str, Any] | Refused = Refused("body shorter than its Content-Length")
    if len(raw) == length:
        read = read_body(raw, environ.get("CONTENT_TYPE"))
    request: BoltRequest | None = None
    if not isinstance(read, Refused):
        try:
            request = ParsedRequest(
                raw, read, headers=_headers(environ), query=environ.get("QUERY_STRING", "")
            )
        except Exception as error:  # Bolt reading a shape the checks above let through
            read = Refused(f"Bolt could not read it ({type(error).__name__})")
    if request is None:
        assert isinstance(read, Refused)
        log.warning("refused a signed request to %s: %s", EVENTS_PATH, read.problem)
        return _answer(start_response, 400, b"bad request")

    response = app.dispatch(request)
    answer = WsgiHttpResponse(response.status, response.headers, response.body)
    start_response(answer.status, answer.get_headers())
    return answer.get_body()


class ParsedRequest(BoltRequest):
    """A request whose body the gate already verified and parsed (``bot.inbound.read_body``):
    Bolt gets the parsed body rather than parsing the text again, its way. The raw text stays
    on it, as on any HTTP request."""

    def __init__(
        self,
        raw: bytes,
        parsed: dict[str, Any],
        *,
        headers: dict[str, str | Sequence[str]],
        query: str = "",
    ) -> None:
        super().__init__(body="", query=query, headers=headers)
        self.raw_body = raw.decode("utf-8")
        self.body = parsed
        self.context = build_context(BoltContext({}), parsed)


def _headers(environ: dict[str, Any]) -> dict[str, str | Sequence[str]]:
    return dict(WsgiHttpRequest(environ).get_headers())


def _answer(start_response: StartResponse, status: int, body: bytes) -> list[bytes]:
    """A short plain-text answer of our own (refusals), with its length."""
    phrase = HTTPStatus(status).phrase
    headers = [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))]
    start_response(f"{status} {phrase}", headers)
    return [body]


@dataclass(frozen=True)
class Served:
    """What one HTTP worker process serves, built in that process after gunicorn forked it.

    ``start`` runs once the worker is up and is told whether the worker is still serving (it
    turns false once gunicorn asks it to stop); ``stop`` runs as the worker exits."""

    app: WSGIApp
    start: Callable[[Callable[[], bool]], None] = lambda _serving: None
    stop: Callable[[], None] = lambda: None


class _CountedRequests:
    """The worker's WSGI app, counting the requests from Slack it was handed, so the log says
    at its exit how the requests were shared between the workers."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == EVENTS_PATH:
            with self._lock:
                self.count += 1
        return self.app(environ, start_response)


class _Gunicorn(BaseApplication):
    """gunicorn configured in code: ``workers`` processes with many threads each.

    Nothing is preloaded: ``load`` runs in each worker after the fork and builds everything that
    worker serves (its engine and pool, its app and threads), so no worker uses a connection,
    lock or thread of the master or of another worker."""

    def __init__(self, build: Callable[[], Served], options: dict[str, Any]) -> None:
        self.build = build
        self.options = options
        self.served: Served | None = None  # set in a worker only
        self.counted: _CountedRequests | None = None
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_worker_init", self._worker_started)
        self.cfg.set("worker_exit", self._worker_exiting)

    def load(self) -> Any:
        self.served = self.build()
        self.counted = _CountedRequests(self.served.app)
        return self.counted

    def _worker_started(self, worker: Any) -> None:
        if self.served is not None:
            self.served.start(lambda: bool(worker.alive))

    def _worker_exiting(self, _arbiter: Any, worker: Any) -> None:
        # gunicorn also calls this in the master for a worker already gone: nothing to stop.
        if self.served is None or worker.pid != os.getpid():
            return
        served = self.counted.count if self.counted is not None else 0
        log.info("HTTP worker (pid %d) stops; it served %d requests from Slack", worker.pid, served)
        self.served.stop()


def serve_http(
    build: Callable[[], Served],
    port: int,
    *,
    workers: int = 1,
    threads: int = 16,
    log_level: str = "info",
) -> None:
    """Run the HTTP server until stopped: ``workers`` processes, each serving what ``build``
    makes in it once forked, each with ``threads`` threads serving concurrent requests."""
    options: dict[str, Any] = {
        "bind": f"0.0.0.0:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 60,
        "graceful_timeout": 20,
        "loglevel": log_level.lower(),
        "accesslog": None,
        "preload_app": False,
        # gunicorn's control socket sits at one path per user (~/.gunicorn): two runs on one
        # host would share it, and Corong has no use for it.
        "control_socket_disable": True,
    }
    _Gunicorn(build, options).run()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def serve_socket_mode(app: App, engine: Engine, app_token: str, api_url: str, port: int) -> None:
    """Connect to Slack over Socket Mode, keeping ``/healthz`` (and the OAuth install pages,
    which browsers reach over HTTP) on PORT."""
    health = make_server(
        "0.0.0.0",
        port,
        wsgi_app(app, engine, signing_secret=None, events=False),
        handler_class=_QuietHandler,
    )
    threading.Thread(target=health.serve_forever, name="healthz", daemon=True).start()
    handler = SocketModeHandler(app, app_token, web_client=make_web_client(app_token, api_url))
    handler.start()
