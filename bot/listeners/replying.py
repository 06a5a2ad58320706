"""Getting a reply to the user after the ack: response_url first, then an ephemeral or a DM."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient

from bot.after_change import refresh_after_change
from bot.handling import Handled
from bot.listeners.who import invocation_from_interaction, on_the_app_home
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


def reply_to_interaction(
    runtime: Runtime, client: WebClient, body: dict[str, Any], handled: Handled, *, replace: bool
) -> None:
    """Answer a button press (or a modal about a message) where it happened, replacing that
    message when ``replace``; after a change, redraw what it made stale (nudge, App Home)."""
    invocation = invocation_from_interaction(body, runtime)
    send_reply(
        runtime,
        client,
        handled.render().as_dicts(),
        user_id=invocation.user_id,
        response_url=body.get("response_url"),
        channel_id=invocation.channel_id,
        replace_original=replace,
    )
    if handled.changed:
        refresh_after_change(
            runtime,
            client,
            invocation,
            todays_nudge=handled.todays_nudge,
            from_home=on_the_app_home(body),
        )
