"""Deal alerts in a team's channel: set per team from Slack, earned by a deal change, posted once
by the scheduler through the outbox, and batched when more than three come in an hour.

Everything goes through the real app (signed slash commands), the real deliverer and the fake
Slack, on the test's clock (Monday 23 Nov 2026, 09:00 in Jakarta). The outbox's claims run on
both databases.
"""

from __future__ import annotations

import random
import threading
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from commands.deal_alerts import alert_key, alert_of, closing_stage
from commands.pipelines import pipeline_for
from commands.posts.alerts import BATCH_AFTER
from commands.posts.schedule import team_target
from storage.models import AuditEntry, Delivery, Team
from tests.harness import ANDI, BUDI, RINA, SARI, Bot, button_values, message_text
from tests.test_scheduled_posts import JAKARTA, at, deliverer

SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
CHANNEL = "C0JAKARTA1"
WATI = "U0WATI0001"  # an Indonesian-speaking admin
SETTING = "team Jakarta alerts won:100jt closeable:250jt lost:100jt"


def jakarta(bot: Bot, *, alerts: str | None = SETTING) -> None:
    """Budi and Sari's team, managed by Rina, posting to #jakarta; its alerts as Rina set them."""
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,), channel=CHANNEL)
    # Its standup and digest late on a Sunday: the channel shows the alerts alone.
    ok(bot, "/sales", 'team Jakarta schedule standup:23:00 digest:"sun 23:00"', user=ANDI)
    if alerts:
        assert "saved" in bot.slash("/sales", alerts, user=RINA).ack.text


def tick(bot: Bot, moment: datetime | None = None) -> None:
    """One look at the outbox, as the scheduler takes every 30 seconds."""
    if moment is not None:
        bot.clock.now = moment
    deliverer(bot).run_due()


def alert_messages(bot: Bot) -> list[dict[str, Any]]:
    """The alert posts in the team channel, oldest first (its standup and digest left out)."""
    return [
        message
        for message in bot.fake.messages(CHANNEL)
        if "eal alert" in message_text(message)  # "Deal alert for …", "3 deal alerts for …"
    ]


def posts(bot: Bot) -> list[str]:
    """The text of each alert post in the team channel, oldest first."""
    return [message_text(message) for message in alert_messages(bot)]


def alert_rows(bot: Bot) -> list[Delivery]:
    with Session(bot.engine) as session:
        query = select(Delivery).where(Delivery.job == "alert").order_by(col(Delivery.id))
        return list(session.exec(query))


def stored_alerts(bot: Bot) -> dict[str, Any] | None:
    with Session(bot.engine) as session:
        team = session.exec(select(Team)).one()
        return team.alerts


def ok(bot: Bot, command: str, text: str, user: str = BUDI) -> str:
    answer = bot.slash(command, text, user=user).ack
    assert answer.status == 200, answer.body
    return answer.text


# --- setting them --------------------------------------------------------------------------------


@SLACK_SIDE_ONLY
def test_a_manager_sets_the_teams_alerts_and_its_card_shows_them(bot: Bot) -> None:
    jakarta(bot, alerts=None)
    assert "Deal alerts*\noff" in ok(bot, "/sales", "team Jakarta", user=RINA)

    saved = ok(bot, "/sales", SETTING, user=RINA)

    assert f"Deal alerts of *Jakarta* saved: <#{CHANNEL}> hears of each deal" in saved
    card = ok(bot, "/sales", "team show Jakarta")  # anyone may read them
    assert "won ≥ IDR 100,000,000 · to Closeable ≥ IDR 250,000,000 · lost ≥ IDR 100,000,000" in card
    # An admin drops one threshold and keeps the rest; `alerts` alone shows the card.
    ok(bot, "/sales", "team Jakarta alerts won:off", user=ANDI)
    assert "Deal alerts*\nto Closeable ≥ IDR 250,000,000 · lost ≥" in ok(
        bot, "/sales", "team Jakarta alerts"
    )
    assert ok(bot, "/sales", "team Jakarta alerts off", user=RINA).startswith(
        "Deal alerts of *Jakarta* are off."
    )
    assert stored_alerts(bot) is None
    with Session(bot.engine) as session:
        actions = session.exec(select(AuditEntry.action)).all()
    assert actions.count("team.alerts") == 3


@SLACK_SIDE_ONLY
def test_indonesian_words_set_them_for_an_indonesian_admin(bot: Bot) -> None:
    bot.know(WATI, locale="id-ID", name="Wati", admin=True)
    bot.team("Bandung", reps=(SARI,))  # no channel yet

    asked = bot.slash("/sales", "team Bandung peringatan menang:150jt closing:2,5M", user=WATI)
    assert stored_alerts(bot) is None  # 2,5M: juta or miliar? Asked first, nothing saved yet
    miliar = next(b for b in button_values(asked.ack.json) if b["text"] == "2,5 miliar")
    bot.click(miliar, user=WATI, response_url=asked.response_url)

    saved = message_text(asked.replies(1)[0])
    assert "Peringatan deal *Bandung* disimpan, tetapi tim ini belum punya kanal" in saved
    assert "/sales team Jakarta kanal #sales-jakarta" in saved
    assert "menang ≥ Rp 150.000.000 · ke Siap closing ≥ Rp 2.500.000.000" in saved
    off = ok(bot, "/sales", "team Bandung peringatan mati", user=WATI)
    assert "Peringatan deal *Bandung* dimatikan." in off and "Peringatan deal*\nmati" in off


@SLACK_SIDE_ONLY
def test_a_rep_may_not_set_them_and_bad_settings_change_nothing(bot: Bot) -> None:
    jakarta(bot)
    before = stored_alerts(bot)

    refused = ok(bot, "/sales", "team Jakarta alerts won:1jt", user=BUDI)
    assert "Deal alerts of *Jakarta* are set by its managers (<@U0RINA0001>)" in refused
    assert "Nothing was changed." in refused
    assert "is not an alert setting" in ok(bot, "/sales", "team Jakarta alerts big:5jt", user=RINA)
    assert "is not an alert setting" in ok(bot, "/sales", "team Jakarta alerts 5jt", user=RINA)
    assert "couldn't read “lots” as an amount" in ok(
        bot, "/sales", "team Jakarta alerts lost:50jt won:lots", user=RINA
    )
    assert stored_alerts(bot) == before


# --- posting them --------------------------------------------------------------------------------


def test_a_big_win_is_posted_once_in_the_team_channel(bot: Bot) -> None:
    jakarta(bot)
    ok(bot, "/deal", "add Acme 150jt")
    ok(bot, "/deal", "add Warung Kecil 5jt")
    ok(bot, "/deal", "won acme")
    ok(bot, "/deal", "won warung")  # under the threshold: no alert
    assert posts(bot) == []  # queued with the change; the scheduler posts it

    tick(bot, at(23, 9, 1))

    (posted,) = posts(bot)
    assert f"<@{BUDI}> won *D-1* Acme · IDR 150,000,000" in posted
    assert "Deal alert for team *Jakarta*" in posted
    tick(bot, at(23, 9, 2))
    # Undone and won again: still the one alert.
    assert "open again" in ok(bot, "/sales", "undo")
    ok(bot, "/deal", "won acme")
    tick(bot, at(23, 9, 3))
    assert len(posts(bot)) == 1
    assert [(row.period, row.status) for row in alert_rows(bot)] == [("won:1", "sent")]


def test_a_win_undone_before_the_next_tick_is_not_posted_until_won_again(bot: Bot) -> None:
    jakarta(bot)
    ok(bot, "/deal", "add Acme 150jt")
    ok(bot, "/deal", "won acme")
    ok(bot, "/sales", "undo")  # a slip of the finger, taken back at once

    tick(bot, at(23, 9, 1))
    assert posts(bot) == []
    assert [(row.status, row.error) for row in alert_rows(bot)] == [("skipped", "no_longer_earned")]
    ok(bot, "/deal", "won acme 160jt")
    tick(bot, at(23, 9, 2))
    (posted,) = posts(bot)
    assert "won *D-1* Acme · IDR 160,000,000" in posted


@SLACK_SIDE_ONLY
def test_a_deal_reaching_the_closing_stage_and_a_big_loss_are_posted(bot: Bot) -> None:
    jakarta(bot)
    ok(bot, "/deal", "add Gedung Baru 300jt")
    ok(bot, "/deal", "add Pabrik 120jt", user=SARI)
    ok(bot, "/deal", "move gedung potential")  # not the closing stage
    ok(bot, "/deal", "move gedung closeable")
    ok(bot, "/deal", "lost pabrik reason:harga", user=SARI)

    tick(bot, at(23, 9, 1))

    moved, lost = posts(bot)
    assert f"<@{BUDI}> moved *D-1* Gedung Baru to Closeable · IDR 300,000,000" in moved
    assert f"<@{SARI}> lost *D-2* Pabrik · IDR 120,000,000 — reason: harga" in lost


@SLACK_SIDE_ONLY
def test_a_team_without_alerts_or_a_channel_gets_none(bot: Bot) -> None:
    jakarta(bot, alerts=None)
    ok(bot, "/deal", "add Acme 500jt")
    ok(bot, "/deal", "won acme")
    tick(bot, at(23, 9, 1))
    assert posts(bot) == [] and alert_rows(bot) == []


def test_more_than_three_alerts_in_an_hour_become_one_batched_post(bot: Bot) -> None:
    jakarta(bot)
    for n in range(1, 6):
        ok(bot, "/deal", f"add Proyek {n} {100 + n}jt")
    for minute, n in ((1, 1), (2, 2), (3, 3)):
        ok(bot, "/deal", f"won D-{n}")
        tick(bot, at(23, 9, minute))
    assert len(posts(bot)) == BATCH_AFTER  # the first three, one post each

    ok(bot, "/deal", "won D-4")
    ok(bot, "/deal", "won D-5")
    tick(bot, at(23, 9, 30))
    tick(bot, at(23, 10, 0) + timedelta(seconds=30))  # the hour of the first post is not over yet
    assert len(posts(bot)) == BATCH_AFTER
    tick(
        bot, at(23, 10, 1) + timedelta(seconds=30)
    )  # the first post is an hour old: the two wait no longer

    *_, batch = posts(bot)
    assert len(posts(bot)) == BATCH_AFTER + 1
    assert "2 deal alerts for team Jakarta" in batch
    assert "won *D-4* Proyek 4" in batch and "won *D-5* Proyek 5" in batch
    assert "More than 3 alerts in an hour come together in one post." in batch
    rows = alert_rows(bot)
    assert [row.status for row in rows] == ["sent"] * 5
    assert rows[3].message_ts == rows[4].message_ts  # one message for both


def test_a_burst_of_alerts_is_one_post_at_once(bot: Bot) -> None:
    jakarta(bot)
    for n in range(1, 7):
        ok(bot, "/deal", f"add Proyek {n} {100 + n}jt")
        ok(bot, "/deal", f"won D-{n}")

    tick(bot, at(23, 9, 1))

    (batch,) = posts(bot)
    assert "6 deal alerts for team Jakarta" in batch
    assert all(f"*D-{n}* Proyek {n}" in batch for n in range(1, 7))


def test_two_schedulers_post_each_alert_once(bot: Bot) -> None:
    jakarta(bot)
    ok(bot, "/deal", "add Acme 150jt")
    ok(bot, "/deal", "won acme")
    bot.clock.now = at(23, 9, 1)
    replicas = [deliverer(bot, owner="replica-a"), deliverer(bot, owner="replica-b")]
    start = threading.Barrier(2)

    def run(index: int) -> None:
        start.wait()
        replicas[index].run_due()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(posts(bot)) == 1


@SLACK_SIDE_ONLY
def test_a_month_of_wins_posts_each_alert_once_and_never_more_than_three_an_hour(
    bot: Bot,
) -> None:
    """Twenty work days of a busy team: up to ten wins between 9 and 11 at random minutes,
    about two in three over the threshold, and the scheduler looking every ten minutes."""
    jakarta(bot)
    rng = random.Random(20261124)
    big_wins: list[str] = []
    number = 0
    days = [date(2026, 11, 24) + timedelta(days=n) for n in range(28)]
    for day in [d for d in days if d.weekday() < 5][:20]:
        midnight = datetime.combine(day, time(0), tzinfo=JAKARTA)
        wins = sorted(rng.sample(range(9 * 60, 11 * 60), rng.randint(0, 10)))  # busy mornings
        for minute in range(9 * 60, 13 * 60, 10):  # till the morning's last alert is out
            while wins and wins[0] < minute:
                number += 1
                rep = (BUDI, SARI)[number % 2]
                value = rng.choice((50, 120, 300))
                bot.clock.now = (midnight + timedelta(minutes=wins.pop(0))).astimezone(UTC)
                ok(bot, "/deal", f"add Proyek {number} {value}jt", user=rep)
                ok(bot, "/deal", f"won D-{number}", user=rep)
                if value >= 100:
                    big_wins.append(f"*D-{number}* Proyek {number} ")
            tick(bot, (midnight + timedelta(minutes=minute)).astimezone(UTC))

    texts = posts(bot)
    assert len(big_wins) > 30
    for deal in big_wins:  # each big win in exactly one post
        assert sum(deal in text for text in texts) == 1, deal
    assert sum("deal alerts for team Jakarta" in text for text in texts) > 0  # some batched
    rows = alert_rows(bot)
    assert len(rows) == len(big_wins) and {row.status for row in rows} == {"sent"}
    posted_at = sorted({(row.sent_at, row.message_ts) for row in rows if row.sent_at})
    assert len(posted_at) == len(texts)
    for start, _ in posted_at:  # never more than three posts in any hour
        assert sum(start <= at < start + timedelta(hours=1) for at, _ in posted_at) <= 3


def test_an_alerts_target_is_its_teams_and_its_period_names_event_and_deal() -> None:
    # The App Home names a failed alert's team from its target, as it does a standup's.
    key = alert_key(1, 7, "closeable", 9_999_999_999)
    assert key.target == team_target(7)
    assert len(key.period) <= 16 and alert_of(key.period) == ("closeable", 9_999_999_999)
    assert alert_of("2026-11-24") is None


@pytest.mark.parametrize(
    ("preset", "stage"),
    [("funnel4", "closeable"), ("seven-step", "closing"), ("nine-stage", "closing")],
)
def test_the_closing_stage_is_the_one_named_for_closing(preset: str, stage: str) -> None:
    assert closing_stage(pipeline_for(preset)) == stage
    assert closing_stage(pipeline_for(preset, ["Discovery", "Demo", "Proposal"])) == "Proposal"
