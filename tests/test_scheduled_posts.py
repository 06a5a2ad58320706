"""The bot speaking first: morning nudges, standups and weekly digests, through the real app,
the real deliverer and scheduler, and the fake Slack (which checks every call and its Block Kit).

Deals are made the way reps make them (signed slash commands); the clock is the test's.
The harness clock starts on Monday 23 Nov 2026 at 09:00 in Jakarta.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot.config import Settings
from bot.posts import delivery
from bot.posts.delivery import LEASE, Deliverer, RunReport
from bot.posts.scheduler import deliverer_for, start_scheduler
from storage import outbox, queries, teams
from storage.db import make_engine, unit_of_work
from storage.models import Delivery, Yardstick
from tests.fakeslack import requests as slack_requests
from tests.harness import ANDI, BUDI, SARI, TEAM, Bot, eventually, message_text
from tests.patience import PATIENCE, WRITER_PATIENCE_MS
from tests.test_bant import QUALIFIED_ANSWERS

pytestmark = pytest.mark.usefixtures("bot")
# What Slack sees and does (buttons, errors, the scheduler's clock) does not depend on the
# database; the outbox's claims and races run on both.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

JAKARTA = ZoneInfo("Asia/Jakarta")
LINA = "U0LINA0001"  # a rep in India (UTC+05:30)
TEAM_CHANNEL = "C0JAKARTA1"


def at(day: int, hour: int, minute: int = 0, tz: ZoneInfo = JAKARTA) -> datetime:
    """A moment in November 2026, local to ``tz``, as aware UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=tz).astimezone(UTC)


def deliverer(
    bot: Bot, engine: Engine | None = None, owner: str | None = None, app_id: str | None = None
) -> Deliverer:
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-test-token",
        slack_api_url=bot.fake.api_url,
        database_url=str(bot.engine.url),
        slack_app_id=app_id,
    )
    made = deliverer_for(settings, engine or bot.engine, clock=bot.clock)
    if owner:
        made.owner = owner
    return made


def run_at(bot: Bot, moment: datetime) -> RunReport:
    bot.clock.now = moment
    return deliverer(bot).run_due()


def dms(bot: Bot) -> dict[str, list[dict[str, Any]]]:
    """Messages posted to each user's DM, by user id."""
    by_channel: dict[str, str] = {
        call.response["channel"]["id"]: call.args["users"]
        for call in bot.fake.calls_to("conversations.open")
        if call.response.get("ok")
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for channel, user in by_channel.items():
        messages = bot.fake.messages(channel)
        if messages:
            out[user] = messages
    return out


def deliveries(bot: Bot) -> list[Delivery]:
    with Session(bot.engine) as session:
        return list(session.exec(select(Delivery).order_by(col(Delivery.id))))


def make_team(bot: Bot, name: str, reps: list[str], channel: str | None = TEAM_CHANNEL) -> None:
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        team = teams.create_team(session, workspace_id=workspace.id, name=name)
        team.channel_id = channel
        for user in reps:
            member = queries.find_member(session, workspace_id=workspace.id, slack_user_id=user)
            assert member is not None and member.id is not None
            teams.add_to_team(session, team=team, member_id=member.id)


def two_reps_with_work(bot: Bot) -> None:
    """Budi's next step was due Monday; Sari's is due Tuesday."""
    assert bot.slash("/deal", "add Acme 50jt next:demo due:today").ack.status == 200
    assert (
        bot.slash("/deal", "add Toko Maju 20jt next:telepon due:besok", user=SARI).ack.status == 200
    )


# --- the morning nudge -----------------------------------------------------------------------


def test_each_rep_is_nudged_once_at_their_own_morning_in_their_language(bot: Bot) -> None:
    two_reps_with_work(bot)
    bot.know(LINA, name="Lina", tz="Asia/Kolkata")
    bot.slash("/deal", "add Mumbai Traders 9jt next:visit due:today", user=LINA)

    assert run_at(bot, at(24, 8, 29)).sent == 0  # Tuesday, a minute early in Jakarta
    report = run_at(bot, at(24, 8, 31))
    assert report.sent == 2
    sent = dms(bot)
    assert set(sent) == {BUDI, SARI}  # Lina's morning has not come; Andi has no deals
    budi = message_text(sent[BUDI][0])
    assert "D-1" in budi and "Acme" in budi and "Next step overdue by 1 work day: demo" in budi
    sari = message_text(sent[SARI][0])
    assert "Toko Maju" in sari and "Good morning" not in sari  # Indonesian, not English

    assert run_at(bot, at(24, 8, 45)).sent == 0  # the next tick finds them already sent
    assert run_at(bot, at(24, 8, 31, ZoneInfo("Asia/Kolkata"))).sent == 1  # 11:01 in Jakarta
    assert set(dms(bot)) == {BUDI, SARI, LINA}
    assert all(len(messages) == 1 for messages in dms(bot).values())
    rows = deliveries(bot)
    assert {(r.target, r.status, r.period) for r in rows} == {
        (BUDI, "sent", "2026-11-24"),
        (SARI, "sent", "2026-11-24"),
        (LINA, "sent", "2026-11-24"),
    }
    assert all(r.message_ts and r.channel_id for r in rows)


@SLACK_SIDE_ONLY
def test_a_long_nudge_shows_the_most_urgent_eight_and_links_the_rest_to_app_home(bot: Bot) -> None:
    bot.clock.now = at(13, 9, 0)  # due dates ahead when typed, overdue by the 24th
    for n in range(1, 11):
        bot.slash("/deal", f"add Deal {n} {n}jt next:call due:2026-11-{13 + n}")
    bot.clock.now = at(24, 8, 31)
    assert deliverer(bot, app_id="A0TESTAPP1").run_due().sent == 1
    text = message_text(dms(bot)[BUDI][0])
    assert "… and 2 more in your <slack://app?team=T0123ABCDE&amp;id=A0TESTAPP1" in text
    assert "Deal 1 " in text and "Deal 10" not in text  # the most overdue first


@SLACK_SIDE_ONLY
def test_nothing_to_act_on_means_no_nudge_and_weekends_are_quiet(bot: Bot) -> None:
    bot.slash("/deal", "add Fresh Lead 5jt next:call due:2026-12-10")
    run_at(bot, at(24, 8, 31))
    assert bot.fake.calls_to("chat.postMessage") == []
    assert [(r.target, r.status) for r in deliveries(bot)] == [(BUDI, "skipped")]

    bot.slash("/deal", "add Acme 50jt next:demo due:today")  # overdue from Tuesday on
    assert run_at(bot, at(28, 8, 31)).sent == 0  # Saturday
    assert run_at(bot, at(29, 8, 31)).sent == 0  # Sunday
    assert run_at(bot, at(30, 8, 31)).sent == 1  # Monday


def test_a_bot_that_was_down_catches_up_within_three_hours_never_after(bot: Bot) -> None:
    two_reps_with_work(bot)
    assert run_at(bot, at(24, 11, 29)).sent == 2  # came back 2 h 59 min late: still sent
    assert run_at(bot, at(25, 11, 31)).sent == 0  # Wednesday: 3 h 1 min late, too late
    assert run_at(bot, at(26, 8, 30)).sent == 2  # Thursday on time
    assert len(bot.fake.calls_to("chat.postMessage")) == 4


def test_two_schedulers_on_one_database_post_each_nudge_exactly_once(bot: Bot) -> None:
    for n in range(12):
        user = f"U0REPX{n:04d}"
        bot.know(user, name=f"rep{n}")
        bot.slash("/deal", f"add Deal {n} 5jt next:call due:today", user=user)
    bot.clock.now = at(24, 8, 31)
    other_engine = make_engine(str(bot.engine.url), busy_timeout_ms=WRITER_PATIENCE_MS)
    try:
        replicas = [deliverer(bot, owner="replica-a"), deliverer(bot, other_engine, "replica-b")]
        reports: list[RunReport] = []
        start = threading.Barrier(2)

        def run(replica: Deliverer) -> None:
            start.wait()
            reports.append(replica.run_due())

        threads = [threading.Thread(target=run, args=(r,)) for r in replicas]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        other_engine.dispose()
    assert sum(r.sent for r in reports) == 12
    posted = dms(bot)
    assert len(posted) == 12 and all(len(m) == 1 for m in posted.values())


# --- Slack errors --------------------------------------------------------------------------------


@SLACK_SIDE_ONLY
def test_rate_limits_are_waited_out_and_server_errors_retried_later_once(bot: Bot) -> None:
    two_reps_with_work(bot)
    bot.fake.rate_limit("chat.postMessage", retry_after=1, times=2)
    started = time.monotonic()
    assert run_at(bot, at(24, 8, 31)).sent == 2
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured
    assert len(dms(bot)) == 2

    # Wednesday: each post meets three 503s, more than the client's own two retries.
    bot.fake.server_error("chat.postMessage", status=503, times=6)
    report = run_at(bot, at(25, 8, 31))
    assert report.retrying == 2 and report.sent == 0
    retry = next(r for r in deliveries(bot) if r.status == "retry")
    assert retry.error and "http_503" in retry.error
    assert run_at(bot, at(25, 8, 31) + timedelta(seconds=10)).sent == 0  # not before its backoff
    assert run_at(bot, at(25, 8, 45)).sent == 2
    assert all(len(messages) == 2 for messages in dms(bot).values())  # Tuesday's and Wednesday's


@SLACK_SIDE_ONLY
def test_a_post_sent_while_the_database_is_busy_is_recorded_and_never_sent_again(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Recording a sent post meets a database busy for longer than its writers wait (here
    50 ms): it tries again rather than leave the post unrecorded, to be sent once more when its
    lease runs out."""
    assert bot.slash("/deal", "add Acme 50jt next:demo due:today").ack.status == 200
    busy = make_engine(str(bot.engine.url), busy_timeout_ms=50)
    held, freed = threading.Event(), threading.Event()

    def hold_the_database() -> None:
        with unit_of_work(busy):  # another writer, in no hurry
            held.set()
            freed.wait(PATIENCE)

    holder = threading.Thread(target=hold_the_database, daemon=True)
    real_send = delivery.send

    def send_then_busy(*args: Any, **kwargs: Any) -> Any:
        posted = real_send(*args, **kwargs)
        holder.start()
        assert held.wait(PATIENCE)
        return posted

    class FreeAfterTheFirstFailure(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "recording the sent post failed" in record.getMessage():
                freed.set()
                holder.join(PATIENCE)  # free before the next try

    handler = FreeAfterTheFirstFailure()
    logging.getLogger("corong.delivery").addHandler(handler)
    monkeypatch.setattr(delivery, "send", send_then_busy)
    try:
        bot.clock.now = at(24, 8, 31)
        assert deliverer(bot, busy).run_due().sent == 1
    finally:
        logging.getLogger("corong.delivery").removeHandler(handler)
        freed.set()
        busy.dispose()
    monkeypatch.undo()

    assert freed.is_set() and not holder.is_alive()
    (row,) = deliveries(bot)
    assert row.status == "sent" and row.message_ts is not None
    later = run_at(bot, at(24, 8, 31) + LEASE + timedelta(minutes=1))  # the lease long over
    assert (later.sent, later.retrying) == (0, 0)
    assert len(bot.fake.calls_to("chat.postMessage")) == 1


def test_permanent_errors_are_recorded_for_admins_and_never_retried(bot: Bot) -> None:
    two_reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI, SARI])
    assert run_at(bot, at(24, 8, 31)).sent == 2  # the nudges
    bot.fake.fail("chat.postMessage", "channel_not_found", times=1)
    report = run_at(bot, at(24, 9, 1))  # the standup, to a channel Slack does not know
    assert report.failed == 1 and report.sent == 0
    failed = [r for r in deliveries(bot) if r.status == "failed"]
    assert [(r.job, r.error) for r in failed] == [("standup", "channel_not_found")]
    bot.clock.advance(hours=1)
    again = deliverer(bot).run_due()
    assert (again.sent, again.failed, again.retrying) == (0, 0, 0)  # recorded once, not retried
    assert bot.fake.messages(TEAM_CHANNEL) == []


def test_a_deactivated_rep_is_not_retried_every_morning_until_heard_of_again(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    bot.fake.fail("conversations.open", "user_disabled")
    assert run_at(bot, at(24, 8, 31)).failed == 1
    assert run_at(bot, at(25, 8, 31)).sent == 0  # Wednesday: not tried, not failed again
    assert [r.period for r in deliveries(bot)] == ["2026-11-24"]
    with unit_of_work(bot.engine) as session:  # Thursday 07:00: Budi is back and uses Corong
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        member = queries.find_member(session, workspace_id=workspace.id or 0, slack_user_id=BUDI)
        assert member is not None
        member.profile_fetched_at = at(26, 7, 0)
    assert run_at(bot, at(26, 8, 31)).sent == 1


@SLACK_SIDE_ONLY
def test_the_dm_is_opened_once_and_reopened_when_slack_says_it_is_gone(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    assert run_at(bot, at(24, 8, 31)).sent == 1
    assert run_at(bot, at(25, 8, 31)).sent == 1
    assert len(bot.fake.calls_to("conversations.open")) == 1  # Wednesday reused Tuesday's DM
    bot.fake.fail("chat.postMessage", "channel_not_found")
    assert run_at(bot, at(26, 8, 31)).sent == 1
    assert len(bot.fake.calls_to("conversations.open")) == 2
    assert len(dms(bot)[BUDI]) == 3


def test_a_post_whose_sender_died_is_taken_over_in_time_and_dropped_when_too_late(
    bot: Bot,
) -> None:
    two_reps_with_work(bot)
    dead = "replica-that-died"
    with unit_of_work(bot.engine) as session:  # Tuesday 08:31: claimed, then the process died
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        for user in (BUDI, SARI):
            key = outbox.SlotKey(workspace.id, "nudge", user, "2026-11-24")
            assert outbox.claim(
                session,
                key,
                fire_at=at(24, 8, 30),
                now=at(24, 8, 31),
                owner=dead,
                lease=timedelta(minutes=10),
            )
    assert run_at(bot, at(24, 8, 35)).sent == 0  # its lease still runs: nobody else posts
    assert run_at(bot, at(24, 8, 45)).sent == 2  # lease over, still the morning: taken over
    assert all(len(messages) == 1 for messages in dms(bot).values())

    with unit_of_work(bot.engine) as session:  # Wednesday's sender dies too...
        for user in (BUDI, SARI):
            key = outbox.SlotKey(workspace.id, "nudge", user, "2026-11-25")
            outbox.claim(
                session,
                key,
                fire_at=at(25, 8, 30),
                now=at(25, 8, 31),
                owner=dead,
                lease=timedelta(minutes=10),
            )
    report = run_at(bot, at(26, 8, 31))  # ...and the bot is back on Thursday
    assert report.sent == 2 and report.failed == 2  # Thursday's; Wednesday's expired unsent
    assert {r.error for r in deliveries(bot) if r.period == "2026-11-25"} == {"expired"}
    assert all(len(messages) == 2 for messages in dms(bot).values())


def test_a_late_standup_speaks_of_its_own_day(bot: Bot) -> None:
    two_reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI, SARI])
    with unit_of_work(bot.engine) as session:
        team = session.exec(select(teams.Team)).one()
        team.standup_time = "23:30"
    assert run_at(bot, at(25, 0, 15)).sent == 1  # Tuesday's 23:30 standup, caught up Wednesday
    first = message_text(bot.fake.messages(TEAM_CHANNEL)[0]).splitlines()[0]
    assert "Nov 24" in first and "Nov 25" not in first
    assert run_at(bot, at(25, 23, 31)).sent == 1  # Wednesday's own, later
    assert "Nov 25" in message_text(bot.fake.messages(TEAM_CHANNEL)[1]).splitlines()[0]


# --- the nudge's buttons -----------------------------------------------------------------------


def nudge_of(bot: Bot, user: str = BUDI) -> tuple[str, dict[str, Any]]:
    """(channel, the nudge message as it stands now)."""
    channel = next(
        c.response["channel"]["id"]
        for c in bot.fake.calls_to("conversations.open")
        if c.args.get("users") == user
    )
    return channel, bot.fake.messages(channel)[-1]


def click(
    bot: Bot,
    channel: str,
    message: dict[str, Any],
    action_id: str,
    answer: Any = None,
    *,
    user: str = BUDI,
    tag: str = "nudge",
    forge: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """``user`` clicks (or chooses ``answer`` in) ``action_id`` of ``message``, as Slack sends
    it; ``forge`` may tamper with the action first. Replies go to the response_url ``tag``."""
    action = slack_requests.action_from_blocks(message["blocks"], action_id, answer)
    if forge is not None:
        forge(action)
    body = slack_requests.block_actions_body(
        user_id=user,
        team_id=TEAM,
        actions=[action],
        container=slack_requests.message_container(channel, message["ts"]),
        message=message,
        response_url=bot.fake.response_url(tag),
        trigger_id=bot.fake.new_trigger_id(),
        channel_id=channel,
    )
    assert bot.signed(body).status == 200


def option_value(message: dict[str, Any], action_id: str, contains: str) -> str:
    for block in message["blocks"]:
        for element in block.get("elements") or []:
            if element.get("action_id") == action_id:
                return next(o["value"] for o in element["options"] if contains in o["value"])
    raise KeyError(action_id)


def updates(bot: Bot) -> int:
    return len(bot.fake.calls_to("chat.update"))


@SLACK_SIDE_ONLY
def test_nudge_buttons_act_and_the_nudge_shows_what_was_done(bot: Bot) -> None:
    for name in ("Acme", "Beta", "Cakra", "Delta"):
        bot.slash("/deal", f"add {name} 10jt next:call due:today")
    run_at(bot, at(24, 8, 31))
    bot.clock.advance(minutes=5)  # the rep reads it a little later
    channel, nudge = nudge_of(bot)
    assert all(f"D-{n}" in message_text(nudge) for n in (1, 2, 3, 4))

    click(bot, channel, nudge, "nudge_snooze_0", option_value(nudge, "nudge_snooze_0", '"n":3'))
    eventually(lambda: updates(bot) >= 1)
    assert bot.existing_deal(1).snoozed_until == date(2026, 11, 27)
    assert "Snoozed until" in message_text(bot.fake.messages(channel)[-1])

    nudge = bot.fake.messages(channel)[-1]
    click(bot, channel, nudge, "nudge_move_1", option_value(nudge, "nudge_move_1", "prospect"))
    eventually(lambda: updates(bot) >= 2)
    assert bot.existing_deal(2).stage == "prospect"
    assert "Moved to" in message_text(bot.fake.messages(channel)[-1])

    nudge = bot.fake.messages(channel)[-1]
    click(bot, channel, nudge, "nudge_lost_2")  # the lost form asks why
    lost_form = bot.fake.wait_for("views.open")[-1].response["view"]
    assert bot.submit(lost_form, {"reason": "went_silent"}).status == 200
    eventually(lambda: updates(bot) >= 3)
    assert bot.existing_deal(3).status == "lost"
    assert "Marked lost" in message_text(bot.fake.messages(channel)[-1])

    nudge = bot.fake.messages(channel)[-1]
    click(bot, channel, nudge, "call_open_form_3")
    modal = bot.fake.wait_for("views.open", 2)[-1].response["view"]
    answer = bot.submit(modal, {"deal": "D-4", "duration": "10m", "outcome": "connected"})
    assert answer.status == 200
    eventually(lambda: "Call logged" in message_text(bot.fake.messages(channel)[-1]))
    final = message_text(bot.fake.messages(channel)[-1])
    assert final.count("Snoozed until") == 1 and "Marked lost" in final
    assert len(bot.fake.messages(channel)) == 1  # always the same message, updated in place


@SLACK_SIDE_ONLY
def test_run_bant_from_the_nudge_opens_the_dialog_and_the_nudge_notes_it(bot: Bot) -> None:
    bot.slash("/deal", "add Big Deal 100jt")
    bot.slash("/deal", "move big potential")  # past qualification, with no BANT yet
    run_at(bot, at(24, 8, 31))
    bot.clock.advance(minutes=5)
    channel, nudge = nudge_of(bot)
    assert "No qualifying BANT" in message_text(nudge)
    click(bot, channel, nudge, "bant_open_form_0")
    modal = bot.fake.wait_for("views.open")[-1].response["view"]
    assert bot.submit(modal, QUALIFIED_ANSWERS).status == 200
    eventually(lambda: "BANT recorded" in message_text(bot.fake.messages(channel)[-1]))


@SLACK_SIDE_ONLY
def test_a_call_logged_from_yesterdays_nudge_updates_that_nudge_and_todays(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 10jt next:call due:today")
    run_at(bot, at(24, 8, 31))
    run_at(bot, at(25, 8, 31))
    bot.clock.advance(minutes=5)
    channel, _ = nudge_of(bot)
    tuesday, wednesday = bot.fake.messages(channel)
    click(bot, channel, tuesday, "call_open_form_0")
    modal = bot.fake.wait_for("views.open")[-1].response["view"]
    call = {"deal": "D-1", "duration": "5m", "outcome": "connected"}
    assert bot.submit(modal, call).status == 200
    eventually(lambda: all("Call logged" in message_text(m) for m in bot.fake.messages(channel)))
    assert [m["ts"] for m in bot.fake.messages(channel)] == [tuesday["ts"], wednesday["ts"]]


@SLACK_SIDE_ONLY
def test_a_slash_command_elsewhere_also_updates_this_mornings_nudge(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 10jt next:call due:today")
    run_at(bot, at(24, 8, 31))
    bot.clock.advance(minutes=5)
    channel, _ = nudge_of(bot)
    bot.slash("/deal", "won D-1")
    eventually(lambda: "Marked won" in message_text(bot.fake.messages(channel)[-1]))


@SLACK_SIDE_ONLY
def test_forged_nudge_clicks_change_nothing(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 10jt next:call due:today")
    bot.slash("/deal", "add Rahasia 10jt next:call due:today", user=SARI)
    run_at(bot, at(24, 8, 31))
    channel, nudge = nudge_of(bot)
    before = bot.counts()
    # Budi picks a "move" option naming Sari's deal and a stage that does not exist.

    def to_saris_deal(action: dict[str, Any]) -> None:
        action["selected_option"]["value"] = '{"r":"D-2","s":"nowhere"}'

    prospect = option_value(nudge, "nudge_move_0", "prospect")
    click(bot, channel, nudge, "nudge_move_0", prospect, tag="forged", forge=to_saris_deal)
    eventually(lambda: len(bot.fake.response_url_calls("forged")) == 1)
    replies = bot.fake.response_url_calls("forged")
    assert replies[0].args["response_type"] == "ephemeral"
    assert bot.counts() == before
    assert bot.existing_deal(2).stage == "lead"
    # Andi clicks a button on Budi's nudge: Budi's message is never redrawn for him.
    click(bot, channel, nudge, "nudge_lost_0", user=ANDI, tag="andi")
    eventually(lambda: len(bot.fake.response_url_calls("andi")) == 1)
    assert bot.fake.calls_to("chat.update") == []
    assert bot.existing_deal(1).status == "open" and bot.counts() == before


# --- the team channel: standup and digest --------------------------------------------------------


def test_standup_posts_each_reps_plan_and_yesterdays_activity(bot: Bot) -> None:
    two_reps_with_work(bot)
    bot.slash("/call", "acme 20m connected")
    make_team(bot, "Jakarta", [BUDI, SARI])
    assert run_at(bot, at(24, 8, 59)).sent == 2  # the nudges only
    assert run_at(bot, at(24, 9, 1)).sent == 1
    standup = bot.fake.messages(TEAM_CHANNEL)
    assert len(standup) == 1
    text = message_text(standup[0])
    assert f"<@{BUDI}>" in text and f"<@{SARI}>" in text
    assert "Acme" in text and "Toko Maju" in text
    assert "thread" in text.lower()
    assert run_at(bot, at(24, 9, 30)).sent == 0


def test_weekly_digest_posts_a_summary_with_chart_and_details_in_the_thread(bot: Bot) -> None:
    two_reps_with_work(bot)
    bot.slash("/deal", "won D-1")
    make_team(bot, "Jakarta", [BUDI, SARI])
    assert run_at(bot, at(30, 8, 1)).sent == 1  # Monday 08:00: last week's digest, alone
    posts = bot.fake.messages(TEAM_CHANNEL)
    summary = posts[0]
    assert "thread_ts" not in summary
    assert "Jakarta" in message_text(summary)
    thread = [m for m in posts[1:] if m.get("thread_ts") == summary["ts"]]
    assert thread, "the details go in the thread"
    completed = bot.fake.calls_to("files.completeUploadExternal")
    assert len(completed) == 1
    assert completed[0].args["channel_id"] == TEAM_CHANNEL
    assert completed[0].args["thread_ts"] == summary["ts"]
    chart = next(iter(bot.fake.files.values())).data
    assert chart is not None and chart[:8] == b"\x89PNG\r\n\x1a\n"
    digest = next(r for r in deliveries(bot) if r.job == "digest")
    assert digest.status == "sent" and digest.period == "2026-W49"
    run_at(bot, at(30, 9, 30))  # the nudges and the standup; never the digest again
    assert len([r for r in deliveries(bot) if r.job == "digest"]) == 1
    assert len(bot.fake.calls_to("files.completeUploadExternal")) == 1


@SLACK_SIDE_ONLY
def test_a_digest_interrupted_after_its_summary_resumes_without_reposting_it(bot: Bot) -> None:
    two_reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI])
    # The chart upload meets more 500s than the client retries: the summary is already out.
    bot.fake.server_error("files.completeUploadExternal", status=500, times=3)
    report = run_at(bot, at(30, 8, 1))
    assert report.retrying == 1
    assert len(bot.fake.messages(TEAM_CHANNEL)) == 1
    assert run_at(bot, at(30, 8, 20)).sent == 1  # the retry, after its backoff
    posts = bot.fake.messages(TEAM_CHANNEL)
    summaries = [m for m in posts if "thread_ts" not in m]
    assert len(summaries) == 1
    assert [m for m in posts if m.get("thread_ts") == summaries[0]["ts"]]
    assert len(bot.fake.calls_to("files.completeUploadExternal")) == 4


@SLACK_SIDE_ONLY
def test_on_the_real_clock_the_morning_comes_by_itself(bot: Bot) -> None:
    two_reps_with_work(bot)
    settings = Settings(
        _env_file=None, slack_bot_token="xoxb-test-token", slack_api_url=bot.fake.api_url
    )
    with time_machine.travel(at(24, 8, 29), tick=True):
        assert deliverer_for(settings, bot.engine).run_due().sent == 0
    with time_machine.travel(at(24, 8, 31), tick=True):
        assert deliverer_for(settings, bot.engine).run_due().sent == 2


# --- the scheduler -------------------------------------------------------------------------------


@SLACK_SIDE_ONLY
def test_the_scheduler_ticks_on_its_own_and_posts(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_reps_with_work(bot)
    bot.clock.now = at(24, 8, 31)
    ticking = deliverer(bot)
    runs: list[RunReport] = []
    run_due = ticking.run_due

    def counted() -> RunReport:
        report = run_due()
        runs.append(report)
        return report

    monkeypatch.setattr(ticking, "run_due", counted)
    scheduler = start_scheduler(ticking, tick=timedelta(seconds=0.2))
    try:
        eventually(lambda: len(runs) >= 3)  # it ticks by itself, again and again
    finally:
        scheduler.shutdown(wait=True)
    assert [report.sent for report in runs[:3]] == [2, 0, 0]  # later ticks post nothing more
    assert len(bot.fake.calls_to("chat.postMessage")) == 2


@SLACK_SIDE_ONLY
def test_the_scheduler_builds_the_days_report_yardsticks_when_it_starts(bot: Bot) -> None:
    two_reps_with_work(bot)
    bot.clock.now = at(24, 8, 31)
    scheduler = start_scheduler(deliverer(bot), tick=timedelta(seconds=0.2))

    def kept_days() -> list[date]:
        with Session(bot.engine) as session:
            return list(session.exec(select(col(Yardstick.as_of))))

    try:
        eventually(lambda: bool(kept_days()))  # the upkeep runs at start, beside the posts
    finally:
        scheduler.shutdown(wait=True)
    assert kept_days() == [bot.clock.now.astimezone(JAKARTA).date()]
