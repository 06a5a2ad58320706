"""Getting a reply to the user after the ack: response_url first, then an ephemeral or a DM."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from bot.runtime import Runtime
from bot.slack_client import call_slack, post_to_response_url

log = logging.getLogger("corong.replying")


def send_reply(
    runtime: Runtime,
    client: WebClient,
    content: dict[str, Any],
    *,
    user_id: str,
    response_url: str | None = None,
    channel_id: str | None = None,
    replace_original: bool = False,
) -> None:
    """Show ``content`` (text and block dicts) to the user only, by the best route still open."""
    payload: dict[str, Any] = {"response_type": "ephemeral", **content}
    if replace_original:
        payload["replace_original"] = True
    if response_url and post_to_response_url(
        response_url, payload, runtime.settings.response_url_prefixes
    ):
        return
    if channel_id and call_slack(
        "chat.postEphemeral",
        client.chat_postEphemeral,
        channel=channel_id,
        user=user_id,
        **content,
    ):
        return
    opened = call_slack("conversations.open", client.conversations_open, users=user_id)
    if opened:
        call_slack(
            "chat.postMessage", client.chat_postMessage, channel=opened["channel"]["id"], **content
        )
