"""Local time: days, weeks, months and fire times in a person's or a team's own time zone.

Every rule that cuts time at local midnight or fires at a local hour comes through here, so a
DST change or a half-hour zone is handled once. Pure functions on aware datetimes; no clock.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PeriodKind = Literal[
    "week",
    "month",
    "quarter",
    "year",
    "last_week",
    "last_month",
    "last_quarter",
    "last_year",
]
DAY = timedelta(days=1)
# Months in each calendar period that starts on the first of a month.
_PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_LOCAL_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def zone(name: str | None, fallback: str) -> ZoneInfo:
    """A time zone by name, falling back when Slack gave none or an unknown one."""
    for candidate in (name, fallback, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant of midnight starting ``day`` in ``tz``."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """``[start, end)`` of a local day, with edges at local midnight (23 or 25 h across DST)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class DateRange:
    """A period a reader chose by its days: local dates ``first`` to ``last``, both included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        """How many local days the range covers (1 when it is a single day)."""
        return (self.last - self.first).days + 1


# A period asked for by name ("last_quarter") or by its days.
Period = PeriodKind | DateRange


def period_slug(period: Period) -> str:
    """A period as a file name part: ``last_week``, ``2026-10-01_2026-12-31``."""
    if isinstance(period, DateRange):
        return f"{period.first.isoformat()}_{period.last.isoformat()}"
    return period


def _calendar_start(today: date, months: int) -> date:
    """The first day of the calendar month, quarter (3) or year (12) ``today`` falls in."""
    return date(today.year, (today.month - 1) // months * months + 1, 1)


def period_bounds(period: Period, now: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """``[start, end)`` in UTC of the week, month, quarter or year containing ``now`` (or the
    one before), or of a date range, with edges at midnight in ``tz``. Weeks are ISO weeks
    (Monday 00:00 to the next Monday); months, quarters and years are calendar ones."""
    if isinstance(period, DateRange):
        return local_midnight(period.first, tz), local_midnight(period.last + DAY, tz)
    today = now.astimezone(tz).date()
    if period in ("week", "last_week"):
        start = today - timedelta(days=today.weekday())
        if period == "last_week":
            start -= timedelta(days=7)
        return local_midnight(start, tz), local_midnight(start + timedelta(days=7), tz)
    months = _PERIOD_MONTHS.get(period.removeprefix("last_"))
    if months is None:
        raise ValueError(f"unknown period {period!r}")
    start = _calendar_start(today, months)
    if period.startswith("last_"):
        start = add_months(start, -months)
    return local_midnight(start, tz), local_midnight(add_months(start, months), tz)


def previous_period(start: datetime, end: datetime, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The period growth compares against: the same number of calendar months before when the
    period is whole months in ``tz``, the same number of local days before when it is whole
    days, else the same duration before."""
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    if local_start.time() == time(0) and local_end.time() == time(0):
        first, last = local_start.date(), local_end.date()
        if first.day == 1 and last.day == 1:
            months = (last.year - first.year) * 12 + last.month - first.month
            return local_midnight(add_months(first, -months), tz), start
        return local_midnight(first - (last - first), tz), start
    return start - (end - start), start


def work_days_in(start: datetime, end: datetime, tz: ZoneInfo, work_days: Iterable[int]) -> int:
    """Work days in ``[start, end)``: local dates in ``tz`` that the period touches and whose
    weekday (Monday 0 .. Sunday 6) is in ``work_days``."""
    if end <= start:
        return 0
    weekdays = set(work_days)
    day = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date()
    count = 0
    while day <= last:
        count += day.weekday() in weekdays
        day += DAY
    return count


def previous_work_day(day: date, work_days: Collection[int]) -> date:
    """The last work day (weekday in ``work_days``, Monday 0) before ``day``: Friday for a
    Monday with the default Monday-to-Friday week."""
    if not work_days:
        raise ValueError("no work days")
    previous = day - DAY
    while previous.weekday() not in work_days:
        previous -= DAY
    return previous


def whole_days(earlier: datetime, now: datetime) -> int:
    """Whole 24-hour days from ``earlier`` to ``now``; 0 when ``earlier`` is in the future."""
    return max(0, (now - earlier).days)


def parse_local_time(text: str) -> time:
    """A stored "09:00" or "9:00" as a time of day; ValueError for anything else."""
    match = _LOCAL_TIME.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a time of day (HH:MM): {text!r}")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(f"not a time of day (HH:MM): {text!r}")
    return time(hour, minute)


def local_fire_time(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of local time ``at`` on ``day`` in ``tz``; a time skipped by a DST gap
    fires when the gap ends, a repeated one at its first occurrence."""
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=tz, fold=0)
    instant = first.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) == wall:
        return instant  # exists; fold=0 is the first occurrence when it is repeated
    # In a gap: fold=0 reads it with the offset before the change and fold=1 with the one
    # after, so the change happened between those two instants. Find it to the second.
    earlier = int(wall.replace(tzinfo=tz, fold=1).astimezone(UTC).timestamp())
    later = int(instant.timestamp())
    after = instant.astimezone(tz).utcoffset()
    low, high = min(earlier, later), max(earlier, later)
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, UTC).astimezone(tz).utcoffset() == after:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def local_days_around(start: datetime, end: datetime, tz: ZoneInfo) -> list[date]:
    """The local dates whose fire times can land in ``(start, end]``: from the day before
    ``start``'s (a skipped time can push a fire into the next day) to ``end``'s."""
    first = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def iso_week(day: date) -> str:
    """The ISO week ``day`` falls in, as a period: "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
