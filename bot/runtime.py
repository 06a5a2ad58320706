"""What every listener needs, built once and passed down: no module-level globals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from bot.config import Settings


def utc_now() -> datetime:
    """The real clock (aware UTC); tests pass their own."""
    return datetime.now(UTC)


@dataclass
class SharedState:
    """What the listeners of one app share between requests (kept per app, not per process,
    so two apps in one process, as in the tests, never see each other's)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    # (team id, user id) -> that user's App Home refresh state (``bot.app_home``).
    home_refreshes: dict[tuple[str, str], Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Runtime:
    """Settings, the database engine, the clock, and the app's shared state."""

    settings: Settings
    engine: Engine
    clock: Callable[[], datetime] = utc_now
    shared: SharedState = field(default_factory=SharedState, compare=False, repr=False)
