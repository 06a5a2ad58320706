"""Publishing the App Home: one build at a time per user, the newest request built after it.

The dashboard build is replaced by a recorder that can be held mid-build, so each test decides
exactly what overlaps what; nothing here waits on wall-clock time to pass.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from bot import app_home
from bot.app_home import publish_home
from bot.config import Settings
from bot.runtime import Runtime
from commands.context import Invocation
from storage.db import make_engine
from tests.clock import ManualClock

TEAM, BUDI, SARI = "T0123ABCDE", "U0BUDI0001", "U0SARI0001"
CLIENT = WebClient(token="xoxb-test")


class Builds:
    """Stands in for building and publishing a dashboard: records which request each build
    served (its ``channel_id`` tag), can hold a build until released, and can fail one."""

    def __init__(self) -> None:
        self.published: list[str] = []
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self.fail: set[str] = set()

    def hold_next(self) -> None:
        self.started.clear()
        self.release.clear()

    def __call__(self, runtime: Runtime, client: WebClient, invocation: Invocation) -> bool:
        self.started.set()
        assert self.release.wait(10), "a held build was never released"
        tag = invocation.channel_id or ""
        if tag in self.fail:
            raise RuntimeError(f"build {tag} failed")
        self.published.append(tag)
        return True


@pytest.fixture
def runtime(clock: ManualClock) -> Iterator[Runtime]:
    settings = Settings(
        _env_file=None, slack_bot_token="xoxb-test", slack_signing_secret="s", slack_app_token=None
    )
    engine = make_engine("sqlite://")
    try:
        yield Runtime(settings=settings, engine=engine, clock=clock)
    finally:
        engine.dispose()


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Builds:
    recorder = Builds()
    monkeypatch.setattr(app_home, "_build_and_publish", recorder)
    return recorder


def ask(runtime: Runtime, tag: str, *, user: str = BUDI) -> bool:
    invocation = Invocation(team_id=TEAM, user_id=user, now=runtime.clock(), channel_id=tag)
    return publish_home(runtime, CLIENT, invocation)


def in_background(runtime: Runtime, tag: str, builds: Builds) -> threading.Thread:
    """A publish whose build is held until ``builds.release`` is set."""
    builds.hold_next()
    thread = threading.Thread(target=ask, args=(runtime, tag))
    thread.start()
    assert builds.started.wait(10)
    return thread


def test_opening_the_tab_publishes_at_once_every_time(runtime: Runtime, builds: Builds) -> None:
    assert ask(runtime, "open")
    assert ask(runtime, "open again")  # however recently it was drawn
    assert builds.published == ["open", "open again"]


def test_opens_during_a_build_are_built_once_after_it_with_the_newest(
    runtime: Runtime, builds: Builds
) -> None:
    building = in_background(runtime, "open 1", builds)
    for n in range(2, 5):
        assert ask(runtime, f"open {n}")  # left for the running build's thread
    assert builds.published == []
    builds.release.set()
    building.join()
    # Two builds, not four, and the tab ends on the newest request's numbers.
    assert builds.published == ["open 1", "open 4"]


def test_each_user_has_their_own_builds(runtime: Runtime, builds: Builds) -> None:
    building = in_background(runtime, "budi", builds)
    sari = threading.Thread(target=ask, args=(runtime, "sari"), kwargs={"user": SARI})
    sari.start()
    builds.release.set()
    building.join()
    sari.join()
    assert sorted(builds.published) == ["budi", "sari"]


def test_a_failed_build_does_not_strand_the_request_waiting_for_it(
    runtime: Runtime, builds: Builds, caplog: pytest.LogCaptureFixture
) -> None:
    builds.fail.add("open 1")
    building = in_background(runtime, "open 1", builds)
    ask(runtime, "open 2")
    builds.release.set()
    building.join()
    assert builds.published == ["open 2"]
    assert "App Home publish failed" in caplog.text
    assert ask(runtime, "open 3")  # and nothing is left marked as running
    assert builds.published == ["open 2", "open 3"]
