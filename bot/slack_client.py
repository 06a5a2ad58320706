"""Slack Web API clients with retries: every client Corong makes comes from here.

Rate limits (429) are retried honouring Retry-After, server errors and dropped connections a few
times with backoff; permanent errors are logged with Slack's error code and never crash a
listener.
"""

from __future__ import annotations

import http.client
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient

log = logging.getLogger("corong.slack")

# What Slack answers when the token itself is no good: only a new token helps, not a retry.
TOKEN_REFUSED_ERRORS = frozenset(
    {
        "not_authed",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "no_permission",
        "not_allowed_token_type",
        "org_login_required",
        "ekm_access_denied",
        "team_access_not_granted",
    }
)
# How a call fails when Slack never answered (refused or dropped connection, DNS, timeout, TLS),
# after the client's own retries.
CONNECTION_ERRORS = (OSError, http.client.HTTPException)


def retry_handlers() -> list[RetryHandler]:
    """The retry policy shared by every client."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def make_web_client(
    token: str | None, base_url: str, *, logger: logging.Logger | None = None
) -> WebClient:
    """A Web API client pointed at ``base_url`` (Slack's own unless SLACK_API_URL says else);
    ``logger`` takes the client's own log lines (each failed try, each retry)."""
    return WebClient(
        token=token,
        base_url=base_url,
        retry_handlers=retry_handlers(),
        timeout=10,
        logger=logger,
    )


def call_slack(action: str, method: Any, **kwargs: Any) -> Any:
    """Call a Web API method; a Slack error is logged with its code and None returned."""
    try:
        return method(**kwargs)
    except SlackApiError as error:
        log.warning("slack call failed: %s error=%s", action, error.response.get("error"))
    except Exception as error:  # network trouble after retries: log, never crash the listener
        log.warning("slack call failed: %s %s", action, type(error).__name__)
    return None


def post_to_response_url(
    url: str | None, payload: dict[str, Any], allowed_prefixes: tuple[str, ...]
) -> bool:
    """Post a reply to a response_url, only if it points at Slack (or the configured API host)."""
    if not url or not url.startswith(allowed_prefixes):
        log.warning("refused to post to a response_url outside Slack")
        return False
    client = WebhookClient(url=url, retry_handlers=retry_handlers(), timeout=10)
    try:
        response = client.send_dict(payload)
    except Exception as error:
        log.warning("response_url post failed: %s", type(error).__name__)
        return False
    if response.status_code != 200:
        log.warning(
            "response_url post failed: status=%s body=%s", response.status_code, response.body[:200]
        )
        return False
    return True
