"""A manager who sells: their own deals and calls are their team's, shown as the manager's.

Team Jakarta has two reps, Budi and Sari, and Rina manages it. On Monday 23 Nov 2026 (the
harness clock's day, Jakarta) Budi adds Acme and Rina adds a key account of her own, both with
a next step due that day, and Sari adds Toko Maju; Rina calls about her deal and about Budi's,
Budi calls once, Sari not at all. So the team logged 3 calls that week, 2 of them Rina's; the
per-rep target (10 calls a work day, 50 for the week) is for the two reps, and by Tuesday both
next steps are overdue.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
import time_machine

from tests.harness import ANDI, BUDI, RINA, SARI, Bot, message_text
from tests.terminal import Ran
from tests.test_scheduled_posts import TEAM_CHANNEL, at, run_at

pytestmark = pytest.mark.usefixtures("bot")


def rina_sells_in_her_team(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,), channel=TEAM_CHANNEL)
    assert bot.slash("/deal", "add Acme 50jt next:demo due:today").ack.status == 200
    assert (
        bot.slash("/deal", "add Key Account 80jt next:contract due:today", user=RINA).ack.status
        == 200
    )
    assert bot.slash("/deal", "add Toko Maju 20jt", user=SARI).ack.status == 200
    bot.clock.advance(hours=1)
    assert "Call logged" in bot.slash("/call", "key account 15m connected", user=RINA).ack.text
    assert "Call logged" in bot.slash("/call", "acme 10m connected", user=RINA).ack.text
    assert "Call logged" in bot.slash("/call", "acme 5m connected").ack.text


def test_a_managers_calls_show_as_theirs_and_count_in_the_team_not_as_a_rep(bot: Bot) -> None:
    rina_sells_in_her_team(bot)

    for user, scope in ((RINA, "team jakarta"), (ANDI, "all")):
        text = message_text(bot.slash("/funnel", scope, user=user).ack.json)
        assert f"<@{RINA}> (manager) 2" in text  # hers, marked, with no rep target
        assert f"<@{RINA}> 2 / 50" not in text
        assert f"<@{BUDI}> 1 / 50" in text and f"<@{SARI}> 0 / 50" in text
        assert "0 of 2 reps at target" in text  # the manager is shown, not counted as a rep

    team = message_text(bot.slash("/funnel", "team jakarta", user=RINA).ack.json)
    assert "Lead* · 3 open" in team  # her deal is the team's too

    board = message_text(bot.slash("/pipeline", "team", user=RINA).ack.json)
    assert "Key Account" in board and "Acme" in board
    assert f"<@{RINA}> (manager)" in board and f"<@{BUDI}> (manager)" not in board


def test_a_rep_who_also_manages_a_team_is_its_manager_and_a_rep_everywhere_else(bot: Bot) -> None:
    rina_sells_in_her_team(bot)
    bot.team("Bandung", managers=(BUDI,))  # Budi stays a rep of Jakarta

    bandung = message_text(bot.slash("/funnel", "team bandung", user=ANDI).ack.json)
    assert f"<@{BUDI}> (manager) 1" in bandung and "reps at target" not in bandung
    everyone = message_text(bot.slash("/funnel", "all", user=ANDI).ack.json)
    assert f"<@{BUDI}> 1 / 50" in everyone and f"<@{RINA}> (manager) 2" in everyone


def test_the_terminal_report_marks_the_manager_and_gives_her_no_rep_target(
    bot: Bot, corong_cli: Callable[..., Ran]
) -> None:
    rina_sells_in_her_team(bot)
    week = ("--team", "Jakarta", "--from", "2026-11-23", "--to", "2026-11-29")

    with time_machine.travel(at(24, 9, 0), tick=False):  # the terminal reads the real clock
        text = corong_cli("report", "funnel", *week)
        as_json = corong_cli("report", "funnel", *week, "--format", "json")
    assert text.status == 0, text.err
    rows = {line.split()[0]: line.split()[1:] for line in text.out.splitlines() if line.strip()}
    assert rows["Rina"] == ["(manager)", "2", "–", "–"]
    assert rows["Budi"] == ["1", "50", "2%"]
    assert "D-2  Key Account · Rina (manager) · due Mon, Nov 23, 2026" in text.out

    calls = json.loads(as_json.out)["activity"]["calls"]
    assert [(row["member"]["name"], row["calls"], row["manager"]) for row in calls] == [
        ("Budi", 1, False),
        ("Sari", 0, False),
        ("Rina", 2, True),
    ]


def test_the_standup_and_digest_count_the_managers_follow_ups(bot: Bot) -> None:
    rina_sells_in_her_team(bot)

    run_at(bot, at(24, 9, 1))  # Tuesday: the nudges and the standup
    (standup,) = bot.fake.messages(TEAM_CHANNEL)
    text = message_text(standup)
    assert f"<@{RINA}>* (manager)" in text
    rina = text[text.index(f"<@{RINA}>") :]
    assert "Key Account" in rina and "2 calls" in rina  # her overdue step, Monday's calls
    budi = text[text.index(f"<@{BUDI}>") :]
    assert "1 call" in budi  # her call on Budi's deal is hers, not his

    run_at(bot, at(30, 8, 1))  # the next Monday: last week's digest
    summary = bot.fake.messages(TEAM_CHANNEL)[1]
    digest = message_text(summary)
    assert "3 in total" in digest  # Rina's 2 calls are the team's
    assert "2 of 2 reps below target" in digest  # but the target is the reps'
    assert "2 overdue next steps" in digest  # Acme's and Rina's own
