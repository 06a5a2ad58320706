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
from multiprocessing.connection import Connection
from multiprocessing.context import ForkProcess
from pathlib import Path

from bot.posts.scheduler_lock import SchedulerLock

CEILING = 30.0
FORK = multiprocessing.get_context("fork")


def worker(lock: SchedulerLock, said: Connection, serving: bool) -> None:
    """A stand-in for an HTTP worker: wait for the lock, say what happened on its own pipe,
    live on until killed. Nothing is shared with the other workers (a ``multiprocessing.Queue``
    is: a worker killed just after a put may die holding its writers' lock, and the next
    worker's put then waits forever)."""

    def asked() -> bool:
        said.send("asked")
        return serving

    lock.wait_then(lambda: said.send("started"), asked)
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
    workers: list[ForkProcess] = []
    pipes: dict[int, Connection] = {}

    def fork(serving: bool = True) -> int:
        reading, writing = FORK.Pipe(duplex=False)
        process = FORK.Process(target=worker, args=(lock, writing, serving), daemon=True)
        process.start()
        workers.append(process)
        assert process.pid is not None
        pipes[process.pid] = reading
        return process.pid

    def said(pid: int) -> str:
        pipe = pipes[pid]
        assert pipe.poll(CEILING), f"worker {pid} said nothing"
        return str(pipe.recv())

    def silent(pid: int) -> bool:
        return not pipes[pid].poll(0)

    try:
        first = fork()
        assert said(first) == "asked"
        assert said(first) == "started"
        # A second worker waits; one asked to stop meanwhile lets the lock go by.
        stopping = fork(serving=False)
        assert silent(stopping)  # the first holds the lock
        os.kill(first, signal.SIGKILL)
        assert said(stopping) == "asked"
        second = fork()
        assert said(second) == "asked"
        assert said(second) == "started"
        assert silent(stopping)  # it stood down: it never starts
        third = fork()  # waits behind the second, which lives on
        os.kill(second, signal.SIGKILL)
        assert said(third) == "asked"
        assert said(third) == "started"
    finally:
        for process in workers:
            process.kill()
            process.join(timeout=CEILING)
