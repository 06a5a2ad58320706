"""The App Home refresh coalescer, on a manual clock, and the runtime's own ``later``.

The dashboard build is replaced by a recorder that can be held mid-build, so each test decides
exactly what overlaps what; nothing here waits on wall-clock time to pass.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk import WebClient

from bot import app_home
from bot.app_home import REFRESH_EVERY, publish_home
from bot.config import Settings
from bot.later import ThreadedLater
from bot.runtime import Runtime
from commands.context import Invocation
from storage.db import make_engine
from tests.clock import ManualClock, ManualLater

TEAM, BUDI, SARI = "T0123ABCDE", "U0BUDI0001", "U0SARI0001"
INTERVAL = REFRESH_EVERY.total_seconds()


class Builds:
    """Stands in for building and publishing a dashboard: records which request each build
    served (its ``channel_id`` tag) and can hold a build until released."""

    def __init__(self) -> None:
        self.published: list[str] = []
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()

    def hold_next(self) -> None:
        self.started.clear()
        self.release.clear()

    def __call__(
        self, runtime: Runtime, client: WebClient, invocation: Invocation, *, read_only: bool
    ) -> bool:
        self.started.set()
        assert self.release.wait(10), "a held build was never released"
        self.published.append(invocation.channel_id or "")
        return True


@pytest.fixture
def runtime(clock: ManualClock) -> Iterator[Runtime]:
    settings = Settings(
        _env_file=None, slack_bot_token="xoxb-test", slack_signing_secret="s", slack_app_token=None
    )
    engine = make_engine("sqlite://")
    made = Runtime(settings=settings, engine=engine, clock=clock, later=ManualLater(clock))
    try:
        yield made
    finally:
        made.close()
        engine.dispose()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Builds:
    recorder = Builds()
    monkeypatch.setattr(app_home, "_build_and_publish", recorder)
    return recorder


CLIENT = WebClient(token="xoxb-test")


def ask(runtime: Runtime, tag: str, *, after_change: bool = True, user: str = BUDI) -> bool:
    invocation = Invocation(team_id=TEAM, user_id=user, now=runtime.clock(), channel_id=tag)
    return publish_home(runtime, CLIENT, invocation, after_change=after_change)


def in_background(runtime: Runtime, tag: str, builds: Builds) -> threading.Thread:
    """A refresh whose build is held until ``builds.release`` is set."""
    builds.hold_next()
    thread = threading.Thread(target=ask, args=(runtime, tag))
    thread.start()
    assert builds.started.wait(10)
    return thread


def test_opening_the_tab_publishes_at_once(runtime: Runtime, builds: Builds) -> None:
    assert ask(runtime, "open", after_change=False)
    assert ask(runtime, "open again", after_change=False)  # however recently it was drawn
    assert builds.published == ["open", "open again"]


def test_a_burst_of_changes_publishes_at_once_then_once_with_the_newest(
    runtime: Runtime, clock: ManualClock, builds: Builds
) -> None:
    for n in range(1, 5):
        assert ask(runtime, f"change {n}")
    assert builds.published == ["change 1"]
    clock.advance(seconds=INTERVAL - 0.1)
    assert builds.published == ["change 1"]
    clock.advance(seconds=0.1)
    assert builds.published == ["change 1", "change 4"]
    clock.advance(minutes=5)  # nothing else was waiting
    assert builds.published == ["change 1", "change 4"]


def test_a_change_after_the_interval_publishes_at_once(
    runtime: Runtime, clock: ManualClock, builds: Builds
) -> None:
    ask(runtime, "change 1")
    clock.advance(seconds=INTERVAL)
    ask(runtime, "change 2")
    assert builds.published == ["change 1", "change 2"]


def test_a_change_during_a_build_is_published_after_it(
    runtime: Runtime, clock: ManualClock, builds: Builds
) -> None:
    building = in_background(runtime, "change 1", builds)
    assert ask(runtime, "change 2")  # queued behind the build, which may read older numbers
    builds.release.set()
    building.join()
    assert builds.published == ["change 1"]
    clock.advance(seconds=INTERVAL)
    assert builds.published == ["change 1", "change 2"]  # the tab never ends on older numbers


def test_opening_the_tab_during_a_build_publishes_right_after_it(
    runtime: Runtime, builds: Builds
) -> None:
    building = in_background(runtime, "change", builds)
    assert ask(runtime, "open", after_change=False)
    builds.release.set()
    building.join()
    assert builds.published == ["change", "open"]  # no pause for someone looking at it


def test_opening_the_tab_takes_over_a_waiting_refresh(
    runtime: Runtime, clock: ManualClock, builds: Builds
) -> None:
    ask(runtime, "change 1")
    ask(runtime, "change 2")  # waits for the interval
    ask(runtime, "open", after_change=False)  # drawn now, from the newest numbers
    clock.advance(minutes=5)
    assert builds.published == ["change 1", "open"]


def test_each_user_has_their_own_interval(runtime: Runtime, builds: Builds) -> None:
    ask(runtime, "budi")
    ask(runtime, "sari", user=SARI)
    assert builds.published == ["budi", "sari"]


def test_a_refresh_put_off_does_not_outlive_the_runtime(
    runtime: Runtime, clock: ManualClock, builds: Builds
) -> None:
    ask(runtime, "change 1")
    ask(runtime, "change 2")
    runtime.close()
    clock.advance(minutes=5)
    assert builds.published == ["change 1"]
    ask(runtime, "after close", after_change=False)  # the app itself may still answer
    assert builds.published == ["change 1", "after close"]


# --- the runtime's own later ---------------------------------------------------------------------


@pytest.fixture
def later() -> Iterator[ThreadedLater]:
    made = ThreadedLater()
    try:
        yield made
    finally:
        made.stop()


def test_work_due_now_runs_on_the_runtimes_threads(later: ThreadedLater) -> None:
    ran = threading.Event()
    where: list[str] = []

    def work() -> None:
        where.append(threading.current_thread().name)
        ran.set()

    later.call_later(timedelta(0), work)
    assert ran.wait(10)
    assert where[0].startswith("corong-later")


def test_stopping_drops_work_not_yet_due_and_refuses_more(later: ThreadedLater) -> None:
    ran: list[str] = []
    later.call_later(timedelta(hours=1), lambda: ran.append("in an hour"))
    later.stop()
    later.call_later(timedelta(0), lambda: ran.append("after stop"))
    later.stop()  # again: nothing to wait for
    assert ran == []


def test_stopping_waits_for_work_already_running(later: ThreadedLater) -> None:
    started, release = threading.Event(), threading.Event()
    done: list[bool] = []
    seen_when_stopped: list[list[bool]] = []

    def slow() -> None:
        started.set()
        release.wait(10)
        done.append(True)

    later.call_later(timedelta(0), slow)
    assert started.wait(10)

    def stop_and_look() -> None:
        later.stop()
        seen_when_stopped.append(done[:])

    stopping = threading.Thread(target=stop_and_look)
    stopping.start()
    release.set()
    stopping.join()
    assert seen_when_stopped == [[True]]


def test_a_failing_piece_of_work_is_logged_and_the_next_still_runs(
    later: ThreadedLater, caplog: pytest.LogCaptureFixture
) -> None:
    ran = threading.Event()

    def boom() -> Any:
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="corong.later"):
        later.call_later(timedelta(0), boom)
        later.call_later(timedelta(0), ran.set)
        assert ran.wait(10)
        later.stop()  # the failed one has been handled too
    assert "work run later failed" in caplog.text
