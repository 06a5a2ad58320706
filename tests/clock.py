"""A clock tests move by hand, and the app's "later" that follows it."""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta


class ManualClock:
    """A clock tests move by hand: aware UTC, starts Monday 2026-11-23 09:00 in Jakarta.

    ``advance`` then runs the work that has come due (see ``ManualLater``), on the test's own
    thread, before it returns.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
        self._on_advance: list[Callable[[], None]] = []

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
        for run_due in list(self._on_advance):
            run_due()

    def on_advance(self, run_due: Callable[[], None]) -> None:
        self._on_advance.append(run_due)


class ManualLater:
    """The app's ``later`` (``bot.later.Later``) on a manual clock: work due now runs at once on
    the thread that hands it over; work due later runs when the clock is advanced past it.
    Nothing runs on a thread of its own, so a test knows exactly when it ran."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._stopped = False
        clock.on_advance(self.run_due)

    def call_later(self, delay: timedelta, work: Callable[[], None]) -> None:
        with self._lock:
            if self._stopped:
                return
            heapq.heappush(self._queue, (self.clock() + delay, next(self._order), work))
        if delay <= timedelta(0):
            self.run_due()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._queue.clear()

    @property
    def pending(self) -> int:
        """Pieces of work handed over and not yet run."""
        with self._lock:
            return len(self._queue)

    def run_due(self) -> None:
        """Run, in order, every piece of work due by now (including work it hands over)."""
        while True:
            with self._lock:
                if self._stopped or not self._queue or self._queue[0][0] > self.clock():
                    return
                _, _, work = heapq.heappop(self._queue)
            work()
