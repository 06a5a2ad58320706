"""The "days" rules count work days: a long weekend or the Lebaran week does not make every
deal stale, overdue by a week or stuck on the way back.

Lebaran 2026 in Indonesia: Wednesday 18 March (cuti bersama Nyepi) to Tuesday 24 March are
days off, so Monday 16 to Wednesday 25 March holds only two work days after the Monday.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from commands.calendar.workdays import WorkCalendar, weekdays_only
from commands.reports.metrics import stuck_cutoffs
from commands.reports.yardsticks import StageTime
from tests.harness import BUDI, Bot, message_text
from tests.terminal import Ran

JAKARTA = ZoneInfo("Asia/Jakarta")
INDONESIA = WorkCalendar(frozenset(range(5)), "ID")


def march(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, 0, tzinfo=JAKARTA).astimezone(UTC)


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Callable[..., Ran]:
    return lambda *args: corong_cli("jobs", *args)


def test_after_lebaran_a_deal_is_neither_stale_nor_a_week_overdue(
    bot: Bot, jobs: Callable[..., Ran]
) -> None:
    bot.clock.now = march(16)
    bot.slash("/deal", "add Acme Corp 50jt next:demo due:today")
    bot.slash("/deal", "add Toko Lama 20jt")
    bot.clock.now = march(25)  # nine calendar days later, two work days

    board = message_text(bot.slash("/pipeline").ack.json)
    assert "2 open deal(s) · 1 with an overdue next step, 0 untouched for 5+ work days" in board
    assert "next step overdue by 2 work days" in board and "stale" not in board

    nudge = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-03-25T08:31+07:00")
    assert "Next step overdue by 2 work days: demo" in nudge.out
    assert "No activity" not in nudge.out  # not stale

    bot.clock.now = march(31)  # four more work days: six since the Monday, stale now
    board = message_text(bot.slash("/pipeline").ack.json)
    assert "2 untouched for 5+ work days" in board


def test_work_day_arithmetic_skips_weekends_and_days_off() -> None:
    assert INDONESIA.work_days_between(date(2026, 3, 16), date(2026, 3, 25)) == 2
    assert INDONESIA.work_days_late(date(2026, 3, 20), date(2026, 3, 23)) == 1  # at least one
    assert INDONESIA.work_days_late(date(2026, 3, 25), date(2026, 3, 25)) == 0
    # Five whole work days back from Wednesday 25 March: 25, 17, 16, 13 and 12 March, so a
    # deal last touched on the 11th is stale on the 25th.
    assert INDONESIA.work_days_ago(march(25), 5, JAKARTA) == march(11)
    # An ordinary week: five work days are seven calendar days, as the old rule had it.
    plain_week = weekdays_only((0, 1, 2, 3, 4))
    assert plain_week.work_days_ago(march(11), 5, JAKARTA) == march(4)


def test_stuck_reaches_past_days_off_and_never_on_a_deals_first_work_day() -> None:
    times = [StageTime("lead", 0.05, 9), StageTime("prospect", 3.0, 9)]
    # A stage usually left within the hour: a deal that entered this morning is not stuck.
    monday_evening = march(30, 17)
    cutoffs = stuck_cutoffs(times, monday_evening, INDONESIA, JAKARTA)
    assert cutoffs["lead"] == monday_evening - timedelta(days=1)
    assert march(30, 8) > cutoffs["lead"]
    # Twice a 3-day median is 6 days; the five days off in that reach push it back five days.
    after_lebaran = stuck_cutoffs(times, march(25, 17), INDONESIA, JAKARTA)
    assert after_lebaran["prospect"] == march(25, 17) - timedelta(days=6 + 5)
    # Without days off the rule is the old one: twice the median.
    plain = stuck_cutoffs(times, march(11, 17), weekdays_only((0, 1, 2, 3, 4)), JAKARTA)
    assert plain["prospect"] == march(11, 17) - timedelta(days=6)


def test_a_rep_sees_work_days_in_indonesian_too(bot: Bot) -> None:
    bot.clock.now = march(16)
    bot.slash("/deal", "add Toko Maju 20jt next:telepon due:today", user="U0SARI0001")
    bot.clock.now = march(25)
    board = message_text(bot.slash("/pipeline", "", user="U0SARI0001").ack.json)
    assert "langkah berikutnya telat 2 hari kerja" in board
    assert BUDI  # the harness's other rep is untouched
