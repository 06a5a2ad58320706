"""Which worker of one ``corong run`` runs the scheduled posts: the one holding a lock.

gunicorn's master makes the lock before it forks the HTTP workers: an anonymous temporary
file (no name on disk, so nothing to clean up or for a tmp cleaner to delete). Every worker
inherits its descriptor and, on a thread of its own, waits for an exclusive POSIX record lock
(``lockf``) on it. Such a lock belongs to a process, not to a descriptor, so the workers sharing
one descriptor still exclude each other, and a child never inherits it. The worker that gets the
lock starts the scheduler and keeps the lock until it exits.

The kernel releases a process's locks when it ends, however it ends (a graceful stop, a crash,
gunicorn's timeout, SIGKILL), so a worker already waiting, or the one gunicorn forks in its
place, takes over at once: nothing polls, nothing has to expire, and no database connection is
held for it.

Why a lock on a file and not in the database: it is per ``corong run``, so each replica still
runs one scheduler, as before, and the outbox lets only one of them post each post; it works
on SQLite and PostgreSQL alike; and a PostgreSQL advisory lock would keep a connection open in
every worker and break behind a transaction-mode pooler. gunicorn already needs a writable
temporary directory for its workers' heartbeats.
"""

from __future__ import annotations

import fcntl
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

log = logging.getLogger("corong.scheduler")


class SchedulerLock:
    """The lock one ``corong run``'s workers take turns on; made in the master, used in the
    workers."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file  # stays open in every process until it ends: closing it would unlock

    @classmethod
    @contextmanager
    def made(cls) -> Iterator[SchedulerLock]:
        """A lock for one run, before the workers are forked; gone when the run ends."""
        with tempfile.TemporaryFile(prefix="corong-scheduled-posts-") as file:
            yield cls(file)

    def wait_then(self, start: Callable[[], None], serving: Callable[[], bool]) -> threading.Thread:
        """Wait for the lock on a daemon thread, then ``start`` the scheduler, unless this
        worker has been asked to stop meanwhile (it lets a worker that stays take over)."""
        thread = threading.Thread(
            target=self._wait_then,
            args=(start, serving),
            name="corong-scheduler-lock",
            daemon=True,
        )
        thread.start()
        return thread

    def _wait_then(self, start: Callable[[], None], serving: Callable[[], bool]) -> None:
        fd = self._file.fileno()
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by another worker: wait until it ends
            log.info(
                "scheduled posts: another worker sends them; this one (pid %d) takes over if "
                "that one stops",
                os.getpid(),
            )
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX)
            except OSError:
                # The worker is exiting and its descriptors are being closed under the wait:
                # it will not send anything, and the lock is the others' to take.
                log.debug("scheduled posts: pid %d stopped waiting for the lock", os.getpid())
                return
        if not serving():
            fcntl.lockf(fd, fcntl.LOCK_UN)  # stopping too: leave them to a worker that stays
            return
        try:
            start()
        except Exception:
            log.exception("scheduled posts: could not start here; another worker may take over")
            fcntl.lockf(fd, fcntl.LOCK_UN)
