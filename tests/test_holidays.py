"""A bot that keeps quiet on days off: public holidays (Indonesia's cuti bersama included) and
the company's own days, through ``/sales holidays``, the scheduler and ``corong jobs``.

The harness clock starts on Monday 23 Nov 2026 in Jakarta; Thursday 24 Dec 2026 is a joint
leave day (cuti bersama) and Friday 25 Dec is Christmas, both Indonesian days off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import Session, select

from storage.models import CompanyDay, Workspace
from tests.harness import ANDI, BUDI, SARI, Bot, message_text
from tests.terminal import Ran
from tests.test_jobs_cli import TEAM_CHANNEL, make_team
from tests.test_scheduled_posts import deliverer, dms

JAKARTA = ZoneInfo("Asia/Jakarta")
Jobs = Callable[..., Ran]


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Jobs:
    return lambda *args: corong_cli("jobs", *args)


def dec(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in December 2026, Jakarta time, as aware UTC."""
    return datetime(2026, 12, day, hour, minute, tzinfo=JAKARTA).astimezone(UTC)


def _company_days(bot: Bot) -> list[tuple[date, str, bool]]:
    with Session(bot.engine) as session:
        return [(r.day, r.name, r.works) for r in session.exec(select(CompanyDay))]


def _reps_with_work(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:2026-12-31")
    bot.slash("/deal", "add Toko Maju 20jt next:telepon due:2026-12-31", user=SARI)


def test_holidays_lists_public_holidays_and_cuti_bersama_in_the_readers_language(
    bot: Bot,
) -> None:
    english = bot.slash("/sales", "holidays").ack.text
    assert "Indonesia (ID)" in english
    assert "Thu, Dec 24, 2026* — Christmas Joint Holiday · public holiday" in english
    assert "Fri, Dec 25, 2026* — Christmas Day · public holiday" in english
    indonesian = bot.slash("/sales", "libur", user=SARI).ack.text
    assert "Kam, 24 Des 2026* — Cuti Bersama Hari Raya Natal · libur nasional" in indonesian
    assert "Christmas" not in indonesian


def test_admins_set_company_days_off_and_a_rep_changes_nothing(bot: Bot) -> None:
    refused = bot.slash("/sales", 'holidays add 2026-12-01 "Offsite"')  # Budi is a rep
    assert "admin" in refused.ack.text.lower() and _company_days(bot) == []

    added = bot.slash("/sales", 'holidays add 2026-12-01 "Offsite Bogor"', user=ANDI)
    assert "Tue, Dec 1, 2026 is now a company day off (Offsite Bogor)" in added.ack.text
    assert "Tue, Dec 1, 2026* — Offsite Bogor · company day off" in added.ack.text

    worked = bot.slash("/sales", "holidays remove 2026-12-24", user=ANDI).ack.text
    assert "The company works on Thu, Dec 24, 2026 (Christmas Joint Holiday)" in worked
    assert "Public holidays the company works:" in worked
    removed = bot.slash("/sales", "holidays remove 2026-12-01", user=ANDI).ack.text
    assert "no longer a company day off (Offsite Bogor)" in removed
    assert _company_days(bot) == [(date(2026, 12, 24), "Christmas Joint Holiday", True)]

    for text, says in (
        ("holidays add 2026-11-20 Kemarin", "has passed"),
        ("holidays remove 2026-12-02", "no day off"),
        ("holidays country XX", "no country code"),
        ("holidays liburan", "add, remove or country"),
    ):
        assert says in bot.slash("/sales", text, user=ANDI).ack.text, text
    assert len(_company_days(bot)) == 1


def test_a_workspace_or_a_team_follows_another_countrys_holidays(bot: Bot) -> None:
    singapore = bot.slash("/sales", "holidays country SG", user=ANDI).ack.text
    assert "public holidays of Singapore (SG)" in singapore
    assert "Christmas Day" in singapore and "Joint Holiday" not in singapore
    with Session(bot.engine) as session:
        assert [w.holiday_country for w in session.exec(select(Workspace))] == ["SG"]
    bot.slash("/sales", f"team add Singapore <@{BUDI}>", user=ANDI)
    said = bot.slash("/sales", "team Singapore holidays MY", user=ANDI).ack.text
    assert "Team Singapore now follows the public holidays of Malaysia (MY)" in said


def test_no_nudge_or_standup_on_a_holiday_and_the_dry_run_says_why(bot: Bot, jobs: Jobs) -> None:
    _reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI, SARI])

    nudges = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-12-24T08:31+07:00")
    assert nudges.status == 0, nudges.err
    assert nudges.out.splitlines() == [
        f"=== nudge to {BUDI} for 2026-12-24: skipped, holiday: Christmas Joint Holiday ===",
        f"=== nudge to {SARI} for 2026-12-24: skipped, holiday: Christmas Joint Holiday ===",
    ]
    standup = jobs("run", "standup", "--dry-run", "--at", "2026-12-25T09:01+07:00")
    assert standup.out.startswith("=== standup to team:1 for 2026-12-25: skipped, holiday: Christ")

    bot.clock.now = dec(24, 9, 30)
    assert deliverer(bot).run_due().sent == 0  # nudges and standup: nothing on the day off
    assert dms(bot) == {} and bot.fake.messages(TEAM_CHANNEL) == []
    bot.clock.now = dec(28, 9, 30)  # Monday after: work as usual (and Monday's digest)
    assert deliverer(bot).run_due().sent == 4
    assert set(dms(bot)) == {BUDI, SARI}

    with time_machine.travel(dec(23, 18, 0), tick=False):  # the terminal reads the real clock
        listed = jobs("list").out
    assert "skipped: holiday: Christmas Joint Holiday" in listed
    assert "nudge    2 reps" in listed


def test_a_company_day_off_skips_the_morning_and_a_worked_holiday_does_not(
    bot: Bot, jobs: Jobs
) -> None:
    _reps_with_work(bot)
    bot.slash("/sales", 'holidays add 2026-11-26 "Offsite"', user=ANDI)
    bot.slash("/sales", "holidays remove 2026-12-24", user=ANDI)
    offsite = jobs(
        "run", "daily-nudges", "--dry-run", "--at", "2026-11-26T08:31+07:00", "--rep", "budi"
    )
    assert (
        offsite.out.strip() == f"=== nudge to {BUDI} for 2026-11-26: skipped, day off: Offsite ==="
    )
    worked = jobs(
        "run", "daily-nudges", "--dry-run", "--at", "2026-12-24T08:31+07:00", "--rep", "budi"
    )
    assert "skipped" not in worked.out and "Acme" in worked.out


def test_a_digest_due_on_a_holiday_goes_out_the_next_work_day_and_says_so(bot: Bot) -> None:
    _reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI, SARI], digest_weekday=4, digest_time="16:00")
    bot.clock.now = dec(25, 16, 30)  # Christmas, a Friday: the digest's day
    deliverer(bot).run_due()
    assert bot.fake.messages(TEAM_CHANNEL) == []
    bot.clock.now = dec(28, 9, 30)  # Monday: standup first, the digest waits for 16:00
    deliverer(bot).run_due()
    bot.clock.now = dec(28, 16, 30)
    deliverer(bot).run_due()
    [digest] = [
        message_text(m)
        for m in bot.fake.messages(TEAM_CHANNEL)
        if "Due on" in message_text(m) and not m.get("thread_ts")
    ]
    # It covers the week it was due for, Monday 21 to Sunday 27 December, and says it moved.
    assert "Week of 21 Dec 2026" in digest
    assert "Due on Fri, Dec 25, 2026, a day off (Christmas Day): posted on the next work day" in (
        digest
    )
