"""Answers to the questions a typed command asks: "2M", 2 juta or 2 miliar? a date that has
passed, keep or change?

An answer button finishes the command as it was typed (``bot.handling.run_pending_choice``),
replacing the question. *Change* opens a modal with a date picker for each date asked about;
its dates must be today or later, and saving them finishes the command with them. The token in
the button or the modal is the only thing trusted: a stale, foreign or used one runs nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.forms import build_new_dates_modal, submitted_values
from bot.blocks.text import plain
from bot.handling import Handled, run_pending_choice
from bot.listeners.forms_flow import METADATA_LIMIT, open_form_modal
from bot.listeners.handoff import hand_over, taken_over
from bot.listeners.replying import reply_to_interaction
from bot.listeners.who import invocation_from_interaction
from bot.runtime import Runtime
from commands.context import open_context
from commands.deals.past_dates import DATE_FIELDS
from commands.errors import CHANGE
from storage.db import unit_of_work


@dataclass
class NewDatesHandoff:
    """The command finished with its new dates, for the work after the modal closed."""

    handled: Handled
    response_url: str | None
    channel_id: str | None


def _json(text: Any) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError, RecursionError):  # forged junk
        return {}
    return value if isinstance(value, dict) else {}


def _date_fields(value: Any) -> list[str]:
    """The date fields a button or modal names, known ones only, in their usual order."""
    named = set(value) if isinstance(value, list) else set()
    return [name for name in DATE_FIELDS if name in named]


def _day(text: str | None) -> dt.date | None:
    """A date picker's ``YYYY-MM-DD``; None for nothing picked or a forged value."""
    try:
        return dt.date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


def register(app: App, runtime: Runtime) -> None:
    """Attach the answer buttons and the change-the-date modal."""

    def just_ack(ack: Ack) -> None:
        ack()

    def answer(body: dict[str, Any], client: WebClient) -> None:
        value = _json((body.get("actions") or [{}])[0].get("value"))
        token, code = str(value.get("t") or ""), str(value.get("a") or "")
        invocation = invocation_from_interaction(body, runtime)
        fields = _date_fields(value.get("f"))
        if code == CHANGE and fields:
            with unit_of_work(runtime.engine, read_only=True) as session:
                lang = open_context(session, invocation).lang
            metadata = {"t": token[:64], "f": fields, "c": invocation.channel_id or ""}
            response_url = body.get("response_url")
            if response_url and len(json.dumps({**metadata, "u": response_url})) < METADATA_LIMIT:
                metadata["u"] = response_url
            view = build_new_dates_modal(fields, lang, metadata).to_dict()
            open_form_modal(runtime, client, body, view)
            return
        handled = run_pending_choice(runtime.engine, invocation, token, code)
        reply_to_interaction(runtime, client, body, handled, replace=True)

    def submit_dates(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        view = body["view"]
        metadata = _json(view.get("private_metadata"))
        invocation = invocation_from_interaction(body, runtime)
        with unit_of_work(runtime.engine, read_only=True) as session:
            ctx = open_context(session, invocation)
            lang, today = ctx.lang, ctx.today
        typed = submitted_values(view)
        new_dates: dict[str, dt.date] = {}
        errors: dict[str, str] = {}
        for name in _date_fields(metadata.get("f")):
            day = _day(typed.get(name))
            if day is None:
                errors[ids.field_block_id(name)] = plain("deal.new_date_missing", lang)
            elif day < today:
                errors[ids.field_block_id(name)] = plain("deal.new_date_past", lang)
            else:
                new_dates[name] = day
        if errors:
            ack(response_action="errors", errors=errors)
            return
        token = str(metadata.get("t") or "")
        handled = run_pending_choice(runtime.engine, invocation, token, CHANGE, new_dates=new_dates)
        url, channel = metadata.get("u"), metadata.get("c")
        hand_over(
            context,
            NewDatesHandoff(
                handled,
                url if isinstance(url, str) else None,
                channel if isinstance(channel, str) and channel else None,
            ),
        )
        ack()

    def show_result(body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handoff = taken_over(context, NewDatesHandoff)
        if handoff is None:
            return
        # Answer in place of the question, as a button would.
        answered = {
            **body,
            "response_url": handoff.response_url,
            "channel": {"id": handoff.channel_id} if handoff.channel_id else None,
        }
        reply_to_interaction(runtime, client, answered, handoff.handled, replace=True)

    app.action(re.compile(rf"^{ids.ANSWER}_\d+$"))(ack=just_ack, lazy=[answer])
    app.view(ids.NEW_DATES)(ack=submit_dates, lazy=[show_result])
