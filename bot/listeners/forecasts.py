"""The forecast modal: opened by ``/forecast`` (``bot.listeners.commands``) or a button
(``ids.FORECAST_OPEN``: the nudge, the forecast DM, its reminder, the App Home), and submitted.

Opening reads the rep's figures and weighted pipeline in one unit of work, then views.open. A
submission is checked like every form: bad fields are answered inline (``response_action:
errors``) with nothing saved; a good one is committed before the ack closes the modal, and the
confirmation follows via the command's response_url, or an ephemeral, or a DM.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.after_change import refresh_after_change
from bot.blocks.forecast import forecast_modal, view_metadata
from bot.blocks.forms import field_errors, submitted_values
from bot.handling import Handled, problem_from, run_work
from bot.listeners.forms import FormHandoff, inline_text
from bot.listeners.forms_flow import form_metadata, open_form_modal
from bot.listeners.handoff import hand_over, taken_over
from bot.listeners.replying import reply_to_interaction, send_reply
from bot.listeners.who import invocation_from_interaction, on_the_app_home
from bot.posts.forecast_redraw import redraw_forecast_asks
from bot.runtime import Runtime
from commands.context import CommandContext, Invocation
from commands.errors import FormErrors
from commands.forecasts.form import open_forecast, submit_forecast
from commands.forecasts.replies import ForecastForm
from commands.replies import Problem, Reply

_FIRST_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def forecast_view(handled: Handled, body: dict[str, Any], invocation: Invocation) -> dict[str, Any]:
    """The modal for a ``ForecastForm`` reply, with where to confirm once it is saved."""
    assert isinstance(handled.reply, ForecastForm)
    container = body.get("container") or {}
    message_ts = None if container.get("is_ephemeral") else container.get("message_ts")
    metadata = form_metadata(
        invocation.channel_id,
        body.get("response_url"),
        None,
        message_ts,
        from_home=on_the_app_home(body),
    )
    return forecast_modal(handled.reply, handled.lang, handled.tz, metadata).to_dict()


def register(app: App, runtime: Runtime) -> None:
    """Attach the forecast button and the modal's submission."""

    def just_ack(ack: Ack) -> None:
        ack()

    def open_from_button(body: dict[str, Any], client: WebClient) -> None:
        actions = body.get("actions") or [{}]
        value = str(actions[0].get("value") or "")
        first_day = value if _FIRST_DAY.fullmatch(value) else ""
        invocation = invocation_from_interaction(body, runtime)
        handled = run_work(runtime.engine, invocation, lambda ctx: open_forecast(ctx, first_day))
        if isinstance(handled.reply, ForecastForm):
            open_form_modal(runtime, client, body, forecast_view(handled, body, invocation))
            return
        reply_to_interaction(runtime, client, body, handled, replace=False)

    def acknowledge(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        view = body["view"]
        values = submitted_values(view)
        metadata = view_metadata(view)
        errors: dict[str, str] = {}

        def work(ctx: CommandContext) -> Reply:
            try:
                return submit_forecast(ctx, values, metadata.get("p", ""), metadata.get("s", ""))
            except FormErrors as invalid:
                errors.update(
                    field_errors(
                        invalid.errors,
                        ctx.lang,
                        lambda error: inline_text(problem_from(error), ctx.lang, ctx.tz),
                    )
                )
                raise

        handled = run_work(runtime.engine, invocation_from_interaction(body, runtime), work)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        if isinstance(handled.reply, Problem):
            text = inline_text(handled.reply, handled.lang, handled.tz)
            ack(response_action="errors", errors={ids.field_block_id("commit"): text})
            return
        hand_over(
            context,
            FormHandoff(handled.render().as_dicts(), handled.changed, handled.todays_nudge),
        )
        ack()

    def confirm(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handoff = taken_over(context, FormHandoff)
        if handoff is None:  # refused inline: the modal said so
            return
        metadata = view_metadata(body["view"])
        send_reply(
            runtime,
            client,
            handoff.confirmation,
            user_id=body["user"]["id"],
            response_url=metadata.get("u"),
            channel_id=metadata.get("c") or None,
        )
        if handoff.changed:
            channel, ts = metadata.get("c"), metadata.get("m")
            invocation = invocation_from_interaction(body, runtime)
            from_message = (channel, ts) if channel and ts else None
            # The nudge that asked (and today's) says the forecast is in; so do the forecast
            # DM and its reminder. The forecast is saved already: a refused redraw loses nothing.
            refresh_after_change(
                runtime,
                client,
                invocation,
                todays_nudge=handoff.todays_nudge,
                from_message=from_message,
                from_home=metadata.get("h") == "1",
            )
            redraw_forecast_asks(runtime, client, invocation, from_message=from_message)

    app.action(ids.FORECAST_OPEN)(ack=just_ack, lazy=[open_from_button])
    app.view(ids.FORECAST_CALLBACK)(ack=acknowledge, lazy=[confirm])
