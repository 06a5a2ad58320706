"""``/bant``: qualify a deal with Budget, Authority, Need and Timeline.

The dialog is one form (four headed groups) so every answer is checked at once and inline; each
submission is a new BANT record, scored by the workspace's policy, and the reply offers the next
action its verdict calls for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from commands import audit, permissions
from commands.context import CommandContext
from commands.deals.bant_scoring import (
    AUTHORITY,
    BUDGET,
    NEED,
    QUALIFIED,
    TIMELINE,
    BantAnswers,
    BantPolicy,
    qualification_stage,
    score,
    timeline_bucket,
    verdict,
)
from commands.deals.next_step import apply_next_step
from commands.deals.resolve import resolve_deal
from commands.deals.summaries import summarize_deal
from commands.errors import CommandError, FormErrors, NeedsBant, UsageError
from commands.fields import Field
from commands.grammar import Amount, Token, join_words, parse_amount, parse_date
from commands.grammar.free_text import check_length, clean_text
from commands.i18n import Phrase
from commands.replies import BantSummary, BantView, Money, Notice, OpenForm
from storage import queries
from storage.models import BantRecord, Deal

BANT_EXAMPLE = "/bant acme"


def policy_of(ctx: CommandContext) -> BantPolicy:
    """The workspace's BANT policy (defaults until an admin changes them)."""
    return BantPolicy.from_json(ctx.workspace.bant_policy)


def run_bant(ctx: CommandContext, tokens: list[Token]) -> OpenForm:
    """``/bant acme``: the BANT form for that deal, filled with its latest answers."""
    if not tokens:
        raise UsageError("bant.usage", example=BANT_EXAMPLE)
    return bant_form_for(ctx, resolve_deal(ctx, join_words(tokens)))


def bant_form_for(ctx: CommandContext, deal: Deal) -> OpenForm:
    """The form for ``deal``; re-opening it shows the previous answers."""
    _require_open(deal)
    assert deal.id is not None
    latest = queries.latest_bant(ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id)
    prefill: dict[str, str] = {}
    if latest is not None:
        prefill = {
            "budget": latest.budget,
            "authority": latest.authority,
            "need": latest.need,
            "timeline": latest.timeline,
        }
        if latest.budget_value is not None:
            currency = latest.budget_currency or deal.currency
            prefill["budget_value"] = f"{currency} {latest.budget_value}"
        for name in ("authority_name", "need_pain"):
            if getattr(latest, name):
                prefill[name] = getattr(latest, name)
        if latest.timeline_date is not None:
            # The date itself is not offered again (a date picker cannot be cleared, and a
            # stale date would keep deciding): its bucket, seen from today, is.
            prefill["timeline"] = timeline_bucket(latest.timeline_date, ctx.today)
    return OpenForm("bant", prefill, subject=deal.id, subject_ref=deal.ref)


def bant_fields() -> tuple[Field, ...]:
    """The four questions, each a choice plus its detail."""

    def choice(name: str, options: Mapping[str, float]) -> Field:
        return Field(
            name,
            "choice",
            f"form.bant_{name}",
            required=name != "timeline",
            choices=tuple(options),
            choice_label_prefix=f"bant.{name}.",
            section_key=f"bant.section_{name}",
        )

    return (
        choice("budget", BUDGET),
        Field("budget_value", "text", "form.bant_budget_value", placeholder="50jt"),
        choice("authority", AUTHORITY),
        Field("authority_name", "text", "form.bant_authority_name", placeholder="Budi (CTO)"),
        choice("need", NEED),
        Field("need_pain", "long_text", "form.bant_need_pain"),
        choice("timeline", TIMELINE),
        Field(
            "timeline_date",
            "date",
            "form.bant_timeline_date",
            hint_key="form.bant_timeline_date_hint",
        ),
    )


def _require_open(deal: Deal) -> None:
    """Only open deals are qualified or followed up: a closed one says so, not that it cannot
    change stage."""
    if deal.status != "open":
        raise UsageError(
            "bant.deal_closed",
            example=f"/deal show {deal.ref}",
            ref=deal.ref,
            name=deal.name,
            status=deal.status,
        )


def _subject_deal(ctx: CommandContext, subject: int | None) -> Deal:
    """The deal a returned form is about, only if it is in the caller's workspace and open."""
    deal = (
        queries.deal_by_id(ctx.session, workspace_id=ctx.workspace_id, deal_id=subject)
        if subject is not None
        else None
    )
    if deal is None:
        raise UsageError("bant.form_foreign", example=BANT_EXAMPLE)
    permissions.check_deal(ctx, deal, example=BANT_EXAMPLE)
    permissions.lock_deal(ctx, deal)
    _require_open(deal)
    return deal


SMALLEST_BUDGET = 1_000
"""A rupiah budget below this is a unit left off (``2`` for ``2jt``), never a real budget."""


def _unit_left_off(budget: Amount, deal_currency: str) -> bool:
    return budget.value < SMALLEST_BUDGET and (budget.currency or deal_currency) == "IDR"


def submit_bant(
    ctx: CommandContext, subject: int | None, values: Mapping[str, str | None]
) -> BantSummary:
    """Check all four answers, store them as a new BANT version, score and answer."""
    deal = _subject_deal(ctx, subject)
    errors: dict[str, CommandError] = {}
    answers: dict[str, Any] = {}
    for name, options in (
        ("budget", BUDGET),
        ("authority", AUTHORITY),
        ("need", NEED),
        ("timeline", TIMELINE),
    ):
        raw = values.get(name)
        if raw in options:
            answers[name] = raw
        elif raw or name != "timeline":
            errors[name] = UsageError(
                "bant.choose", example=Phrase(f"bant.{name}.{next(iter(options))}")
            )
    details: dict[str, Any] = {}
    checks = {
        "budget_value": lambda raw: parse_amount(raw, m_means=ctx.m_means),
        "authority_name": lambda raw: check_length("authority_name", raw, 200, "Budi (CTO)"),
        "need_pain": lambda raw: check_length("need_pain", raw, 2000, Phrase("example.need_pain")),
        "timeline_date": lambda raw: parse_date(raw, ctx.today),
    }
    for name, check in checks.items():
        raw = clean_text(values.get(name))
        try:
            details[name] = check(raw) if raw else None
        except CommandError as error:
            errors[name] = error
    budget = details.get("budget_value")
    if budget is not None and _unit_left_off(budget, deal.currency):
        # "2" in a budget box is 2jt typed in haste, not two rupiah: ask, save nothing.
        typed = clean_text(values.get("budget_value")) or ""
        errors["budget_value"] = UsageError(
            "bant.budget_unit", example=f"{budget.value}jt", text=typed, number=budget.value
        )
    if details.get("timeline_date") is not None and details["timeline_date"] < ctx.today:
        errors["timeline_date"] = UsageError("bant.timeline_past", example="2027-03-31")
    elif details.get("timeline_date") is not None:
        answers["timeline"] = timeline_bucket(details["timeline_date"], ctx.today)
    elif "timeline" not in answers and "timeline" not in errors:
        errors["timeline"] = UsageError(
            "bant.timeline_missing", example=Phrase("bant.timeline.one_to_three_months")
        )
    if errors:
        raise FormErrors(errors)

    policy = policy_of(ctx)
    bant = BantAnswers(**answers)
    amount = details["budget_value"]
    record = BantRecord(
        workspace_id=ctx.workspace_id,
        deal_id=deal.id or 0,
        member_id=ctx.member_id,
        budget=bant.budget,
        budget_value=amount.value if amount else None,
        budget_currency=(amount.currency or deal.currency) if amount else None,
        authority=bant.authority,
        authority_name=details["authority_name"],
        need=bant.need,
        need_pain=details["need_pain"],
        timeline=bant.timeline,
        timeline_date=details["timeline_date"],
        score=score(bant, policy),
        verdict=verdict(bant, policy),
        created_at=ctx.now,
    )
    ctx.session.add(record)
    ctx.session.flush()
    snapshot = audit.snapshot(deal)
    audit.record(
        ctx, "bant.submit", deal=deal, before=snapshot, after={**snapshot, "bant_id": record.id}
    )
    return BantSummary(
        deal=summarize_deal(ctx, deal),
        bant=bant_view(record, ctx.member.slack_user_id),
        next_stage=_next_stage(ctx, deal) if record.verdict == QUALIFIED else None,
        versions=queries.bant_count(
            ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id or 0
        ),
    )


def _next_stage(ctx: CommandContext, deal: Deal) -> str | None:
    stages = ctx.pipeline.stages
    if deal.stage not in stages:
        return None
    index = stages.index(deal.stage)
    return stages[index + 1] if index + 1 < len(stages) else None


def bant_view(record: BantRecord, by_user_id: str) -> BantView:
    """A stored record as the card and the summary show it."""
    value = None
    if record.budget_value is not None:
        value = Money(record.budget_value, record.budget_currency or "IDR")
    return BantView(
        budget=record.budget,
        budget_value=value,
        authority=record.authority,
        authority_name=record.authority_name,
        need=record.need,
        need_pain=record.need_pain,
        timeline=record.timeline,
        timeline_date=record.timeline_date,
        score=record.score,
        verdict=record.verdict,
        at=record.created_at,
        by_user_id=by_user_id,
        record_id=record.id or 0,
    )


def latest_bant_view(ctx: CommandContext, deal: Deal) -> BantView | None:
    """The deal's current BANT for its card, if it has one."""
    record = queries.latest_bant(ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id or 0)
    if record is None:
        return None
    member = queries.get_member(
        ctx.session, workspace_id=ctx.workspace_id, member_id=record.member_id
    )
    return bant_view(record, member.slack_user_id if member else "")


def needs_bant_warning(
    ctx: CommandContext, deal: Deal | None, from_stage: str | None, to_stage: str
) -> bool:
    """Whether putting a deal in ``to_stage`` crosses qualification without a qualifying BANT.

    Only crossing counts: from at or before the qualification stage (or a new deal) to beyond
    it. A strict workspace refuses (``NeedsBant``); otherwise the change goes ahead, warned.
    """
    pipeline = ctx.pipeline
    gate = pipeline.index(qualification_stage(pipeline.name, pipeline.stages))
    if pipeline.index(to_stage) <= gate:
        return False
    if from_stage is not None and pipeline.index(from_stage) > gate:
        return False
    latest = (
        queries.latest_bant(ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id or 0)
        if deal is not None
        else None
    )
    if latest is not None and latest.verdict == QUALIFIED:
        return False
    if policy_of(ctx).strict:
        raise NeedsBant(deal.ref if deal is not None else "")
    return True


def submit_follow_up(
    ctx: CommandContext, subject: int | None, values: Mapping[str, str | None]
) -> Notice:
    """The "Set follow-up" form after a nurture verdict: the deal's next step and when."""
    deal = _subject_deal(ctx, subject)
    errors: dict[str, CommandError] = {}
    next_step = clean_text(values.get("next"))
    if not next_step:
        errors["next"] = UsageError("follow_up.next_missing", example=Phrase("example.follow_up"))
    elif len(next_step) > 500:
        errors["next"] = UsageError(
            "field.too_long",
            example=Phrase("example.follow_up"),
            field=Phrase("field.label.next"),
            limit=500,
            length=len(next_step),
        )
    due = None
    raw_due = clean_text(values.get("due"))
    if raw_due:
        try:
            due = parse_date(raw_due, ctx.today)
        except CommandError as error:
            errors["due"] = error
    if errors:
        raise FormErrors(errors)
    before = audit.snapshot(deal)
    apply_next_step(deal, next_step, due)
    deal.updated_at = ctx.now
    audit.record(ctx, "deal.follow_up", deal=deal, before=before, after=audit.snapshot(deal))
    return Notice("follow_up.set", {"ref": deal.ref}, deal=summarize_deal(ctx, deal))


def act_on_verdict(
    ctx: CommandContext, ref: str, bant_id: object, from_stage: object = None
) -> Deal:
    """The deal a verdict button acts on, only while that verdict still stands.

    A button from an older BANT, or a deal that moved on since, must not act: it would move a
    deal backwards or close one a later BANT qualified.
    """
    deal = resolve_deal(ctx, ref)
    latest = queries.latest_bant(ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id or 0)
    moved = from_stage is not None and from_stage != deal.stage
    if latest is None or latest.id != bant_id or moved or deal.status != "open":
        raise UsageError("bant.stale_button", example=f"/deal show {deal.ref}", ref=deal.ref)
    return deal
