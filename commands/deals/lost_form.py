"""The form that marks a deal lost: a reason from the workspace's list, which it insists on, and
the words behind it.

Opened by the *Mark lost* buttons (the morning nudge, a disqualifying BANT), so a deal lost with
a click is counted under a reason just like one lost with ``/deal lost acme harga``.
"""

from __future__ import annotations

from collections.abc import Mapping

from commands.context import CommandContext
from commands.deals.deal import LOST_EXAMPLE, close_deal
from commands.deals.lost_reasons import key_of, label, reasons_of
from commands.errors import CommandError, FormErrors, UsageError
from commands.fields import Field
from commands.grammar.free_text import check_length, clean_text
from commands.i18n import Phrase
from commands.pipelines import LOST
from commands.replies import Notice, OpenForm
from storage import queries
from storage.models import Deal

LOST_FORM = "deal_lost"
WORDS_LIMIT = 500  # ``deal.lost_reason``


def lost_form_for(ctx: CommandContext, deal: Deal, *, words: str | None = None) -> OpenForm:
    """The form about ``deal`` (in the caller's reach: it was resolved for them), only while it
    is open; ``words`` prefill the free text (a BANT's "Disqualified by BANT")."""
    _require_open(deal)
    prefill = {"details": words} if words else {}
    return OpenForm(LOST_FORM, prefill, subject=deal.id, subject_ref=deal.ref)


def lost_fields(ctx: CommandContext) -> tuple[Field, ...]:
    """The reason, a choice of the workspace's list (labels in the reader's language), then
    the words."""
    entries = reasons_of(ctx.workspace)
    return (
        Field(
            "reason",
            "choice",
            "lost_form.reason",
            required=True,
            choices=tuple(key_of(entry) for entry in entries),
            choice_texts={key_of(entry): label(entry) for entry in entries},
        ),
        Field(
            "details",
            "long_text",
            "lost_form.details",
            placeholder=Phrase("lost_form.details_placeholder"),
        ),
    )


def submit_lost(
    ctx: CommandContext, subject: int | None, values: Mapping[str, str | None]
) -> Notice:
    """Mark the form's deal lost with the chosen reason key and the words typed; a missing or
    unknown reason is a field error and nothing changes."""
    errors: dict[str, CommandError] = {}
    keys = {key_of(entry) for entry in reasons_of(ctx.workspace)}
    key = clean_text(values.get("reason"))
    if key is None:
        errors["reason"] = UsageError("lost_form.reason_missing", example=LOST_EXAMPLE)
    elif key not in keys:  # the list changed since the form opened, or a forged value
        errors["reason"] = UsageError(
            "lost_form.reason_unknown",
            example=LOST_EXAMPLE,
            reasons=tuple(label(entry) for entry in reasons_of(ctx.workspace)),
        )
    words = clean_text(values.get("details"))
    try:
        check_length("reason", words, WORDS_LIMIT, LOST_EXAMPLE)
    except CommandError as error:
        errors["details"] = error
    if errors:
        raise FormErrors(errors)
    assert key is not None
    return close_deal(ctx, _subject_deal(ctx, subject), LOST, reason=words, reason_key_=key)


def _subject_deal(ctx: CommandContext, subject: int | None) -> Deal:
    """The deal the form is about, only if it is in the caller's workspace (``close_deal``
    checks who may close it, and that it is still open)."""
    deal = (
        queries.deal_by_id(ctx.session, workspace_id=ctx.workspace_id, deal_id=subject)
        if subject is not None
        else None
    )
    if deal is None:
        raise UsageError("lost_form.foreign", example=LOST_EXAMPLE)
    return deal


def _require_open(deal: Deal) -> None:
    if deal.status != "open":
        raise UsageError(
            "deal.closed",
            example=f"/deal show {deal.ref}",
            ref=deal.ref,
            name=deal.name,
            status=deal.status,
        )
