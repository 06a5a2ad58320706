"""A deal's next step: what the rep will do next and by when, set by ``/deal add``, ``/call``
and the follow-up form alike."""

from __future__ import annotations

from datetime import date

from storage.models import Deal


def apply_next_step(deal: Deal, next_step: str | None, due: date | None) -> None:
    """A new next step replaces the old one with its due date; a due date alone reschedules."""
    if next_step is not None:
        deal.next_step = next_step
        deal.next_step_due = due
    elif due is not None:
        deal.next_step_due = due
