"""A deal's next step: what the rep will do next and by when, set by ``/deal add``, ``/call``
and the follow-up form alike."""

from __future__ import annotations

from datetime import date
from typing import Any

from storage.models import Deal


def next_step_values(next_step: str | None, due: date | None) -> dict[str, Any]:
    """The deal fields a next step sets: a new next step replaces the old one with its due date
    (none: no due date); a due date alone reschedules; neither changes nothing."""
    if next_step is not None:
        return {"next_step": next_step, "next_step_due": due}
    if due is not None:
        return {"next_step_due": due}
    return {}


def apply_next_step(deal: Deal, next_step: str | None, due: date | None) -> None:
    """Set the next step on the deal object (saved with the rest of the unit of work)."""
    for name, value in next_step_values(next_step, due).items():
        setattr(deal, name, value)
