"""``/call``: log a call on a deal, with duration, outcome, notes and the next step."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from commands import audit, permissions
from commands.context import CommandContext
from commands.deals.next_step import next_step_values
from commands.deals.past_dates import confirm_past_dates
from commands.deals.resolve import resolve_deal, split_deal_words
from commands.deals.summaries import summarize_deal
from commands.errors import UsageError
from commands.grammar import Token, looks_like_duration, parse_date, parse_duration
from commands.grammar.free_text import check_length, clean_text
from commands.grammar.options import reject_stray, split_options
from commands.i18n import Phrase
from commands.replies import Notice
from storage import changes
from storage.models import Deal

CALL_EXAMPLE = Phrase("example.call")  # /call acme 20m connected "pricing ok" ... due:fri

# Outcome keys and the words (English and Indonesian) that mean them.
OUTCOMES: dict[str, tuple[str, ...]] = {
    "connected": ("connected", "tersambung", "terhubung", "nyambung", "ok"),
    "no_answer": (
        "no-answer",
        "noanswer",
        "no_answer",
        "unanswered",
        "tidak-diangkat",
        "gak-diangkat",
        "ga-angkat",
        "tdk-angkat",
    ),
    "voicemail": ("voicemail", "vm", "pesan-suara"),
    "busy": ("busy", "sibuk"),
    "wrong_number": ("wrong-number", "wrong_number", "salah-sambung", "salah-nomor"),
    "meeting_booked": ("meeting", "meeting-booked", "booked", "janji-temu", "meeting-set"),
}
_OUTCOME_WORDS = {word: key for key, words in OUTCOMES.items() for word in words}
_DURATION_START = re.compile(r"^-?\d")
_OUTCOME_SHAPED = re.compile(r"^[^\W\d_]+(?:[-_][^\W\d_]+)+$")  # words joined by hyphens


def _close_outcome(word: str) -> str | None:
    """The outcome word a typo most likely meant ("conected" -> "connected"), if any."""
    close = difflib.get_close_matches(word.casefold(), list(_OUTCOME_WORDS), n=1, cutoff=0.8)
    return close[0] if close else None


def outcome_for(word: str) -> str | None:
    """The outcome key a typed word means, or None."""
    return _OUTCOME_WORDS.get(word.casefold().replace("_", "-")) or (
        word if word in OUTCOMES else None
    )


@dataclass(frozen=True)
class CallDraft:
    """A call as typed or filled in, already validated."""

    duration_seconds: int | None = None
    outcome: str | None = None
    notes: str | None = None
    next_step: str | None = None
    next_step_due: date | None = None


def parse_call(ctx: CommandContext, tokens: list[Token]) -> tuple[str, CallDraft]:
    """``acme 20m connected "pricing ok" next:"send proposal" due:fri`` -> (deal words, draft)."""
    options, plain = split_options(
        tokens, ("next", "due", "outcome", "notes", "note", "duration"), CALL_EXAMPLE
    )
    if not plain:
        raise UsageError("call.deal_missing", example=CALL_EXAMPLE)

    def stops(token: Token) -> bool:
        return looks_like_duration(token.value) or outcome_for(token.value) is not None

    words, rest = split_deal_words(ctx, plain, stops=stops)
    duration = parse_duration(options["duration"]) if "duration" in options else None
    outcome = None
    if "outcome" in options:
        outcome = outcome_for(options["outcome"])
        if outcome is None:
            raise UsageError(
                "call.bad_outcome",
                example=CALL_EXAMPLE,
                text=options["outcome"],
                known=Phrase("example.outcomes"),
            )
    reject_stray(rest, CALL_EXAMPLE)
    notes: list[str] = []
    index = 0
    while index < len(rest):
        token = rest[index]
        pair = rest[index : index + 2]
        two_word_outcome = (
            outcome_for("-".join(t.value for t in pair))
            if len(pair) == 2 and all(t.kind == "word" for t in pair)
            else None
        )
        if token.kind != "word":
            notes.append(token.value)
        elif duration is None and (
            _DURATION_START.match(token.value) or looks_like_duration(token.value)
        ):
            # "0m" or "-5m" is a mistyped duration, not a note: say so instead of guessing.
            duration = parse_duration(token.value)
        elif outcome is None and two_word_outcome:
            outcome = two_word_outcome  # "no answer", "salah sambung"
            index += 1
        elif outcome is None and outcome_for(token.value):
            outcome = outcome_for(token.value)
        elif outcome is None and not notes and _close_outcome(token.value):
            raise UsageError(
                "call.outcome_typo",
                example=CALL_EXAMPLE,
                text=token.value,
                suggestion=_close_outcome(token.value),
            )
        elif outcome is None and not notes and _OUTCOME_SHAPED.match(token.value):
            # "weird-outcome" reads as an outcome nobody knows; kept as a note, the call
            # would quietly have none.
            raise UsageError("call.unknown_outcome", example=CALL_EXAMPLE, text=token.value)
        else:
            notes.append(token.value)
        index += 1
    note_text = clean_text(options.get("notes") or options.get("note") or " ".join(notes))
    draft = CallDraft(
        duration_seconds=duration,
        outcome=outcome,
        notes=check_length("notes", note_text, 2000, CALL_EXAMPLE),
        next_step=check_length("next", clean_text(options.get("next")), 500, CALL_EXAMPLE),
        next_step_due=parse_date(options["due"], ctx.today) if "due" in options else None,
    )
    confirm_past_dates(ctx, CALL_EXAMPLE, due=draft.next_step_due)
    return words, draft


def log_call(ctx: CommandContext, deal: Deal, draft: CallDraft) -> Notice:
    """Record the call and carry its next step onto the deal."""
    assert deal.id is not None
    permissions.lock_deal(ctx, deal)
    before = audit.snapshot(deal)
    activity_id = changes.add_call(
        ctx.session,
        workspace_id=ctx.workspace_id,
        deal_id=deal.id,
        member_id=ctx.member_id,
        occurred_at=ctx.now,
        duration_seconds=draft.duration_seconds,
        outcome=draft.outcome,
        notes=draft.notes,
        next_step=draft.next_step,
        next_step_due=draft.next_step_due,
    )
    changes.update_deal(
        ctx.session,
        deal,
        last_activity_at=ctx.now,
        updated_at=ctx.now,
        **next_step_values(draft.next_step, draft.next_step_due),
    )
    audit.record(
        ctx,
        "call.log",
        deal=deal,
        before=before,
        after=audit.snapshot(deal),
        activity_id=activity_id,
    )
    return Notice("call.logged", {"ref": deal.ref}, deal=summarize_deal(ctx, deal))


def run_call(ctx: CommandContext, tokens: list[Token]) -> Notice:
    """Handle ``/call <deal> ...``."""
    words, draft = parse_call(ctx, tokens)
    deal = resolve_deal(ctx, words, for_change=True)
    return log_call(ctx, deal, draft)
