"""A person's own settings as the schedule reads them: when their nudge comes, how often, in
which language, and the quiet hours when nothing scheduled reaches them; and the noise rule that
turns a rep who stopped acting on their nudges to a weekly summary.

The settings live on the member row (``/sales me``, the App Home), so the schedule and every
command read them with the statement that already reads the member. Pure rules on that row: no
query, no clock.

Acting on a nudge: a click on it, or any change the rep makes (``audit.record``) between that
nudge and the next. Each nudge sent counts the one before it as unanswered unless they acted on
it or it was sent less than ``ANSWER_WINDOW`` before (``storage.queries.remember_nudge``); after
``IGNORED_LIMIT`` in a row a rep set to daily nudges gets a weekly summary instead, and their
team's digest says so. Their next act brings the daily nudge back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.models import Member

DAILY, WEEKLY, OFF = "daily", "weekly", "off"
CADENCES = (DAILY, WEEKLY, OFF)
NUDGE_TIME = time(8, 30)  # Corong's default, in the rep's own time zone
IGNORED_LIMIT = 5  # unanswered nudges in a row before daily nudges turn weekly
# How long a nudge gives its rep to act before it counts as unanswered: a nudge followed by
# another within hours (catching up after downtime) was never a chance to act.
ANSWER_WINDOW = timedelta(hours=12)
LANGUAGES = ("en", "id")
# Why a rep gets a weekly summary: they chose it, or they stopped acting on daily nudges.
CHOSEN, NOT_ACTING = "chosen", "not_acting"
WEEKLY_WHY = (CHOSEN, NOT_ACTING)

_CLOCK = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def read_clock(text: str) -> time | None:
    """A time of day as people type it: ``07:30``, ``7:30``, ``19.00``; None for anything
    else."""
    match = _CLOCK.fullmatch(text.strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def clock_text(at: time) -> str:
    """A time of day as stored and shown: ``07:30``."""
    return f"{at.hour:02d}:{at.minute:02d}"


def in_quiet_hours(at: time, start: time, end: time) -> bool:
    """Whether local time ``at`` falls in quiet hours from ``start`` to ``end`` (which may run
    past midnight: 19:00 to 07:00); ``end`` itself is no longer quiet."""
    if start < end:
        return start <= at < end
    return at >= start or at < end


@dataclass(frozen=True)
class NudgePrefs:
    """One member's settings, read from their row (a bad stored value reads as the default)."""

    nudge_at: time
    time_chosen: bool
    cadence: str
    language: str | None
    quiet: tuple[time, time] | None
    ignored: int  # unanswered nudges in a row, the latest counted once its window is over

    @classmethod
    def of(cls, member: Member, *, at: datetime | None = None) -> NudgePrefs:
        """``member``'s settings as of ``at``: their latest nudge counts as unanswered once
        ``ANSWER_WINDOW`` has passed since it was sent without an act (None: not yet)."""
        chosen = read_clock(member.nudge_time or "")
        start, end = read_clock(member.quiet_start or ""), read_clock(member.quiet_end or "")
        quiet = (start, end) if start is not None and end is not None and start != end else None
        ignored = max(member.nudges_ignored or 0, 0)
        if at is not None and unanswered(member, at):
            ignored += 1
        cadence = member.nudge_cadence if member.nudge_cadence in CADENCES else DAILY
        language = member.language if member.language in LANGUAGES else None
        return cls(chosen or NUDGE_TIME, chosen is not None, cadence, language, quiet, ignored)

    @property
    def not_acting(self) -> bool:
        """Nudged, but not acting on the last ``IGNORED_LIMIT`` nudges: what the digest shows."""
        return self.cadence != OFF and self.ignored >= IGNORED_LIMIT

    @property
    def weekly(self) -> str | None:
        """Why this person gets a weekly summary (``CHOSEN`` or ``NOT_ACTING``), or None."""
        if self.cadence == WEEKLY:
            return CHOSEN
        if self.cadence == DAILY and self.not_acting:
            return NOT_ACTING
        return None

    def fire_time(self) -> tuple[time | None, time | None]:
        """When the nudge goes out on a day, and the quiet hours' end when they moved it:
        ``(at, None)`` as chosen, ``(end, end)`` waiting for quiet hours to end that day,
        ``(None, end)`` when they last past midnight (no nudge that day)."""
        if self.quiet is None or not in_quiet_hours(self.nudge_at, *self.quiet):
            return self.nudge_at, None
        end = self.quiet[1]
        return (end if end > self.nudge_at else None), end

    def quiet_at(self, moment: datetime, tz: ZoneInfo) -> bool:
        """Whether ``moment`` falls in this person's quiet hours, in their zone ``tz``."""
        if self.quiet is None:
            return False
        return in_quiet_hours(moment.astimezone(tz).time(), *self.quiet)


def unanswered(member: Member, at: datetime) -> bool:
    """Whether ``member``'s latest nudge went unanswered as of ``at``: no act since it was sent,
    and ``ANSWER_WINDOW`` gone by (``storage.queries.remember_nudge`` applies the same rule)."""
    sent = member.nudge_sent_at
    return sent is not None and not member.nudge_acted and at - sent >= ANSWER_WINDOW


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def note_acted(member: Member) -> None:
    """The member acted (a change, a click on their nudge): their latest nudge was answered,
    and a rep turned to weekly summaries gets daily nudges again. Written with the change's own
    unit of work, and only once per nudge: later changes find it already noted."""
    if member.nudge_sent_at is not None and not member.nudge_acted:
        member.nudge_acted = True
        member.nudges_ignored = 0
