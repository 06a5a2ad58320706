"""Pacing the bot's own posts: a 429 holds every sending thread, a second 429 teaches the gate a
pace just under the rate that got through (forgotten later), and posts to one channel go a
second apart.

The gate runs on a test clock: ``SteppedTime`` moves when the gate sleeps (one caller at a time),
``ManualTime`` only when the test says, so threads can be held and released deterministically.
The last tests send through ``SlackSender`` to the fake Slack over real HTTP; the gate's waits
are recorded on a ``SteppedTime``, so what Retry-After asked for is asserted exactly, however
long the machine takes to answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from slack_sdk import WebClient

from bot.posts.rate_gate import LEARNED_FOR, RateGate
from bot.posts.sender import SendFailure, SlackSender, delivery_client
from tests.fakeslack import FakeSlack
from tests.harness import TEAM, eventually
from tests.patience import PATIENCE

POST = f"{TEAM}:chat.postMessage"
OPEN = f"{TEAM}:conversations.open"


class SteppedTime:
    """A clock that stands still until the gate sleeps; sleeping moves it on."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class ManualTime:
    """A clock the test moves; a sleeper blocks until the clock reaches its wake-up time."""

    def __init__(self) -> None:
        self._now = 0.0
        self._changed = threading.Condition()
        self.sleeps = 0

    def clock(self) -> float:
        with self._changed:
            return self._now

    def sleep(self, seconds: float) -> None:
        with self._changed:
            wake = self._now + seconds
            self.sleeps += 1
            self._changed.notify_all()
            assert self._changed.wait_for(lambda: self._now >= wake, timeout=PATIENCE)

    def advance(self, seconds: float) -> None:
        with self._changed:
            self._now += seconds
            self._changed.notify_all()

    def wait_for_sleepers(self, count: int) -> None:
        """Until ``count`` sleeps have begun in all (each thread is parked in one)."""
        with self._changed:
            assert self._changed.wait_for(lambda: self.sleeps >= count, timeout=PATIENCE)


def stepped_gate() -> tuple[SteppedTime, RateGate]:
    clock = SteppedTime()
    return clock, RateGate(clock=clock.clock, sleep=clock.sleep)


def calls(gate: RateGate, clock: SteppedTime, key: str, count: int, apart: float) -> None:
    """``count`` calls through the gate, one every ``apart`` seconds (a burst, if not paced)."""
    for _ in range(count):
        gate.wait(key)
        clock.now += apart


def granted(gate: RateGate, clock: SteppedTime, key: str, count: int) -> list[float]:
    """When each of ``count`` callers, all wanting to go at once, was let through."""
    times = []
    for _ in range(count):
        gate.wait(key)
        times.append(clock.now)
    return times


def gaps(times: list[float]) -> list[float]:
    return [round(later - earlier, 6) for earlier, later in zip(times, times[1:], strict=False)]


def in_threads(count: int, work: Callable[[], None]) -> list[threading.Thread]:
    threads = [threading.Thread(target=work, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


# --- 429 holds ---------------------------------------------------------------------------------


def test_a_429_holds_every_caller_until_it_ends() -> None:
    clock = ManualTime()
    gate = RateGate(clock=clock.clock, sleep=clock.sleep)
    let_through: list[tuple[float, float]] = []  # (when, seconds waited)

    def call() -> None:
        waited = gate.wait(POST)
        let_through.append((clock.clock(), waited))

    gate.hold(POST, 2.0)
    threads = in_threads(3, call)
    clock.wait_for_sleepers(3)
    assert gate.wait(OPEN) == 0.0  # another method is not held
    clock.advance(1.0)
    gate.hold(POST, 3.0)  # a fourth thread meets a 429 meanwhile: now held until 4.0
    clock.advance(1.0)
    clock.wait_for_sleepers(6)  # each woke at 2.0, found the gate still shut, slept again
    assert let_through == []
    clock.advance(2.0)
    for thread in threads:
        thread.join(timeout=PATIENCE)

    assert let_through == [(4.0, 4.0)] * 3


def test_a_shorter_429_never_shortens_a_longer_hold() -> None:
    clock, gate = stepped_gate()
    gate.hold(POST, 5.0)
    gate.hold(POST, 1.0)  # another thread's 429, answered with a shorter Retry-After
    assert gate.wait(POST) == 5.0

    clock, gate = stepped_gate()
    gate.hold(POST, 1.0)
    gate.hold(POST, 5.0)  # a longer one arriving later extends the hold
    assert gate.wait(POST) == 5.0


# --- the learned pace ---------------------------------------------------------------------------


def teach(gate: RateGate, clock: SteppedTime, through: int = 10, in_flight: int = 1) -> None:
    """Two bursts against a limit of ``through`` a second. The first ends in a 429 that only
    holds; the burst after the hold gets ``through`` calls in, then ``in_flight`` more are
    refused at once (their 429s arrive together): that second 429 teaches the pace."""
    calls(gate, clock, POST, through, apart=0.01)
    gate.wait(POST)
    gate.hold(POST, 1.0)
    calls(gate, clock, POST, through, apart=0.01)
    for _ in range(in_flight):
        gate.wait(POST)
    for _ in range(in_flight):
        gate.hold(POST, 1.0)


def test_the_first_429_only_holds_and_the_second_teaches_an_even_pace() -> None:
    clock, gate = stepped_gate()
    assert gaps(granted(gate, clock, POST, 5)) == [0.0] * 4  # before any 429: no pacing
    calls(gate, clock, POST, 10, apart=0.01)
    gate.wait(POST)
    gate.hold(POST, 1.0)
    held_at = clock.now
    times = granted(gate, clock, POST, 5)
    assert times[0] == pytest.approx(held_at + 1.0)  # the hold first
    assert gaps(times) == [0.0] * 4  # then a burst again: one 429 does not tell the limit

    clock, gate = stepped_gate()
    teach(gate, clock)
    held_at = clock.now
    times = granted(gate, clock, POST, 8)
    assert times[0] == pytest.approx(held_at + 1.0)
    spacing = gaps(times)
    assert len(set(spacing)) == 1  # evenly spaced, however many callers are waiting
    assert 0.1 <= spacing[0] <= 0.12  # just under ten a second: what got through
    assert gate.wait(OPEN) == 0.0  # other methods keep their own pace


def test_a_learned_pace_that_still_meets_a_429_slows_down() -> None:
    clock, gate = stepped_gate()
    teach(gate, clock)
    first_pace = gaps(granted(gate, clock, POST, 12))[-1]  # a second and more of paced calls

    gate.hold(POST, 1.0)  # still too fast: Slack said 429 again

    second_pace = gaps(granted(gate, clock, POST, 8))[-1]
    assert second_pace > first_pace * 1.05


def test_a_learned_pace_is_forgotten_after_learned_for() -> None:
    clock, gate = stepped_gate()
    teach(gate, clock)
    taught_at = clock.now

    clock.now = taught_at + LEARNED_FOR - 10
    assert min(gaps(granted(gate, clock, POST, 4))) > 0.05  # still paced near the end

    clock.now = taught_at + LEARNED_FOR + 1
    assert gaps(granted(gate, clock, POST, 6)) == [0.0] * 5  # a burst goes through again


def test_429s_answering_one_burst_teach_the_pace_once() -> None:
    def pace_after(in_flight: int) -> float:
        clock, gate = stepped_gate()
        teach(gate, clock, in_flight=in_flight)  # several threads' calls refused together
        return gaps(granted(gate, clock, POST, 4))[-1]

    assert pace_after(3) == pytest.approx(pace_after(1))


# --- one channel ---------------------------------------------------------------------------------


def test_posts_to_one_channel_take_turns_a_second_apart_across_threads() -> None:
    clock = ManualTime()
    gate = RateGate(clock=clock.clock, sleep=clock.sleep)
    channel = f"{TEAM}:channel:C0JAKARTA1"
    turns: list[float] = []

    def post() -> None:
        gate.take_turn(channel, 1.0)
        turns.append(clock.clock())

    threads = in_threads(3, post)
    clock.wait_for_sleepers(2)  # one goes now, two wait their turn
    eventually(lambda: len(turns) == 1)
    gate.take_turn(f"{TEAM}:channel:C0OTHER001", 1.0)  # another channel does not wait
    assert clock.sleeps == 2
    clock.advance(1.0)
    eventually(lambda: len(turns) == 2)
    clock.advance(1.0)
    for thread in threads:
        thread.join(timeout=PATIENCE)

    assert turns == [0.0, 1.0, 2.0]
    clock.advance(5.0)
    gate.take_turn(channel, 1.0)  # long after: no backlog of turns to wait for
    assert clock.sleeps == 2


# --- through SlackSender, on the fake Slack ------------------------------------------------------


@pytest.fixture
def client(fake_slack: FakeSlack) -> WebClient:
    return delivery_client("xoxb-test-token", fake_slack.api_url)


def test_a_rate_limited_post_waits_out_retry_after_and_goes_through(
    fake_slack: FakeSlack, client: WebClient
) -> None:
    clock, gate = stepped_gate()
    sender = SlackSender(client, gate, TEAM)
    fake_slack.rate_limit("chat.postMessage", retry_after=1, times=2)

    ts = sender.post("C0SALES001", {"text": "Good morning"})

    assert [c.status for c in fake_slack.calls_to("chat.postMessage")] == [429, 429, 200]
    assert clock.slept == [1.0, 1.0]  # Retry-After: 1, twice, waited out in turn
    assert [(m["ts"], m["text"]) for m in fake_slack.messages("C0SALES001")] == [
        (ts, "Good morning")
    ]


def test_slack_refusals_say_whether_trying_later_can_help(
    fake_slack: FakeSlack, client: WebClient
) -> None:
    sender = SlackSender(client, RateGate(), TEAM)

    fake_slack.fail("chat.postMessage", "channel_not_found")
    with pytest.raises(SendFailure) as refused:
        sender.post("C0GONE0001", {"text": "standup"})
    assert (refused.value.code, refused.value.transient) == ("channel_not_found", False)

    fake_slack.server_error("chat.postMessage", status=503, times=3)
    with pytest.raises(SendFailure) as unavailable:
        sender.post("C0SALES001", {"text": "standup"})
    assert (unavailable.value.code, unavailable.value.transient) == ("http_503", True)
    assert [c.status for c in fake_slack.calls_to("chat.postMessage")] == [200, 503, 503, 503]
    assert fake_slack.messages() == []
