"""Time off: ``/sales away`` (``/sales cuti``) and a Slack status that says away keep a rep's
nudges quiet, show them as away in the standup and the digest, and keep their deals from
turning stale or overdue for the days away; through the real app, ``corong jobs`` and the fake
Slack's ``users.profile.get``.

The harness clock starts on Monday 23 Nov 2026, 09:00 in Jakarta. Budi is away from Wednesday
25 Nov to Tuesday 1 Dec: five work days; Wednesday 2 Dec is his first day back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import Session, col, select

from commands.calendar.workdays import Away, DayOff, WorkCalendar
from commands.reports.metrics import owner_cutoffs
from commands.reports.yardsticks import StageTime
from storage.models import TimeOff
from tests.harness import ANDI, BUDI, RINA, SARI, Bot, message_text
from tests.terminal import Ran
from tests.test_jobs_cli import TEAM_CHANNEL, make_team
from tests.test_scheduled_posts import deliverer, dms

JAKARTA = ZoneInfo("Asia/Jakarta")
Jobs = Callable[..., Ran]


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Jobs:
    return lambda *args: corong_cli("jobs", *args)


def jakarta(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in late 2026, Jakarta time, as aware UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=JAKARTA).astimezone(UTC)


def _time_off(bot: Bot) -> list[tuple[str, date, date, str, str]]:
    """Every time off stored: whose (member id as text), first and last day, source, note."""
    with Session(bot.engine) as session:
        rows = session.exec(select(TimeOff).order_by(col(TimeOff.id)))
        return [(str(r.member_id), r.first_day, r.last_day, r.source, r.note) for r in rows]


def _both_reps_with_work(bot: Bot) -> None:
    """A deal each, created Monday morning, the next step due Tuesday."""
    bot.slash("/deal", "add Acme 50jt next:demo due:2026-11-24")
    bot.slash("/deal", "add Toko Maju 20jt next:telepon due:2026-11-24", user=SARI)


def test_a_rep_sets_shows_and_ends_time_off_in_either_language(bot: Bot) -> None:
    set_ = bot.slash("/sales", 'away 2026-11-25..2026-12-01 "Cuti tahunan"').ack.text
    assert f"<@{BUDI}> is away from Wed, Nov 25, 2026 to Tue, Dec 1, 2026: no nudges" in set_
    assert "Wed, Nov 25, 2026 – Tue, Dec 1, 2026* (Cuti tahunan)" in set_
    shown = bot.slash("/sales", "away").ack.text
    assert shown.startswith("Your time off:") and "Cuti tahunan" in shown

    indonesian = bot.slash("/sales", "cuti besok", user=SARI).ack.text
    assert f"<@{SARI}> cuti dari Sel, 24 Nov 2026 sampai Sel, 24 Nov 2026" in indonesian
    assert "/sales cuti selesai" in indonesian  # the footer, in her words
    cancelled = bot.slash("/sales", "cuti selesai", user=SARI).ack.text
    assert f"Cuti <@{SARI}> dari Sel, 24 Nov 2026 sampai Sel, 24 Nov 2026 dibatalkan" in cancelled
    assert "Tidak ada cuti ke depan." in cancelled

    bot.clock.now = jakarta(11, 27, 10)  # Friday: two days into Budi's time off, he is back
    ended = bot.slash("/sales", "away off").ack.text
    assert "is back: the time off that began Wed, Nov 25, 2026 ended yesterday" in ended
    assert len(_time_off(bot)) == 1
    assert _time_off(bot)[0][1:4] == (date(2026, 11, 25), date(2026, 11, 26), "command")


def test_bad_days_are_refused_with_a_clear_message_and_nothing_stored(bot: Bot) -> None:
    for text, says in (
        ("away 2026-11-20..2026-11-21", "has passed"),
        ("away 2026-12-10..2026-12-01", "comes before"),
        ("away 2026-12-01..2027-04-01", "122 days is more time off than Corong takes at once"),
        ("away 2028-01-05", "more than a year ahead"),
        ("away someday", "is not a day or a range of days"),
        ("away 2026-12-01..", "is not a day or a range of days"),
        (f"away 2026-12-01 <@{SARI}> <@{RINA}>", "one person at a time"),
        ("away off everyone", "name at most one person"),
        ("away 2026-12-01 2026-12-04", "reads as a day: join the first and last day"),
        ("away 2026-12-01 until friday", "reads as a day"),
        ("away off", "has no time off to end"),
    ):
        answer = bot.slash("/sales", text).ack.text
        assert answer.startswith(":warning:") and says in answer, (text, answer)
    said = bot.slash("/sales", "cuti kemarin", user=SARI).ack.text
    assert "sudah lewat: cuti hanya untuk hari ini" in said
    assert _time_off(bot) == []


def test_a_manager_or_an_admin_sets_time_off_for_a_rep_and_nobody_else_does(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    refused = bot.slash("/sales", f"away 2026-12-01 <@{SARI}>").ack.text  # Budi is a rep
    assert "time off is for" in refused and f"<@{RINA}>" in refused
    assert _time_off(bot) == []

    by_manager = bot.slash("/sales", f"away 2026-12-01..2026-12-02 <@{SARI}> Sakit", user=RINA)
    assert f"<@{SARI}> is away from Tue, Dec 1, 2026 to Wed, Dec 2, 2026" in by_manager.ack.text
    by_admin = bot.slash("/sales", f"away <@{BUDI}> 2026-12-07 .. 2026-12-07", user=ANDI).ack.text
    assert f"<@{BUDI}> is away from Mon, Dec 7, 2026" in by_admin

    team = bot.slash("/sales", "away team", user=RINA).ack.text
    assert team.startswith("Time off in the teams you manage")
    assert f"<@{SARI}> *Tue, Dec 1, 2026 – Wed, Dec 2, 2026* (Sakit)" in team
    assert f"<@{BUDI}> *Mon, Dec 7, 2026*" in team
    assert "is for its managers and admins" in bot.slash("/sales", "away team").ack.text
    # A new range replaces the time off it overlaps.
    bot.slash("/sales", f"away 2026-12-02..2026-12-03 <@{SARI}>", user=RINA)
    ended = bot.slash("/sales", f"away off <@{BUDI}>", user=ANDI).ack.text
    assert "Mon, Dec 7, 2026 is cancelled" in ended
    assert [(first, last) for _, first, last, _, _ in _time_off(bot)] == [
        (date(2026, 12, 2), date(2026, 12, 3))
    ]


def test_an_away_rep_gets_no_nudge_and_the_dry_run_says_why(bot: Bot, jobs: Jobs) -> None:
    _both_reps_with_work(bot)
    bot.slash("/sales", 'away 2026-11-25..2026-12-01 "Cuti tahunan"')

    dry = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-11-26T08:31+07:00")
    assert dry.status == 0, dry.err
    lines = dry.out.splitlines()
    assert (
        f"=== nudge to {BUDI} for 2026-11-26: skipped, away until 2026-12-01 (Cuti tahunan) ==="
        in lines
    )
    assert "Toko Maju" in dry.out  # Sari works as usual
    with time_machine.travel(jakarta(11, 25, 18), tick=False):  # the terminal's own clock
        listed = jobs("list").out
    assert "skipped: away until 2026-12-01 (Cuti tahunan)" in listed

    bot.clock.now = jakarta(11, 26, 8, 35)
    deliverer(bot).run_due()
    assert set(dms(bot)) == {SARI}


def test_the_day_back_counts_work_days_without_the_days_away(bot: Bot, jobs: Jobs) -> None:
    _both_reps_with_work(bot)
    bot.slash("/sales", "away 2026-11-25..2026-12-01")
    bot.clock.now = jakarta(12, 2, 10)  # Wednesday, Budi's first day back

    nudge = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-12-02T08:31+07:00")
    budi, sari = nudge.out.split(f"=== nudge to {SARI}")
    assert "Next step overdue by 1 work day: demo" in budi  # Tuesday 24th, then away
    assert "No activity" not in budi  # five work days untouched: not yet
    assert "Langkah berikutnya terlambat 6 hari kerja: telepon" in sari  # Sari reads Indonesian
    assert "Tidak ada aktivitas selama 8 hari" in sari

    board = message_text(bot.slash("/pipeline").ack.json)
    assert "1 with an overdue next step, 0 untouched for 5+ work days" in board
    assert "next step overdue by 1 work day" in board
    everyone = message_text(bot.slash("/pipeline", "all", user=ANDI).ack.json)
    assert "2 open deal(s) · 2 with an overdue next step, 1 untouched for 5+ work days" in (
        everyone
    )
    funnel = message_text(bot.slash("/funnel", "all", user=ANDI).ack.json)
    assert "Stale deals: *1* — D-2 Toko Maju (no activity since" in funnel


def test_the_standup_and_the_digest_say_who_is_away(bot: Bot) -> None:
    _both_reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI, SARI])
    bot.slash("/sales", 'away 2026-11-25..2026-12-01 "Cuti tahunan"')

    bot.clock.now = jakarta(11, 26, 9, 5)
    deliverer(bot).run_due()
    [standup] = [message_text(m) for m in bot.fake.messages(TEAM_CHANNEL)]
    assert f"<@{BUDI}> — :palm_tree: _away until Tue, Dec 1 (Cuti tahunan)_" in standup
    assert f"*<@{SARI}>*" in standup and "telepon" in standup

    bot.clock.now = jakarta(11, 30, 8, 5)  # Monday's digest, of last week
    deliverer(bot).run_due()
    [digest] = [
        message_text(m)
        for m in bot.fake.messages(TEAM_CHANNEL)
        if "Week of" in message_text(m) and not m.get("thread_ts")
    ]
    assert f"*Away*: <@{BUDI}> Wed, Nov 25 – Tue, Dec 1 (Cuti tahunan)" in digest


def test_a_slack_status_marks_a_rep_away_until_it_expires(bot: Bot, jobs: Jobs) -> None:
    _both_reps_with_work(bot)
    friday_night = int(datetime(2026, 12, 4, 23, 59, 59, tzinfo=JAKARTA).timestamp()) + 1
    bot.fake.set_status(SARI, "Vacationing", ":palm_tree:", expiration=friday_night)
    bot.fake.set_status(BUDI, "In a meeting", ":calendar:", expiration=friday_night)

    bot.clock.now = jakarta(12, 2, 8, 31)
    deliverer(bot).run_due()
    read = {call.args["user"] for call in bot.fake.calls_to("users.profile.get")}
    assert read == {BUDI, SARI}
    assert set(dms(bot)) == {BUDI}  # Sari is on vacation: no nudge
    [(_, first, last, source, note)] = _time_off(bot)
    assert (first, last, source, note) == (
        date(2026, 12, 2),
        date(2026, 12, 4),
        "slack_status",
        "Vacationing",
    )
    dry = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-12-03T08:31+07:00", "--rep", SARI)
    assert dry.out.strip() == (
        f"=== nudge to {SARI} for 2026-12-03: skipped, away until 2026-12-04 (Vacationing) ==="
    )
    shown = bot.slash("/sales", "cuti", user=SARI).ack.text
    assert "(Vacationing) · _dari status Slack_" in shown

    # Back early on Thursday: she clears her status, and her nudge comes as usual.
    bot.fake.set_status(SARI)
    bot.clock.now = jakarta(12, 3, 8, 31)
    deliverer(bot).run_due()
    assert len(dms(bot)[SARI]) == 1
    assert [(first, last) for _, first, last, _, _ in _time_off(bot)] == [
        (date(2026, 12, 2), date(2026, 12, 2))
    ]
    assert len(bot.fake.calls_to("users.profile.get")) == 4  # once a rep each morning


def test_a_status_that_cannot_be_read_never_holds_back_the_nudge(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:2026-11-24")
    tomorrow = int(datetime(2026, 12, 3, tzinfo=JAKARTA).timestamp())
    bot.fake.set_status(BUDI, "OOO", ":airplane:", expiration=tomorrow)
    bot.fake.fail("users.profile.get", "missing_scope")  # installed before the scope was asked

    bot.clock.now = jakarta(12, 2, 8, 31)
    deliverer(bot).run_due()
    assert set(dms(bot)) == {BUDI}
    assert _time_off(bot) == []


def test_time_off_is_a_days_off_for_its_owners_stale_and_stuck_rules_only() -> None:
    indonesia = WorkCalendar(frozenset(range(5)), "ID")
    week_away = (Away(date(2026, 11, 25), date(2026, 12, 1), "Cuti"),)
    long_ago = (Away(date(2026, 6, 1), date(2026, 6, 5)),)
    now = jakarta(12, 2, 17)  # Wednesday, the first day back
    owners = owner_cutoffs(
        {7: week_away, 8: long_ago},
        now=now,
        tz=JAKARTA,
        calendar=indonesia,
        stale_days=5,
        times=[StageTime("prospect", 3.0, 9)],
    )
    # Five work days back are 2 Dec, 24, 23, 20 and 19 Nov, over the five days away: a deal
    # last touched on 18 Nov is stale, not one left on 25 Nov (everyone else's cutoff).
    assert owners.idle_since == {7: now - timedelta(days=14)}
    # Twice a 3-day median is 6 days, pushed back by the five days away.
    assert owners.entered_before == {7: {"prospect": now - timedelta(days=6 + 5)}}
    assert indonesia.with_away(week_away).day_off(date(2026, 11, 30)) == DayOff(
        "away", "Cuti", until=date(2026, 12, 1)
    )
    assert indonesia.day_off(date(2026, 11, 30)) is None  # everyone else works
