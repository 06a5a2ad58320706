"""One process's SQLite writers, served in the order they arrived.

SQLite lets one writer in at a time, and its own wait is a sleep-and-retry loop that, with a
dozen threads writing at once, lets some wait seconds while others go first. A plain lock is no
fairer: whichever waiting thread the OS wakes goes next, so under load a few requests wait for
many others and the slowest acks are several times the typical one. Here the lock is handed
straight to the writer that has waited longest.
"""

from __future__ import annotations

import threading
from collections import deque


class WritersQueue:
    """A re-entrant lock granted first come, first served."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._owner: int | None = None
        self._depth = 0
        self._waiting: deque[tuple[int, threading.Lock]] = deque()

    @property
    def waiting(self) -> int:
        """How many writers are waiting for their turn."""
        with self._guard:
            return len(self._waiting)

    def acquire(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for this thread's turn; False if it did not come."""
        me = threading.get_ident()
        with self._guard:
            if self._owner == me:
                self._depth += 1
                return True
            if self._owner is None and not self._waiting:
                self._owner, self._depth = me, 1
                return True
            turn = threading.Lock()
            turn.acquire()  # released by ``release`` when the lock is handed to this thread
            ticket = (me, turn)
            self._waiting.append(ticket)
        if turn.acquire(timeout=timeout):
            return True  # handed over: ``release`` made this thread the owner
        with self._guard:
            if self._owner == me:  # handed over just as the wait ran out
                return True
            self._waiting.remove(ticket)
            return False

    def release(self) -> None:
        """End this thread's turn (once per ``acquire``); the longest waiter goes next."""
        with self._guard:
            if self._owner != threading.get_ident():
                raise RuntimeError("released by a thread that does not hold the writers' queue")
            self._depth -= 1
            if self._depth:
                return
            if self._waiting:
                self._owner, turn = self._waiting.popleft()
                self._depth = 1
                turn.release()
            else:
                self._owner = None
