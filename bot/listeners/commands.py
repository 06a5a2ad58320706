"""Slash commands: answer in the ack when we know the caller's language, else right after it.

The ack carries the reply once the change is committed. A caller whose Slack profile must be
read first (never looked up, or an admin on an old reading of Slack's flag) gets an empty ack
and nothing runs yet; after the ack they are looked up, the command runs once, and the reply
follows via response_url in their language. A form opens right after the ack (trigger_id lives
3 seconds), before any profile look-up.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.after_change import needs_refresh, refresh_after_change
from bot.chart_delivery import send_funnel_chart
from bot.handling import Handled, internal_error, run_command
from bot.listeners.channel_check import ChannelCheck, check_team_channel
from bot.listeners.forecasts import forecast_view
from bot.listeners.forms_flow import open_form_modal, prepare_form
from bot.listeners.imports import send_export, upload_form
from bot.listeners.replying import send_reply
from bot.profiles import profile_state, refresh_profile
from bot.runtime import Runtime
from commands.context import Invocation
from commands.dispatch import wanted_form
from commands.exports.files import ExportRequested
from commands.forecasts.replies import ForecastForm
from commands.imports.upload import OpenImport
from commands.registry import SLASH_COMMANDS
from commands.replies import OpenForm
from commands.reports.replies import FunnelView
from commands.workspace.replies import TeamView

log = logging.getLogger("corong.commands")


@dataclass
class CommandHandoff:
    """What the ack of a slash command learned, for the work right after it."""

    form: str | None = None  # typed bare (``/deal add``): build this form and open it
    view: dict[str, Any] | None = None  # a form the command answered with, built in the ack
    deferred: bool = False  # nothing ran: look the caller up, then run the command
    profile_stale: bool = False  # answered; the caller's profile is due for a look-up
    todays_nudge: tuple[str, str] | None = None  # a change was committed: redraw this nudge
    chart: FunnelView | None = None  # a funnel answered: its chart image follows
    lang: str = "en"  # the caller's language, for the chart
    channel_check: ChannelCheck | None = None  # a team channel was set: can Corong post there?
    export: str | None = None  # /sales export answered: the file of this kind follows

    @property
    def has_work(self) -> bool:
        """Anything at all to do after the ack: most commands have nothing."""
        return bool(
            self.form
            or self.view
            or self.deferred
            or self.profile_stale
            or self.chart is not None
            or self.channel_check is not None
            or self.export is not None
            or needs_refresh(self.todays_nudge)
        )


def follow_ups(handled: Handled, handoff: CommandHandoff) -> CommandHandoff:
    """``handoff`` plus what must happen after the answer: a chart or an export to send, a nudge
    to redraw, a team channel to check."""
    reply = handled.reply
    check = None
    if isinstance(reply, TeamView) and reply.check_channel:
        team = str(reply.params.get("team", ""))
        check = ChannelCheck(reply.check_channel, team, handled.lang, handled.tz)
    return replace(
        handoff,
        todays_nudge=handled.todays_nudge,
        chart=reply if isinstance(reply, FunnelView) else None,
        lang=handled.lang,
        channel_check=check,
        export=reply.kind if isinstance(reply, ExportRequested) else None,
    )


def invocation_from_command(body: dict[str, Any], runtime: Runtime) -> Invocation:
    """The transport-neutral facts of a slash command request."""
    return Invocation(
        team_id=body["team_id"],
        user_id=body["user_id"],
        now=runtime.clock(),
        user_name=body.get("user_name"),
        channel_id=body.get("channel_id"),
    )


def register(app: App, runtime: Runtime, after_ack: Executor) -> None:
    """One listener for every slash command in the registry. What is left to do after the ack
    goes to ``after_ack`` only when there is something; Bolt's lazy listeners would copy every
    request for a second thread, whether or not it had anything to do."""

    def acknowledge(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        invocation = invocation_from_command(body, runtime)
        command, text = body["command"], body.get("text", "")
        form = wanted_form(command, text)
        if form is not None:
            ack()
            hand_on(body, client, invocation, CommandHandoff(form=form))
            return
        handled = run_command(runtime.engine, invocation, command, text, defer_for_profile=True)
        if handled.deferred:
            ack()
            hand_on(body, client, invocation, CommandHandoff(deferred=True))
            return
        handoff = follow_ups(handled, CommandHandoff(profile_stale=handled.profile_stale))
        if isinstance(handled.reply, OpenForm):  # e.g. /bant acme: the deal's BANT dialog
            view = prepare_form(runtime, invocation, handled.reply, body)
            ack()
            hand_on(body, client, invocation, replace(handoff, view=view))
            return
        if isinstance(handled.reply, ForecastForm):  # /forecast: the rep's forecast modal
            ack()
            view = forecast_view(handled, body, invocation)
            hand_on(body, client, invocation, replace(handoff, view=view))
            return
        if isinstance(handled.reply, OpenImport):  # /sales import: the upload form
            ack()
            view = upload_form(handled.reply, handled.lang)
            hand_on(body, client, invocation, replace(handoff, view=view))
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
        hand_on(body, client, invocation, handoff)

    def hand_on(
        body: dict[str, Any], client: WebClient, invocation: Invocation, handoff: CommandHandoff
    ) -> None:
        if handoff.has_work:
            after_ack.submit(logged, body, client, invocation, handoff)

    def logged(
        body: dict[str, Any], client: WebClient, invocation: Invocation, handoff: CommandHandoff
    ) -> None:
        try:
            after_the_ack(body, client, invocation, handoff)
        except Exception:  # on a worker thread: nobody else would see it
            log.exception("work after the ack of %s failed", body.get("command"))

    def after_the_ack(
        body: dict[str, Any], client: WebClient, invocation: Invocation, handoff: CommandHandoff
    ) -> None:
        if handoff.form:
            view = prepare_form(runtime, invocation, OpenForm(handoff.form), body)
            open_form_modal(runtime, client, body, view)
        if handoff.view:
            open_form_modal(runtime, client, body, handoff.view)
        if handoff.deferred:
            answered = answer_after_lookup(body, client, invocation)
            if answered is None:
                return
            handoff = answered
        elif handoff.profile_stale or (handoff.form and not profile_fresh(invocation)):
            refresh_profile(
                runtime.engine, client, invocation.team_id, invocation.user_id, invocation.now
            )
        follow_up(client, handoff, invocation, body)

    def profile_fresh(invocation: Invocation) -> bool:
        i = invocation
        return profile_state(runtime.engine, i.team_id, i.user_id, i.now) == "fresh"

    def answer_after_lookup(
        body: dict[str, Any], client: WebClient, invocation: Invocation
    ) -> CommandHandoff | None:
        """Look the caller up, then run their command (the first and only time) and answer
        in their language; the follow-ups of what it did, or None once a form is open."""
        refresh_profile(
            runtime.engine, client, invocation.team_id, invocation.user_id, invocation.now
        )
        handled = run_command(runtime.engine, invocation, body["command"], body.get("text", ""))
        if isinstance(handled.reply, ForecastForm):
            open_form_modal(runtime, client, body, forecast_view(handled, body, invocation))
            return None
        if isinstance(handled.reply, OpenForm | OpenImport):
            view = (
                prepare_form(runtime, invocation, handled.reply, body)
                if isinstance(handled.reply, OpenForm)
                else upload_form(handled.reply, handled.lang)
            )
            open_form_modal(runtime, client, body, view)
            return None
        send_reply(
            runtime,
            client,
            handled.render().as_dicts(),
            user_id=invocation.user_id,
            response_url=body.get("response_url"),
            channel_id=invocation.channel_id,
        )
        return follow_ups(handled, CommandHandoff())

    def follow_up(
        client: WebClient, handoff: CommandHandoff, invocation: Invocation, body: dict[str, Any]
    ) -> None:
        if handoff.chart is not None:
            send_funnel_chart(client, handoff.chart, handoff.lang, invocation.user_id)
        if handoff.export is not None:
            send_export(runtime, client, invocation, handoff.export, body.get("response_url"))
        if handoff.channel_check is not None:
            check_team_channel(
                runtime,
                client,
                handoff.channel_check,
                user_id=invocation.user_id,
                response_url=body.get("response_url"),
                channel_id=invocation.channel_id,
            )
        if needs_refresh(handoff.todays_nudge):
            refresh_after_change(runtime, client, invocation, todays_nudge=handoff.todays_nudge)

    for command in SLASH_COMMANDS:
        app.command(command)(acknowledge)
