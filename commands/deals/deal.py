"""``/deal``: add, move, won, lost, show, list and (managers) assign deals.

Each subcommand parses its text into plain values first and only then writes, so bad input never
leaves a partial change behind. Writes lock what they change (the deal row, and the workspace
settings for stage moves) so concurrent requests, even from other replicas, queue up instead of
overwriting each other. The operations (``add_deal`` ...) are shared with the forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from commands import audit, deal_alerts, permissions
from commands.context import CommandContext
from commands.deals.bant import latest_bant_view, needs_bant_warning
from commands.deals.lost_reasons import ask_reason, reason_key
from commands.deals.next_step import next_step_values
from commands.deals.past_dates import confirm_past_dates
from commands.deals.resolve import check_deal_name, name_key, resolve_deal, split_deal_words
from commands.deals.summaries import deal_history, stage_totals, summarize_deal, summarize_many
from commands.errors import UsageError
from commands.grammar import (
    Amount,
    Token,
    join_words,
    looks_like_amount,
    parse_amount,
    parse_date,
    take_amount,
    unread_amount,
)
from commands.grammar.free_text import check_length, clean_text
from commands.grammar.options import reject_stray, split_options
from commands.i18n import Phrase, Text
from commands.pipelines import LOST, WON, resolve_stage
from commands.replies import DealCard, DealList, Notice, People, Reply
from storage import changes, queries
from storage.models import Deal, Member

ADD_EXAMPLE = Phrase("example.deal_add")  # /deal add Acme Corp 50jt close:2026-12-31 ...
MOVE_EXAMPLE = Phrase("example.deal_move")  # /deal move acme potential
WON_EXAMPLE = "/deal won acme 48jt"
LOST_EXAMPLE = Phrase("example.deal_lost")  # /deal lost D-12 price
SHOW_EXAMPLE = "/deal show acme"
LIST_EXAMPLE = "/deal list @budi"
ASSIGN_EXAMPLE = "/deal assign acme @sari"
ASSIGN_WORDS = ("assign", "reassign", "alihkan", "serahkan")
HISTORY_SHOWN = 10
LIST_PAGE_SIZE = 20
# A last word that starts like an amount ("50jtt", "Rp5x") is a mistyped value, not a name.
_AMOUNTISH = re.compile(r"^-?(rp\.?|idr|us\$|s\$|\$|€)?-?\d[\d.,]*\s*[a-z]+$", re.IGNORECASE)
# A bare number this small is part of a name ("Warung 17"), never a deal value.
_SMALL_BARE_NUMBER = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class DealDraft:
    """A new deal as typed or filled in, already validated."""

    name: str
    amount: Amount | None = None
    close_date: date | None = None
    contact: str | None = None
    stage: str | None = None
    next_step: str | None = None
    next_step_due: date | None = None
    lead_source: str | None = None  # where the lead came from, as typed (``source:``)


# --- add ---------------------------------------------------------------------------------------


def parse_add(ctx: CommandContext, tokens: list[Token]) -> DealDraft:
    """``Acme Corp 50jt close:2026-12-31 contact:"Budi (CTO)"`` -> a draft."""
    options, rest = split_options(
        tokens, ("close", "contact", "stage", "next", "due", "value", "source"), ADD_EXAMPLE
    )
    reject_stray(rest, ADD_EXAMPLE)
    amount, remaining = take_amount(rest, m_means=ctx.m_means)
    if len(rest) - len(remaining) == 1 and _SMALL_BARE_NUMBER.match(rest[-1].value):
        amount, remaining = None, rest  # "Warung 17": the number is part of the name
    rest = remaining
    if "value" in options:
        if amount is not None:
            raise UsageError("deal.two_amounts", example=ADD_EXAMPLE)
        amount = parse_amount(options["value"], m_means=ctx.m_means)
    if rest and rest[-1].kind == "word" and _AMOUNTISH.match(rest[-1].value):
        if amount is not None and looks_like_amount(rest[-1].value):
            raise UsageError("deal.two_amounts", example=ADD_EXAMPLE)
        parse_amount(rest[-1].value)  # raises the amount error for "50jtt", "-5jt" and the like
    for word in rest:
        refused = unread_amount(word.value) if word.kind == "word" else None
        if refused is not None:  # "Rp -5.000.000", a 20-digit paste: never part of the name
            raise refused
    name = clean_text(join_words(rest))
    if not name:
        raise UsageError("deal.name_missing", example=ADD_EXAMPLE)
    draft = DealDraft(
        name=check_deal_name(name, ADD_EXAMPLE),
        amount=amount,
        close_date=parse_date(options["close"], ctx.today) if "close" in options else None,
        contact=check_length("contact", clean_text(options.get("contact")), 200, ADD_EXAMPLE),
        stage=resolve_stage(ctx.pipeline, options["stage"]) if "stage" in options else None,
        next_step=check_length("next", clean_text(options.get("next")), 500, ADD_EXAMPLE),
        next_step_due=parse_date(options["due"], ctx.today) if "due" in options else None,
        lead_source=check_length("source", clean_text(options.get("source")), 64, ADD_EXAMPLE),
    )
    confirm_past_dates(ctx, ADD_EXAMPLE, close=draft.close_date, due=draft.next_step_due)
    return draft


def add_deal(ctx: CommandContext, draft: DealDraft) -> Notice:
    """Create the deal in the first stage (or the one given), owned by the caller."""
    number = queries.allocate_deal_number(ctx.session, workspace_id=ctx.workspace_id)
    # Allocating the number locked the workspace row: its pipeline can no longer change under us.
    ctx.session.refresh(ctx.workspace)
    stage = draft.stage or ctx.pipeline.first
    if stage not in ctx.pipeline.stages:
        raise UsageError("pipeline.changed_meanwhile", example=ADD_EXAMPLE, stage=stage)
    # A new deal starting beyond qualification has no BANT yet: same rule as a move.
    warn = needs_bant_warning(ctx, None, None, stage)
    currency = (draft.amount.currency if draft.amount else None) or ctx.workspace.currency
    deal = Deal(
        workspace_id=ctx.workspace_id,
        number=number,
        name=draft.name,
        name_key=name_key(draft.name),
        stage=stage,
        value=draft.amount.value if draft.amount else None,
        currency=currency,
        owner_id=ctx.member_id,
        contact=draft.contact,
        close_date=draft.close_date,
        next_step=draft.next_step,
        next_step_due=draft.next_step_due,
        lead_source=draft.lead_source,
        created_at=ctx.now,
        updated_at=ctx.now,
        stage_entered_at=ctx.now,
    )
    ctx.session.add(deal)
    ctx.session.flush()
    change_id = _record_stage(ctx, deal, None, stage)
    audit.record(ctx, "deal.add", deal=deal, after=audit.snapshot(deal), stage_change_id=change_id)
    deal_alerts.deal_changed(ctx, deal, deal_alerts.CLOSEABLE)  # one added straight to closing
    return Notice(
        "deal.added", {"ref": deal.ref}, deal=summarize_deal(ctx, deal), bant_warning=warn
    )


# --- move / won / lost ---------------------------------------------------------------------------


def _record_stage(ctx: CommandContext, deal: Deal, from_stage: str | None, to_stage: str) -> int:
    """Append the deal's move to its history; the stage change's id."""
    assert deal.id is not None
    return changes.add_stage_change(
        ctx.session,
        workspace_id=ctx.workspace_id,
        deal_id=deal.id,
        member_id=ctx.member_id,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_at=ctx.now,
        from_entered_at=deal.stage_entered_at if from_stage is not None else None,
    )


def _change_stage(ctx: CommandContext, deal: Deal, to_stage: str, **also: Any) -> int:
    """Move the deal to ``to_stage`` (with any other fields the move sets, ``also``) and
    append the move to its history; the stage change's id."""
    change_id = _record_stage(ctx, deal, deal.stage, to_stage)
    changes.update_deal(
        ctx.session, deal, stage=to_stage, stage_entered_at=ctx.now, updated_at=ctx.now, **also
    )
    return change_id


def _require_open(deal: Deal, example: Text) -> None:
    if deal.status != "open":
        raise UsageError(
            "deal.closed", example=example, ref=deal.ref, name=deal.name, status=deal.status
        )


def parse_move(ctx: CommandContext, tokens: list[Token]) -> tuple[str, str, dict[str, str]]:
    """``acme corp potential`` -> (deal words, stage key, options)."""
    options, rest = split_options(tokens, ("next", "due"), MOVE_EXAMPLE)
    if len(rest) < 2:
        raise UsageError("deal.move_usage", example=MOVE_EXAMPLE)
    last_error: UsageError | None = None
    for size in (3, 2, 1):
        if len(rest) <= size or any(t.kind not in ("word", "quoted") for t in rest[-size:]):
            continue
        try:
            stage = resolve_stage(ctx.pipeline, join_words(rest[-size:]))
        except UsageError as error:
            last_error = error
            continue
        deal_tokens = rest[:-size]
        if len(deal_tokens) == 1 or all(t.kind == "word" for t in deal_tokens):
            return join_words(deal_tokens), stage, options
    if rest[-1].kind == "word" and rest[-1].value.casefold() in (WON, LOST, "menang", "kalah"):
        raise UsageError("deal.move_to_closed", example=WON_EXAMPLE)
    raise last_error or UsageError("deal.move_usage", example=MOVE_EXAMPLE)


def move_deal(
    ctx: CommandContext,
    deal: Deal,
    stage: str,
    *,
    next_step: str | None = None,
    next_step_due: date | None = None,
) -> Notice:
    """Move an open deal to another open stage of the pipeline."""
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=False)
    permissions.lock_deal(ctx, deal)
    _require_open(deal, MOVE_EXAMPLE)
    if stage not in ctx.pipeline.stages:
        raise UsageError("pipeline.changed_meanwhile", example=MOVE_EXAMPLE, stage=stage)
    if deal.stage == stage:
        raise UsageError("deal.already_in_stage", example=MOVE_EXAMPLE, ref=deal.ref, stage=stage)
    warn = needs_bant_warning(ctx, deal, deal.stage, stage)  # raises NeedsBant if strict
    before = audit.snapshot(deal)
    from_stage = deal.stage
    change_id = _change_stage(ctx, deal, stage, **next_step_values(next_step, next_step_due))
    audit.record(
        ctx,
        "deal.move",
        deal=deal,
        before=before,
        after=audit.snapshot(deal),
        stage_change_id=change_id,
    )
    deal_alerts.deal_changed(ctx, deal, deal_alerts.CLOSEABLE)
    return Notice(
        "deal.moved",
        {"ref": deal.ref, "from_stage": from_stage, "to_stage": stage},
        deal=summarize_deal(ctx, deal),
        bant_warning=warn,
    )


def close_deal(
    ctx: CommandContext,
    deal: Deal,
    outcome: str,
    *,
    amount: Amount | None = None,
    reason: str | None = None,
    reason_key_: str | None = None,
) -> Notice:
    """Mark a deal won (optionally with its final value) or lost: with a reason key from the
    workspace's list (``reason_key_``; else the one ``reason``'s words name, else "other")
    and the words themselves."""
    permissions.lock_deal(ctx, deal)
    _require_open(deal, WON_EXAMPLE if outcome == WON else LOST_EXAMPLE)
    before = audit.snapshot(deal)
    # A closed deal has nothing left to do: no next step.
    closing: dict[str, Any] = {"status": outcome, "closed_at": ctx.now, "next_step": None}
    closing["next_step_due"] = None
    if amount is not None:
        closing["value"] = amount.value
        closing["currency"] = amount.currency or deal.currency
    if outcome == LOST:
        closing["lost_reason"] = reason
        closing["lost_reason_key"] = reason_key_ or reason_key(reason, ctx.workspace)
    change_id = _change_stage(ctx, deal, outcome, **closing)
    audit.record(
        ctx,
        f"deal.{outcome}",
        deal=deal,
        before=before,
        after=audit.snapshot(deal),
        stage_change_id=change_id,
    )
    deal_alerts.deal_changed(ctx, deal, outcome)
    return Notice(f"deal.{outcome}", {"ref": deal.ref}, deal=summarize_deal(ctx, deal))


# --- the /deal command -------------------------------------------------------------------------


def run_deal(ctx: CommandContext, sub: str, tokens: list[Token]) -> Reply:
    """Dispatch a ``/deal`` subcommand (already lower-cased and known)."""
    if sub in ("add", "new", "tambah", "baru"):
        return add_deal(ctx, parse_add(ctx, tokens))
    if sub in ("move", "pindah", "geser"):
        words, stage, options = parse_move(ctx, tokens)
        due = parse_date(options["due"], ctx.today) if "due" in options else None
        next_step = check_length("next", clean_text(options.get("next")), 500, MOVE_EXAMPLE)
        confirm_past_dates(ctx, MOVE_EXAMPLE, due=due)
        # The workspace before the deal: the order every change takes its locks in.
        queries.lock_workspace(ctx.session, ctx.workspace, exclusive=False)
        deal = resolve_deal(ctx, words, for_change=True)
        return move_deal(ctx, deal, stage, next_step=next_step, next_step_due=due)
    if sub in ("won", "menang", "win"):
        return _won(ctx, tokens)
    if sub in ("lost", "kalah", "lose"):
        return _lost(ctx, tokens)
    if sub in ("show", "lihat", "info"):
        return _show(ctx, tokens)
    if sub in ASSIGN_WORDS:
        return _assign(ctx, tokens)
    return list_deals(ctx, tokens)


def _assign(ctx: CommandContext, tokens: list[Token]) -> Notice:
    """``/deal assign acme @sari``: give a deal to another rep (managers and admins)."""
    if len(tokens) < 2 or tokens[-1].kind != "user":
        raise UsageError("deal.assign_usage", example=ASSIGN_EXAMPLE)
    reject_stray(tokens[1:-1], ASSIGN_EXAMPLE)
    words, rest = split_deal_words(ctx, tokens[:-1], stops=lambda t: False)
    if rest:
        raise UsageError("input.unexpected", example=ASSIGN_EXAMPLE, text=join_words(rest))
    deal = resolve_deal(ctx, words)
    new_owner = queries.get_or_create_member(
        ctx.session, workspace_id=ctx.workspace_id, slack_user_id=tokens[-1].value
    )
    return reassign_deal(ctx, deal, new_owner)


def reassign_deal(ctx: CommandContext, deal: Deal, new_owner: Member) -> Notice:
    """Hand an open deal to another rep; the manager's reach covers both ends of the move."""
    assert new_owner.id is not None
    permissions.check_reassign(ctx, deal, new_owner, example=ASSIGN_EXAMPLE)
    permissions.lock_deal(ctx, deal)
    _require_open(deal, ASSIGN_EXAMPLE)
    if deal.owner_id == new_owner.id:
        raise UsageError(
            "deal.already_owner",
            example=ASSIGN_EXAMPLE,
            ref=deal.ref,
            person=People((new_owner.slack_user_id,)),
        )
    before = audit.snapshot(deal)
    previous = ctx.session.get(Member, deal.owner_id)
    deal.owner_id = new_owner.id
    deal.snoozed_until = None  # the snooze was the old owner's call
    deal.updated_at = ctx.now
    audit.record(ctx, "deal.assign", deal=deal, before=before, after=audit.snapshot(deal))
    return Notice(
        "deal.assigned",
        {
            "ref": deal.ref,
            "person": People((new_owner.slack_user_id,)),
            "previous": People((previous.slack_user_id,) if previous else ()),
        },
        deal=summarize_deal(ctx, deal),
    )


def _won(ctx: CommandContext, tokens: list[Token]) -> Notice:
    if not tokens:
        raise UsageError("deal.won_usage", example=WON_EXAMPLE)
    reject_stray(tokens[1:], WON_EXAMPLE)
    words, rest = split_deal_words(ctx, tokens, stops=lambda t: looks_like_amount(t.value))
    if len(rest) == 1 and _SMALL_BARE_NUMBER.match(rest[0].value):
        raise UsageError("deal.value_too_small", example=WON_EXAMPLE, text=rest[0].value)
    amount, rest = take_amount(rest, m_means=ctx.m_means)
    if rest:
        raise UsageError("input.unexpected", example=WON_EXAMPLE, text=join_words(rest))
    deal = resolve_deal(ctx, words, for_change=True)
    return close_deal(ctx, deal, WON, amount=amount)


def _lost(ctx: CommandContext, tokens: list[Token]) -> Notice:
    if not tokens:
        raise UsageError("deal.lost_usage", example=LOST_EXAMPLE)
    options, plain = split_options(tokens, ("reason",), LOST_EXAMPLE)
    reject_stray(plain[1:], LOST_EXAMPLE)
    words, rest = split_deal_words(ctx, plain, stops=lambda t: False)
    reason = clean_text(options.get("reason") or join_words(rest)) or None
    check_length("reason", reason, 500, LOST_EXAMPLE)
    deal = resolve_deal(ctx, words, for_change=True)
    key = ctx.lost_reason_answer
    if reason is None and key is None:
        ask_reason(ctx, deal.ref)
    return close_deal(ctx, deal, LOST, reason=reason, reason_key_=key)


def _show(ctx: CommandContext, tokens: list[Token]) -> DealCard:
    if not tokens:
        raise UsageError("deal.show_usage", example=SHOW_EXAMPLE)
    return build_card(ctx, resolve_deal(ctx, join_words(tokens)))


def build_card(ctx: CommandContext, deal: Deal) -> DealCard:
    """The deal card: facts plus the most recent history."""
    history = deal_history(ctx, deal)
    return DealCard(
        deal=summarize_deal(ctx, deal),
        history=tuple(history[:HISTORY_SHOWN]),
        history_total=len(history),
        bant=latest_bant_view(ctx, deal),
    )


def list_deals(ctx: CommandContext, tokens: list[Token], *, offset: int = 0) -> DealList:
    """Open deals of the caller, of a named member, or of everyone, in pipeline order.

    ``filter_text`` in the reply is the filter written canonically (scope word, user mention,
    stage keys), so a page button re-runs exactly the same filter.
    """
    scope = "mine"
    owner_user_id: str | None = ctx.member.slack_user_id  # None: everyone's deals
    stages: list[str] = []
    for token in tokens:
        if token.kind == "user":
            scope, owner_user_id = "member", token.value
        elif token.kind == "word" and token.value.casefold() in ("all", "semua", "team", "tim"):
            scope, owner_user_id = "all", None
        elif token.kind == "word" and token.value.casefold() in ("mine", "saya", "me"):
            scope, owner_user_id = "mine", ctx.member.slack_user_id
        elif token.kind in ("word", "quoted"):
            stages.append(resolve_stage(ctx.pipeline, token.value))
        else:
            raise UsageError("input.unexpected", example=LIST_EXAMPLE, text=token.value)
    scope_text = {"mine": "mine", "all": "all"}.get(scope, f"<@{owner_user_id}>")
    filter_text = " ".join([scope_text, *stages])
    owner = None
    if owner_user_id is not None:
        owner = queries.find_member(
            ctx.session, workspace_id=ctx.workspace_id, slack_user_id=owner_user_id
        )
        permissions.check_member(ctx, owner, example="/deal list")
        if owner is None:
            return DealList(scope, owner_user_id, (), 0, 0, LIST_PAGE_SIZE, filter_text)
    # "all" is everything the caller may see: everyone's for an admin, their teams' for a
    # manager, their own for a rep.
    visible = permissions.visible_owner_ids(ctx) if owner is None else None
    deals = queries.open_deals(
        ctx.session,
        workspace_id=ctx.workspace_id,
        owner_id=owner.id if owner is not None else None,
        owner_ids=sorted(visible) if visible is not None else None,
        stages=stages or None,
    )
    pipeline = ctx.pipeline
    home = ctx.workspace.currency  # values compare within a currency, the workspace's first
    deals.sort(
        key=lambda d: (
            pipeline.index(d.stage),
            d.currency != home,
            d.currency,
            -(d.value or 0),
            d.number,
        )
    )
    page = deals[offset : offset + LIST_PAGE_SIZE]
    return DealList(
        scope=scope,
        owner_user_id=owner_user_id,
        deals=tuple(summarize_many(ctx, page)),
        total=len(deals),
        offset=offset,
        page_size=LIST_PAGE_SIZE,
        filter_text=filter_text,
        stage_totals=stage_totals(deals),
    )
