"""The app factory: a Bolt app wired to Corong's listeners, database and clock."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.config import install_log_redaction
from bot.events_once import EventsOnce
from bot.listeners import register_listeners
from bot.listeners.guard import refuse_foreign_user
from bot.runtime import Runtime
from bot.slack_client import make_web_client


class CorongApp(App):
    """Bolt's App, turning away other organisations' users before anything runs
    (``bot.listeners.guard``) and handling each Events API event once however often Slack
    delivers it (``bot.events_once``). Every request, over HTTP or Socket Mode, comes through
    ``dispatch``; Bolt's global middleware cannot see how the listeners went, so the claim
    wraps it here."""

    def __init__(self, *, events_once: EventsOnce, runtime: Runtime, **options: Any) -> None:
        super().__init__(**options)
        self._events_once = events_once
        self._runtime = runtime

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        refused = refuse_foreign_user(req.body, self._runtime)
        if refused is not None:
            return refused
        return self._events_once.dispatch(req, super().dispatch)


def create_app(
    runtime: Runtime, *, verify_token: bool = True, executor: Executor | None = None
) -> App:
    """A Bolt app whose Web API client talks to SLACK_API_URL with retries on.

    With SLACK_BOT_TOKEN it serves that one workspace; with SLACK_CLIENT_ID and
    SLACK_CLIENT_SECRET it serves every workspace that installs it through ``/slack/install``,
    each request with its own workspace's token (``bot.oauth``), and forgets a workspace's
    tokens when Slack says it uninstalled or revoked them.

    ``verify_token`` has Bolt call auth.test as the app is built; ``corong run`` proves the
    token itself first (``bot.cli``, to tell a refused token from an unreachable Slack), and the
    shell and some tests need no proof. ``executor`` runs the after-ack work (a thread pool by
    default).
    """
    settings = runtime.settings
    after_ack = executor or ThreadPoolExecutor(
        max_workers=16, thread_name_prefix="corong-after-ack"
    )
    install_log_redaction(settings.secret_values())
    bolt_logger = logging.getLogger("corong.bolt")
    if not any(isinstance(f, _TokenNoticeFilter) for f in bolt_logger.filters):
        bolt_logger.addFilter(_TokenNoticeFilter())
    common: dict[str, Any] = {
        "events_once": EventsOnce(runtime.engine, runtime.clock),
        "runtime": runtime,
        "signing_secret": settings.slack_signing_secret or "",
        # Slack's endpoint checks every request's signature before anything reads it, then
        # hands Bolt the parsed body (``bot.server``); Socket Mode requests are not signed.
        "request_verification_enabled": False,
        # Run the ack function before the after-ack work starts, so it can hand that work
        # what it learned (context values) and the ack carries the committed reply.
        "process_before_response": True,
        "logger": bolt_logger,
        "listener_executor": after_ack,
    }
    if settings.oauth:
        # slack_sdk's SQLAlchemy stores load only when used.
        from bot.oauth import build_oauth, register_revocation_listeners

        # No token of its own: every request gets its workspace's token from the installation.
        client = make_web_client(None, settings.slack_api_url)
        oauth = build_oauth(settings, runtime.engine, client, bolt_logger)
        app = CorongApp(
            client=client,
            oauth_settings=oauth.settings,
            # Bolt wraps any Authorize subclass itself (its annotation says a plain callable).
            authorize=oauth.authorize,
            **common,
        )
        # Registered before Corong's own listeners, so these are the ones that run.
        register_revocation_listeners(app, oauth.store)
    else:
        app = CorongApp(
            client=make_web_client(settings.slack_bot_token, settings.slack_api_url),
            token_verification_enabled=verify_token,
            **common,
        )
    register_listeners(app, runtime, after_ack)
    return app


class _TokenNoticeFilter(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment and then warns that our client (which
    carries that same token, plus SLACK_API_URL and retries) wins: true, and not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be unused" not in record.getMessage()
