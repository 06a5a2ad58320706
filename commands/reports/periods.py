"""Reading a report period a reader chose by its days: ``2026-10-01..2026-12-31`` in Slack,
``--from 2026-10-01 --to 2026-12-31`` in a terminal.

Both ends are local dates in the workspace's time zone and both are included, so a range ending
on 31 December covers the whole of that day. A range is refused, with nothing else done, when a
date does not read, when it ends before it starts, or when it is longer than two years (no
report needs more, and a typo such as 2062 for 2026 should not read a century of rows).
"""

from __future__ import annotations

import re
from datetime import date

from commands.errors import UsageError
from commands.grammar.lexer import shorten
from commands.i18n import Text
from commands.localtime import DateRange

MAX_RANGE_DAYS = 366 * 2
RANGE_SEPARATOR = ".."
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
# What a reader means as a range even when it is mistyped: two dots, or a leading ISO year.
_RANGE_LIKE = re.compile(r".*\.\..*|[0-9]{4}-.*", re.ASCII | re.DOTALL)


def looks_like_range(word: str) -> bool:
    """Whether ``word`` is meant as a date range (so a mistyped one is explained as a range,
    not taken for a scope such as a team name)."""
    return _RANGE_LIKE.fullmatch(word) is not None


def parse_day(text: str, *, example: Text | None = None) -> date:
    """A local date written ``YYYY-MM-DD``; a clear refusal for anything else."""
    match = _ISO_DAY.fullmatch(text.strip())
    if match is not None:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise UsageError("period.bad_day", example=example, text=shorten(text))


def date_range(first: str, last: str, *, example: Text | None = None) -> DateRange:
    """The range from ``first`` to ``last`` (both ``YYYY-MM-DD``, both included), checked."""
    period = DateRange(parse_day(first, example=example), parse_day(last, example=example))
    if period.last < period.first:
        raise UsageError(
            "period.backwards",
            example=example,
            first=period.first.isoformat(),
            last=period.last.isoformat(),
        )
    if period.days > MAX_RANGE_DAYS:
        raise UsageError("period.too_long", example=example, days=period.days, limit=MAX_RANGE_DAYS)
    return period


def parse_range(word: str, *, example: Text | None = None) -> DateRange:
    """``2026-10-01..2026-12-31`` as a checked range."""
    parts = word.split(RANGE_SEPARATOR)
    if len(parts) != 2 or not all(parts):
        raise UsageError("period.range_form", example=example, text=shorten(word))
    return date_range(parts[0], parts[1], example=example)
