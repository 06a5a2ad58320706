"""What ``/sales holidays`` answers, as plain values."""

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
