"""What every listener needs, built once and passed down: no module-level globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.config import Settings


def utc_now() -> datetime:
    """The real clock (aware UTC); tests pass their own."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Runtime:
    """Settings, the database engine and the clock."""

    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = utc_now
