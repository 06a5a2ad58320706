"""The forms behind ``/deal add`` and ``/call`` typed without arguments, the BANT dialog, the
follow-up form, ``/sales setup`` and the form that marks a deal lost.

A form is a list of fields; Slack shows it as a modal, the shell as prompts. Submitted values are
checked with the same grammar as typed commands, and every bad field gets its own message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from commands.context import CommandContext
from commands.deals.bant import bant_fields, submit_bant, submit_follow_up
from commands.deals.call import OUTCOMES, CallDraft, log_call
from commands.deals.deal import DealDraft, add_deal
from commands.deals.lost_form import LOST_FORM, lost_fields, submit_lost
from commands.deals.resolve import check_deal_name, resolve_deal
from commands.errors import Ambiguous, FormErrors, UsageError
from commands.fields import Field, collect_fields
from commands.grammar import parse_amount, parse_date, parse_duration
from commands.grammar.free_text import check_length
from commands.i18n import Phrase
from commands.pipelines import resolve_stage
from commands.replies import Notice, Reply
from commands.workspace.setup import setup_fields, submit_setup

FORMS = ("deal_add", "call", "bant", "follow_up", "setup", LOST_FORM)


def form_fields(ctx: CommandContext, form: str) -> tuple[Field, ...]:
    """The fields of ``form`` for this workspace (stage choices follow its pipeline)."""
    if form == "deal_add":
        return (
            Field("name", "text", "form.deal_name", required=True, placeholder="Acme Corp"),
            Field(
                "value",
                "text",
                "form.deal_value",
                hint_key="form.deal_value_hint",
                placeholder="50jt",
            ),
            Field(
                "stage",
                "choice",
                "form.deal_stage",
                choices=ctx.pipeline.stages,
                choice_label_prefix="stage.",
            ),
            Field("close", "date", "form.deal_close"),
            Field("contact", "text", "form.deal_contact", placeholder="Budi (CTO)"),
            Field("next", "text", "form.next_step", placeholder=Phrase("example.next_step")),
            Field("due", "date", "form.next_due"),
            Field("source", "text", "form.lead_source", hint_key="form.lead_source_hint"),
        )
    if form == "call":
        return (
            Field(
                "deal",
                "text",
                "form.call_deal",
                required=True,
                hint_key="form.call_deal_hint",
                placeholder="D-12",
            ),
            Field("duration", "text", "form.call_duration", placeholder="20m"),
            Field(
                "outcome",
                "choice",
                "form.call_outcome",
                choices=tuple(OUTCOMES),
                choice_label_prefix="outcome.",
            ),
            Field("notes", "long_text", "form.call_notes"),
            Field("next", "text", "form.next_step", placeholder=Phrase("example.next_step")),
            Field("due", "date", "form.next_due"),
        )
    if form == "bant":
        return bant_fields()
    if form == "follow_up":
        return (
            Field(
                "next",
                "text",
                "form.next_step",
                required=True,
                placeholder=Phrase("example.next_step"),
            ),
            Field("due", "date", "form.next_due"),
        )
    if form == "setup":
        return setup_fields(ctx)
    if form == LOST_FORM:
        return lost_fields(ctx)
    raise ValueError(f"unknown form {form!r}")


def submit_form(
    ctx: CommandContext,
    form: str,
    values: Mapping[str, str | None],
    *,
    subject: int | None = None,
    shown: Mapping[str, str | None] | None = None,
) -> Reply:
    """Validate every field, then run the same operation the typed command runs.

    ``subject`` is the deal a bant or follow-up form is about, as it came back from Slack:
    it is looked up in the caller's own workspace only. ``shown`` are the form's initial
    values: the setup form writes only what the admin changed from them.
    """
    if form == "deal_add":
        return _submit_deal_add(ctx, values)
    if form == "call":
        return _submit_call(ctx, values)
    if form == "bant":
        return submit_bant(ctx, subject, values)
    if form == "follow_up":
        return submit_follow_up(ctx, subject, values)
    if form == "setup":
        return submit_setup(ctx, values, shown)
    if form == LOST_FORM:
        return submit_lost(ctx, subject, values)
    raise ValueError(f"unknown form {form!r}")


def _submit_deal_add(ctx: CommandContext, values: Mapping[str, str | None]) -> Notice:
    example = "Acme Corp"

    def name(raw: str) -> str:
        return check_deal_name(raw, example)

    parsed, errors = collect_fields(
        values,
        {
            "name": name,
            "value": lambda raw: parse_amount(raw, m_means=ctx.m_means),
            "stage": lambda raw: resolve_stage(ctx.pipeline, raw),
            "close": lambda raw: parse_date(raw, ctx.today),
            "contact": lambda raw: check_length("contact", raw, 200, "Budi (CTO)"),
            "next": lambda raw: check_length("next", raw, 500, Phrase("example.next_step")),
            "due": lambda raw: parse_date(raw, ctx.today),
            "source": lambda raw: check_length("source", raw, 64, "referral"),
        },
    )
    if parsed.get("name") is None and "name" not in errors:
        errors["name"] = UsageError("deal.name_missing", example=example)
    if errors:
        raise FormErrors(errors)
    draft = DealDraft(
        name=parsed["name"],
        amount=parsed["value"],
        close_date=parsed["close"],
        contact=parsed["contact"],
        stage=parsed["stage"],
        next_step=parsed["next"],
        next_step_due=parsed["due"],
        lead_source=parsed.get("source"),
    )
    return add_deal(ctx, draft)


def _submit_call(ctx: CommandContext, values: Mapping[str, str | None]) -> Notice:
    def outcome(raw: str) -> str:
        if raw not in OUTCOMES:
            raise UsageError(
                "call.bad_outcome",
                example=Phrase("example.outcome"),
                text=raw,
                known=Phrase("example.outcomes"),
            )
        return raw

    def deal(raw: str) -> Any:
        try:
            return resolve_deal(ctx, raw)
        except Ambiguous as error:
            raise UsageError(
                "form.deal_ambiguous",
                example=error.candidates[0].ref,
                query=raw,
                refs=", ".join(f"{c.ref} {c.name}" for c in error.candidates[:5]),
            ) from None

    parsed, errors = collect_fields(
        values,
        {
            "deal": deal,
            "duration": parse_duration,
            "outcome": outcome,
            "notes": lambda raw: check_length("notes", raw, 2000, Phrase("example.note")),
            "next": lambda raw: check_length("next", raw, 500, Phrase("example.next_step")),
            "due": lambda raw: parse_date(raw, ctx.today),
        },
    )
    if parsed.get("deal") is None and "deal" not in errors:
        errors["deal"] = UsageError("call.deal_missing", example="D-12")
    if errors:
        raise FormErrors(errors)
    draft = CallDraft(
        duration_seconds=parsed["duration"],
        outcome=parsed["outcome"],
        notes=parsed["notes"],
        next_step=parsed["next"],
        next_step_due=parsed["due"],
    )
    return log_call(ctx, parsed["deal"], draft)
