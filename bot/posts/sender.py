"""Web API calls for scheduled posts: paced, 429-aware, and sorted into retry or give up.

Interactive replies use ``bot.slack_client`` (retries inside the call). Scheduled posts go out by
the thousand, so here a 429 closes a shared ``RateGate`` for every sending thread instead, and
every other failure becomes a ``SendFailure`` that says whether trying again later can help.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.web import SlackResponse

from bot.posts.rate_gate import CHANNEL_SPACING, RateGate
from storage.outbox import CONNECTION

log = logging.getLogger("corong.sender")

# Errors that say "not now": anything else Slack answers is about the request or the target
# (channel_not_found, not_in_channel, is_archived, account_inactive, missing_scope, ...) and
# will fail the same way on every retry.
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
MAX_RATE_LIMITED = 30  # 429s in a row on one call before it is handed back for a later retry
PROFILE_RATE_LIMITED = 2  # a status read waits out one 429, never a nudge's morning
DEFAULT_RETRY_AFTER = 1.0


@dataclass
class SendFailure(Exception):
    """A post that did not go out: Slack's error code (or what went wrong on the way)."""

    code: str
    transient: bool

    def __str__(self) -> str:
        return self.code


class NotInstalled(SendFailure):
    """The workspace has no installation (uninstalled, or its bot token revoked): nothing may be
    posted there, now or on a retry."""

    def __init__(self, team_id: str) -> None:
        super().__init__("app_not_installed", False)
        self.team_id = team_id


def delivery_client(token: str | None, base_url: str) -> WebClient:
    """A client that retries dropped connections and 5xx itself but leaves 429s to the gate."""
    return WebClient(
        token=token,
        base_url=base_url,
        timeout=15,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def _retry_after(response: SlackResponse) -> float:
    value = (response.headers or {}).get("Retry-After") or (response.headers or {}).get(
        "retry-after"
    )
    try:
        return max(float(value), 0.0) if value is not None else DEFAULT_RETRY_AFTER
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER


class SlackSender:
    """Calls one workspace's Web API for scheduled posts."""

    def __init__(self, client: WebClient, gate: RateGate, team_id: str) -> None:
        self.client = client
        self.gate = gate
        self.team_id = team_id

    def call(
        self,
        method: str,
        function: Callable[..., Any],
        *,
        pace_channel: str | None = None,
        rate_limited: int = MAX_RATE_LIMITED,
        **kw: Any,
    ) -> Any:
        """``function(**kw)`` once the method's gate is open; a 429 holds the gate for every
        thread and tries again (``rate_limited`` times at most). ``pace_channel`` spaces posts
        to that channel a second apart."""
        key = f"{self.team_id}:{method}"
        if pace_channel:
            self.gate.take_turn(f"{self.team_id}:channel:{pace_channel}", CHANNEL_SPACING)
        for _ in range(rate_limited):
            self.gate.wait(key)
            try:
                return function(**kw)
            except SlackApiError as error:
                response = error.response
                if response.status_code == 429:
                    self.gate.hold(key, _retry_after(response))
                    continue
                raise _failure(error) from None
            except SendFailure:
                raise
            except Exception as error:  # the connection, after the client's own retries
                log.warning("slack call %s failed: %s", method, type(error).__name__)
                raise SendFailure(f"{CONNECTION}{type(error).__name__}"[:60], True) from None
        raise SendFailure("ratelimited", True)

    # The calls scheduled posts make -------------------------------------------------------------

    def open_dm(self, user_id: str) -> str:
        opened = self.call("conversations.open", self.client.conversations_open, users=user_id)
        return str(opened["channel"]["id"])

    def post(self, channel: str, content: dict[str, Any], *, thread_ts: str | None = None) -> str:
        """Post a message (text plus blocks); its ts."""
        extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
        posted = self.call(
            "chat.postMessage",
            self.client.chat_postMessage,
            pace_channel=channel,
            channel=channel,
            **content,
            **extra,
        )
        return str(posted["ts"])

    def profile(self, user_id: str) -> dict[str, Any]:
        """The user's profile (``users.profile.get``: their status, its emoji and expiry). Read
        before their nudge, so a rate limit is waited out briefly, then given up."""
        answer = self.call(
            "users.profile.get",
            self.client.users_profile_get,
            rate_limited=PROFILE_RATE_LIMITED,
            user=user_id,
        )
        profile = answer.get("profile")
        return profile if isinstance(profile, dict) else {}

    def update(self, channel: str, ts: str, content: dict[str, Any]) -> None:
        self.call("chat.update", self.client.chat_update, channel=channel, ts=ts, **content)

    def upload(
        self, channel: str, *, content: bytes, filename: str, title: str, thread_ts: str | None
    ) -> str:
        """Share a file in the channel (thread) with Slack's upload flow; the file id."""
        extra: dict[str, Any] = {"thread_ts": thread_ts} if thread_ts else {}
        uploaded = self.call(
            "files.completeUploadExternal",
            self.client.files_upload_v2,
            pace_channel=channel,
            channel=channel,
            content=content,
            filename=filename,
            title=title,
            **extra,
        )
        files = uploaded.get("files") or [uploaded.get("file") or {}]
        return str((files[0] or {}).get("id") or "")


def _failure(error: SlackApiError) -> SendFailure:
    response = error.response
    status = response.status_code
    if status >= 500:
        return SendFailure(f"http_{status}", True)
    code = str(response.get("error") or f"http_{status}")
    return SendFailure(code[:100], code in TRANSIENT_ERRORS)
