"""Win/loss analysis and lead sources, through the real app, the CLI report and the digest's
monthly edition, on SQLite and PostgreSQL.

The harness clock starts on Monday 23 Nov 2026, 09:00 in Jakarta; the workspace currency is IDR
and its pipeline Lead → Prospect → Potential → Closeable. Budi's November (``budis_month``), all
made with slash commands on the 23rd:

    D-1 Alpha    100jt  Referral  BANT qualified, moved to Potential, lost: price
    D-2 Beta      40jt  referral  lost from Lead: price
    D-3 Gamma     60jt  Website   moved to Prospect, lost: competitor
    D-4 Delta     30jt  website   won
    D-5 Epsilon   50jt  Referral  won
    D-6 Zeta      20jt  (none)    moved to Closeable, lost: timing
    D-7 Eta       10jt  Website   lost: price, then /sales undo     -> open again, not counted
    D-8 Theta     70jt  Referral  moved to Prospect, lost: competitor, then deleted -> not counted

So, worked out by hand:

    closed      2 won (D-4, D-5) + 4 lost (D-1, D-2, D-3, D-6) = 6; win rate 2/6 = 33%
    by reason   Price 2 (100jt + 40jt = 140jt), Competitor 1 (60jt), Timing 1 (20jt);
                Competitor before Timing on a tie: the workspace's list order
    by stage    Lead 1 (40jt), Prospect 1 (60jt), Potential 1 (100jt), Closeable 1 (20jt)
    by source   Referral: 1 won (D-5), 2 lost (D-1, D-2): 1/3 = 33%   ("Referral" typed twice,
                          "referral" once: shown as typed most)
                Website:  1 won (D-4), 1 lost (D-3): 1/2 = 50%         (one each: "Website")
                not set:  0 won, 1 lost (D-6): 0%                      (always last)
    qualified   1 of the 4 losses (D-1) had a qualifying BANT: 25%
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.config import Settings
from bot.posts.scheduler import deliverer_for
from bot.report_cli import produce_funnel_report
from storage.models import Deal
from tests.harness import ANDI, BUDI, SARI, TEAM, Bot, message_text
from tests.terminal import Ran

# Slack-side behaviour, on SQLite alone: what it stores is tested on both databases elsewhere,
# and the suite has to stay within five minutes on two cores.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

JAKARTA = ZoneInfo("Asia/Jakarta")
WATI = "U0WATI0001"  # an Indonesian-speaking admin
TEAM_CHANNEL = "C0JAKARTA1"
QUALIFIED_ANSWERS = {
    "budget": "confirmed",
    "budget_value": "100jt",
    "authority": "decision_maker",
    "authority_name": "Bu Ani (CFO)",
    "need": "strong",
    "need_pain": "stock counted by hand",
    "timeline": "one_to_three_months",
}


def ok(bot: Bot, command: str, text: str, user: str = BUDI) -> str:
    answer = bot.slash(command, text, user=user).ack.text
    assert not answer.startswith(":warning:"), (text, answer)
    return answer


def qualify(bot: Bot, name: str) -> None:
    """A BANT through its dialog, as a rep fills it in."""
    opened = len(bot.fake.calls_to("views.open"))
    assert bot.slash("/bant", name).ack.status == 200
    view = bot.fake.wait_for("views.open", opened + 1)[-1].response["view"]
    assert bot.submit(view, QUALIFIED_ANSWERS).status == 200


def budis_month(bot: Bot) -> None:
    """The deals of the module docstring."""
    ok(bot, "/deal", "add Alpha 100jt source:Referral")
    qualify(bot, "alpha")
    ok(bot, "/deal", "move alpha potential")
    ok(bot, "/deal", "lost alpha price")
    ok(bot, "/deal", "add Beta 40jt source:referral")
    ok(bot, "/deal", "lost beta too expensive")
    ok(bot, "/deal", "add Gamma 60jt source:Website")
    ok(bot, "/deal", "move gamma prospect")
    ok(bot, "/deal", "lost gamma competitor")
    ok(bot, "/deal", "add Delta 30jt source:website")
    ok(bot, "/deal", "won delta")
    ok(bot, "/deal", "add Epsilon 50jt source:Referral")
    ok(bot, "/deal", "won epsilon")
    ok(bot, "/deal", "add Zeta 20jt")
    ok(bot, "/deal", "move zeta closeable")
    ok(bot, "/deal", "lost zeta timing")
    ok(bot, "/deal", "add Eta 10jt source:Website")
    ok(bot, "/deal", "lost eta price")
    ok(bot, "/sales", "undo")  # the loss taken back: Eta is open again
    ok(bot, "/deal", "add Theta 70jt source:Referral")
    ok(bot, "/deal", "move theta prospect")
    ok(bot, "/deal", "lost theta competitor")
    with Session(bot.engine) as session:  # deleted, as an undone import leaves its deals
        theta = session.exec(select(Deal).where(Deal.name == "Theta")).one()
        theta.deleted_at = bot.clock.now
        session.add(theta)
        session.commit()
    assert bot.existing_deal(7).status == "open"


def table(text: str, title: str) -> list[list[str]]:
    """The rows (header first) of the aligned table under ``title``, cells split where two or
    more spaces pad them."""
    after = text[text.index(title) + len(title) :]
    block = re.search(r"```\n(.*?)\n```", after, re.DOTALL)
    assert block is not None, after
    return [re.split(r"\s{2,}", line.strip()) for line in block.group(1).splitlines()]


def test_funnel_month_shows_losses_by_reason_stage_and_the_win_rate_by_source(bot: Bot) -> None:
    budis_month(bot)
    bot.clock.advance(days=4)  # Friday 27 Nov

    text = bot.slash("/funnel", "month").ack.text
    assert "*Win/loss · November 2026*" in text
    assert "2 won · 4 lost · win rate 33%" in text
    assert "Lost after a qualifying BANT: 1 of 4 (25%)" in text
    assert table(text, "Losses by reason") == [
        ["Reason", "Lost", "Value"],
        ["Price", "2", "IDR 140,000,000"],
        ["Competitor", "1", "IDR 60,000,000"],
        ["Timing", "1", "IDR 20,000,000"],
    ]
    assert table(text, "Losses by the stage they were lost at") == [
        ["Stage", "Lost", "Value"],
        ["Lead", "1", "IDR 40,000,000"],
        ["Prospect", "1", "IDR 60,000,000"],
        ["Potential", "1", "IDR 100,000,000"],
        ["Closeable", "1", "IDR 20,000,000"],
    ]
    assert table(text, "Win rate by lead source") == [
        ["Lead source", "Won", "Lost", "Win rate"],
        ["Referral", "1", "2", "33%"],
        ["Website", "1", "1", "50%"],
        ["not set", "0", "1", "0%"],
    ]
    # The quarter holds the same deals; a week and October hold no analysis or no deals.
    assert "2 won · 4 lost · win rate 33%" in bot.slash("/funnel", "quarter").ack.text
    assert "Win/loss" not in bot.slash("/funnel", "").ack.text
    october = bot.slash("/funnel", "last month").ack.text
    assert "*Win/loss · October 2026*" in october
    assert "No deal was won or lost in this period." in october


def test_an_indonesian_admin_reads_the_analysis_in_indonesian(bot: Bot) -> None:
    budis_month(bot)
    bot.know(WATI, locale="id-ID", name="Wati", admin=True)

    text = bot.slash("/funnel", "bulan", user=WATI).ack.text  # the whole workspace
    assert "*Menang/kalah · November 2026*" in text
    assert "2 menang · 4 kalah · tingkat kemenangan 33%" in text
    assert "Kalah setelah BANT lolos kualifikasi: 1 dari 4 (25%)" in text
    assert table(text, "Kekalahan per alasan") == [
        ["Alasan", "Kalah", "Nilai"],
        ["Harga", "2", "Rp 140.000.000"],
        ["Pesaing", "1", "Rp 60.000.000"],
        ["Waktu belum tepat", "1", "Rp 20.000.000"],
    ]
    assert [row[0] for row in table(text, "Kekalahan per tahap saat kalah")] == [
        "Tahap",
        "Lead",
        "Prospek",
        "Potensial",
        "Siap closing",
    ]
    assert table(text, "Tingkat kemenangan per sumber lead")[1:] == [
        ["Referral", "1", "2", "33%"],
        ["Website", "1", "1", "50%"],
        ["belum diisi", "0", "1", "0%"],
    ]


def cli_report(bot: Bot, fmt: str, period: str, lang: str = "en") -> str:
    args = argparse.Namespace(
        period=period, first_day=None, last_day=None, team=None, rep=BUDI, format=fmt
    )
    output = produce_funnel_report(bot.engine, args, team_id=TEAM, lang=lang, now=bot.clock.now)
    assert isinstance(output, str)
    return output


def test_the_cli_report_carries_the_analysis_as_text_and_json(bot: Bot) -> None:
    budis_month(bot)

    text = cli_report(bot, "text", "month")
    assert "\nWIN/LOSS · NOVEMBER 2026\n  2 won · 4 lost · win rate 33%\n" in text
    assert (
        "  Losses by reason\n"
        "  Reason      Lost            Value\n"
        "  Price          2  IDR 140,000,000\n"
        "  Competitor     1   IDR 60,000,000\n"
        "  Timing         1   IDR 20,000,000\n"
    ) in text
    assert (
        "  Win rate by lead source\n"
        "  Lead source  Won  Lost  Win rate\n"
        "  Referral       1     2       33%\n"
        "  Website        1     1       50%\n"
        "  not set        0     1        0%\n"
    ) in text
    assert "WIN/LOSS" not in cli_report(bot, "text", "week")

    data = json.loads(cli_report(bot, "json", "month"))["win_loss"]
    idr = "IDR"
    assert data == {
        "period": "month",
        "period_start": "2026-10-31T17:00:00+00:00",
        "period_end": "2026-11-30T17:00:00+00:00",
        "won": 2,
        "lost": 4,
        "win_rate": 2 / 6,
        "by_reason": [
            {"reason": "price", "label": "Price", "count": 2,
             "value": [{"value": 140_000_000, "currency": idr}]},
            {"reason": "competitor", "label": "Competitor", "count": 1,
             "value": [{"value": 60_000_000, "currency": idr}]},
            {"reason": "timing", "label": "Timing", "count": 1,
             "value": [{"value": 20_000_000, "currency": idr}]},
        ],
        "by_stage": [
            {"stage": "lead", "label": "Lead", "count": 1,
             "value": [{"value": 40_000_000, "currency": idr}]},
            {"stage": "prospect", "label": "Prospect", "count": 1,
             "value": [{"value": 60_000_000, "currency": idr}]},
            {"stage": "potential", "label": "Potential", "count": 1,
             "value": [{"value": 100_000_000, "currency": idr}]},
            {"stage": "closeable", "label": "Closeable", "count": 1,
             "value": [{"value": 20_000_000, "currency": idr}]},
        ],
        "by_source": [
            {"source": "Referral", "won": 1, "lost": 2, "win_rate": 1 / 3},
            {"source": "Website", "won": 1, "lost": 1, "win_rate": 0.5},
            {"source": None, "won": 0, "lost": 1, "win_rate": 0.0},
        ],
        "qualified_losses": 1,
        "qualified_share": 0.25,
    }  # fmt: skip
    assert json.loads(cli_report(bot, "json", "week"))["win_loss"] is None


def _run_at(bot: Bot, moment: datetime) -> None:
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-test-token",
        slack_api_url=bot.fake.api_url,
        database_url=str(bot.engine.url),
    )
    bot.clock.now = moment
    deliverer_for(settings, bot.engine, clock=bot.clock).run_due()


def _digest_thread(bot: Bot) -> tuple[str, str]:
    """The latest digest's channel summary and its thread's text."""
    posts = bot.fake.messages(TEAM_CHANNEL)
    summary = [m for m in posts if "thread_ts" not in m][-1]
    thread = [m for m in posts if m.get("thread_ts") == summary["ts"]]
    return message_text(summary), "\n".join(message_text(m) for m in thread)


@SLACK_SIDE_ONLY
def test_the_first_digest_of_a_month_carries_last_months_win_loss(bot: Bot) -> None:
    budis_month(bot)
    bot.team("Jakarta", reps=(BUDI, SARI), channel=TEAM_CHANNEL)

    # Monday 30 Nov, 08:00: an ordinary week (the digest is due on the 30th).
    _run_at(bot, datetime(2026, 11, 30, 8, 1, tzinfo=JAKARTA).astimezone(UTC))
    summary, thread = _digest_thread(bot)
    assert "Jakarta" in summary and "Win/loss" not in thread and "Monthly" not in summary

    # Monday 7 Dec, the first digest due in December: November's win/loss in its thread.
    _run_at(bot, datetime(2026, 12, 7, 8, 1, tzinfo=JAKARTA).astimezone(UTC))
    summary, thread = _digest_thread(bot)
    assert "Monthly edition: last month's win/loss is at the end of the thread." in summary
    assert "*Win/loss · November 2026*" in thread
    assert "2 won · 4 lost · win rate 33%" in thread
    assert table(thread, "Win rate by lead source")[1] == ["Referral", "1", "2", "33%"]

    # A week later: an ordinary week again.
    _run_at(bot, datetime(2026, 12, 14, 8, 1, tzinfo=JAKARTA).astimezone(UTC))
    summary, thread = _digest_thread(bot)
    assert "Win/loss" not in thread and "Monthly" not in summary


def test_a_lead_source_is_typed_with_source_or_sumber_and_shown_on_the_card(bot: Bot) -> None:
    ok(bot, "/deal", 'add Acme 50jt source:"Trade show"')
    assert bot.existing_deal(1).lead_source == "Trade show"
    card = bot.slash("/deal", "show acme").ack.text
    assert "*Lead source*\nTrade show" in card

    ok(bot, "/deal", "tambah Toko Maju 5jt sumber:pameran", user=SARI)
    assert bot.existing_deal(2).lead_source == "pameran"
    assert "*Sumber lead*\npameran" in bot.slash("/deal", "lihat toko", user=SARI).ack.text

    before = bot.counts()
    refused = bot.slash("/deal", f"add Kopi 5jt source:{'x' * 65}").ack.text
    assert refused.startswith(":warning:") and "lead source" in refused
    assert bot.counts() == before
    assert "*Lead source*" not in bot.slash("/deal", "add Plain 5jt").ack.text


def test_the_new_deal_form_asks_for_the_lead_source(bot: Bot) -> None:
    sent = bot.slash("/deal", "add")
    view = bot.fake.wait_for("views.open")[-1].response["view"]
    labels = [block["label"]["text"] for block in view["blocks"] if "label" in block]
    assert labels[-1] == "Lead source"

    source = next(b for b in view["blocks"] if b.get("block_id", "").endswith("source"))
    assert source["element"]["max_length"] == 64  # Slack lets nobody type a longer one

    assert bot.submit(view, {"name": "Acme Corp", "source": "  Trade   show "}).status == 200
    assert "Added D-1" in message_text(sent.replies(1)[0])
    assert bot.existing_deal(1).lead_source == "Trade show"  # trimmed, as typed


Cli = Callable[..., Ran]


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_imports_map_each_systems_lead_source_and_exports_write_it(
    bot: Bot, corong_cli: Cli, tmp_path: Path
) -> None:
    hubspot = _write(
        tmp_path,
        "hubspot.csv",
        "Record ID,Deal Name,Deal Stage,Amount,Deal owner,Create Date,Close Date,"
        "Original Source,Closed Lost Reason\n"
        f"501,Toko Satu,Closed Lost,10000000,{BUDI},10/01/2026,11/10/2026,Organic Search,"
        "Price too high\n"
        f"502,Toko Dua,Appointment Scheduled,20000000,{BUDI},10/02/2026,12/20/2026,,\n",
    )
    pipedrive = _write(
        tmp_path,
        "pipedrive.csv",
        "Deal - ID;Deal - Title;Deal - Value;Deal - Owner;Deal - Stage;Deal - Status;"
        "Deal - Deal created;Deal - Won time;Deal - Lost time;Deal - Source\n"
        f"7;Bengkel Jaya;5.000.000;{BUDI};Qualified;won;25/10/2026 09:00;"
        "12/11/2026 10:00;;Referral\n",
    )
    salesforce = _write(
        tmp_path,
        "report.csv",
        '"Opportunity ID","Opportunity Name","Opportunity Owner","Account Name","Stage",'
        '"Amount","Lead Source"\n'
        f'"0065g00000AbCdE","Angkasa ERP","{BUDI}","PT Angkasa","Prospecting",'
        '"IDR 50,000,000.00","Partner Referral"\n',
    )
    for file in (hubspot, pipedrive, salesforce):
        ran: Ran = corong_cli(
            "import", "deals", file, "--workspace", bot.fake.team_id, "--as", ANDI
        )
        assert ran.status == 0, ran
    with Session(bot.engine) as session:
        sources = {deal.name: deal.lead_source for deal in session.exec(select(Deal))}
    assert sources == {
        "Toko Satu": "Organic Search",
        "Toko Dua": None,
        "Bengkel Jaya": "Referral",
        "Angkasa ERP": "Partner Referral",
    }

    # The imported loss has no stage it was lost from: "stage unknown", not a guess.
    text = bot.slash("/funnel", "month").ack.text
    assert table(text, "Losses by the stage they were lost at")[1:] == [
        ["stage unknown", "1", "IDR 10,000,000"]
    ]
    assert ["Organic Search", "0", "1", "0%"] in table(text, "Win rate by lead source")
    assert ["Referral", "1", "0", "100%"] in table(text, "Win rate by lead source")

    exported = tmp_path / "out.csv"
    ran = corong_cli("export", "deals", "--workspace", bot.fake.team_id, "--output", str(exported))
    assert ran.status == 0, ran
    lines = exported.read_text(encoding="utf-8").splitlines()
    column = lines[0].split(",").index("lead_source")
    assert sorted(line.split(",")[column] for line in lines[1:]) == [
        "",
        "Organic Search",
        "Partner Referral",
        "Referral",
    ]
    again = corong_cli(
        "import", "deals", str(exported), "--workspace", bot.fake.team_id, "--as", ANDI
    )
    assert "0 new, 0 updated, 4 unchanged, 0 bad." in again.out, again.out


def test_month_before_and_the_monthly_edition_rule() -> None:
    from commands.posts.digest import is_monthly_edition
    from commands.reports.winloss import month_before

    assert month_before(date(2026, 12, 7)) == (date(2026, 11, 1), date(2026, 11, 30))
    assert month_before(date(2027, 1, 4)) == (date(2026, 12, 1), date(2026, 12, 31))
    # Weekly digests: exactly one is due in days 1 to 7 of each month.
    assert [is_monthly_edition(date(2026, 11, d)) for d in (2, 9, 16, 23, 30)] == [
        True,
        False,
        False,
        False,
        False,
    ]


def test_many_lead_sources_stay_a_few_blocks_and_user_text_is_escaped() -> None:
    from bot.blocks.winloss import win_loss_blocks
    from commands.reports.winloss import SourceWins, StageLosses, WinLoss

    sources = tuple(SourceWins(f"<!channel> fair {i}", 1, 1) for i in range(12))
    analysis = WinLoss(
        period="month",
        period_start=datetime(2026, 11, 1, tzinfo=JAKARTA),
        period_end=datetime(2026, 12, 1, tzinfo=JAKARTA),
        won=12,
        lost=12,
        by_reason=(),
        by_stage=(StageLosses(None, 12, ()),),
        by_source=sources,
        qualified_losses=0,
    )
    blocks = [block.to_dict() for block in win_loss_blocks(analysis, "en", JAKARTA)]
    assert len(blocks) == 3  # heading, the tables, "... and 4 more"
    text = "\n".join(message_text({"blocks": [block]}) for block in blocks)
    assert "<!channel>" not in text and "&lt;!channel&gt; fair 7" in text
    assert "&lt;!channel&gt; fair 8" not in text
    assert "… and 4 more lead sources" in text
    assert ["stage unknown", "12", "–"] in table(text, "Losses by the stage they were lost at")
