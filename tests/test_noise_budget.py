"""The noise budget: at most one scheduled DM per person per work day (the nudge; alerts,
standups and digests go to the team channel), and a rep who stops acting on their nudges gets a
weekly summary instead, which their team's digest reports (their manager is not pinged).

Through the real app, the real deliverer and the fake Slack, on the test's clock (Monday
23 Nov 2026, 09:00 in Jakarta), on both databases: the count of unanswered nudges is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from commands.posts.prefs import IGNORED_LIMIT
from storage.models import Member
from tests.harness import BUDI, RINA, SARI, Bot, eventually, message_text
from tests.terminal import Ran
from tests.test_holidays import JAKARTA, dec
from tests.test_scheduled_posts import (
    at,
    click,
    dms,
    nudge_of,
    option_value,
    run_at,
    updates,
)

# Slack-side behaviour, on SQLite alone: what it stores is tested on both databases elsewhere,
# and the suite has to stay within five minutes on two cores.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

CHANNEL = "C0JAKARTA1"
Jobs = Callable[..., Ran]


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Jobs:
    return lambda *args: corong_cli("jobs", *args)


def member(bot: Bot, user: str) -> Member:
    with Session(bot.engine) as session:
        return session.exec(select(Member).where(Member.slack_user_id == user)).one()


def channel_posts(bot: Bot) -> list[str]:
    """The text of each top-level post in the team channel."""
    return [message_text(m) for m in bot.fake.messages(CHANNEL) if not m.get("thread_ts")]


def test_a_rep_who_ignores_five_nudges_gets_a_weekly_summary_until_they_act(
    bot: Bot, jobs: Jobs
) -> None:
    bot.team("Jakarta", reps=(BUDI,), managers=(RINA,), channel=CHANNEL)  # digest Mon 08:00
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    bot.slash("/deal", "add Beta 20jt next:call due:today")

    for day in (24, 25, 26, 27):  # Tuesday to Friday: a nudge each morning, none answered
        assert run_at(bot, at(day, 8, 31)).sent == 1
    assert run_at(bot, at(30, 8, 31)).sent == 2  # Monday: the digest and the fifth nudge
    assert not any("Not acting on nudges" in post for post in channel_posts(bot))
    assert len(dms(bot)[BUDI]) == IGNORED_LIMIT == 5

    # Tuesday: his fifth went unanswered too. No daily nudge; the week's summary on Monday.
    assert run_at(bot, dec(1, 8, 31)).sent == 0
    skipped = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-12-02T08:31+07:00")
    assert skipped.out.strip() == (
        f"=== nudge to {BUDI} for 2026-12-02: skipped, weekly on Mondays: not acting on nudges ==="
    )
    assert "Weekly for now: your last 5 nudges went unanswered" in (
        bot.slash("/sales", "me").ack.text
    )
    assert run_at(bot, dec(7, 8, 31)).sent == 2  # the digest and Budi's weekly summary
    digest = next(post for post in channel_posts(bot) if "Week of 30 Nov" in post)
    assert f"Not acting on nudges (a weekly summary instead): <@{BUDI}>" in digest
    summary = message_text(dms(bot)[BUDI][-1])
    assert "*2 deals need you this week* (week of Mon, Dec 7)" in summary
    assert "A weekly summary for now: your last 5 nudges went unanswered." in summary
    assert set(dms(bot)) == {BUDI}  # Rina, his manager, read it in the digest: no ping

    # He acts on the summary (snoozes a deal from it): daily nudges are back the next morning.
    bot.clock.advance(minutes=30)
    channel, nudge = nudge_of(bot)
    click(bot, channel, nudge, "nudge_snooze_1", option_value(nudge, "nudge_snooze_1", '"n":1'))
    eventually(lambda: updates(bot) >= 1)
    redrawn = message_text(bot.fake.messages(channel)[-1])
    assert "Snoozed until" in redrawn and "this week* (week of Mon, Dec 7)" in redrawn
    assert (member(bot, BUDI).nudges_ignored, member(bot, BUDI).nudge_acted) == (0, True)
    assert run_at(bot, dec(8, 8, 31)).sent == 1
    daily = message_text(dms(bot)[BUDI][-1])
    assert "deals need you today* (Tue, Dec 8)" in daily and "weekly" not in daily

    # Any change counts as acting on the nudge, a call logged from anywhere too.
    assert member(bot, BUDI).nudge_acted is False
    bot.slash("/call", "acme 5m connected")
    assert member(bot, BUDI).nudge_acted is True


TICKS = (time(6, 0), time(7, 1), time(8, 31), time(9, 1), time(12, 30), time(16, 30), time(21, 0))


def dec_day(day: int) -> date:
    return date(2026, 12, day)


def jakarta(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=JAKARTA).astimezone(UTC)


@SLACK_SIDE_ONLY
def test_a_month_of_work_brings_each_person_at_most_one_scheduled_dm_a_work_day(bot: Bot) -> None:
    """A month of a team at work: deals added and won every work day (a deal alert each, in
    the channel), standups, digests and nudges; Sari takes a weekly summary and keeps quiet
    hours until 07:00 with her nudge set at 06:30; Rina, the manager, owns a deal and never
    acts on her nudges. Nobody gets more than one scheduled DM on a day, none on a weekend or
    a public holiday, and none during quiet hours."""
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,), channel=CHANNEL)
    assert "saved" in bot.slash("/sales", "team Jakarta alerts won:10jt", user=RINA).ack.text
    for setting in ("pengingat mingguan", "tenang 19:00-07:00", "pengingat 06:30"):
        assert not bot.slash("/sales", f"saya {setting}", user=SARI).ack.text.startswith(":w")
    bot.slash("/deal", "add Rina Sendiri 30jt next:visit due:today", user=RINA)

    received: Counter[tuple[str, date]] = Counter()
    sari_ticks: list[time] = []
    seen = Counter[str]()
    day, number = date(2026, 11, 24), 2  # D-1 is Rina's
    while day <= date(2026, 12, 25):
        for tick in TICKS:
            if tick == time(12, 30) and day.weekday() < 5:  # the day's work, before lunch
                bot.clock.now = jakarta(day, time(11, 0))
                due = (day + timedelta(days=2)).isoformat()
                bot.slash("/deal", f"add Proyek {number} 15jt next:call due:{due}")
                bot.slash("/deal", f"add Toko {number} 12jt next:telepon tenggat:{due}", user=SARI)
                bot.slash("/call", f"D-{number + 1} 5m tersambung", user=SARI)
                if number >= 6:
                    bot.slash("/deal", f"won D-{number - 4}")  # Budi's, 15jt: an alert
                number += 2
            run_at(bot, jakarta(day, tick))
            now = Counter({user: len(messages) for user, messages in dms(bot).items()})
            for user, count in (now - seen).items():
                received[(user, day)] += count
                if user == SARI:
                    sari_ticks.append(tick)
            seen = now
        day += timedelta(days=1)

    assert received and max(received.values()) == 1  # one a day at most, for everyone
    days_off = {date(2026, 12, 24), date(2026, 12, 25)}  # cuti bersama, Christmas
    assert not [key for key in received if key[1].weekday() >= 5 or key[1] in days_off]
    budi = sorted(d for user, d in received if user == BUDI)
    assert len(budi) >= 20  # nearly every work day
    sari = sorted(d for user, d in received if user == SARI)
    # Her weekly summary on Mondays; on Fridays, with no nudge, the forecast call's ask is her
    # day's one DM (Budi's Friday nudge carries it: no second DM for him).
    assert sari and all(d.weekday() in (0, 4) for d in sari)
    assert any(d.weekday() == 4 for d in sari)
    assert all(tick >= time(7, 0) for tick in sari_ticks)  # never in her quiet hours
    rina = sorted(d for user, d in received if user == RINA)
    assert len(rina[:IGNORED_LIMIT]) == 5  # she never acts: five daily nudges, then
    assert rina[IGNORED_LIMIT:] == [dec_day(7), dec_day(14), dec_day(21)]  # Mondays only
    posts = channel_posts(bot)
    assert sum("eal alert" in post for post in posts) >= 10  # deal alerts: the channel's
    assert sum("Weekly digest" in post for post in posts) >= 4
