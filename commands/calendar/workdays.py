"""One team's work days: its weekdays, its country's public holidays and the company's own
days, and the arithmetic the schedule and the "days" rules need (next work day, work days
between two dates). A member's calendar adds their time off (``with_away``): those days are
days off for them alone, so their nudges keep quiet and their deals' "days" stand still."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from commands.calendar.public import public_holidays

DayOffKind = Literal["weekend", "holiday", "company", "away"]
# No calendar has this many days off in a row; a search that goes further has a bug.
_LONGEST_BREAK = 60


@dataclass(frozen=True)
class DayOff:
    """Why a day is not a work day: the weekend, a public holiday, the company's own day, or
    (in a member's calendar) their time off, which runs ``until`` its last day."""

    kind: DayOffKind
    name: str = ""
    until: date | None = None


@dataclass(frozen=True)
class Away:
    """A member's time off: ``first`` to ``last``, both included, and what they called it."""

    first: date
    last: date
    note: str = ""


@dataclass(frozen=True)
class WorkCalendar:
    """The calendar one team works by; ``lang`` names the holidays."""

    work_weekdays: frozenset[int]
    country: str | None  # None: weekdays only, no public holidays (a bare report engine)
    lang: str = "en"
    # The company's own days: date -> (name, works); ``works`` makes a holiday a work day.
    own_days: Mapping[date, tuple[str, bool]] = field(default_factory=dict)
    # One member's time off (``with_away``); a team's calendar has none.
    away: tuple[Away, ...] = ()

    def with_away(self, away: tuple[Away, ...]) -> WorkCalendar:
        """This calendar as one member works by it: their time off are days off too."""
        return replace(self, away=away) if away else self

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is no work day, or None when it is one."""
        own = self.own_days.get(day)
        if own is not None:
            name, works = own
            return self._away_on(day) if works else DayOff("company", name)
        if day.weekday() not in self.work_weekdays:
            return DayOff("weekend")
        if self.country is not None:
            holiday = public_holidays(self.country, day.year, self.lang).get(day)
            if holiday:
                return DayOff("holiday", holiday)
        return self._away_on(day)

    def _away_on(self, day: date) -> DayOff | None:
        for away in self.away:
            if away.first <= day <= away.last:
                return DayOff("away", away.note, until=away.last)
        return None

    def is_work_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def next_work_day(self, day: date) -> date:
        """``day`` itself when it is a work day, else the first work day after it."""
        for offset in range(_LONGEST_BREAK):
            candidate = day + timedelta(days=offset)
            if self.is_work_day(candidate):
                return candidate
        return day  # a calendar with no work day at all: keep the day rather than loop

    def work_days_between(self, start: date, end: date) -> int:
        """Work days after ``start`` up to and including ``end`` (0 when ``end`` is not after
        ``start``): how many days a deal untouched since ``start`` has been left by ``end``."""
        days, count = (end - start).days, 0
        for offset in range(1, days + 1):
            if self.is_work_day(start + timedelta(days=offset)):
                count += 1
        return count

    def days_off_between(self, start: date, end: date) -> list[tuple[date, DayOff]]:
        """The days off in ``[start, end]`` other than weekends (time off included), in order."""
        found = []
        for offset in range((end - start).days + 1):
            day = start + timedelta(days=offset)
            off = self.day_off(day)
            if off is not None and off.kind != "weekend":
                found.append((day, off))
        return found

    def days_back(self, today: date, work_days: int) -> int:
        """How many calendar days back from ``today`` hold ``work_days`` work days (today
        counted when it is one): how far a rule of "N work days" reaches. Seven days off for
        Lebaran stretch a week's reach by as much; 0 work days reach 0 days."""
        found = days = 0
        while found < work_days and days < work_days + _LONGEST_BREAK * 4:
            if self.is_work_day(today - timedelta(days=days)):
                found += 1
            days += 1
        return days

    def work_days_ago(self, now: datetime, work_days: float, tz: ZoneInfo) -> datetime:
        """The moment ``work_days`` work days before ``now`` (days off skipped, a fraction of a
        day as hours): the cutoff of a "stale after N work days" or "stuck" rule."""
        whole = math.floor(work_days)
        back = self.days_back(now.astimezone(tz).date(), whole)
        return now - timedelta(days=back + (work_days - whole))

    def reach_back(self, now: datetime, days: float, tz: ZoneInfo) -> datetime:
        """``days`` calendar days before ``now``, pushed back by every holiday, company day off
        and day of time off in between (weekends stay counted): for a yardstick measured in
        calendar days, such as the usual time in a stage, so a Lebaran week (or a rep's leave)
        does not make every deal stuck."""
        start = now - timedelta(days=days)
        today = now.astimezone(tz).date()
        counted = 0
        while True:
            first = start.astimezone(tz).date()
            off = sum(1 for day, _ in self.days_off_between(first, today) if day < today)
            if off == counted or counted > _LONGEST_BREAK:
                return start
            start -= timedelta(days=off - counted)
            counted = off

    def work_days_late(self, due: date, today: date) -> int:
        """How many work days a next step due on ``due`` is late on ``today``: 0 until it is
        late, then the work days since, and at least 1 (due on Saturday, late on Monday)."""
        if due >= today:
            return 0
        return max(1, self.work_days_between(due, today))


def weekdays_only(work_weekdays: tuple[int, ...] | frozenset[int]) -> WorkCalendar:
    """A calendar of weekdays alone, no holidays: what the report engine uses when its caller
    gives none."""
    return WorkCalendar(frozenset(work_weekdays), country=None)
