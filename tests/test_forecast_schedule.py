"""The forecast call's schedule: the ask on the team's forecast day (Friday 14:00 in Jakarta by
default), in the day's nudge or as the day's one DM; the reminder at the due time, once, in the
thread of whatever asked; no ask on a day off, to a rep away or to a rep who already forecast
this week; results kept once when a period ends; and ``/sales team … forecast`` in English and
Indonesian.

Through the real app, the real deliverer and the fake Slack, on the test's clock (Monday
23 Nov 2026, 09:00 in Jakarta). Forecasts are stored as the forecast modal stores them
(``storage.forecasts.add_forecast``); the modal itself is tests/test_forecasts.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from sqlmodel import Session, col, select

from bot import ids
from bot.posts.upkeep import Upkeep
from storage import forecasts, queries
from storage.db import unit_of_work
from storage.models import Delivery, ForecastResult, Team
from tests.harness import (
    ANDI,
    BUDI,
    RINA,
    SARI,
    TEAM,
    Bot,
    accessory_buttons,
    eventually,
    message_text,
)
from tests.terminal import Ran
from tests.test_holidays import dec
from tests.test_scheduled_posts import at, click, deliverer, deliveries, dms, run_at

Jobs = Callable[..., Ran]
DEWI = "U0DEWI0001"  # an admin whose Slack speaks Indonesian
MILLION = 1_000_000


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Jobs:
    return lambda *args: corong_cli("jobs", *args)


def submit(bot: Bot, user: str, *, first: date, commit: int, best: int, when: datetime) -> None:
    """``user`` submits a monthly forecast, as the forecast modal stores it."""
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        member = queries.find_member(session, workspace_id=workspace.id or 0, slack_user_id=user)
        assert workspace.id is not None and member is not None and member.id is not None
        forecasts.add_forecast(
            session,
            workspace_id=workspace.id,
            member_id=member.id,
            period="month",
            period_start=first,
            commit=commit,
            best_case=best,
            weighted=0,
            currency="IDR",
            note="",
            submitted_at=when,
        )


def top_level(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m for m in messages if not m.get("thread_ts")]


def forecast_rows(bot: Bot) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(job, rep) -> (status, why skipped) of the forecast's deliveries."""
    return {
        (row.job, row.target): (row.status, row.error)
        for row in deliveries(bot)
        if row.job.startswith("forecast")
    }


def ask_button(message: dict[str, Any]) -> dict[str, str]:
    (button,) = [b for b in accessory_buttons(message) if b["action_id"] == ids.FORECAST_OPEN]
    return button


def test_the_ask_rides_the_days_nudge_or_comes_as_the_days_one_dm_then_a_reminder_once(
    bot: Bot,
) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    # Budi's follow-up is due Friday: he gets a nudge that morning. Sari has nothing open.
    bot.slash("/deal", "add Acme 50jt next:demo due:2026-11-27")

    assert run_at(bot, at(27, 8, 31)).sent == 1  # Friday: Budi's nudge, carrying the ask
    (nudge,) = dms(bot)[BUDI]
    assert (
        "*Forecast call today:* your commit and best case for November 2026, by 17:00."
        in message_text(nudge)
    )
    assert ask_button(nudge) == {
        "action_id": "forecast_open",
        "value": "",
        "block_id": ask_button(nudge)["block_id"],
        "text": "Send forecast",
    }
    assert "Acme" in message_text(nudge)  # still the nudge, deals and all

    assert run_at(bot, at(27, 13, 59)).sent == 0
    assert run_at(bot, at(27, 14, 1)).sent == 1  # Sari had no nudge: the ask is her day's DM
    (ask,) = dms(bot)[SARI]
    assert "Saatnya proyeksi" in message_text(ask) and "November 2026" in message_text(ask)
    assert ask_button(ask)["text"] == "Kirim proyeksi"
    assert len(dms(bot)[BUDI]) == 1  # his nudge asked already: nothing more
    assert forecast_rows(bot) == {
        ("forecast", BUDI): ("skipped", "forecast_in_nudge"),
        ("forecast", SARI): ("sent", None),
    }
    assert run_at(bot, at(27, 14, 30)).sent == 0  # once

    submit(
        bot,
        SARI,
        first=date(2026, 11, 1),
        commit=80 * MILLION,
        best=120 * MILLION,
        when=at(27, 15, 0),
    )
    assert run_at(bot, at(27, 16, 59)).sent == 0
    assert run_at(bot, at(27, 17, 1)).sent == 1  # only Budi has not sent his
    budi = dms(bot)[BUDI]
    assert len(top_level(budi)) == 1  # still one DM today: the reminder is in its thread
    reminder = budi[-1]
    assert reminder["thread_ts"] == nudge["ts"]
    assert "Your forecast for November 2026 was due at 17:00" in message_text(reminder)
    assert ask_button(reminder)["action_id"] == ids.FORECAST_OPEN
    assert len(dms(bot)[SARI]) == 1  # she sent hers: no reminder
    assert run_at(bot, at(27, 18, 0)).sent == 0  # reminded once
    assert forecast_rows(bot)[("forecast_remind", SARI)] == ("skipped", "forecast_submitted")
    assert all(len(top_level(m)) == 1 for m in dms(bot).values())


def test_a_reminder_goes_in_the_asks_thread_and_a_redrawn_nudge_keeps_the_ask(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI,))
    run_at(bot, at(27, 14, 1))
    (ask,) = dms(bot)[BUDI]
    assert "Forecast call:" in message_text(ask)
    assert run_at(bot, at(27, 17, 1)).sent == 1
    reminder = dms(bot)[BUDI][-1]
    assert reminder["thread_ts"] == ask["ts"]
    # Its button opens the forecast modal (the modal is tests/test_forecast_call.py's).
    channel = next(
        c.response["channel"]["id"]
        for c in bot.fake.calls_to("conversations.open")
        if c.args.get("users") == BUDI
    )
    click(bot, channel, reminder, ids.FORECAST_OPEN)
    assert bot.fake.wait_for("views.open", count=1)

    # Next Friday he has a nudge; a change he makes redraws it, the ask still in it.
    bot.slash("/deal", "add Beta 20jt next:call due:2026-12-04")
    run_at(bot, dec(4, 8, 31))
    bot.clock.now = dec(4, 9, 0)
    bot.slash("/call", "beta 5m connected")

    def redrawn() -> bool:
        calls = bot.fake.calls_to("chat.update")
        return bool(calls) and "Forecast call today" in message_text(
            {"blocks": calls[-1].args.get("blocks") or []}
        )

    eventually(redrawn)


def test_a_later_nudge_carries_the_ask_even_when_both_are_caught_up_at_once(
    bot: Bot, jobs: Jobs
) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI))
    bot.slash("/deal", "add Acme 50jt next:demo due:2026-11-27")
    assert not bot.slash("/sales", "me nudge 15:00").ack.text.startswith(":w")
    # Budi's nudge comes at 15:00, after the 14:00 ask: the ask waits until just after it.
    dry = jobs("run", "forecast", "--dry-run", "--rep", BUDI, "--at", "2026-11-27T15:02+07:00")
    assert dry.out.startswith(f"=== forecast to {BUDI} for 2026-W48 ===")
    assert run_at(bot, at(27, 14, 1)).sent == 1  # Sari's ask; Budi's waits for his nudge
    assert set(dms(bot)) == {SARI}

    # The bot was down from 14:02 to 15:05: Budi's nudge and his ask come due in one tick.
    assert run_at(bot, at(27, 15, 5)).sent == 1
    (nudge,) = dms(bot)[BUDI]
    assert "Acme" in message_text(nudge) and ask_button(nudge)
    assert forecast_rows(bot)[("forecast", BUDI)] == ("skipped", "forecast_in_nudge")
    assert run_at(bot, at(27, 17, 1)).sent == 2  # both reminded, each in their own thread
    assert all(len(top_level(m)) == 1 for m in dms(bot).values())
    assert dms(bot)[BUDI][-1]["thread_ts"] == nudge["ts"]


def test_no_ask_on_a_holiday_to_a_rep_away_or_to_one_who_forecast_this_week(
    bot: Bot, jobs: Jobs
) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI))

    skipped = jobs("run", "forecast", "--dry-run", "--at", "2026-12-25T14:01+07:00")
    assert skipped.out.splitlines() == [
        f"=== forecast to {BUDI} for 2026-W52: skipped, holiday: Christmas Day ===",
        f"=== forecast to {SARI} for 2026-W52: skipped, holiday: Christmas Day ===",
    ]
    assert run_at(bot, dec(25, 14, 1)).sent == 0  # Christmas Day, a Friday
    assert run_at(bot, dec(25, 17, 1)).sent == 0
    assert dms(bot) == {}

    bot.clock.now = dec(2, 10, 0)
    assert not bot.slash("/sales", "away 2026-12-04", user=SARI).ack.text.startswith(":w")
    assert run_at(bot, dec(4, 14, 1)).sent == 1  # Sari is away on Friday: only Budi
    assert set(dms(bot)) == {BUDI}

    submit(
        bot,
        SARI,
        first=date(2026, 12, 1),
        commit=10 * MILLION,
        best=20 * MILLION,
        when=dec(3, 11, 0),
    )  # last week's: she is asked again this week
    submit(
        bot,
        BUDI,
        first=date(2026, 12, 1),
        commit=30 * MILLION,
        best=40 * MILLION,
        when=dec(9, 11, 0),
    )  # Wednesday: this week's already in
    dry = jobs("run", "forecast", "--dry-run", "--at", "2026-12-11T14:01+07:00")
    assert f"=== forecast to {SARI} for 2026-W50 ===" in dry.out
    assert "Saatnya proyeksi" in dry.out
    assert f"=== forecast to {BUDI} for 2026-W50 ===\n(nothing to post)" in dry.out
    assert run_at(bot, dec(11, 14, 1)).sent == 1
    assert len(dms(bot)[SARI]) == 1 and len(dms(bot)[BUDI]) == 1
    assert forecast_rows(bot)[("forecast", BUDI)] == ("skipped", "forecast_submitted")


def test_jobs_list_shows_the_forecast_call_per_team_zone(bot: Bot, jobs: Jobs) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI))
    with time_machine.travel(at(24, 9, 0), tick=False):  # the terminal reads the real clock
        listed = jobs("list").out
    assert "  forecast 2 reps                   Fri 2026-11-27 14:00 Asia/Jakarta (07:00 UTC)" in (
        listed
    )
    assert "forecast_remind 2 reps                   Fri 2026-11-27 17:00 Asia/Jakarta" in listed


def test_results_are_kept_once_when_the_month_ends(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    bot.clock.now = at(24, 10, 0)
    bot.slash("/deal", "add Acme 40jt")  # D-1, Budi's
    bot.slash("/deal", "add Beta 25jt")  # D-2, Budi's: won in December
    bot.slash("/deal", "add Toko Maju 10jt", user=SARI)  # D-3
    bot.slash("/deal", "add Dollar Deal $5000")  # D-4, Budi's, in USD: not booked in IDR
    bot.clock.now = at(26, 10, 0)
    for deal, user in (("D-1", BUDI), ("D-3", SARI), ("D-4", BUDI)):
        assert not bot.slash("/deal", f"won {deal}", user=user).ack.text.startswith(":w")
    # Budi forecast twice for November (the latest counts) and once after it ended (ignored).
    submit(
        bot,
        BUDI,
        first=date(2026, 11, 1),
        commit=50 * MILLION,
        best=70 * MILLION,
        when=at(20, 14, 5),
    )
    submit(
        bot,
        BUDI,
        first=date(2026, 11, 1),
        commit=45 * MILLION,
        best=60 * MILLION,
        when=at(27, 14, 5),
    )
    submit(bot, BUDI, first=date(2026, 11, 1), commit=1, best=1, when=dec(1, 8, 0))
    bot.clock.now = dec(1, 10, 0)
    bot.slash("/deal", "won D-2")

    assert (
        Upkeep(bot.engine, clock=lambda: at(30, 23, 0)).keep_forecast_results(at(30, 23, 0)) == 0
    )  # November is not over yet (and October had no forecasts)
    first, replica = Upkeep(bot.engine, clock=bot.clock), Upkeep(bot.engine, clock=bot.clock)
    assert first.keep_forecast_results(dec(1, 0, 15)) == 2
    assert first.keep_forecast_results(dec(1, 0, 30)) == 0  # run twice: still one row a rep
    assert replica.keep_forecast_results(dec(1, 0, 30)) == 0  # another replica: nothing more
    first.run()  # the upkeep itself keeps them too, and nothing twice

    with Session(bot.engine) as session:
        rows = session.exec(select(ForecastResult).order_by(col(ForecastResult.member_id))).all()
        members = {
            m.id: m.slack_user_id
            for m in queries.members_of(session, workspace_id=rows[0].workspace_id)
        }
    kept = {
        members[r.member_id]: (
            r.period,
            r.period_start,
            r.period_end,
            r.commit,
            r.best_case,
            r.booked,
            r.currency,
        )
        for r in rows
    }
    # Budi: his last November forecast (45jt, best 60jt) beside 40jt won in November (the
    # 25jt deal won on 1 December and the $5,000 one are not November's rupiah bookings).
    # Sari: no forecast (None), 10jt booked.
    assert kept == {
        BUDI: (
            "month",
            date(2026, 11, 1),
            date(2026, 11, 30),
            45 * MILLION,
            60 * MILLION,
            40 * MILLION,
            "IDR",
        ),
        SARI: ("month", date(2026, 11, 1), date(2026, 11, 30), None, None, 10 * MILLION, "IDR"),
    }


# --- /sales team Jakarta forecast ----------------------------------------------------------------


def team_row(bot: Bot) -> tuple[int, str, str, str]:
    with Session(bot.engine) as session:
        team = session.exec(select(Team).where(Team.name == "Jakarta")).one()
        return team.forecast_weekday, team.forecast_time, team.forecast_due, team.forecast_period


def test_managers_set_the_forecast_call_in_english_and_indonesian(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    assert team_row(bot) == (4, "14:00", "17:00", "month")  # the defaults

    set_ = bot.slash("/sales", "team Jakarta forecast thursday 15:30", user=RINA).ack.text
    assert "Forecast call of *Jakarta* saved: each rep is asked Thursday at 15:30" in set_
    assert "reminded at 17:00 (Asia/Jakarta)" in set_
    assert "Thursday 15:30, reminder 17:00 · per month" in set_  # the team's card
    assert team_row(bot) == (3, "15:30", "17:00", "month")
    bot.slash("/sales", "team Jakarta forecast due 18:00", user=RINA)
    bot.slash("/sales", "team Jakarta forecast quarter", user=RINA)
    assert team_row(bot) == (3, "15:30", "18:00", "quarter")
    listing = bot.slash("/sales", "team").ack.text
    assert "Forecast call" in listing and "Thursday 15:30, reminder 18:00 · per quarter" in listing

    bot.know(DEWI, locale="id-ID", admin=True)
    saved = bot.slash("/sales", "team Jakarta proyeksi jumat 14.00 tenggat 16:00 bulan", user=DEWI)
    assert "Proyeksi *Jakarta* disimpan: tiap rep ditanya hari Jumat pukul 14:00" in (
        saved.ack.text
    )
    assert "Jumat 14:00, pengingat 16:00 · per bulan" in saved.ack.text
    assert team_row(bot) == (4, "14:00", "16:00", "month")
    bot.slash("/sales", "team Jakarta proyeksi kuartal", user=DEWI)
    assert team_row(bot)[3] == "quarter"
    bot.slash("/sales", "team Jakarta forecast fri@14:00 due 17:00 month", user=ANDI)
    assert team_row(bot) == (4, "14:00", "17:00", "month")


@pytest.mark.parametrize(
    ("typed", "user", "says"),
    [
        ("forecast friday 14:00", SARI, "Proyeksi *Jakarta* diatur oleh manajernya"),  # a rep
        ("forecast friday 14:00", BUDI, "set by its managers"),
        ("forecast saturday 14:00", RINA, "Saturday is not a work day here"),
        ("proyeksi sabtu 14:00", DEWI, "Sabtu bukan hari kerja di sini"),
        ("forecast friday 25:00", RINA, "\u201c25:00\u201d is not a forecast setting"),
        ("forecast friday 17:00 due 16:00", RINA, "The reminder (16:00) must come after"),
        ("forecast due", RINA, "Give the reminder's time after `due`"),
        ("forecast friday monday", RINA, "\u201cmonday\u201d says the same setting twice"),
        ("forecast weekly", RINA, "\u201cweekly\u201d is not a forecast setting"),
        ("proyeksi mingguan", DEWI, "\u201cmingguan\u201d bukan pengaturan proyeksi"),
        ("forecast due:soon", RINA, "\u201cdue:soon\u201d is not a forecast setting"),
    ],
)
def test_bad_forecast_settings_are_refused_and_change_nothing(
    bot: Bot, typed: str, user: str, says: str
) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    bot.know(DEWI, locale="id-ID", admin=True)
    before = (team_row(bot), bot.counts())
    answer = bot.slash("/sales", f"team Jakarta {typed}", user=user).ack.text
    assert answer.startswith(":warning:") or answer.startswith(":no_entry"), answer
    assert says in answer, answer
    assert (team_row(bot), bot.counts()) == before


def test_the_forecast_jobs_are_kept_in_the_outbox_once_each(bot: Bot) -> None:
    """Two deliverers (replicas) on one database post each ask once."""
    bot.team("Jakarta", reps=(BUDI, SARI))
    bot.clock.now = at(27, 14, 1)
    first, second = deliverer(bot, owner="replica-a"), deliverer(bot, owner="replica-b")
    sent = first.run_due().sent + second.run_due().sent
    assert sent == 2
    with Session(bot.engine) as session:
        rows = session.exec(select(Delivery).where(Delivery.job == "forecast")).all()
    assert sorted((r.target, r.period, r.status) for r in rows) == [
        (BUDI, "2026-W48", "sent"),
        (SARI, "2026-W48", "sent"),
    ]
    assert all(len(m) == 1 for m in dms(bot).values())


# --- the ask's Block Kit ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_fullest_nudge_with_the_ask_stays_inside_slacks_limits(lang: str) -> None:
    from bot.blocks.forecast_ask import period_label, with_forecast_ask
    from bot.blocks.nudge import NUDGE_MAX_ITEMS, render_nudge
    from commands.posts.forecast import ForecastAsk
    from commands.posts.prefs import NOT_ACTING
    from tests.test_post_blocks import JAKARTA, REASONS, deal, item, nudge, valid

    items = tuple(item(deal(n + 1), REASONS, overdue=2) for n in range(NUDGE_MAX_ITEMS + 5))
    fullest = replace(nudge(items, more=30), weekly=NOT_ACTING)
    ask = ForecastAsk("quarter", date(2026, 10, 1), "17:00")
    message = valid(with_forecast_ask(render_nudge(fullest, lang, JAKARTA), ask, lang))
    assert len(message["blocks"]) <= 50
    assert message["blocks"][2]["accessory"]["action_id"] == ids.FORECAST_OPEN  # read first
    assert period_label(ask, lang) == {"en": "Q4 2026", "id": "Kuartal 4 2026"}[lang]
    assert ForecastAsk.from_payload(ask.as_payload()) == ask
    assert ForecastAsk.from_payload({"period": "week"}) is None
