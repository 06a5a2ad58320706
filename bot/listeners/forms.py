"""Modal submissions of every form (``/deal add``, ``/call``, BANT, follow-up, ``/sales setup``).

Every field is checked; bad ones are answered inline (``response_action: errors``) and the modal
stays open with what was typed. A good submission is committed before the ack closes the modal;
the confirmation follows via the command's response_url, or an ephemeral, or a DM.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.after_change import refresh_after_change
from bot.blocks.elements import RenderedMessage
from bot.blocks.forms import field_errors, initial_values, render_setup_saved, submitted_values
from bot.blocks.text import message, plain
from bot.handling import Handled, problem_from, run_work
from bot.listeners.handoff import hand_over, taken_over
from bot.listeners.replying import send_reply
from bot.listeners.who import invocation_from_interaction
from bot.runtime import Runtime
from commands.context import CommandContext
from commands.errors import CommandError, FormErrors
from commands.forms import FORMS, submit_form
from commands.i18n import in_language
from commands.replies import Problem, Reply
from commands.workspace.setup import SetupSaved


@dataclass
class FormHandoff:
    """A saved form, for the work after the ack has closed the modal."""

    confirmation: dict[str, Any]  # the reply to show, as text and block dicts
    changed: bool  # a change was committed
    todays_nudge: tuple[str, str] | None  # the nudge the submitter got today, to redraw


def _metadata(view: dict[str, Any]) -> dict[str, str]:
    """private_metadata as we wrote it; anything else (tampered, garbage) counts as empty."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, str)}


def register(app: App, runtime: Runtime) -> None:
    """Attach the form submission listener."""

    def acknowledge(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        view = body["view"]
        form = view["callback_id"].removeprefix(ids.FORM_CALLBACK_PREFIX)
        values = submitted_values(view)
        shown = initial_values(view)
        inputs = [b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"]
        first_block = inputs[0] if inputs else ids.field_block_id("name")
        subject_text = _metadata(view).get("d", "")
        subject = int(subject_text) if re.fullmatch(r"[0-9]{1,18}", subject_text) else None
        errors: dict[str, str] = {}

        def work(ctx: CommandContext) -> Reply:
            try:
                return submit_form(ctx, form, values, subject=subject, shown=shown)
            except FormErrors as invalid:
                errors.update(
                    field_errors(invalid.errors, ctx.lang, lambda error: _inline(error, ctx))
                )
                raise

        handled = run_work(runtime.engine, invocation_from_interaction(body, runtime), work)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        if isinstance(handled.reply, Problem):
            text = message(
                handled.reply.key, handled.lang, handled.tz, handled.reply.params, mrkdwn=False
            )
            ack(response_action="errors", errors={first_block: text[:2000]})
            return
        hand_over(
            context,
            FormHandoff(_confirmation(handled).as_dicts(), handled.changed, handled.todays_nudge),
        )
        ack()

    def confirm(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handoff = taken_over(context, FormHandoff)
        if handoff is None:  # refused inline, or the ack failed: the modal said so
            return
        metadata = _metadata(body["view"])
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
            refresh_after_change(
                runtime,
                client,
                invocation_from_interaction(body, runtime),
                todays_nudge=handoff.todays_nudge,
                from_message=(channel, ts) if channel and ts else None,
                from_home=metadata.get("h") == "1",
            )

    def closed(ack: Ack, body: dict[str, Any], logger: logging.Logger) -> None:
        """A dialog closed midway: nothing is saved, and nothing saved before changes."""
        ack()
        logger.info("form %s closed without saving", body.get("view", {}).get("callback_id"))

    for form in FORMS:
        app.view(ids.form_callback_id(form))(ack=acknowledge, lazy=[confirm])
    app.view_closed(ids.form_callback_id("bant"))(closed)


def _confirmation(handled: Handled) -> RenderedMessage:
    """The saved form's reply; a settings summary is drawn here, beside its form."""
    if isinstance(handled.reply, SetupSaved):
        return render_setup_saved(handled.reply, handled.lang)
    return handled.render()


def _inline(error: CommandError, ctx: CommandContext) -> str:
    """One field's error with its example, short enough for Slack's inline error."""
    return inline_text(problem_from(error), ctx.lang, ctx.tz)


def inline_text(problem: Problem, lang: str, tz: ZoneInfo) -> str:
    """A problem shown next to a form's field: its message and example, in plain text (escaping
    would show "&amp;" to the user) within Slack's 2,000 characters."""
    text = message(problem.key, lang, tz, problem.params, mrkdwn=False)
    if problem.example:
        text += " " + plain("error.example", lang, example=in_language(problem.example, lang))
    return text[:2000]
