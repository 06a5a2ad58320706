"""The lock that lets one worker of a ``corong run`` send the scheduled posts, between real
processes forked as gunicorn forks its workers: one holds it, the others wait, and the kernel
hands it on when the holder dies. Every wait has a generous ceiling; nothing is timed.

The forking happens in a fresh interpreter, single-threaded as gunicorn's master is: a test
worker's own threads (other tests' servers and pools) could hold a lock at the moment of a
fork and leave the child stuck on it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from multiprocessing.context import ForkProcess
from multiprocessing.queues import Queue
from pathlib import Path

from bot.posts.scheduler_lock import SchedulerLock

CEILING = 30.0
FORK = multiprocessing.get_context("fork")


def worker(lock: SchedulerLock, said: Queue[tuple[str, int]], serving: bool) -> None:
    """A stand-in for an HTTP worker: wait for the lock, say what happened, live on until
    killed (nothing shared is waited on, so a kill leaves nothing half-held)."""
    pid = os.getpid()

    def asked() -> bool:
        said.put(("asked", pid))
        return serving

    lock.wait_then(lambda: said.put(("started", pid)), asked)
    time.sleep(CEILING * 2)


def test_one_process_holds_the_lock_and_another_takes_over_when_it_dies() -> None:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", "from tests.test_scheduler_lock import scenario; scenario()"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=CEILING * 4,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "handed on twice"


def scenario() -> None:
    """Run in a fresh interpreter: fork workers, kill holders, see the lock handed on."""
    with SchedulerLock.made() as lock:
        _hand_on(lock)
    print("handed on twice")


def _hand_on(lock: SchedulerLock) -> None:
    said: Queue[tuple[str, int]] = FORK.Queue()
    workers: list[ForkProcess] = []

    def fork(serving: bool = True) -> int:
        process = FORK.Process(target=worker, args=(lock, said, serving), daemon=True)
        process.start()
        workers.append(process)
        assert process.pid is not None
        return process.pid

    try:
        first = fork()
        assert said.get(timeout=CEILING) == ("asked", first)
        assert said.get(timeout=CEILING) == ("started", first)
        # A second worker waits; one asked to stop meanwhile lets the lock go by.
        stopping = fork(serving=False)
        os.kill(first, signal.SIGKILL)
        assert said.get(timeout=CEILING) == ("asked", stopping)
        second = fork()
        assert said.get(timeout=CEILING) == ("asked", second)
        assert said.get(timeout=CEILING) == ("started", second)
        third = fork()  # waits behind the second, which lives on
        os.kill(second, signal.SIGKILL)
        assert said.get(timeout=CEILING) == ("asked", third)
        assert said.get(timeout=CEILING) == ("started", third)
    finally:
        for process in workers:
            process.kill()
            process.join(timeout=CEILING)
