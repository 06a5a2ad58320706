"""Pacing the bot's own posts to Slack's rate limits, shared by every sending thread.

Slack answers a call over its limit with HTTP 429 and ``Retry-After``. A sender that merely
slept and retried would leave every other thread hammering the same limit, so a 429 closes the
gate of that method (for the workspace) for everyone until Retry-After has passed. Posts to one
channel are also spaced by Slack's one message per second per channel, before Slack has to say so.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

CHANNEL_SPACING = 1.0  # seconds between two posts to one channel (Slack: about 1 per second)


class RateGate:
    """Per-key "not before" times: ``wait`` blocks until the key's gate is open."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._not_before: dict[str, float] = {}

    def wait(self, key: str) -> float:
        """Block until ``key`` may be called; the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                delay = self._not_before.get(key, 0.0) - self._clock()
            if delay <= 0:
                return waited
            self._sleep(delay)
            waited += delay

    def hold(self, key: str, seconds: float) -> None:
        """Close ``key`` for ``seconds`` from now (never shortening a longer hold)."""
        with self._lock:
            until = self._clock() + max(seconds, 0.0)
            self._not_before[key] = max(self._not_before.get(key, 0.0), until)

    def take_turn(self, key: str, spacing: float) -> None:
        """Wait for ``key``'s turn, then book the next one ``spacing`` seconds later: calls on
        one key are spaced even when several threads want it at once."""
        with self._lock:
            now = self._clock()
            turn = max(now, self._not_before.get(key, 0.0))
            self._not_before[key] = turn + spacing
        if turn > now:
            self._sleep(turn - now)
