"""What ``/sales holidays`` and ``/sales away`` answer, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from commands.replies import Reply


@dataclass(frozen=True)
class DayOffLine:
    """One day in the list: a public holiday, a company day off, or a holiday worked."""

    day: date
    kind: str  # "holiday", "company" or "worked"
    name: str


@dataclass(frozen=True)
class HolidayList(Reply):
    """A headline (``key``), then the next days off and the public holidays worked."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    country: str = "ID"
    days: tuple[DayOffLine, ...] = ()
    more: int = 0
    worked: tuple[DayOffLine, ...] = ()


@dataclass(frozen=True)
class AwayLine:
    """One time off in a list: whose, from when to when, what they called it, and whether it
    came from their Slack status."""

    user_id: str
    first: date
    last: date
    note: str = ""
    from_status: bool = False


@dataclass(frozen=True)
class AwayList(Reply):
    """What ``/sales away`` answers: a headline (``key``), then the time off it is about."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    lines: tuple[AwayLine, ...] = ()
    more: int = 0
    # A line under the headline: a time off from a Slack status is read again from it.
    note_key: str | None = None
