"""A close date or due date before today is asked about, never silently kept.

A deal created with a close date last month is overdue at birth and turns up in tomorrow's
nudge; usually it is a slip (``31/12/2025`` in January, ``due:senin`` meant as last Monday).
The typed command asks *keep* or *change* (``commands.errors.Question``); the user's answer
finishes it. Forms are not asked: their date pickers show the calendar the date was chosen on.
"""

from __future__ import annotations

from datetime import date

from commands.context import CommandContext
from commands.errors import CHANGE, KEEP, PAST_DATES_QUESTION, Answer, Question
from commands.i18n import Text

# The date options a typed command may carry, in the order they are asked about.
DATE_FIELDS = ("close", "due")


def confirm_past_dates(ctx: CommandContext, example: Text, **dates: date | None) -> None:
    """Ask about every given date (``close=…``, ``due=…``) before the caller's today, unless
    they already chose to keep them for this command."""
    past = {name: day for name, day in dates.items() if day is not None and day < ctx.today}
    if not past or ctx.past_dates_kept:
        return
    names = tuple(name for name in DATE_FIELDS if name in past)
    key = "deal.past_dates_" + "_".join(names)
    raise Question(
        key,
        kind=PAST_DATES_QUESTION,
        ask_key=key,
        answers=(
            Answer(KEEP, "deal.past_dates_keep", {}),
            Answer(CHANGE, "deal.past_dates_change", {}, fields=names),
        ),
        subject=",".join(names),
        example=example,
        **past,
    )
