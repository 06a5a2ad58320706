"""Serving the app: HTTP under gunicorn (threads, so requests run concurrently) or Socket Mode.

HTTP mode answers Slack at ``POST /slack/events`` and health checks at ``GET /healthz``
(200 once the database answers). Socket Mode keeps ``/healthz`` on PORT for orchestrators.
Installs into many workspaces add ``GET /slack/install`` and ``GET /slack/oauth_redirect``
(Bolt's OAuth flow) on PORT in either mode.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine

from bot.slack_client import make_web_client
from storage.db import database_reachable

log = logging.getLogger("corong.server")
EVENTS_PATH = "/slack/events"
MAX_BODY_BYTES = 1_000_000

StartResponse = Callable[..., Any]


def health_app(engine: Engine) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
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
    app: App, engine: Engine, *, events: bool = True
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """Slack's endpoint, the OAuth install pages (if any) and health, as one WSGI app.

    ``events=False`` (Socket Mode, where requests are not signed) leaves out the endpoint."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    health = health_app(engine)
    install_pages = oauth_paths(app)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path in install_pages and environ.get("REQUEST_METHOD") == "GET":
            return slack(environ, start_response)
        if events and path == EVENTS_PATH:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            if length > MAX_BODY_BYTES:
                start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
                return [b"too large"]
            return slack(environ, start_response)
        return health(environ, start_response)

    return application


class _Gunicorn(BaseApplication):
    """gunicorn configured in code: one worker process, many threads."""

    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def serve_http(
    app: App,
    engine: Engine,
    port: int,
    *,
    threads: int = 16,
    log_level: str = "info",
    on_start: Callable[[], None] | None = None,
    on_stop: Callable[[], None] | None = None,
) -> None:
    """Run the HTTP server until stopped.

    One worker process keeps the in-process scheduler and lazy listeners together; its threads
    serve concurrent requests. ``on_start`` runs in that worker once it is up (the scheduler);
    ``on_stop`` as it exits (the app's own work put off for later).
    """
    options: dict[str, Any] = {
        "bind": f"0.0.0.0:{port}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 60,
        "graceful_timeout": 20,
        "loglevel": log_level.lower(),
        "accesslog": None,
    }
    if on_start is not None:
        options["post_worker_init"] = lambda _worker: on_start()
    if on_stop is not None:
        options["worker_exit"] = lambda _server, _worker: on_stop()
    _Gunicorn(wsgi_app(app, engine), options).run()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def serve_socket_mode(app: App, engine: Engine, app_token: str, api_url: str, port: int) -> None:
    """Connect to Slack over Socket Mode, keeping ``/healthz`` (and the OAuth install pages,
    which browsers reach over HTTP) on PORT."""
    health = make_server(
        "0.0.0.0", port, wsgi_app(app, engine, events=False), handler_class=_QuietHandler
    )
    threading.Thread(target=health.serve_forever, name="healthz", daemon=True).start()
    handler = SocketModeHandler(app, app_token, web_client=make_web_client(app_token, api_url))
    handler.start()
