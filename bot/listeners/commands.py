"""Slash commands: answer in the ack when we know the caller's language, else right after it.

The ack carries the reply once the change is committed. A caller Corong has never seen gets an
empty ack; their Slack locale is looked up and the reply follows via response_url. Opening a
modal and refreshing profiles happen after the ack, so the 3-second window is never at risk.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.forms_flow import open_form_modal, prepare_form
from bot.handling import Handled, run_command
from bot.listeners.replying import send_reply
from bot.profiles import profile_state, refresh_profile
from bot.runtime import Runtime
from commands.context import Invocation
from commands.registry import SLASH_COMMANDS
from commands.replies import OpenForm


def invocation_from_command(body: dict[str, Any], runtime: Runtime) -> Invocation:
    """The transport-neutral facts of a slash command request."""
    return Invocation(
        team_id=body["team_id"],
        user_id=body["user_id"],
        now=runtime.clock(),
        user_name=body.get("user_name"),
        channel_id=body.get("channel_id"),
    )


def register(app: App, runtime: Runtime) -> None:
    """One listener pair (ack + after-ack) for every slash command in the registry."""

    def acknowledge(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        invocation = invocation_from_command(body, runtime)
        state = profile_state(
            runtime.engine, invocation.team_id, invocation.user_id, invocation.now
        )
        context["corong_profile"] = state
        if state == "unknown":
            ack()
            return
        handled = run_command(runtime.engine, invocation, body["command"], body.get("text", ""))
        if isinstance(handled.reply, OpenForm):
            context["corong_form"] = prepare_form(runtime, invocation, handled.reply, body)
            ack()
            return
        ack(**handled.render().as_kwargs())

    def after_ack(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        invocation = invocation_from_command(body, runtime)
        state = context.get("corong_profile")
        if state == "unknown":
            refresh_profile(
                runtime.engine, client, invocation.team_id, invocation.user_id, invocation.now
            )
            handled: Handled = run_command(
                runtime.engine, invocation, body["command"], body.get("text", "")
            )
            if isinstance(handled.reply, OpenForm):
                view = prepare_form(runtime, invocation, handled.reply, body)
                open_form_modal(client, body.get("trigger_id"), view)
                return
            send_reply(
                runtime,
                client,
                handled.render().as_dicts(),
                user_id=invocation.user_id,
                response_url=body.get("response_url"),
                channel_id=invocation.channel_id,
            )
            return
        if context.get("corong_form"):
            open_form_modal(client, body.get("trigger_id"), context["corong_form"])
        if state == "stale":
            refresh_profile(
                runtime.engine, client, invocation.team_id, invocation.user_id, invocation.now
            )

    for command in SLASH_COMMANDS:
        app.command(command)(ack=acknowledge, lazy=[after_ack])
