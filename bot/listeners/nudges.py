"""The morning nudge's controls: move, snooze, mark lost (Log call and Run BANT open the same
forms as everywhere else, in ``actions``).

Each control runs through the commands like any other change, then the nudge is redrawn in
place so it shows what was done. *Mark lost* opens the lost form first, to ask why; saving it
redraws the nudge (``bot.listeners.forms``). The selected option's deal ref and stage are never
trusted: the deal is resolved in the clicker's own workspace and the commands check the rest.
"""

from __future__ import annotations

import json
import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import ids
from bot.after_change import refresh_after_change
from bot.handling import Handled, run_work
from bot.listeners.forms_flow import open_form_modal, prepare_form
from bot.listeners.replying import send_reply
from bot.listeners.who import invocation_from_interaction
from bot.posts.nudge_redraw import is_own_nudge
from bot.runtime import Runtime
from commands.context import CommandContext
from commands.deals.deal import move_deal
from commands.deals.lost_form import lost_form_for
from commands.deals.resolve import resolve_deal
from commands.errors import CommandError
from commands.grammar.refs import written_ref_number
from commands.posts.nudge import snooze_deal
from commands.replies import Notice, OpenForm, Problem, Reply


def _selected(body: dict[str, Any]) -> dict[str, Any]:
    """The chosen option's JSON value (a select or overflow), or the button's; {} if forged."""
    action = (body.get("actions") or [{}])[0]
    raw = (action.get("selected_option") or {}).get("value") or action.get("value") or ""
    if not raw.startswith("{"):
        return {"r": raw}
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _ref(value: dict[str, Any]) -> str:
    ref = value.get("r")
    if not isinstance(ref, str) or written_ref_number(ref) is None:
        raise CommandError("nudge.stale_button", example="/deal list")
    return ref


def _refuse(ctx: CommandContext) -> Reply:
    raise CommandError("nudge.not_yours", example="/pipeline")


def register(app: App, runtime: Runtime) -> None:
    """Attach the nudge controls."""

    def just_ack(ack: Ack) -> None:
        ack()

    def act(body: dict[str, Any], client: WebClient, work: Any) -> None:
        invocation = invocation_from_interaction(body, runtime)
        container = body.get("container") or {}
        channel, ts = str(container.get("channel_id") or ""), str(container.get("message_ts") or "")
        if not is_own_nudge(runtime, invocation, channel, ts):
            work = _refuse
        handled: Handled = run_work(runtime.engine, invocation, work)
        # What was done shows in the redrawn nudge; a refusal, or a move that skipped BANT,
        # is also said to the rep.
        reply = handled.reply
        if isinstance(reply, Problem) or (isinstance(reply, Notice) and reply.bant_warning):
            send_reply(
                runtime,
                client,
                handled.render().as_dicts(),
                user_id=invocation.user_id,
                response_url=body.get("response_url"),
                channel_id=invocation.channel_id,
            )
        if isinstance(reply, Problem):
            return
        # This nudge shows what was done; today's, if it is another one, too.
        refresh_after_change(
            runtime,
            client,
            invocation,
            todays_nudge=handled.todays_nudge,
            from_message=(channel, ts),
        )

    def move(body: dict[str, Any], client: WebClient) -> None:
        value = _selected(body)

        def work(ctx: CommandContext) -> Reply:
            stage = value.get("s")
            if not isinstance(stage, str) or stage not in ctx.pipeline.stages:
                raise CommandError("nudge.stale_button", example="/deal list")
            return move_deal(ctx, resolve_deal(ctx, _ref(value)), stage)

        act(body, client, work)

    def snooze(body: dict[str, Any], client: WebClient) -> None:
        value = _selected(body)

        def work(ctx: CommandContext) -> Reply:
            days = value.get("n")
            if not isinstance(days, int) or isinstance(days, bool):
                raise CommandError("nudge.stale_button", example="/deal list")
            return snooze_deal(ctx, _ref(value), days)

        act(body, client, work)

    def mark_lost(body: dict[str, Any], client: WebClient) -> None:
        """The lost form about the item's deal, asking why; a refusal is said at once."""
        value = _selected(body)
        invocation = invocation_from_interaction(body, runtime)
        container = body.get("container") or {}
        channel, ts = str(container.get("channel_id") or ""), str(container.get("message_ts") or "")

        def work(ctx: CommandContext) -> Reply:
            return lost_form_for(ctx, resolve_deal(ctx, _ref(value)))

        own = is_own_nudge(runtime, invocation, channel, ts)
        handled = run_work(runtime.engine, invocation, work if own else _refuse)
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

    app.action(re.compile(rf"^{ids.NUDGE_MOVE}_\d+$"))(ack=just_ack, lazy=[move])
    app.action(re.compile(rf"^{ids.NUDGE_SNOOZE}_\d+$"))(ack=just_ack, lazy=[snooze])
    app.action(re.compile(rf"^{ids.NUDGE_LOST}_\d+$"))(ack=just_ack, lazy=[mark_lost])
