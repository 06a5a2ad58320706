"""Sales quotas: ``/sales quota`` (``/sales kuota``) through the real app and the fake Slack.

Budi and Sari are reps of team Jakarta, Rina its manager, Andi an admin; Wati an Indonesian
admin. The harness clock starts on Monday 23 Nov 2026, 09:00 in Jakarta; the workspace currency
is IDR.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from sqlmodel import Session, col, select

from bot.report_cli import produce_funnel_report
from storage.models import Quota
from tests.harness import BUDI, RINA, SARI, TEAM, Bot, button_values, message_text

WATI = "U0WATI0001"  # an Indonesian-speaking admin


def stored(bot: Bot) -> list[tuple[int | None, int | None, str, int, str, date]]:
    """Every quota row, oldest first: member id, team id, period, amount, currency, from."""
    with Session(bot.engine) as session:
        rows = session.exec(select(Quota).order_by(col(Quota.id))).all()
        return [
            (r.member_id, r.team_id, r.period, r.amount, r.currency, r.effective_from) for r in rows
        ]


def jakarta(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))


def test_a_manager_sets_their_reps_and_teams_quotas_and_lists_them(bot: Bot) -> None:
    jakarta(bot)
    assert "No quotas yet." in bot.slash("/sales", "quota", user=RINA).ack.text

    rep = bot.slash("/sales", f"quota <@{SARI}|sari> 500jt month", user=RINA).ack.text
    assert f"<@{SARI}>'s quota is now IDR 500,000,000 a month, from Mon, Nov 23, 2026." in rep
    team = bot.slash("/sales", "quota team Jakarta 6 miliar quarter", user=RINA).ack.text
    assert "Team Jakarta's quota is now IDR 6,000,000,000 a quarter, from Mon, Nov 23" in team

    answer = bot.slash("/sales", "quota", user=BUDI).ack  # anyone may read them
    listed = answer.text
    assert (
        "*Quotas in force today*\n"
        "• Team Jakarta: IDR 6,000,000,000 a quarter (since Mon, Nov 23, 2026)\n"
        f"• <@{SARI}>: IDR 500,000,000 a month (since Mon, Nov 23, 2026)"
    ) in listed  # the text fallback: notifications, screen readers
    # On screen, the reply's one table: amounts right-aligned so they line up on a phone, a rep
    # by their mention (a rich_text user cell Slack shows as their name).
    (table,) = [block for block in answer.json["blocks"] if block["type"] == "table"]
    assert table["column_settings"][1] == {"align": "right"}
    assert message_text({"blocks": [table]}).splitlines()[1:] == [
        "Rep or team\tQuota\tPer\tSince",
        "Team Jakarta\tIDR 6,000,000,000\tquarter\tMon, Nov 23, 2026",
        f"<@{SARI}>\tIDR 500,000,000\tmonth\tMon, Nov 23, 2026",
    ]
    assert table["rows"][2][0]["type"] == "rich_text"


def test_a_changed_quota_counts_from_its_date_and_the_old_one_is_kept(bot: Bot) -> None:
    jakarta(bot)
    bot.slash("/sales", f"quota <@{BUDI}|budi> 400jt month", user=RINA)
    bot.clock.advance(days=3)  # Thursday 26 Nov
    changed = bot.slash("/sales", f"quota <@{BUDI}|budi> 450jt month", user=RINA).ack.text
    assert "IDR 450,000,000 a month, from Thu, Nov 26, 2026." in changed
    listed = bot.slash("/sales", "quota", user=RINA).ack.text
    assert f"<@{BUDI}>: IDR 450,000,000 a month (since Thu, Nov 26, 2026)" in listed
    assert "400,000,000" not in listed
    assert [(row[2], row[3], row[5]) for row in stored(bot)] == [
        ("month", 400_000_000, date(2026, 11, 23)),
        ("month", 450_000_000, date(2026, 11, 26)),
    ]


def test_reps_may_not_set_quotas_and_bad_input_changes_nothing(bot: Bot) -> None:
    jakarta(bot)
    for text, user, said in (
        (f"quota <@{SARI}|sari> 500jt month", BUDI, f"Only <@{SARI}>'s managers (<@{RINA}>)"),
        (f"quota <@{BUDI}|budi> 900jt month", BUDI, f"Only <@{BUDI}>'s managers (<@{RINA}>)"),
        ("quota team Jakarta 6 miliar quarter", BUDI, "Only team Jakarta's managers"),
        ("quota team Bogor 6 miliar quarter", RINA, "There is no team called “Bogor”."),
        ("quota team Jakarta $5000 quarter", RINA, "Quotas are in IDR"),
        ("quota team Jakarta 5jt year", RINA, "then month or quarter"),
        ("quota team Jakarta quarter", RINA, "then month or quarter"),
        (f"quota <@{SARI}|sari> 0jt month", RINA, "the amount, then month or quarter"),
    ):
        answer = bot.slash("/sales", text, user=user).ack.text
        assert answer.startswith(":warning:") and said in answer, (text, answer)
    assert stored(bot) == []


def test_an_indonesian_admin_is_asked_what_6m_means(bot: Bot) -> None:
    bot.know(WATI, locale="id-ID", name="Wati", admin=True)
    jakarta(bot)
    asked = bot.slash("/sales", "kuota tim Jakarta 6M kuartal", user=WATI)
    assert stored(bot) == []  # juta or miliar? Asked first, nothing saved yet
    miliar = next(b for b in button_values(asked.ack.json) if b["text"] == "6 miliar")
    bot.click(miliar, user=WATI, response_url=asked.response_url)
    saved = message_text(asked.replies(1)[0])
    assert "Kuota tim Jakarta sekarang Rp 6.000.000.000 per kuartal, mulai" in saved
    team_row = stored(bot)[0]
    assert (team_row[2], team_row[3], team_row[4]) == ("quarter", 6_000_000_000, "IDR")
    listed = bot.slash("/sales", "kuota", user=WATI).ack.text
    assert "• Tim Jakarta: Rp 6.000.000.000 per kuartal (sejak Sen, 23 Nov 2026)" in listed


def cli_report(bot: Bot, fmt: str, period: str, **who: str | None) -> str:
    """``corong report funnel`` as the CLI and the shell produce it, at the harness clock."""
    args = argparse.Namespace(
        period=period,
        first_day=None,
        last_day=None,
        team=who.get("team"),
        rep=who.get("rep"),
        format=fmt,
    )
    output = produce_funnel_report(bot.engine, args, team_id=TEAM, lang="en", now=bot.clock.now)
    assert isinstance(output, str)
    return output


def test_attainment_and_pace_in_funnel_and_the_cli(bot: Bot) -> None:
    """Monday 23 Nov 2026. November has 21 work days (Mon-Fri, no public holiday), 16 of them
    elapsed by today (2-6, 9-13, 16-20 Nov and today). Budi's 240jt booked today:

        attainment = 240jt / 500jt                      = 48%
        pace       = 240jt / 16 x 21 / 500jt = 315 / 500 = 63% by month end

    Q4 2026 has 64 work days (22 in October, 21 in November, 21 in December: Christmas and
    the joint leave day on the 24th off), 38 elapsed (22 + 16). Team Jakarta's 6 miliar:

        attainment = 240jt / 6,000jt                      = 4%
        pace       = 240jt / 38 x 64 / 6,000jt = 404.2 / 6,000 = 6.7% -> 7% by quarter end
    """
    jakarta(bot)
    bot.slash("/sales", f"quota <@{BUDI}|budi> 500jt month", user=RINA)
    bot.slash("/sales", "quota team Jakarta 6 miliar quarter", user=RINA)
    bot.slash("/sales", f"quota <@{SARI}|sari> 300jt month", user=RINA)
    bot.slash("/deal", "add Acme 240jt")
    bot.slash("/deal", "won acme")

    mine = bot.slash("/funnel", "month").ack.text
    assert (
        "Bookings: 1 won · IDR 240,000,000\nAttainment: 48% of the IDR 500,000,000 month " in mine
    )
    assert "quota · at this pace 63% by month end\nLost: 0" in mine
    team = bot.slash("/funnel", "quarter team Jakarta", user=RINA).ack.text
    assert (
        "Attainment: 4% of the IDR 6,000,000,000 quarter quota · at this pace 7% by quarter" in team
    )
    # A week is measured month to date, as of its last day (today, while it is under way):
    # this week, the very figures of the month. Last week ended on Sunday 22, before the quota
    # set today was in force: nothing to measure it against.
    week = bot.slash("/funnel", "").ack.text
    assert (
        "Attainment: Month to date (Mon, Nov 23, 2026): 48% of the IDR 500,000,000 month quota"
        " · at this pace 63% by month end" in week
    )
    last_week = bot.slash("/funnel", "last week").ack.text
    assert "Attainment" not in last_week
    # A team with only a quarter quota: quarter to date.
    team_week = bot.slash("/funnel", "team Jakarta", user=RINA).ack.text
    assert "Attainment: Quarter to date (Mon, Nov 23, 2026): 4% of the IDR 6,000,000,000" in (
        team_week
    )
    assert "Attainment" not in bot.slash("/funnel", "last month").ack.text  # nor October

    sari = bot.slash("/funnel", "bulan", user=SARI).ack.text  # nothing booked yet
    assert "Pencapaian: 0% dari kuota bulan Rp 300.000.000 · dengan laju ini 0% di akhir" in sari

    text = cli_report(bot, "text", "month", rep=BUDI)
    assert (
        "  Attainment  48% of the IDR 500,000,000 month quota · at this pace 63% by month end"
        in text
    )
    data = json.loads(cli_report(bot, "json", "quarter", team="Jakarta"))
    assert data["attainment"] == {
        "period": "quarter",
        "quota": 6_000_000_000,
        "currency": "IDR",
        "booked": 240_000_000,
        "attainment": 0.04,
        "pace": 240_000_000 / 38 * 64 / 6_000_000_000,
        "work_days": 64,
        "work_days_elapsed": 38,
        "to_date": None,  # the whole quarter, not measured to a day
    }
    assert json.loads(cli_report(bot, "json", "month"))["attainment"] is None  # the workspace
    week = json.loads(cli_report(bot, "json", "week", rep=BUDI))["attainment"]
    assert (week["period"], week["booked"], week["to_date"]) == ("month", 240_000_000, "2026-11-23")
