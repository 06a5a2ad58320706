"""Slash commands: answer in the ack when we know the caller's language, else right after it.

The ack carries the reply once the change is committed. A caller Corong has never seen gets an
empty ack; their Slack locale is looked up and the reply follows via response_url. A form
opens right after the ack (trigger_id lives 3 seconds), before any profile look-up.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.after_change import refresh_after_change
from bot.chart_delivery import send_funnel_chart
from bot.handling import Handled, internal_error, run_command
from bot.listeners.channel_check import ChannelCheck, check_team_channel
from bot.listeners.forms_flow import open_form_modal, prepare_form
from bot.listeners.replying import send_reply
from bot.profiles import profile_state, refresh_profile
from bot.runtime import Runtime
from commands.context import Invocation
from commands.dispatch import wanted_form
from commands.registry import SLASH_COMMANDS
from commands.replies import OpenForm
from commands.reports.replies import FunnelView
from commands.workspace.replies import TeamView

DIALOG_COMMANDS = ("/bant",)


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
        command, text = body["command"], body.get("text", "")
        form = wanted_form(command, text)
        if form is not None:
            context["corong_form"] = form
            ack()
            return
        handled = run_command(runtime.engine, invocation, command, text, defer_unknown_profile=True)
        context["corong_deferred"] = handled.deferred
        context["corong_stale"] = handled.profile_stale
        remember_follow_ups(context, handled)
        if handled.deferred:
            ack()
            return
        if isinstance(handled.reply, OpenForm):  # e.g. /bant acme: the deal's BANT dialog
            context["corong_view"] = prepare_form(runtime, invocation, handled.reply, body)
            ack()
            return
        try:
            rendered = handled.render().as_kwargs()
        except Exception:
            rendered = (
                Handled(internal_error("render", invocation), handled.lang, handled.tz)
                .render()
                .as_kwargs()
            )
        ack(**rendered)

    def after_ack(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        invocation = invocation_from_command(body, runtime)
        form = context.get("corong_form")
        if form:
            view = prepare_form(runtime, invocation, OpenForm(form), body)
            open_form_modal(runtime, client, body, view)
        if context.get("corong_view"):
            open_form_modal(runtime, client, body, context["corong_view"])
        needs_lookup = (
            form
            and profile_state(
                runtime.engine, invocation.team_id, invocation.user_id, invocation.now
            )
            != "fresh"
        )
        if context.get("corong_deferred") or context.get("corong_stale") or needs_lookup:
            refresh_profile(
                runtime.engine, client, invocation.team_id, invocation.user_id, invocation.now
            )
        if context.get("corong_deferred"):
            handled = run_command(runtime.engine, invocation, body["command"], body.get("text", ""))
            if isinstance(handled.reply, OpenForm):
                view = prepare_form(runtime, invocation, handled.reply, body)
                open_form_modal(runtime, client, body, view)
                return
            send_reply(
                runtime,
                client,
                handled.render().as_dicts(),
                user_id=invocation.user_id,
                response_url=body.get("response_url"),
                channel_id=invocation.channel_id,
            )
            remember_follow_ups(context, handled)
        follow_up(client, context, invocation, body)

    def remember_follow_ups(context: BoltContext, handled: Handled) -> None:
        """What must happen after the answer: a chart to send, a home tab to refresh, a team
        channel to check."""
        context["corong_changed"] = handled.changed
        reply = handled.reply
        if isinstance(reply, FunnelView):
            context["corong_chart"] = (reply, handled.lang)
        if isinstance(reply, TeamView) and reply.check_channel:
            team = str(reply.params.get("team", ""))
            check = ChannelCheck(reply.check_channel, team, handled.lang, handled.tz)
            context["corong_channel_check"] = check

    def follow_up(
        client: WebClient, context: BoltContext, invocation: Invocation, body: dict[str, Any]
    ) -> None:
        chart = context.get("corong_chart")
        if chart:
            send_funnel_chart(client, chart[0], chart[1], invocation.user_id)
        check = context.get("corong_channel_check")
        if check:
            check_team_channel(
                runtime,
                client,
                check,
                user_id=invocation.user_id,
                response_url=body.get("response_url"),
                channel_id=invocation.channel_id,
            )
        if context.get("corong_changed"):
            refresh_after_change(runtime, client, invocation)

    for command in SLASH_COMMANDS:
        app.command(command)(ack=acknowledge, lazy=[after_ack])
