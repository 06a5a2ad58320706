"""The daily budget of scheduled posts: a fault that would flood Slack stops at it, says so once,
and shows what it held to the admins (App Home) and the operator (``corong jobs status``).

Through the real deliverer, the real app and the fake Slack, on both databases: the count is
taken by sixteen sending threads at once and must stop exactly at the budget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlmodel import Session, col, select

from commands.posts.budget import default_budget
from commands.posts.schedule import due_slots
from storage.db import unit_of_work
from storage.models import Delivery
from storage.outbox import OVER_BUDGET
from tests.harness import ANDI, BUDI, SARI, Bot, message_text
from tests.terminal import Ran
from tests.test_admin_home import open_home
from tests.test_scheduled_posts import JAKARTA, at, deliverer, two_reps_with_work

Jobs = Callable[..., Ran]


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Jobs:
    return lambda *args: corong_cli("jobs", *args)


def statuses(bot: Bot) -> dict[str, int]:
    with Session(bot.engine) as session:
        found: dict[str, int] = {}
        for status, error in session.exec(
            select(Delivery.status, Delivery.error).order_by(col(Delivery.id))
        ):
            name = f"{status}:{error}" if error else status
            found[name] = found.get(name, 0) + 1
        return found


def test_a_fault_that_would_post_500_dms_stops_at_the_budget_and_says_so(
    bot: Bot, jobs: Jobs, caplog: pytest.LogCaptureFixture
) -> None:
    # Ten reps (and so a budget of 50), each with a call due since 1 September.
    reps = [BUDI, SARI, *(f"U0REPB{n:04d}" for n in range(8))]
    bot.clock.now = datetime(2026, 9, 1, 9, 0, tzinfo=JAKARTA).astimezone(UTC)
    for n, rep in enumerate(reps):
        bot.know(rep, name=f"rep{n}")
        assert (
            bot.slash("/deal", f"add Client {n} 10jt next:call due:today", user=rep).ack.status
            == 200
        )
    assert default_budget(len(reps) + 2) == 50  # the ten reps, Andi and Rina
    # The fault: a catch-up window of eleven weeks instead of three hours, so this morning's
    # tick catches up every missed morning's nudge of every rep since September.
    faulty = deliverer(bot)
    faulty.grace = timedelta(weeks=11)
    bot.clock.now = at(24, 8, 31)
    with unit_of_work(bot.engine, read_only=True) as session:
        would_post = len(due_slots(session, now=bot.clock.now, grace=faulty.grace))
    assert would_post >= 500
    caplog.set_level(logging.WARNING, logger="corong.delivery")

    report = faulty.run_due()

    assert report.sent == 50 and len(bot.fake.calls_to("chat.postMessage")) == 50
    assert report.errors == {OVER_BUDGET: would_post - 50}
    assert statuses(bot) == {"sent": 50, f"failed:{OVER_BUDGET}": would_post - 50}
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == [
        "scheduled posts: workspace T0123ABCDE reached its daily budget of 50 posts on "
        "2026-11-24 (Asia/Jakarta); the rest of that day's posts are held, not sent (corong "
        "jobs status lists them; DAILY_POST_BUDGET sets the budget)"
    ]

    # The admins see why on their App Home, and the operator in `corong jobs status`.
    home = message_text(open_home(bot, ANDI))
    assert f"Scheduled posts that need you ({would_post - 50})" in home
    assert "Held: the day's budget of scheduled posts was spent (`daily_budget_reached`)" in home
    assert "can raise DAILY_POST_BUDGET" in home
    with time_machine.travel(bot.clock.now, tick=False):
        status = jobs("status")
    assert status.out.splitlines()[0] == (
        "Today (2026-11-24, Asia/Jakarta): 50 of the daily budget of 50 scheduled posts used; "
        f"{would_post - 50} held over the budget"
    )
    assert f"  nudge    failed   {would_post - 50}" in status.out

    # The next day starts a new budget: its nudges go out as usual.
    bot.clock.now = at(25, 8, 31)
    assert deliverer(bot).run_due().sent == len(reps)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_daily_post_budget_sets_it_and_alerts_count_too(
    bot: Bot, jobs: Jobs, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_reps_with_work(bot)  # Budi's and Sari's nudges are due Tuesday morning
    monkeypatch.setenv("DAILY_POST_BUDGET", "1")

    with time_machine.travel(at(24, 8, 31), tick=True):
        ran = jobs("run", "daily-nudges", "--at", "2026-11-24T08:31+07:00")
        status = jobs("status")

    assert ran.status == 1  # cron hears of the held post
    assert ran.out.startswith("daily-nudges: 1 sent, 0 with nothing to say")
    assert "1 failed (daily_budget_reached x1)" in ran.out
    assert status.out.startswith(
        "Today (2026-11-24, Asia/Jakarta): 1 of the daily budget of 1 scheduled posts used; "
        "1 held over the budget\n"
    )

    # A deal alert the same day is a scheduled post as well.
    bot.team("Jakarta", reps=(BUDI,), managers=(), channel="C0JAKARTA1")
    bot.slash("/sales", "team Jakarta alerts won:10jt", user=ANDI)
    bot.clock.now = at(24, 10, 0)
    bot.slash("/deal", "won acme")
    budgeted = deliverer(bot)
    budgeted.daily_budget = 1
    assert budgeted.run_alerts().errors == {OVER_BUDGET: 1}
    assert bot.fake.messages("C0JAKARTA1") == []
    home = message_text(open_home(bot, ANDI))
    assert "Deal alert in team *Jakarta* (<#C0JAKARTA1>) · Tue, Nov 24, 2026 · Held" in home
