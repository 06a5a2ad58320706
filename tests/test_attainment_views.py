"""Attainment as of now on the App Home and in the weekly digest, through the real app and the
fake Slack, on SQLite and PostgreSQL.

Team Jakarta: reps Budi (English) and Sari (Indonesian), manager Rina (English), who sells too.
The harness clock starts on Monday 23 Nov 2026, 09:00 in Jakarta; the workspace's currency is
IDR, its work days Monday to Friday. Quotas, set by Rina today:

    Budi   500jt a month
    Sari   300jt a month, 900jt a quarter
    team   1 miliar a month, 6 miliar a quarter

Today Budi wins 240jt, Sari 60jt and Rina 120jt of her own (no quota of hers).

November has 21 work days, 16 of them elapsed today (2-6, 9-13, 16-20 Nov and today); the
fourth quarter 64 (22 in October, 21 in November, 21 in December: Christmas and the joint leave
day on the 24th are off), 38 elapsed (22 + 16). Pace = booked / elapsed x work days / quota.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from storage import queries
from storage.db import unit_of_work
from tests.fakeslack import requests as slack_requests
from tests.fakeslack.blockkit import check_blocks
from tests.harness import ANDI, BUDI, RINA, SARI, TEAM, Bot, message_text
from tests.test_scheduled_posts import TEAM_CHANNEL, at, run_at

# Slack-side behaviour, on SQLite alone: what it stores is tested on both databases elsewhere,
# and the suite has to stay within five minutes on two cores.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

TIM = "U0TIMBKS01"  # a manager of a team without any quota


def open_home(bot: Bot, user: str) -> dict[str, Any]:
    """The view published when ``user`` opens the App Home."""
    before = len(bot.fake.calls_to("views.publish"))
    body = slack_requests.event_callback_body(
        slack_requests.app_home_opened_event(user), team_id=TEAM
    )
    assert bot.signed(body).status == 200
    view = bot.fake.wait_for("views.publish", count=before + 1)[-1].args["view"]
    assert check_blocks(view["blocks"], surface="home") == []
    return view


def texts(blocks: list[dict[str, Any]]) -> str:
    """Every section's and context's text, one after the other."""
    out = []
    for block in blocks:
        if block["type"] == "section" and "text" in block:
            out.append(block["text"]["text"])
        elif block["type"] == "context":
            out += [element.get("text", "") for element in block["elements"]]
    return "\n".join(out)


HEADER = ["Name", "Booked IDR", "Quota", "%", "Pace"]


def table_rows(blocks: list[dict[str, Any]], header: list[str] = HEADER) -> list[list[str]]:
    """The rows of the aligned-text tables with ``header`` among ``blocks`` (other sections
    have tables of their own), each cell apart: cells are padded with two spaces or more, a
    name's own single spaces stay."""
    rows = []
    for block in blocks:
        text = block.get("text", {}).get("text", "") if block["type"] == "section" else ""
        if text.startswith("```"):
            table = [re.split(r"\s{2,}", line.strip()) for line in text.strip("`\n").splitlines()]
            if table[0] == header:
                rows += table
    return rows


def quotas_and_bookings(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,), channel=TEAM_CHANNEL)
    for text in (
        f"quota <@{BUDI}|budi> 500jt month",
        f"quota <@{SARI}|sari> 300jt month",
        f"quota <@{SARI}|sari> 900jt quarter",
        "quota team Jakarta 1 miliar month",
        "quota team Jakarta 6 miliar quarter",
    ):
        assert "quota is now" in bot.slash("/sales", text, user=RINA).ack.text
    for user, deal in ((BUDI, "Acme 240jt"), (SARI, "Toko Maju 60jt"), (RINA, "Key Account 120jt")):
        bot.slash("/deal", f"add {deal}", user=user)
    bot.slash("/deal", "won acme")
    bot.slash("/deal", "menang toko", user=SARI)
    bot.slash("/deal", "won key", user=RINA)


def test_a_rep_sees_their_own_attainment_and_pace_in_their_language(bot: Bot) -> None:
    """Budi:  240jt / 500jt = 48%;  pace 240 / 16 x 21 = 315jt -> 315 / 500 = 63%.
    Sari:  60jt / 300jt = 20%;  pace 60 / 16 x 21 = 78.75jt -> 26.25% -> 26%;
           quarter 60jt / 900jt = 6.7% -> 7%;  pace 60 / 38 x 64 = 101.05jt -> 11.2% -> 11%."""
    quotas_and_bookings(bot)

    budi = texts(open_home(bot, BUDI)["blocks"])
    assert (
        "*:dart: Your attainment*\n*Month to date*: 48% of the IDR 500,000,000 month quota"
        " · at this pace 63% by month end"
    ) in budi
    assert "Quarter to date" not in budi  # no quarter quota of his
    assert "Team Jakarta" not in budi  # a rep sees only their own

    sari = texts(open_home(bot, SARI)["blocks"])
    assert (
        "*Bulan berjalan*: 20% dari kuota bulan Rp 300.000.000 · dengan laju ini 26% di akhir"
        " bulan\n*Kuartal berjalan*: 7% dari kuota kuartal Rp 900.000.000 · dengan laju ini 11%"
        " di akhir kuartal"
    ) in sari


def test_a_manager_sees_each_team_and_a_table_of_its_people(bot: Bot) -> None:
    """Team Jakarta books 240 + 60 + 120 = 420jt (Rina's own deals are the team's):
        month    420jt / 1,000jt = 42%;  pace 420 / 16 x 21 = 551.25jt -> 55%
        quarter  420jt / 6,000jt = 7%;   pace 420 / 38 x 64 = 707.4jt  -> 11.8% -> 12%
    The table: best month attainment first (Budi 48%, Sari 20%), then Rina, who has no quota
    of her own but booked, marked as the manager; the quarter's table as Sari has a quarter
    quota of her own (the others a dash)."""
    quotas_and_bookings(bot)

    blocks = open_home(bot, RINA)["blocks"]
    text = texts(blocks)
    assert (
        "*:dart: Team Jakarta*\n*Month to date*: 42% of the IDR 1,000,000,000 month quota"
        " · at this pace 55% by month end\n*Quarter to date*: 7% of the IDR 6,000,000,000"
        " quarter quota · at this pace 12% by quarter end"
    ) in text
    assert "Your attainment" not in text  # no quota of her own
    assert "Month to date, by person" in text and "Quarter to date, by person" in text
    rows = table_rows(blocks)
    assert rows == [
        ["Name", "Booked IDR", "Quota", "%", "Pace"],
        ["Budi", "240M", "500M", "48%", "63%"],
        ["Sari", "60M", "300M", "20%", "26%"],
        ["Rina (manager)", "120M", "–", "–", "–"],
        ["Name", "Booked IDR", "Quota", "%", "Pace"],
        ["Budi", "240M", "–", "–", "–"],
        ["Sari", "60M", "900M", "7%", "11%"],
        ["Rina (manager)", "120M", "–", "–", "–"],
    ]


def test_nothing_without_a_quota_and_a_hint_for_a_manager(bot: Bot) -> None:
    bot.know(TIM, name="Tim")
    bot.team("Bogor", managers=(TIM,))
    bot.team("Jakarta", reps=(BUDI,), managers=(RINA,))
    bot.slash("/deal", "add Acme 240jt")
    bot.slash("/deal", "won acme")

    for user in (BUDI, ANDI):  # a rep and an admin: no quota, nothing said about quotas
        text = texts(open_home(bot, user)["blocks"])
        assert "attainment" not in text.lower() and "quota" not in text.lower(), text
    hint = texts(open_home(bot, TIM)["blocks"])
    assert "No quotas for your teams yet. Set one with `/sales quota team Jakarta" in hint

    bot.slash("/sales", "quota team Bogor 1 miliar month", user=TIM)
    bogor = texts(open_home(bot, TIM)["blocks"])
    assert "No quotas for your teams yet" not in bogor
    # Bogor has no reps: its line, nothing booked, and no table.
    assert "*Month to date*: 0% of the IDR 1,000,000,000 month quota" in bogor
    assert table_rows(open_home(bot, TIM)["blocks"]) == []


def test_the_digest_measures_the_month_to_the_post_not_the_week_it_covers(bot: Bot) -> None:
    """The digest of Monday 30 Nov, 08:00, covers 23-29 Nov, when the team booked 420jt. Budi
    wins another 36jt at 07:30 that Monday: not in the week's bookings, but in the month to
    date as of the post. November's 21 work days have all begun by then (30 Nov is a Monday),
    the quarter's 43 of 64 (22 + 21):

        month    456jt / 1,000jt = 45.6% -> 46%;  pace 456 / 21 x 21       = 46%
        quarter  456jt / 6,000jt = 7.6%  -> 8%;   pace 456 / 43 x 64 = 678.7jt -> 11.3% -> 11%
        Budi     276jt / 500jt   = 55.2% -> 55%;  pace 55%
        Sari      60jt / 300jt   = 20%;           pace 20%
                  60jt / 900jt   = 6.7%  -> 7%;   pace 60 / 43 x 64 = 89.3jt -> 9.9% -> 10%
    """
    quotas_and_bookings(bot)
    bot.clock.now = at(30, 7, 30)
    bot.slash("/deal", "add Beta 36jt")
    bot.slash("/deal", "won beta")

    assert run_at(bot, at(30, 8, 1)).sent >= 1
    posts = bot.fake.messages(TEAM_CHANNEL)
    summary = next(m for m in posts if "thread_ts" not in m)
    text = message_text(summary)
    assert "IDR 420,000,000" in text and "IDR 456,000,000" not in text  # the week's bookings
    assert (
        ":dart: *Month to date*: 46% of the IDR 1,000,000,000 month quota · at this pace 46%"
        " by month end\n:dart: *Quarter to date*: 8% of the IDR 6,000,000,000 quarter quota"
        " · at this pace 11% by quarter end"
    ) in text
    assert len(summary["blocks"]) < 50
    details = next(m for m in posts if m.get("thread_ts") == summary["ts"] and "blocks" in m)
    assert len(details["blocks"]) < 50
    assert table_rows(details["blocks"]) == [
        ["Name", "Booked IDR", "Quota", "%", "Pace"],
        ["Budi", "276M", "500M", "55%", "55%"],
        ["Sari", "60M", "300M", "20%", "20%"],
        ["Rina (manager)", "120M", "–", "–", "–"],
        ["Name", "Booked IDR", "Quota", "%", "Pace"],
        ["Budi", "276M", "–", "–", "–"],
        ["Sari", "60M", "900M", "7%", "10%"],
        ["Rina (manager)", "120M", "–", "–", "–"],
    ]


@SLACK_SIDE_ONLY
def test_an_indonesian_workspace_reads_the_digest_attainment_in_indonesian(bot: Bot) -> None:
    """The same figures as of Monday 30 Nov: nothing more was won after the 23rd here, so
    month 420jt / 1.000jt = 42% (pace 42%, the month's work days all begun), quarter 7%,
    pace 420 / 43 x 64 = 625.1jt -> 10.4% -> 10%."""
    quotas_and_bookings(bot)
    set_workspace_language(bot, "id")  # the digest speaks the workspace's language

    run_at(bot, at(30, 8, 1))
    summary = next(m for m in bot.fake.messages(TEAM_CHANNEL) if "thread_ts" not in m)
    text = message_text(summary)
    assert (
        ":dart: *Bulan berjalan*: 42% dari kuota bulan Rp 1.000.000.000 · dengan laju ini 42%"
        " di akhir bulan"
    ) in text
    assert ":dart: *Kuartal berjalan*: 7% dari kuota kuartal Rp 6.000.000.000" in text


def set_workspace_language(bot: Bot, lang: str) -> None:
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        workspace.language = lang
