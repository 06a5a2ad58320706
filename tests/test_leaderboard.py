"""The weekly digest's leaderboard, opt-in per team: ``/sales team Jakarta leaderboard on``
(``/sales team Jakarta papan peringkat nyala``), through the real app and the fake Slack, on
SQLite and PostgreSQL.

Team Jakarta: reps Budi, Sari, Dewi and Eko, manager Rina (who sells too); Andi is an admin,
Wati an Indonesian-speaking one. The harness clock starts on Monday 23 Nov 2026, 09:00 in
Jakarta; the digest goes out on Monday 30 Nov at 08:00 and covers 23-29 November.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, col, select

from storage import queries
from storage.db import unit_of_work
from storage.models import Activity, Deal, Team
from tests.harness import ANDI, BUDI, RINA, SARI, TEAM, Bot, message_text
from tests.test_attainment_views import table_rows
from tests.test_scheduled_posts import TEAM_CHANNEL, at, run_at

# Slack-side behaviour, on SQLite alone: what it stores is tested on both databases elsewhere,
# and the suite has to stay within five minutes on two cores.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

DEWI, EKO = "U0DEWI0001", "U0EKO00001"
WATI = "U0WATI0001"  # an Indonesian-speaking admin
HEADER = ["#", "Name", "Calls", "Meetings", "Booked IDR"]


def leaderboard_on(bot: Bot) -> bool:
    with Session(bot.engine) as session:
        team = session.exec(select(Team).where(Team.name == "Jakarta")).one()
        return team.leaderboard


def jakarta(bot: Bot) -> None:
    bot.know(DEWI, name="Dewi")
    bot.know(EKO, name="Eko")
    bot.team("Jakarta", reps=(BUDI, SARI, DEWI, EKO), managers=(RINA,), channel=TEAM_CHANNEL)


def digest_summary(bot: Bot) -> dict[str, Any]:
    run_at(bot, at(30, 8, 1))
    return next(m for m in bot.fake.messages(TEAM_CHANNEL) if "thread_ts" not in m)


def a_meeting_logged(bot: Bot, user: str, deal_name: str, hours_later: int) -> None:
    """A meeting as the activities import writes one (kind ``meeting``)."""
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        member = queries.find_member(session, workspace_id=workspace.id, slack_user_id=user)
        deal = session.exec(select(Deal).where(col(Deal.name) == deal_name)).one()
        assert member is not None and member.id is not None and deal.id is not None
        session.add(
            Activity(
                workspace_id=workspace.id,
                deal_id=deal.id,
                member_id=member.id,
                kind="meeting",
                occurred_at=bot.clock() + timedelta(hours=hours_later),
            )
        )


@SLACK_SIDE_ONLY
def test_the_leaderboard_is_off_by_default(bot: Bot) -> None:
    jakarta(bot)
    bot.slash("/deal", "add Acme 240jt")
    bot.slash("/deal", "won acme")
    card = message_text(bot.slash("/sales", "team Jakarta", user=BUDI).ack.json)
    assert "Leaderboard" in card and "off" in card
    summary = digest_summary(bot)
    assert "Leaderboard" not in message_text(summary)
    assert table_rows(summary["blocks"], HEADER) == []


def test_managers_and_admins_turn_it_on_and_bad_input_changes_nothing(bot: Bot) -> None:
    jakarta(bot)
    bot.know(WATI, locale="id-ID", name="Wati", admin=True)
    for text, user, said in (
        ("team Jakarta leaderboard on", BUDI, "turned on or off by its managers (<@"),
        ("team Jakarta leaderboard maybe", RINA, "“maybe” is not a leaderboard setting"),
        ("team Jakarta leaderboard on off", RINA, "“on off” is not a leaderboard setting"),
        ("team Jakarta leaderboard daily:on", RINA, "“daily:on” is not a leaderboard setting"),
        ("team Bogor leaderboard on", RINA, "Bogor"),
        ("team Jakarta papan peringkat nyala", SARI, "dinyalakan atau dimatikan oleh manajernya"),
        ("team Jakarta peringkat mungkin", WATI, "“mungkin” bukan pengaturan papan peringkat"),
    ):
        answer = bot.slash("/sales", text, user=user).ack.text
        assert answer.startswith(":warning:") and said in answer, (text, answer)
        assert not leaderboard_on(bot), text

    on = bot.slash("/sales", "team Jakarta leaderboard on", user=RINA).ack.text
    assert "The weekly digest of *Jakarta* now ends with a leaderboard" in on
    assert leaderboard_on(bot)
    card = message_text(bot.slash("/sales", "team Jakarta", user=BUDI).ack.json)
    assert "on, in the digest" in card

    off = bot.slash("/sales", "team Jakarta papan peringkat mati", user=WATI).ack.text
    assert "Ringkasan mingguan *Jakarta* kini tanpa papan peringkat." in off
    assert not leaderboard_on(bot)
    on = bot.slash("/sales", "team Jakarta peringkat aktif", user=ANDI).ack.text
    assert "now ends with a leaderboard" in on and leaderboard_on(bot)


def test_the_digest_ranks_bookings_then_calls_then_meetings_then_names(bot: Bot) -> None:
    """The week of 23-29 November:

        Budi   won Acme 240jt; calls: one booked a meeting, one connected  -> 240jt, 2, 1
        Rina   won Key Account 120jt; one call (the manager, marked)       -> 120jt, 1, 0
        Dewi   two calls, one of them booked a meeting                     ->     0, 2, 1
        Sari   two calls, and a meeting logged (as the import logs one)    ->     0, 2, 1
        Eko    away all week, nothing logged: still listed                 ->     0, 0, 0

    Bookings first: Budi, Rina; then Dewi and Sari tie on everything and go by name; Eko last.
    Sari's call on Monday 30 Nov, 07:00, falls after the week the digest covers."""
    jakarta(bot)
    assert "leaderboard" in bot.slash("/sales", "team Jakarta leaderboard on", user=RINA).ack.text
    for user, deal in (
        (BUDI, "Acme 240jt"),
        (RINA, "Key Account 120jt"),
        (DEWI, "Omega 10jt"),
        (SARI, "Toko Maju 10jt"),
    ):
        assert bot.slash("/deal", f"add {deal}", user=user).ack.status == 200
    assert "away" in bot.slash("/sales", "away 2026-11-23..2026-11-29", user=EKO).ack.text.lower()
    bot.clock.advance(hours=1)
    for user, call in (
        (BUDI, "acme 20m meeting"),
        (BUDI, "acme 5m connected"),
        (RINA, "key 15m connected"),
        (DEWI, "omega 10m meeting"),
        (DEWI, "omega 5m no-answer"),
        (SARI, "toko 10m tersambung"),
        (SARI, "toko 5m sibuk"),
    ):
        logged = bot.slash("/call", call, user=user).ack.text
        assert not logged.startswith(":warning:"), (call, logged)
    a_meeting_logged(bot, SARI, "Toko Maju", hours_later=24)
    bot.slash("/deal", "won acme")
    bot.slash("/deal", "won key", user=RINA)
    bot.clock.now = at(30, 7, 0)
    bot.slash("/call", "toko 5m tersambung", user=SARI)  # the next week's

    summary = digest_summary(bot)
    assert len(summary["blocks"]) < 50
    text = message_text(summary)
    assert "*Leaderboard* · Mon, Nov 23 – Sun, Nov 29" in text
    assert "Ranked by bookings, then calls, then meetings" in text
    assert table_rows(summary["blocks"], HEADER) == [
        HEADER,
        ["1", "Budi", "2", "1", "240M"],
        ["2", "Rina (manager)", "1", "0", "120M"],
        ["3", "Dewi", "2", "1", "0"],
        ["4", "Sari", "2", "1", "0"],
        ["5", "Eko", "0", "0", "0"],
    ]


@SLACK_SIDE_ONLY
def test_an_indonesian_digest_reads_its_leaderboard_in_indonesian(bot: Bot) -> None:
    """One call by Budi, nothing else: Budi first; the others tie at nothing and go by name
    (Dewi, Eko, Sari); Rina, who did nothing that week, is not listed."""
    jakarta(bot)
    bot.slash("/sales", "team Jakarta leaderboard on", user=RINA)
    bot.slash("/deal", "add Acme 240jt")
    bot.slash("/call", "acme 5m connected")
    with unit_of_work(bot.engine) as session:  # the digest speaks the workspace's language
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        workspace.language = "id"

    summary = digest_summary(bot)
    assert "*Papan peringkat* · Sen, 23 Nov – Min, 29 Nov" in message_text(summary)
    header = ["#", "Nama", "Telepon", "Pertemuan", "Penjualan IDR"]
    assert table_rows(summary["blocks"], header) == [
        header,
        ["1", "Budi", "1", "0", "0"],
        ["2", "Dewi", "0", "0", "0"],
        ["3", "Eko", "0", "0", "0"],
        ["4", "Sari", "0", "0", "0"],
    ]
