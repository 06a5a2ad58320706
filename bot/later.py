"""Work the app runs a little later (the coalesced App Home refresh), on threads it owns.

A ``Later`` belongs to one app's ``Runtime`` and is stopped with it, so nothing of an app runs
once it has been shut down. Tests inject one driven by their manual clock instead.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Protocol

log = logging.getLogger("corong.later")

Work = Callable[[], None]


class Later(Protocol):
    """Runs work after a delay, until stopped."""

    def call_later(self, delay: timedelta, work: Work) -> None:
        """Run ``work`` once ``delay`` has passed (at once when it is zero or less)."""

    def stop(self) -> None:
        """Drop the work not yet started and wait for the work running; later calls are
        ignored."""


class ThreadedLater:
    """One timer thread waits for the next due piece of work and hands it to a few workers,
    so a slow Slack call delays nobody else's. Threads start with the first piece of work."""

    def __init__(self, workers: int = 4) -> None:
        self._workers = workers
        self._wake = threading.Condition()
        self._queue: list[tuple[float, int, Work]] = []  # (monotonic due time, order, work)
        self._order = itertools.count()
        self._timer: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._stopped = False

    def call_later(self, delay: timedelta, work: Work) -> None:
        due = time.monotonic() + max(delay.total_seconds(), 0.0)
        with self._wake:
            if self._stopped:
                log.debug("stopped: dropped work due in %s", delay)
                return
            heapq.heappush(self._queue, (due, next(self._order), work))
            if self._timer is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="corong-later")
                self._timer = threading.Thread(
                    target=self._hand_out, name="corong-later-timer", daemon=True
                )
                self._timer.start()
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._queue.clear()
            self._wake.notify()
            timer, pool = self._timer, self._pool
        if timer is not None:
            timer.join()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _hand_out(self) -> None:
        """The timer thread: sleep until the earliest work is due, then pass it on."""
        while True:
            with self._wake:
                while not self._stopped and (
                    not self._queue or self._queue[0][0] > time.monotonic()
                ):
                    timeout = self._queue[0][0] - time.monotonic() if self._queue else None
                    self._wake.wait(timeout)
                if self._stopped:
                    return
                _, _, work = heapq.heappop(self._queue)
                assert self._pool is not None
                self._pool.submit(run_logged, work)


def run_logged(work: Work) -> None:
    """Run ``work``; its error is logged (on a worker thread it would otherwise go unseen)."""
    try:
        work()
    except Exception:
        log.exception("work run later failed")
