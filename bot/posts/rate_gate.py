"""Pacing the bot's own posts to Slack's rate limits, shared by every sending thread.

Slack answers a call over its limit with HTTP 429 and ``Retry-After``. A sender that merely
slept and retried would leave every other thread hammering the same limit, so a 429 closes the
gate of that method (for the workspace) for everyone until Retry-After has passed. Slack does
not publish the exact limit and rounds Retry-After up to whole seconds, so bursting up to the
limit and waiting out a 429 each second wastes much of every second. The gate therefore also
learns: at a second 429 it counts the calls that got through since the first hold ended (one
window's worth), and from then on spaces calls on that key just under that rate, slowing
further if that still meets a 429 (forgetting it all after ``LEARNED_FOR``). Posts to
one channel are spaced by Slack's one message per second per channel before Slack has to say so.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger("corong.rate")

CHANNEL_SPACING = 1.0  # seconds between two posts to one channel (Slack: about 1 per second)
HEADROOM = 0.95  # pace at this share of the rate that was just too much
SLOWER = 0.9  # a learned pace that still met a 429 slows down by this much more
LEARNED_FOR = 300.0  # seconds a learned pace is kept after the last 429 that taught it


@dataclass
class _Lesson:
    """What a pace was learned from: ``min(passed, cap) * factor`` calls a second."""

    passed: int
    factor: float
    cap: float
    hold_end: float


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
        self._spacing: dict[str, tuple[float, float]] = {}  # key -> (seconds apart, until)
        self._recent: dict[str, deque[float]] = {}  # key -> times of the last second's calls
        self._reopened: dict[str, float] = {}  # key -> when its current hold ends
        self._last_hold_end: dict[str, float] = {}  # key -> end of the hold that taught a pace
        self._lessons: dict[str, _Lesson] = {}  # key -> what the last pace was learned from

    def wait(self, key: str) -> float:
        """Block until ``key`` may be called (its hold is over and, once a pace was learned,
        its turn has come); the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                delay = self._not_before.get(key, 0.0) - now
                if delay <= 0:
                    spacing, until = self._spacing.get(key, (0.0, 0.0))
                    if spacing and now < until:  # book this call's turn, then the next
                        self._not_before[key] = now + spacing
                    self._note_call(key, now)
                    return waited
            self._sleep(delay)
            waited += delay

    def hold(self, key: str, seconds: float) -> None:
        """Slack said 429: close ``key`` for ``seconds`` from now (never shortening a longer
        hold) and pace it just under the rate that got through (see the module docstring)."""
        with self._lock:
            now = self._clock()
            in_hold = now < self._reopened.get(key, 0.0)
            until = now + max(seconds, 0.0)
            self._not_before[key] = max(self._not_before.get(key, 0.0), until)
            self._reopened[key] = self._not_before[key]
            lesson = self._lessons.get(key)
            if in_hold:
                # Another call of the same burst, in flight when the hold began, refused too:
                # one fewer got through than the lesson counted.
                if lesson is not None and lesson.hold_end == self._last_hold_end.get(key):
                    lesson.passed -= 1
                    self._teach(key, lesson, now)
                return
            # The calls that got through between the previous hold's end and this 429 (within
            # the last second), less the one just refused: a burst that starts when a hold ends
            # measures the limit itself. The first 429 only marks where such a burst starts: the
            # second before it may span two of Slack's windows and count double.
            previous_end = self._last_hold_end.get(key)
            self._last_hold_end[key] = self._not_before[key]
            if previous_end is None:
                log.info("rate limited: %s held %.1f s", key, seconds)
                return
            since = max(now - 1.0, previous_end)
            passed = sum(1 for t in self._recent.get(key, ()) if t >= since) - 1
            spacing, learned_until = self._spacing.get(key, (0.0, 0.0))
            if spacing and now < learned_until:  # a pace already learned was still too fast
                lesson = _Lesson(passed, SLOWER, 1.0 / spacing, self._not_before[key])
            else:
                lesson = _Lesson(passed, HEADROOM, float("inf"), self._not_before[key])
            self._lessons[key] = lesson
            rate = self._teach(key, lesson, now)
        log.info("rate limited: %s held %.1f s, pacing at %.0f calls/s", key, seconds, rate)

    def _teach(self, key: str, lesson: _Lesson, now: float) -> float:
        rate = min(lesson.passed, lesson.cap) * lesson.factor
        if rate >= 1:
            self._spacing[key] = (1.0 / rate, now + LEARNED_FOR)
        return rate

    def _note_call(self, key: str, now: float) -> None:
        calls = self._recent.setdefault(key, deque())
        calls.append(now)
        while calls and calls[0] <= now - 1.0:
            calls.popleft()

    def take_turn(self, key: str, spacing: float) -> None:
        """Wait for ``key``'s turn, then book the next one ``spacing`` seconds later: calls on
        one key are spaced even when several threads want it at once."""
        with self._lock:
            now = self._clock()
            turn = max(now, self._not_before.get(key, 0.0))
            self._not_before[key] = turn + spacing
        if turn > now:
            self._sleep(turn - now)
