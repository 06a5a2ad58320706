"""Buttons: the deal picker, "Show deal", "Log call" and list paging.

A button's value is never trusted: picks carry a token that must belong to the clicker, refs
are resolved inside the clicker's own workspace, and everything re-runs through the commands.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import ids
from bot.app_home import publish_home
from bot.handling import Handled, run_command, run_pending_choice, run_work
from bot.listeners.forms_flow import open_form_modal, prepare_form
from bot.listeners.replying import reply_to_interaction
from bot.listeners.who import invocation_from_interaction
from bot.runtime import Runtime
from bot.slack_client import post_to_response_url
from commands.context import CommandContext
from commands.deals.bant import act_on_verdict, bant_form_for
from commands.deals.deal import list_deals, move_deal
from commands.deals.lost_form import lost_form_for
from commands.deals.resolve import resolve_deal
from commands.errors import CommandError
from commands.grammar import tokenize
from commands.grammar.refs import deal_ref, typed_ref_number, written_ref_number
from commands.i18n import translate
from commands.replies import OpenForm, Reply
from commands.reports.board import run_pipeline


def _value(body: dict[str, Any]) -> str:
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def _json_value(body: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(_value(body))
    except (ValueError, RecursionError):  # forged junk, e.g. thousands of "["
        return {}
    return value if isinstance(value, dict) else {}


def register(app: App, runtime: Runtime) -> None:
    """Attach the button listeners."""

    def just_ack(ack: Ack) -> None:
        ack()

    def reply(body: dict[str, Any], client: WebClient, handled: Handled, *, replace: bool) -> None:
        reply_to_interaction(runtime, client, body, handled, replace=replace)

    def pick_deal(body: dict[str, Any], client: WebClient) -> None:
        value = _json_value(body)
        ref = value.get("r")
        token = str(value.get("t") or "")
        if written_ref_number(ref) is None:
            ref = "D-0"  # a tampered ref: resolves to nothing in any workspace
        invocation = invocation_from_interaction(body, runtime)
        handled = run_pending_choice(runtime.engine, invocation, token, ref)
        if isinstance(handled.reply, OpenForm):  # /bant on an ambiguous name: open its dialog
            open_form_modal(
                runtime, client, body, prepare_form(runtime, invocation, handled.reply, body)
            )
            post_to_response_url(
                body.get("response_url"),
                {"delete_original": True},
                runtime.settings.response_url_prefixes,
            )
            return
        reply(body, client, handled, replace=True)

    def deal_form(body: dict[str, Any], client: WebClient, make: Any) -> None:
        """Open a form about the deal a button names, resolved in the clicker's workspace."""
        ref = _value(body)
        invocation = invocation_from_interaction(body, runtime)

        def work(ctx: CommandContext) -> Reply:
            if typed_ref_number(ref) is None:
                raise CommandError("deal.ref_not_found", example="/deal list", ref=ref[:20])
            return make(ctx, resolve_deal(ctx, ref))

        handled = run_work(runtime.engine, invocation, work)
        if isinstance(handled.reply, OpenForm):
            open_form_modal(
                runtime, client, body, prepare_form(runtime, invocation, handled.reply, body)
            )
        else:
            reply(body, client, handled, replace=False)

    def run_bant(body: dict[str, Any], client: WebClient) -> None:
        deal_form(body, client, bant_form_for)

    def follow_up(body: dict[str, Any], client: WebClient) -> None:
        def form(ctx: CommandContext, deal: Any) -> OpenForm:
            prefill = {"next": deal.next_step or ""}
            if deal.next_step_due is not None:
                prefill["due"] = deal.next_step_due.isoformat()
            return OpenForm("follow_up", prefill, subject=deal.id, subject_ref=deal.ref)

        deal_form(body, client, form)

    def bant_move(body: dict[str, Any], client: WebClient) -> None:
        value = _json_value(body)
        ref, stage = str(value.get("r") or ""), str(value.get("s") or "")

        def work(ctx: CommandContext) -> Reply:
            if written_ref_number(ref) is None or stage not in ctx.pipeline.stages:
                raise CommandError("bant.stale_button", example="/deal list", ref=ref[:20])
            deal = act_on_verdict(ctx, ref, value.get("b"), value.get("f"))
            return move_deal(ctx, deal, stage)

        handled = run_work(runtime.engine, invocation_from_interaction(body, runtime), work)
        reply(body, client, handled, replace=False)

    def bant_mark_lost(body: dict[str, Any], client: WebClient) -> None:
        """The lost form about the disqualified deal (while that verdict stands), its words
        prefilled; the rep picks the reason."""
        value = _json_value(body)
        ref = str(value.get("r") or "")
        invocation = invocation_from_interaction(body, runtime)

        def work(ctx: CommandContext) -> Reply:
            if written_ref_number(ref) is None:
                raise CommandError("bant.stale_button", example="/deal list", ref=ref[:20])
            deal = act_on_verdict(ctx, ref, value.get("b"))
            words = translate("bant.disqualified_reason", ctx.lang)
            return lost_form_for(ctx, deal, words=words)

        handled = run_work(runtime.engine, invocation, work)
        if isinstance(handled.reply, OpenForm):
            view = prepare_form(runtime, invocation, handled.reply, body)
            open_form_modal(runtime, client, body, view)
        else:
            reply(body, client, handled, replace=False)

    def cancel_pick(body: dict[str, Any], client: WebClient) -> None:
        token = str(_json_value(body).get("t") or "")
        handled = run_pending_choice(
            runtime.engine, invocation_from_interaction(body, runtime), token, None
        )
        reply(body, client, handled, replace=True)

    def show_deal(body: dict[str, Any], client: WebClient) -> None:
        ref = _value(body)
        number = typed_ref_number(ref)
        text = f"show {deal_ref(number)}" if number is not None else "show"
        handled = run_command(
            runtime.engine, invocation_from_interaction(body, runtime), "/deal", text
        )
        reply(body, client, handled, replace=False)

    def log_call_form(body: dict[str, Any], client: WebClient) -> None:
        """The call form, about the button's deal once the clicker may log calls on it."""
        if typed_ref_number(_value(body)) is None:  # a general "Log call": the form asks
            invocation = invocation_from_interaction(body, runtime)
            view = prepare_form(runtime, invocation, OpenForm("call", {}), body)
            open_form_modal(runtime, client, body, view)
            return
        deal_form(body, client, lambda _ctx, deal: OpenForm("call", {"deal": deal.ref}))

    def paged(run: Callable[..., Reply]) -> Callable[[dict[str, Any], WebClient], None]:
        """A page button: re-run the filter it carries, from its offset, replacing the page."""

        def turn_page(body: dict[str, Any], client: WebClient) -> None:
            value = _json_value(body)
            offset, text = value.get("o"), value.get("f")
            offset = offset if isinstance(offset, int) and 0 <= offset < 1_000_000 else 0
            text = text if isinstance(text, str) else ""

            def work(ctx: CommandContext) -> Reply:
                return run(ctx, tokenize(text), offset=offset)

            handled = run_work(runtime.engine, invocation_from_interaction(body, runtime), work)
            reply(body, client, handled, replace=True)

        return turn_page

    def refresh_home(body: dict[str, Any], client: WebClient) -> None:
        publish_home(runtime, client, invocation_from_interaction(body, runtime))

    app.action(re.compile(rf"^{ids.PIPELINE_PAGE}(_prev)?$"))(
        ack=just_ack, lazy=[paged(run_pipeline)]
    )
    app.action(ids.HOME_REFRESH)(ack=just_ack, lazy=[refresh_home])
    app.action(re.compile(rf"^{ids.PICK_DEAL}_\d+$"))(ack=just_ack, lazy=[pick_deal])
    app.action(ids.PICK_CANCEL)(ack=just_ack, lazy=[cancel_pick])
    app.action(re.compile(rf"^{ids.SHOW_DEAL}(_\d+)?$"))(ack=just_ack, lazy=[show_deal])
    app.action(re.compile(rf"^{ids.LOG_CALL}(_\d+)?$"))(ack=just_ack, lazy=[log_call_form])
    app.action(re.compile(rf"^{ids.RUN_BANT}(_\d+)?$"))(ack=just_ack, lazy=[run_bant])
    app.action(ids.BANT_FOLLOW_UP)(ack=just_ack, lazy=[follow_up])
    app.action(ids.BANT_MOVE)(ack=just_ack, lazy=[bant_move])
    app.action(ids.BANT_MARK_LOST)(ack=just_ack, lazy=[bant_mark_lost])
    app.action(re.compile(rf"^{ids.LIST_PAGE}(_prev)?$"))(ack=just_ack, lazy=[paged(list_deals)])
