"""The forecast call's schedule: when a team's reps are asked for their forecast, when a rep who
has not answered is reminded, and what the ask says. Plain rules; ``commands.posts.schedule``
turns them into slots and ``bot.posts.forecast_posts`` composes the posts.

On the team's forecast day (Friday by default) at its forecast time (14:00), in the team's time
zone and on work days only, each rep who has not submitted a forecast for the current period
since this week began is asked, once a week:

- in that day's nudge, when the rep gets one: the nudge carries the ask (whatever time it goes);
- otherwise as the day's one scheduled DM, at the forecast time, or just after the rep's nudge
  when that comes later (its own time, quiet hours), so the ask knows whether the nudge carried
  it or had nothing to say.

At the forecast's due time (17:00) a rep who still has not submitted is reminded once: in the
thread of the message that asked them (the nudge or the ask), so the day still brings one DM.
Only when no message asked them (the ask was held, say) and no DM reached them that day does the
reminder go as the day's one DM.

The period is the calendar month or quarter (the team's setting) the forecast day falls in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.localtime import (
    add_months,
    iso_week,
    local_fire_time,
    local_midnight,
    parse_local_time,
)
from storage import forecasts
from storage.models import Forecast, Team

log = logging.getLogger(__name__)

FORECAST, FORECAST_REMINDER = "forecast", "forecast_remind"  # the outbox's job names
FORECAST_JOBS = (FORECAST, FORECAST_REMINDER)
MONTH, QUARTER = "month", "quarter"
PERIODS = (MONTH, QUARTER)
FORECAST_WEEKDAY = 4  # Friday
FORECAST_TIME = time(14, 0)
FORECAST_DUE = time(17, 0)
# An ask that would come with or before the rep's nudge waits until just after it.
AFTER_NUDGE = timedelta(minutes=1)
_MONTHS = {MONTH: 1, QUARTER: 3}

# Why an ask or a reminder was not sent, as ``corong jobs status`` shows it.
SUBMITTED = "forecast_submitted"  # the rep submitted this week already
IN_NUDGE = "forecast_in_nudge"  # the day's nudge carried the ask
DM_USED = "one_dm_a_day"  # the day's DM went out without the ask
NOT_ASKED = "forecast_not_asked"  # the rep is no longer a rep of a team, or the day moved
WAITING = "forecast_waits_for_earlier_post"  # the nudge (or the ask) is still being sent
FORECAST_OFF = "forecast_off"  # the team turned its forecast call off


@dataclass(frozen=True)
class ForecastSetting:
    """A team's forecast call, read from its row (a bad stored value reads as the default).
    ``on`` False: the team turned it off (stored as a negative weekday, ``stored_weekday``),
    and its day is kept for when it is turned on again."""

    weekday: int
    at: time
    due: time
    period: str
    on: bool = True

    @classmethod
    def of(cls, team: Team) -> ForecastSetting:
        weekday = team.forecast_weekday
        on = True
        if isinstance(weekday, int) and not isinstance(weekday, bool) and -7 <= weekday <= -1:
            on, weekday = False, -1 - weekday
        if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
            log.warning("team %s has a bad forecast_weekday %r; using Friday", team.id, weekday)
            weekday = FORECAST_WEEKDAY
        period = team.forecast_period if team.forecast_period in PERIODS else MONTH
        return cls(
            weekday,
            _stored(team, "forecast_time", team.forecast_time, FORECAST_TIME),
            _stored(team, "forecast_due", team.forecast_due, FORECAST_DUE),
            period,
            on,
        )

    def day_in_week(self, day: date) -> date:
        """The forecast day of the ISO week ``day`` falls in."""
        return day - timedelta(days=day.weekday()) + timedelta(days=self.weekday)


def stored_weekday(weekday: int, *, on: bool) -> int:
    """``Team.forecast_weekday`` for a forecast day (Monday 0) and whether the call is on:
    off is ``-1 - weekday`` (Friday off: -5), so turning it on again keeps the day."""
    return weekday if on else -1 - weekday


def _stored(team: Team, name: str, text: str | None, default: time) -> time:
    try:
        return parse_local_time(text or "")
    except ValueError:
        log.warning("team %s has a bad %s %r; using %s", team.id, name, text, default)
        return default


def period_start(day: date, period: str) -> date:
    """The first day of the calendar month or quarter ``day`` falls in."""
    months = _MONTHS.get(period, 1)
    return date(day.year, (day.month - 1) // months * months + 1, 1)


def period_end(start: date, period: str) -> date:
    """The last day of the month or quarter starting on ``start``."""
    return add_months(start, _MONTHS.get(period, 1)) - timedelta(days=1)


def previous_period_start(day: date, period: str) -> date:
    """The first day of the month or quarter before the one ``day`` falls in."""
    return add_months(period_start(day, period), -_MONTHS.get(period, 1))


@dataclass(frozen=True)
class ForecastAsk:
    """What an ask (or its reminder) asks for: the period, and when the forecast is due."""

    period: str  # "month" or "quarter"
    start: date  # the period's first day
    due: str  # "17:00", in the team's time zone

    def as_payload(self) -> dict[str, Any]:
        """Kept with the post that carried it (the nudge's redraw shows it again)."""
        return {"period": self.period, "start": self.start.isoformat(), "due": self.due}

    @classmethod
    def from_payload(cls, payload: object) -> ForecastAsk | None:
        """The ask a post's payload kept; None when it kept none (or an unreadable one)."""
        if not isinstance(payload, dict):
            return None
        try:
            period, due = str(payload["period"]), str(payload["due"])
            start = date.fromisoformat(str(payload["start"]))
        except (KeyError, ValueError):
            return None
        return cls(period, start, due) if period in PERIODS else None


def ask_for(setting: ForecastSetting, day: date) -> ForecastAsk:
    """The ask of the forecast day ``day``."""
    due = f"{setting.due.hour:02d}:{setting.due.minute:02d}"
    return ForecastAsk(setting.period, period_start(day, setting.period), due)


def forecast_week(day: date) -> str:
    """The outbox period of a week's ask and reminder: its ISO week, so each goes once a week."""
    return iso_week(day)


def day_of_week(period: str, setting: ForecastSetting) -> date | None:
    """The forecast day of ISO week ``period`` ("2026-W49"); None when it is no ISO week."""
    try:
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), setting.weekday + 1)
    except ValueError:
        return None


@dataclass(frozen=True)
class ForecastTimes:
    """When a rep's ask and reminder fire on a forecast day (UTC); ``reminder`` None when the
    ask itself comes at or after the due time (late enough)."""

    ask: datetime
    reminder: datetime | None


def forecast_times(
    day: date, setting: ForecastSetting, tz: ZoneInfo, nudge_at: datetime | None
) -> ForecastTimes:
    """The ask at the forecast time, or just after the rep's nudge of that day (``nudge_at``)
    when that comes at or after it; the reminder at the due time, when that is later still."""
    ask = local_fire_time(day, setting.at, tz)
    if nudge_at is not None and nudge_at >= ask:
        ask = nudge_at + AFTER_NUDGE
    due = local_fire_time(day, setting.due, tz)
    return ForecastTimes(ask, due if due > ask else None)


def submitted_this_week(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    ask: ForecastAsk,
    day: date,
    tz: ZoneInfo,
) -> bool:
    """Whether the rep submitted a forecast for the ask's period since the week of ``day``
    began (Monday 00:00 in ``tz``)."""
    answer = answer_this_week(
        session, workspace_id=workspace_id, member_id=member_id, ask=ask, day=day, tz=tz
    )
    return answer is not None


def answer_this_week(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    ask: ForecastAsk,
    day: date,
    tz: ZoneInfo,
) -> Forecast | None:
    """The rep's latest forecast for the ask's period when it was submitted since the week of
    ``day`` began (Monday 00:00 in ``tz``): the answer a redrawn ask shows."""
    monday = local_midnight(day - timedelta(days=day.weekday()), tz)
    latest = forecasts.latest_forecasts(
        session,
        workspace_id=workspace_id,
        period=ask.period,
        period_start=ask.start,
        member_ids=(member_id,),
    ).get(member_id)
    return latest if latest is not None and latest.submitted_at >= monday else None
