"""The forecast call, polished: the message that asked for a forecast says so once it is in; a
team can turn its forecast call off (and on again); the roll-up's amounts are compact.

Through the real app, the real deliverer and the fake Slack, on the test's clock (Monday
23 Nov 2026, 09:00 in Jakarta). Budi (English) and Sari (Indonesian) are reps of Jakarta, Rina
its manager; Dewi an admin whose Slack speaks Indonesian. Friday 27 Nov is the forecast day
(14:00, reminder 17:00).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from bot import ids
from bot.blocks.digest import render_digest_summary
from commands.posts.digest import build_digest
from storage import queries, teams
from storage.db import unit_of_work
from storage.models import Forecast, Team
from tests.harness import BUDI, RINA, SARI, TEAM, Bot, accessory_buttons, eventually, message_text
from tests.test_forecast_call import JAKARTA, opened
from tests.test_forecast_schedule import DEWI, dms, forecast_rows, run_at
from tests.test_scheduled_posts import at, click


def jakarta(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))


def dm_channel(bot: Bot, user: str) -> str:
    return next(
        c.response["channel"]["id"]
        for c in bot.fake.calls_to("conversations.open")
        if c.args.get("users") == user
    )


def current(bot: Bot, user: str, ts: str) -> dict[str, Any]:
    """The message ``ts`` in ``user``'s DM as it reads now (after any chat.update)."""
    return next(m for m in bot.fake.messages(dm_channel(bot, user)) if m["ts"] == ts)


def forecast_button(message: dict[str, Any]) -> dict[str, str]:
    (button,) = [b for b in accessory_buttons(message) if b["action_id"] == ids.FORECAST_OPEN]
    return button


def submit_modal(bot: Bot, user: str, commit: str, best: str, count: int = 1) -> None:
    view = opened(bot, count)
    answer = bot.submit(view, {"commit": commit, "best_case": best}, user=user)
    assert answer.status == 200 and answer.body in ("", "{}"), answer.body
    bot.settle()


def test_the_nudge_and_the_ask_dm_say_the_forecast_is_in_with_an_update_button(
    bot: Bot,
) -> None:
    jakarta(bot)
    bot.slash("/deal", "add Acme 50jt next:demo due:2026-11-27")  # Budi's nudge on Friday
    assert run_at(bot, at(27, 8, 31)).sent == 1
    assert run_at(bot, at(27, 14, 1)).sent == 1  # Sari has no nudge: the ask is her DM
    (nudge,) = dms(bot)[BUDI]
    (ask,) = dms(bot)[SARI]

    # Budi answers from his nudge's button: the nudge is redrawn, deals and all, the ask now
    # the forecast he sent, with a button to update it.
    bot.clock.now = at(27, 14, 30)
    click(bot, dm_channel(bot, BUDI), nudge, ids.FORECAST_OPEN)
    submit_modal(bot, BUDI, "300jt", "450jt")

    def nudge_says_sent() -> bool:
        return "Forecast sent:" in message_text(current(bot, BUDI, nudge["ts"]))

    eventually(nudge_says_sent)
    redrawn = current(bot, BUDI, nudge["ts"])
    text = message_text(redrawn)
    assert (
        "*Forecast sent:* commit IDR 300,000,000 · best case IDR 450,000,000 (November 2026)"
        in text
    )
    assert "Forecast call today" not in text and "Acme" in text
    update = forecast_button(redrawn)
    assert (update["text"], update["value"]) == ("Update", "")
    click(bot, dm_channel(bot, BUDI), redrawn, ids.FORECAST_OPEN)
    assert opened(bot, 2)["callback_id"] == ids.FORECAST_CALLBACK  # the modal again

    # Sari types /forecast (no button): her ask DM is redrawn, in Indonesian.
    bot.slash("/forecast", "", user=SARI)
    submit_modal(bot, SARI, "80jt", "120jt", count=3)

    def ask_says_sent() -> bool:
        return "Proyeksi terkirim" in message_text(current(bot, SARI, ask["ts"]))

    eventually(ask_says_sent)
    sari = current(bot, SARI, ask["ts"])
    assert (
        "*Proyeksi terkirim:* komitmen Rp 80.000.000 · skenario terbaik Rp 120.000.000 "
        "(November 2026)" in message_text(sari)
    )
    assert forecast_button(sari)["text"] == "Ubah"
    assert "Saatnya proyeksi" not in message_text(sari)
    # Both answered: no reminder at 17:00.
    assert run_at(bot, at(27, 17, 1)).sent == 0


def test_a_reminder_is_redrawn_too_and_a_refused_redraw_loses_nothing(bot: Bot) -> None:
    jakarta(bot)
    assert run_at(bot, at(27, 14, 1)).sent == 2  # both asked by DM
    assert run_at(bot, at(27, 17, 1)).sent == 2  # both reminded, in the ask's thread
    budi_ask, budi_reminder = dms(bot)[BUDI]
    assert budi_reminder["thread_ts"] == budi_ask["ts"]

    # Budi answers from the reminder's button: the reminder and the ask both say so.
    bot.clock.now = at(27, 17, 30)
    click(bot, dm_channel(bot, BUDI), budi_reminder, ids.FORECAST_OPEN)
    submit_modal(bot, BUDI, "100jt", "200jt")
    for ts in (budi_ask["ts"], budi_reminder["ts"]):
        eventually(lambda ts=ts: "Forecast sent:" in message_text(current(bot, BUDI, ts)))

    # Slack refuses Sari's redraw: her forecast is saved all the same, and she is told.
    sari_ask, _ = dms(bot)[SARI]
    bot.fake.fail("chat.update", error="message_not_found", times=5)
    sent = bot.slash("/forecast", "", user=SARI)
    submit_modal(bot, SARI, "80jt", "120jt", count=2)
    assert "tersimpan" in message_text(sent.replies(1)[0])
    with Session(bot.engine) as session:
        assert sorted(f.commit for f in session.exec(select(Forecast)).all()) == [
            80_000_000,
            100_000_000,
        ]
    assert "Saatnya proyeksi" in message_text(current(bot, SARI, sari_ask["ts"]))


def team_weekday(bot: Bot) -> int:
    with Session(bot.engine) as session:
        return session.exec(select(Team).where(Team.name == "Jakarta")).one().forecast_weekday


def digest_text(bot: Bot) -> str:
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        team = teams.team_by_name(session, workspace_id=workspace.id or 0, name="Jakarta")
        assert team is not None
        digest = build_digest(session, workspace, team, now=bot.clock.now)
    summary = render_digest_summary(digest, "en", JAKARTA)
    return message_text({"blocks": [block.to_dict() for block in summary.blocks]})


def test_a_team_turns_its_forecast_call_off_and_on_again(bot: Bot) -> None:
    jakarta(bot)
    bot.slash("/sales", "team Jakarta forecast thursday 15:00", user=RINA)
    assert "*Forecast · November 2026*" in digest_text(bot)

    off = bot.slash("/sales", "team Jakarta forecast off", user=RINA).ack.text
    assert "Forecast call of *Jakarta* is off" in off
    assert "*Forecast call*\noff" in off  # the team's card
    assert team_weekday(bot) == -4  # Thursday (3), off: -1 - 3
    assert "*Forecast call*\noff" in bot.slash("/sales", "team Jakarta").ack.text

    # No ask, no reminder; the nudge of the day carries none; no roll-up in the digest.
    bot.slash("/deal", "add Acme 50jt next:demo due:2026-11-26")
    assert run_at(bot, at(26, 8, 31)).sent == 1  # Budi's Thursday nudge
    assert "Forecast call today" not in message_text(dms(bot)[BUDI][0])
    assert run_at(bot, at(26, 15, 1)).sent == 0
    assert run_at(bot, at(26, 17, 1)).sent == 0
    assert not any(job.startswith("forecast") for job, _ in forecast_rows(bot))
    assert "Forecast ·" not in digest_text(bot)

    # /forecast still works for its reps.
    bot.slash("/forecast", "", user=SARI)
    submit_modal(bot, SARI, "80jt", "120jt")
    assert bot.count(Forecast) == 1

    # Back on, in Indonesian: the day it had is kept.
    bot.know(DEWI, locale="id-ID", admin=True)
    on = bot.slash("/sales", "team Jakarta proyeksi nyala", user=DEWI).ack.text
    assert "Proyeksi *Jakarta* disimpan: tiap rep ditanya hari Kamis pukul 15:00" in on
    assert team_weekday(bot) == 3
    # Scheduled again: Budi's day's one DM was his nudge, and Sari has answered.
    assert run_at(bot, at(26, 15, 2)).skipped == 2
    assert forecast_rows(bot) == {
        ("forecast", BUDI): ("skipped", "one_dm_a_day"),
        ("forecast", SARI): ("skipped", "forecast_submitted"),
    }
    mati = bot.slash("/sales", "team Jakarta proyeksi nonaktif", user=DEWI).ack.text
    assert "Proyeksi *Jakarta* dimatikan" in mati and "mati" in mati
    assert team_weekday(bot) == -4
    bot.slash("/sales", "team Jakarta proyeksi hidup", user=DEWI)
    bot.slash("/sales", "team Jakarta proyeksi mati", user=DEWI)
    assert team_weekday(bot) == -4
    refused = bot.slash("/sales", "team Jakarta forecast off", user=BUDI).ack.text
    assert "set by its managers" in refused
    twice = bot.slash("/sales", "team Jakarta forecast off on", user=RINA).ack.text
    assert "says the same setting twice" in twice
    assert team_weekday(bot) == -4


def test_the_total_row_shows_a_dash_until_someone_submits(bot: Bot) -> None:
    """Nobody has submitted: the total's commit is a dash (the line above says 0 of 2), not
    "not submitted"; once Sari has, it is her commit alone."""
    jakarta(bot)
    bot.slash("/deal", "add Acme 90jt")  # Budi's, open as a lead: weighted 0 (no history)
    answer = bot.slash("/forecast", "team", user=RINA).ack
    assert "*Jakarta* · November 2026 · 0 of 2 submitted" in answer.text
    table = next(b for b in answer.json["blocks"] if b["type"] == "table")
    rows = [[cell["text"] for cell in row] for row in table["rows"]]
    assert rows[1][:2] == ["Budi", "not submitted"]
    assert rows[-1][:3] == ["Jakarta total", "–", "–"]

    bot.slash("/forecast", "", user=SARI)
    submit_modal(bot, SARI, "1,08 miliar", "1,2 miliar")
    answer = bot.slash("/forecast", "team", user=RINA).ack
    table = next(b for b in answer.json["blocks"] if b["type"] == "table")
    rows = [[cell["text"] for cell in row] for row in table["rows"]]
    assert rows[-1][:3] == ["Jakarta total", "1.1B", "1.2B"]  # 1,080,000,000 and 1,200,000,000
    assert rows[0][1] == "Commit IDR"
