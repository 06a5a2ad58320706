"""Which month or quarter a forecast is for.

A rep forecasts for their team's ``forecast_period`` ("month" or "quarter"); a rep in no team
for the month. Periods are calendar months and quarters in the workspace's time zone, as a
``Forecast`` row's ``period_start`` is; "this week" (what the change in commit is measured
from) starts Monday 00:00 there too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.localtime import add_months, local_midnight
from storage import teams

PERIODS = ("month", "quarter")
_MONTHS = {"month": 1, "quarter": 3}


@dataclass(frozen=True)
class ForecastPeriod:
    """A month or quarter: its kind and its first and last days."""

    kind: str  # "month" or "quarter"
    first: date
    last: date

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """``[start, end)`` in UTC, edges at local midnight in ``tz``."""
        return local_midnight(self.first, tz), local_midnight(self.last + timedelta(days=1), tz)

    def before(self) -> ForecastPeriod:
        """The period of the same kind just ended before this one."""
        return period_containing(self.kind, self.first - timedelta(days=1))


def period_containing(kind: str, day: date) -> ForecastPeriod:
    """The calendar month or quarter ``day`` falls in."""
    months = _MONTHS[kind if kind in _MONTHS else "month"]
    first = date(day.year, (day.month - 1) // months * months + 1, 1)
    last = add_months(first, months) - timedelta(days=1)
    return ForecastPeriod(kind if kind in _MONTHS else "month", first, last)


def period_starting(kind: str, text: str) -> ForecastPeriod | None:
    """The period a button names by its first day (``2026-12-01``); None for anything that is
    not a period's first day."""
    try:
        first = date.fromisoformat(text)
    except ValueError:
        return None
    period = period_containing(kind, first)
    return period if period.first == first else None


def period_kind_of(session: Session, member_id: int) -> str:
    """What the rep forecasts: their team's period, else the month."""
    team = teams.rep_team(session, member_id=member_id)
    kind = team.forecast_period if team is not None else "month"
    return kind if kind in PERIODS else "month"


def current_period(session: Session, member_id: int, now: datetime, tz: ZoneInfo) -> ForecastPeriod:
    """The rep's forecast period under way at ``now`` in ``tz`` (the workspace's zone)."""
    return period_containing(period_kind_of(session, member_id), now.astimezone(tz).date())


def week_start(now: datetime, tz: ZoneInfo) -> datetime:
    """Monday 00:00 of ``now``'s week in ``tz``, in UTC: forecasts submitted before it are last
    week's."""
    today = now.astimezone(tz).date()
    return local_midnight(today - timedelta(days=today.weekday()), tz)
