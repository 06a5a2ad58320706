"""Time off read from a Slack status: a status with an expiry whose emoji or text reads like
time off (``:palm_tree:``, "Vacationing", "Cuti", "OOO", "Sakit") makes its member away from
today to the day it expires. The bot reads the status (``bot.posts.statuses``); what it means
and what is kept is decided here.

A status is no proof of leave, so it never overrides time off set with ``/sales away``, and a
status without an expiry (one easily forgotten) does not count. When the status is cleared or
changed, the time off it made ends the day before (or moves to its new expiry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.calendar.workdays import Away
from storage import timeoff
from storage.models import TimeOff

# What reads like time off: emoji (":name:") and words, matched whole and ignoring case.
DEFAULT_AWAY_STATUS = (
    ":palm_tree:",
    ":airplane:",
    ":beach_with_umbrella:",
    ":face_with_thermometer:",
    "vacation",
    "vacationing",
    "on holiday",
    "ooo",
    "out of office",
    "cuti",
    "sakit",
    "libur",
)
# The longest time off a status makes: one expiring next year is not a year's leave.
MAX_STATUS_DAYS = 90
NOTE_LIMIT = 100
_EMOJI = re.compile(r":[a-z0-9_+'-]+:")


@dataclass(frozen=True)
class AwayPatterns:
    """The emoji and words that make a Slack status time off."""

    emoji: frozenset[str]
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str | None) -> AwayPatterns:
        """From a comma-separated list (``AWAY_STATUS``: ``:palm_tree:, cuti, ooo``); the
        defaults when it is empty."""
        items = [item.strip().casefold() for item in (text or "").split(",")]
        items = [item for item in items if item] or list(DEFAULT_AWAY_STATUS)
        emoji = frozenset(item for item in items if _EMOJI.fullmatch(item))
        words = tuple(item for item in items if item not in emoji)
        return cls(emoji, words)

    def matches(self, text: str, emoji: str) -> bool:
        """Whether the status's emoji (or one written in its text) or a word of its text reads
        like time off."""
        folded = text.casefold()
        shown = set(_EMOJI.findall(emoji.casefold())) | set(_EMOJI.findall(folded))
        if shown & self.emoji:
            return True
        return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded) for word in self.words)


DEFAULT_PATTERNS = AwayPatterns.parse(None)


def status_away(
    *,
    text: str,
    emoji: str,
    expiration: int,
    tz: ZoneInfo,
    today: date,
    patterns: AwayPatterns = DEFAULT_PATTERNS,
) -> Away | None:
    """The time off a Slack status stands for: from ``today`` to the member's local day it
    expires on (an expiry at midnight ends the day before), at most ``MAX_STATUS_DAYS``; None
    for a status without an expiry, one that does not read like time off, or one expired."""
    if expiration <= 0 or not patterns.matches(text, emoji):
        return None
    ends = datetime.fromtimestamp(expiration, UTC) - timedelta(seconds=1)
    last = min(ends.astimezone(tz).date(), today + timedelta(days=MAX_STATUS_DAYS - 1))
    if last < today:
        return None
    note = " ".join(text.split()) or emoji
    return Away(today, last, note[:NOTE_LIMIT])


def keep_status(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    found: Away | None,
    today: date,
    now: datetime,
) -> TimeOff | None:
    """Keep what the member's status says as of ``today``: a new time off from it (stopping
    short of time off set ahead), its end moved when the status changed, or its end brought to
    yesterday when the status no longer says away. Time off set with ``/sales away`` stands as
    set. The member's time off covering today, if any, after the change."""
    rows = timeoff.time_off_between(
        session,
        workspace_id=workspace_id,
        start=today,
        end=found.last if found is not None else today,
        member_ids=(member_id,),
    )
    current = next((row for row in rows if row.first_day <= today), None)
    if found is None:
        if current is not None and current.source == timeoff.SLACK_STATUS:
            timeoff.end_time_off(session, row=current, today=today, now=now)
            return None
        return current
    if current is not None and current.source != timeoff.SLACK_STATUS:
        return current
    later = [row.first_day for row in rows if row.first_day > today]
    last = min([found.last, *(day - timedelta(days=1) for day in later)])
    if current is None:
        return timeoff.add_time_off(
            session,
            workspace_id=workspace_id,
            member_id=member_id,
            first=today,
            last=last,
            source=timeoff.SLACK_STATUS,
            note=found.note,
            set_by=None,
            now=now,
        )
    if (current.last_day, current.note) != (last, found.note):
        timeoff.move_last_day(session, row=current, last=last, note=found.note, now=now)
    return current
