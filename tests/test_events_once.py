"""Slack delivers an event again when it missed our answer, up to three times with the same
``event_id``; Corong handles each event once. And news of an uninstall or a revoked token that
is older than the workspace's current installation never deletes it.

The claims run on both databases (replicas share them); the deliveries go through the real app
as Slack sends them, signed, with its retry headers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy
from alembic import command
from slack_bolt import BoltRequest, BoltResponse
from sqlalchemy import Engine
from sqlmodel import col

from bot.events_once import LEASE, EventsOnce
from bot.oauth import CorongInstallationStore
from storage import events
from storage.db import make_engine, unit_of_work
from storage.events import Claim
from storage.migrate import alembic_config, upgrade
from storage.models import HandledEvent
from tests.clock import ManualClock
from tests.fakeslack import FakeSlack, event_callback_body, sign
from tests.fakeslack.requests import app_home_opened_event
from tests.harness import BUDI, SIGNING_SECRET, TEAM, Answer, Bot
from tests.test_oauth import CLIENT_ID, REINSTALL, OAuthBot
from tests.test_outbox import _race

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _claim(
    engine: Engine, event_id: str = "Ev0AAA0001", *, attempt: str = "a", now: datetime = NOW
) -> Claim:
    with unit_of_work(engine) as session:
        return events.claim(
            session,
            event_id,
            event_type="app_home_opened",
            team_id=TEAM,
            attempt=attempt,
            now=now,
            lease=LEASE,
        )


def _finish(engine: Engine, event_id: str = "Ev0AAA0001", *, attempt: str = "a") -> bool:
    with unit_of_work(engine) as session:
        return events.finish(session, event_id, attempt=attempt, now=NOW)


def _release(engine: Engine, event_id: str = "Ev0AAA0001", *, attempt: str = "a") -> bool:
    with unit_of_work(engine) as session:
        return events.release(session, event_id, attempt=attempt)


def _event_ids(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        rows = connection.execute(sqlalchemy.select(col(HandledEvent.event_id)))
        return sorted(row[0] for row in rows)


# --- the claims, on both databases -------------------------------------------------------------


def test_an_event_is_handled_by_its_first_delivery_only(engine: Engine) -> None:
    assert _claim(engine) is Claim.HANDLE
    assert _claim(engine, attempt="b") is Claim.IN_PROGRESS  # the first is still at work
    assert _finish(engine, attempt="b") is False  # only the attempt holding it finishes it
    assert _finish(engine) is True
    assert _claim(engine, attempt="c") is Claim.HANDLED
    assert _claim(engine, attempt="d", now=NOW + LEASE * 10) is Claim.HANDLED
    assert _claim(engine, "Ev0BBB0002", attempt="e") is Claim.HANDLE  # another event


def test_racing_replicas_claim_an_event_once(engine: Engine, database_url: str) -> None:
    url = str(engine.url.render_as_string(hide_password=False))
    racers = [lambda e, name=f"r{i}": _claim(e, attempt=name) for i in range(4)]
    results = _race(url, *racers)
    assert sorted(r.value for r in results) == ["handle"] + ["in progress"] * 3


def test_a_dead_attempts_event_is_taken_over_once_its_lease_is_over(engine: Engine) -> None:
    assert _claim(engine) is Claim.HANDLE  # ... and then the process died
    assert _claim(engine, attempt="b", now=NOW + LEASE - timedelta(seconds=1)) is Claim.IN_PROGRESS
    assert _claim(engine, attempt="b", now=NOW + LEASE) is Claim.HANDLE
    assert _finish(engine) is False  # the first attempt, were it alive after all, records nothing
    assert _finish(engine, attempt="b") is True


def test_racing_replicas_take_over_a_dead_attempts_event_once(
    engine: Engine, database_url: str
) -> None:
    assert _claim(engine) is Claim.HANDLE
    url = str(engine.url.render_as_string(hide_password=False))
    later = NOW + LEASE * 2
    racers = [lambda e, name=f"r{i}": _claim(e, attempt=name, now=later) for i in range(4)]
    results = _race(url, *racers)
    assert sorted(r.value for r in results) == ["handle"] + ["in progress"] * 3


def test_a_released_event_is_handled_afresh(engine: Engine) -> None:
    assert _claim(engine) is Claim.HANDLE
    assert _release(engine, attempt="b") is False  # not theirs
    assert _release(engine) is True  # handling failed: give it back
    assert _claim(engine, attempt="b") is Claim.HANDLE
    assert _finish(engine, attempt="b") is True
    assert _release(engine, attempt="b") is False  # a finished event stays finished


def test_events_are_forgotten_a_day_after_they_were_claimed(engine: Engine) -> None:
    _claim(engine, "Ev0OLD0001", now=NOW - timedelta(days=1, seconds=1))
    _claim(engine, "Ev0DAY0001", now=NOW - timedelta(hours=23))
    assert _event_ids(engine) == ["Ev0DAY0001", "Ev0OLD0001"]
    _claim(engine, "Ev0NEW0001")
    assert _event_ids(engine) == ["Ev0DAY0001", "Ev0NEW0001"]


def test_migration_0009_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'corong.db'}")
    try:
        upgrade(engine, "0009")
        command.downgrade(alembic_config(engine), "0008")
        assert "handledevent" not in sqlalchemy.inspect(engine).get_table_names()
        upgrade(engine, "0009")
        assert "handledevent" in sqlalchemy.inspect(engine).get_table_names()
    finally:
        engine.dispose()


# --- around Bolt's dispatch --------------------------------------------------------------------


def _request(event_id: str = "Ev0AAA0001", retry: int | None = None) -> BoltRequest:
    body = event_callback_body(app_home_opened_event(BUDI), team_id=TEAM, event_id=event_id)
    headers = sign(body, SIGNING_SECRET)
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return BoltRequest(body=body, headers=dict(headers))


class Listeners:
    """Stands in for Bolt's dispatch: answers each request with the next status scripted."""

    def __init__(self, *statuses: int | Exception) -> None:
        self.script = list(statuses)
        self.ran = 0

    def __call__(self, request: BoltRequest) -> BoltResponse:
        self.ran += 1
        outcome = self.script.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return BoltResponse(status=outcome, body="")


@pytest.mark.parametrize("failure", [500, 401, RuntimeError("the database went away")])
def test_an_event_whose_handling_failed_is_handled_by_slacks_retry(
    engine: Engine, clock: ManualClock, failure: int | Exception
) -> None:
    once, listeners = EventsOnce(engine, clock), Listeners(failure, 200)
    if isinstance(failure, Exception):
        with pytest.raises(RuntimeError):
            once.dispatch(_request(), listeners)
    else:
        assert once.dispatch(_request(), listeners).status == failure

    assert once.dispatch(_request(retry=1), listeners).status == 200
    assert once.dispatch(_request(retry=2), listeners).status == 200
    assert listeners.ran == 2  # the failure, the retry that handled it; not the last retry


def test_a_retry_while_the_first_delivery_is_at_work_is_asked_to_come_back(
    engine: Engine, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="corong.events")
    clock.now = NOW
    assert _claim(engine, now=NOW) is Claim.HANDLE  # another replica's first delivery, at work
    once, listeners = EventsOnce(engine, clock), Listeners(200)

    assert once.dispatch(_request(retry=1), listeners).status == 503
    assert listeners.ran == 0
    assert "told to come back later" in caplog.text

    clock.now = NOW + LEASE  # that replica died: Slack's retry a minute later takes over
    assert once.dispatch(_request(retry=2), listeners).status == 200
    assert listeners.ran == 1


def test_requests_other_than_events_are_never_claimed(engine: Engine, clock: ManualClock) -> None:
    once, listeners = EventsOnce(engine, clock), Listeners(200, 200)
    command = BoltRequest(body="command=%2Fdeal&team_id=T0123ABCDE&user_id=U0BUDI0001")
    once.dispatch(command, listeners)
    once.dispatch(command, listeners)
    assert listeners.ran == 2 and _event_ids(engine) == []


# --- through the real app ----------------------------------------------------------------------


def deliver(bot: Bot, body: str, retry: int | None = None) -> Answer:
    """``body`` as Slack delivers it, as a retry when ``retry`` is given."""
    headers = sign(body, SIGNING_SECRET)
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return bot.post(body, headers)


def test_an_app_home_opened_delivered_three_times_is_published_once(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="corong.events")
    body = event_callback_body(app_home_opened_event(BUDI), team_id=TEAM, event_id="Ev0HOME0001")

    assert deliver(bot, body).status == 200
    bot.settle()
    assert deliver(bot, body, retry=1).status == 200
    assert deliver(bot, body, retry=2).status == 200
    bot.settle()

    assert len(bot.fake.calls_to("views.publish")) == 1
    assert caplog.text.count("was handled already; Slack's retry") == 2
    other = event_callback_body(app_home_opened_event(BUDI), team_id=TEAM, event_id="Ev0HOME0002")
    assert deliver(bot, other).status == 200  # opening the tab again is a new event
    bot.fake.wait_for("views.publish", count=2)


# --- uninstalls and revocations older than the installation ------------------------------------


@pytest.fixture
def installed(engine: Engine, fake_slack: FakeSlack, clock: ManualClock) -> Iterator[OAuthBot]:
    """Corong installed into TEAM through OAuth, Budi known there."""
    fake_slack.add_team(TEAM, name="Acme Sales")
    bot = OAuthBot(engine, fake_slack, clock)
    try:
        bot.install(TEAM)
        bot.know(BUDI, team=TEAM, name="Budi")
        yield bot
    finally:
        bot.close()


def installed_at(bot: OAuthBot) -> int:
    """When TEAM's current installation was made, in Slack's whole seconds."""
    installation = CorongInstallationStore(CLIENT_ID, bot.engine).installation_for_team(TEAM)
    assert installation is not None
    return int(installation.installed_at)


def uninstall(bot: OAuthBot, *, event_time: int, event_id: str, retry: int | None = None) -> int:
    body = event_callback_body(
        {"type": "app_uninstalled"}, team_id=TEAM, event_id=event_id, event_time=event_time
    )
    return deliver(bot, body, retry).status


def works(bot: OAuthBot) -> bool:
    answer = bot.slash("/deal", "list", user=BUDI, team=TEAM)
    return answer.ack.status == 200 and bool(answer.ack.body)


def test_an_uninstall_older_than_the_installation_is_ignored(
    installed: OAuthBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = installed
    caplog.set_level(logging.INFO, logger="corong.oauth")
    # Slack could not reach us when the workspace uninstalled a minute before it installed
    # again; its retry arrives now.
    assert uninstall(bot, event_time=installed_at(bot) - 60, event_id="Ev0UNIN0001") == 200

    assert [row["team_id"] for row in bot.installations()] == [TEAM]
    assert bot.bots() == [TEAM]
    assert "ignored app_uninstalled from" in caplog.text
    assert works(bot)

    revoked = event_callback_body(
        {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOTB0001"]}},
        team_id=TEAM,
        event_id="Ev0REVO0001",
        event_time=installed_at(bot) - 60,
    )
    assert deliver(bot, revoked, retry=1).status == 200
    assert bot.installations()[0]["bot_token"] is not None and bot.bots() == [TEAM]
    assert works(bot)


def test_an_uninstall_retried_after_a_reinstall_leaves_the_new_installation(
    installed: OAuthBot,
) -> None:
    bot = installed
    now = int(datetime.now(UTC).timestamp())
    bot.fake.revoke_team(TEAM)
    assert uninstall(bot, event_time=now, event_id="Ev0UNIN0002") == 200
    assert bot.installations() == []  # a genuine uninstall deletes the tokens
    assert REINSTALL in bot.slash("/deal", "list", user=BUDI, team=TEAM).replies()[0]["text"]

    bot.install(TEAM)
    assert uninstall(bot, event_time=now, event_id="Ev0UNIN0002", retry=1) == 200

    assert [row["team_id"] for row in bot.installations()] == [TEAM]
    assert works(bot)


def test_an_uninstall_newer_than_the_installation_deletes_its_tokens(
    installed: OAuthBot,
) -> None:
    bot = installed
    bot.fake.revoke_team(TEAM)
    later = installed_at(bot) + 1
    assert uninstall(bot, event_time=later, event_id="Ev0UNIN0003") == 200
    assert bot.installations() == [] and bot.bots() == []
    assert REINSTALL in bot.slash("/deal", "list", user=BUDI, team=TEAM).replies()[0]["text"]
