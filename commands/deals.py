"""``/deal``: add, move, won, lost, show and list deals.

Each subcommand parses its text into plain values first and only then writes, so bad input never
leaves a partial change behind. The operations (``add_deal`` ...) are shared with the modals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from commands import audit
from commands.context import CommandContext
from commands.errors import UsageError
from commands.grammar import (
    Amount,
    Token,
    join_words,
    looks_like_amount,
    parse_amount,
    parse_date,
    take_amount,
)
from commands.options import reject_stray, split_options
from commands.pipelines import LOST, WON, resolve_stage
from commands.replies import DealCard, DealList, Notice, Reply
from commands.resolve import name_key, resolve_deal, retry_text, split_deal_words
from commands.summaries import deal_history, summarize_deal, summarize_many
from commands.text_fields import check_length, clean_text
from storage import queries
from storage.models import Deal, StageChange

ADD_EXAMPLE = '/deal add Acme Corp 50jt close:2026-12-31 contact:"Budi (CTO)"'
MOVE_EXAMPLE = "/deal move acme potential"
WON_EXAMPLE = "/deal won acme 48jt"
LOST_EXAMPLE = "/deal lost D-12 price"
SHOW_EXAMPLE = "/deal show acme"
LIST_EXAMPLE = "/deal list @budi"
HISTORY_SHOWN = 10
# A last word that starts like an amount ("50jtt", "Rp5x") is a mistyped value, not a name.
_AMOUNTISH = re.compile(r"^(rp\.?|idr|us\$|s\$|\$|€)?\d[\d.,]*\s*[a-z]+$", re.IGNORECASE)
LIST_PAGE_SIZE = 20


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


# --- add ---------------------------------------------------------------------------------------


def parse_add(ctx: CommandContext, tokens: list[Token]) -> DealDraft:
    """``Acme Corp 50jt close:2026-12-31 contact:"Budi (CTO)"`` -> a draft."""
    options, rest = split_options(
        tokens, ("close", "contact", "stage", "next", "due", "value"), ADD_EXAMPLE
    )
    reject_stray(rest, ADD_EXAMPLE)
    amount, rest = take_amount(rest)
    if "value" in options:
        if amount is not None:
            raise UsageError("deal.two_amounts", example=ADD_EXAMPLE)
        amount, _ = take_amount([Token(kind="word", value=v) for v in options["value"].split()])
        if amount is None:
            raise UsageError("grammar.bad_amount", example="50jt", text=options["value"])
    if rest and rest[-1].kind == "word" and _AMOUNTISH.match(rest[-1].value):
        parse_amount(rest[-1].value)  # raises the amount error for "50jtt" and the like
    name = clean_text(join_words(rest))
    if not name:
        raise UsageError("deal.name_missing", example=ADD_EXAMPLE)
    if name_key(name).replace("d-", "").isdigit() or name_key(name).isdigit():
        raise UsageError("deal.name_is_number", example=ADD_EXAMPLE, name=name)
    check_length("name", name, 200, ADD_EXAMPLE)
    return DealDraft(
        name=name,
        amount=amount,
        close_date=parse_date(options["close"], ctx.today) if "close" in options else None,
        contact=check_length("contact", clean_text(options.get("contact")), 200, ADD_EXAMPLE),
        stage=resolve_stage(ctx.pipeline, options["stage"]) if "stage" in options else None,
        next_step=check_length("next", clean_text(options.get("next")), 500, ADD_EXAMPLE),
        next_step_due=parse_date(options["due"], ctx.today) if "due" in options else None,
    )


def add_deal(ctx: CommandContext, draft: DealDraft) -> Notice:
    """Create the deal in the first stage (or the one given), owned by the caller."""
    stage = draft.stage or ctx.pipeline.first
    currency = (draft.amount.currency if draft.amount else None) or ctx.workspace.currency
    number = queries.allocate_deal_number(ctx.session, workspace_id=ctx.workspace_id)
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
        created_at=ctx.now,
        updated_at=ctx.now,
        stage_entered_at=ctx.now,
    )
    ctx.session.add(deal)
    ctx.session.flush()
    assert deal.id is not None
    change = StageChange(
        workspace_id=ctx.workspace_id,
        deal_id=deal.id,
        member_id=ctx.member_id,
        from_stage=None,
        to_stage=stage,
        changed_at=ctx.now,
    )
    ctx.session.add(change)
    ctx.session.flush()
    audit.record(ctx, "deal.add", deal=deal, after=audit.snapshot(deal), stage_change_id=change.id)
    return Notice("deal.added", {"ref": deal.ref}, deal=summarize_deal(ctx, deal))


# --- move / won / lost ---------------------------------------------------------------------------


def _change_stage(ctx: CommandContext, deal: Deal, to_stage: str, action: str) -> StageChange:
    assert deal.id is not None
    change = StageChange(
        workspace_id=ctx.workspace_id,
        deal_id=deal.id,
        member_id=ctx.member_id,
        from_stage=deal.stage,
        to_stage=to_stage,
        changed_at=ctx.now,
    )
    ctx.session.add(change)
    deal.stage = to_stage
    deal.stage_entered_at = ctx.now
    deal.updated_at = ctx.now
    ctx.session.flush()
    return change


def _require_open(deal: Deal, example: str) -> None:
    if deal.status != "open":
        raise UsageError(
            "deal.closed", example=example, ref=deal.ref, name=deal.name, status=deal.status
        )


def parse_move(
    ctx: CommandContext, tokens: list[Token]
) -> tuple[str, str, dict[str, str], list[Token]]:
    """``acme corp potential`` -> (deal words, stage key, options, tokens after the deal)."""
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
            after = rest[-size:] + [t for t in tokens if t.kind == "option"]
            return join_words(deal_tokens), stage, options, after
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
    _require_open(deal, MOVE_EXAMPLE)
    if deal.stage == stage:
        raise UsageError("deal.already_in_stage", example=MOVE_EXAMPLE, ref=deal.ref, stage=stage)
    before = audit.snapshot(deal)
    from_stage = deal.stage
    change = _change_stage(ctx, deal, stage, "deal.move")
    if next_step is not None:
        deal.next_step = next_step
    if next_step_due is not None:
        deal.next_step_due = next_step_due
    audit.record(
        ctx,
        "deal.move",
        deal=deal,
        before=before,
        after=audit.snapshot(deal),
        stage_change_id=change.id,
    )
    return Notice(
        "deal.moved",
        {"ref": deal.ref, "from_stage": from_stage, "to_stage": stage},
        deal=summarize_deal(ctx, deal),
    )


def close_deal(
    ctx: CommandContext,
    deal: Deal,
    outcome: str,
    *,
    amount: Amount | None = None,
    reason: str | None = None,
) -> Notice:
    """Mark a deal won (optionally with its final value) or lost (optionally with a reason)."""
    _require_open(deal, WON_EXAMPLE if outcome == WON else LOST_EXAMPLE)
    before = audit.snapshot(deal)
    change = _change_stage(ctx, deal, outcome, f"deal.{outcome}")
    deal.status = outcome
    deal.closed_at = ctx.now
    if amount is not None:
        deal.value = amount.value
        deal.currency = amount.currency or deal.currency
    if outcome == LOST:
        deal.lost_reason = reason
    audit.record(
        ctx,
        f"deal.{outcome}",
        deal=deal,
        before=before,
        after=audit.snapshot(deal),
        stage_change_id=change.id,
    )
    return Notice(f"deal.{outcome}", {"ref": deal.ref}, deal=summarize_deal(ctx, deal))


# --- the /deal command -------------------------------------------------------------------------


def run_deal(ctx: CommandContext, sub: str, tokens: list[Token], raw_rest: str) -> Reply:
    """Dispatch a ``/deal`` subcommand (already lower-cased)."""
    if sub in ("add", "new", "tambah", "baru"):
        return add_deal(ctx, parse_add(ctx, tokens))
    if sub in ("move", "pindah", "geser"):
        words, stage, options, after = parse_move(ctx, tokens)
        deal = resolve_deal(ctx, words, retry=retry_text("move", after))
        due = parse_date(options["due"], ctx.today) if "due" in options else None
        next_step = check_length("next", clean_text(options.get("next")), 500, MOVE_EXAMPLE)
        return move_deal(ctx, deal, stage, next_step=next_step, next_step_due=due)
    if sub in ("won", "menang", "win"):
        return _won(ctx, tokens)
    if sub in ("lost", "kalah", "lose"):
        return _lost(ctx, tokens)
    if sub in ("show", "lihat", "info"):
        return _show(ctx, tokens)
    if sub in ("list", "daftar", "ls"):
        return list_deals(ctx, tokens)
    raise UsageError("deal.unknown_sub", example=ADD_EXAMPLE, sub=sub)


def _won(ctx: CommandContext, tokens: list[Token]) -> Notice:
    if not tokens:
        raise UsageError("deal.won_usage", example=WON_EXAMPLE)
    reject_stray(tokens[1:], WON_EXAMPLE)
    words, rest = split_deal_words(ctx, tokens, stops=lambda t: looks_like_amount(t.value))
    amount, rest = take_amount(rest)
    if rest:
        raise UsageError("input.unexpected", example=WON_EXAMPLE, text=join_words(rest))
    after = [Token(kind="word", value=part) for part in _amount_words(amount)]
    deal = resolve_deal(ctx, words, retry=retry_text("won", after))
    return close_deal(ctx, deal, WON, amount=amount)


def _amount_words(amount: Amount | None) -> list[str]:
    if amount is None:
        return []
    return [amount.currency, str(amount.value)] if amount.currency else [str(amount.value)]


def _lost(ctx: CommandContext, tokens: list[Token]) -> Notice:
    if not tokens:
        raise UsageError("deal.lost_usage", example=LOST_EXAMPLE)
    options, plain = split_options(tokens, ("reason",), LOST_EXAMPLE)
    reject_stray(plain[1:], LOST_EXAMPLE)
    words, rest = split_deal_words(ctx, plain, stops=lambda t: False)
    reason = clean_text(options.get("reason") or join_words(rest)) or None
    check_length("reason", reason, 500, LOST_EXAMPLE)
    after = [Token(kind="option", key="reason", value=reason)] if reason else []
    deal = resolve_deal(ctx, words, retry=retry_text("lost", after))
    return close_deal(ctx, deal, LOST, reason=reason)


def _show(ctx: CommandContext, tokens: list[Token]) -> DealCard:
    if not tokens:
        raise UsageError("deal.show_usage", example=SHOW_EXAMPLE)
    deal = resolve_deal(ctx, join_words(tokens), retry="show {ref}")
    return build_card(ctx, deal)


def build_card(ctx: CommandContext, deal: Deal) -> DealCard:
    """The deal card: facts plus the most recent history."""
    history = deal_history(ctx, deal)
    return DealCard(
        deal=summarize_deal(ctx, deal),
        history=tuple(history[:HISTORY_SHOWN]),
        history_total=len(history),
    )


def list_deals(ctx: CommandContext, tokens: list[Token], *, offset: int = 0) -> DealList:
    """Open deals of the caller, of a named member, or of everyone, in pipeline order."""
    scope, owner = "mine", ctx.member
    stages: list[str] = []
    for token in tokens:
        if token.kind == "user":
            found = queries.find_member(
                ctx.session, workspace_id=ctx.workspace_id, slack_user_id=token.value
            )
            scope, owner = "member", found
            if found is None:
                return DealList("member", token.value, (), 0, 0, LIST_PAGE_SIZE, join_words(tokens))
        elif token.kind == "word" and token.value.casefold() in ("all", "semua", "team", "tim"):
            scope, owner = "all", None
        elif token.kind == "word" and token.value.casefold() in ("mine", "saya", "me"):
            scope, owner = "mine", ctx.member
        elif token.kind in ("word", "quoted"):
            stages.append(resolve_stage(ctx.pipeline, token.value))
        else:
            raise UsageError("input.unexpected", example=LIST_EXAMPLE, text=token.value)
    deals = queries.open_deals(
        ctx.session,
        workspace_id=ctx.workspace_id,
        owner_id=owner.id if owner is not None else None,
        stages=stages or None,
    )
    pipeline = ctx.pipeline
    deals.sort(key=lambda d: (pipeline.index(d.stage), -(d.value or 0), d.number))
    page = deals[offset : offset + LIST_PAGE_SIZE]
    return DealList(
        scope=scope,
        owner_user_id=owner.slack_user_id if owner is not None else None,
        deals=tuple(summarize_many(ctx, page)),
        total=len(deals),
        offset=offset,
        page_size=LIST_PAGE_SIZE,
        filter_text=join_words(tokens),
    )
