"""Requests as Slack would send them, signed, built from what the terminal user typed."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request import BoltRequest

from bot.inbound import Refused, check_signature, read_body
from bot.server import ParsedRequest


def signed_request(body: str, secret: str, content_type: str) -> BoltRequest:
    """A BoltRequest carrying Slack's signature headers for ``body``, through the same gate as
    Slack's requests over HTTP (``bot.inbound``): signature, then shape, parsed once."""
    timestamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    signature = "v0=" + digest.hexdigest()
    headers: dict[str, str | Sequence[str]] = {
        "content-type": [content_type],
        "x-slack-request-timestamp": [timestamp],
        "x-slack-signature": [signature],
    }
    raw = body.encode()
    problem = check_signature(secret, raw, timestamp, signature, now=time.time())
    read = read_body(raw, content_type)
    if problem is not None or isinstance(read, Refused):
        # The shell built this request itself: a refusal is a bug here, not a user's mistake.
        raise RuntimeError(f"the shell built a request Slack would not send: {problem or read}")
    return ParsedRequest(raw, read, headers=headers)


def trigger_id() -> str:
    """A trigger id shaped like Slack's (``<digits>.<digits>.<hex>``), as views.open expects."""
    return f"{int(time.time())}.{secrets.randbelow(10**11)}.{secrets.token_hex(16)}"


def slash_command(
    secret: str,
    *,
    command: str,
    text: str,
    team_id: str,
    user_id: str,
    user_name: str,
    channel_id: str,
    response_url: str,
    trigger_id: str,
) -> BoltRequest:
    """A form-encoded slash command."""
    body = urlencode(
        {
            "token": "shell",
            "team_id": team_id,
            "team_domain": "shell",
            "channel_id": channel_id,
            "channel_name": "shell",
            "user_id": user_id,
            "user_name": user_name,
            "command": command,
            "text": text,
            "api_app_id": "A0SHELL001",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )
    return signed_request(body, secret, "application/x-www-form-urlencoded")


def interaction(secret: str, payload: dict[str, Any]) -> BoltRequest:
    """An interaction (button click, modal submission) as ``payload=<json>``."""
    body = urlencode({"payload": json.dumps(payload)})
    return signed_request(body, secret, "application/x-www-form-urlencoded")
