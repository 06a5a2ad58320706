"""One process's SQLite writers take their turns in the order they arrived."""

from __future__ import annotations

import threading

import pytest

from storage.writers import WritersQueue
from tests.harness import eventually
from tests.patience import PATIENCE


def test_writers_are_served_in_the_order_they_arrived() -> None:
    queue = WritersQueue()
    assert queue.acquire(timeout=PATIENCE)  # a writer at work
    served: list[str] = []

    def writer(name: str) -> None:
        assert queue.acquire(timeout=PATIENCE)
        served.append(name)
        queue.release()

    threads = []
    for number, name in enumerate(("first", "second", "third", "fourth"), start=1):
        thread = threading.Thread(target=writer, args=(name,))
        thread.start()
        threads.append(thread)
        eventually(lambda number=number: queue.waiting == number)  # in line before the next
    queue.release()
    for thread in threads:
        thread.join(PATIENCE)
    assert served == ["first", "second", "third", "fourth"]
    assert queue.waiting == 0 and queue.acquire(timeout=0)  # free again


def test_a_writer_whose_wait_runs_out_leaves_the_line_and_the_others_keep_their_turns() -> None:
    queue = WritersQueue()
    assert queue.acquire(timeout=PATIENCE)
    gave_up = threading.Event()
    served: list[str] = []

    def impatient() -> None:
        if not queue.acquire(timeout=0.01):
            gave_up.set()

    def patient() -> None:
        assert queue.acquire(timeout=PATIENCE)
        served.append("patient")
        queue.release()

    first = threading.Thread(target=impatient)
    first.start()
    assert gave_up.wait(PATIENCE)
    first.join(PATIENCE)
    assert queue.waiting == 0
    second = threading.Thread(target=patient)
    second.start()
    eventually(lambda: queue.waiting == 1)
    queue.release()
    second.join(PATIENCE)
    assert served == ["patient"]


def test_the_writer_at_work_may_enter_again_and_only_it_may_leave() -> None:
    queue = WritersQueue()
    assert queue.acquire(timeout=0) and queue.acquire(timeout=0)  # re-entrant
    refused: list[BaseException] = []

    def stranger() -> None:
        try:
            queue.release()
        except RuntimeError as error:
            refused.append(error)

    thread = threading.Thread(target=stranger)
    thread.start()
    thread.join(PATIENCE)
    assert len(refused) == 1
    queue.release()
    queue.release()
    with pytest.raises(RuntimeError):
        queue.release()  # released once too often
