"""The forecast call: ``/forecast``'s modal, its submission, ``/forecast team``'s roll-up and
accuracy, through the real app and the fake Slack.

Budi (English) and Sari (Indonesian) are reps of team Jakarta, Rina its manager, Andi an admin.
The harness clock starts on Monday 23 Nov 2026, 09:00 in Jakarta; the workspace currency is IDR
and its forecast period (like the team's, by default) the month: November 2026.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from bot import ids
from bot.blocks.digest import render_digest_summary
from bot.shell import repl
from commands.posts.digest import build_digest
from storage import forecasts, queries, teams, timeoff
from storage.db import unit_of_work
from storage.models import Forecast, Member, Team
from tests.fakeslack import requests as slack_requests
from tests.fakeslack.blockkit import check_blocks
from tests.harness import ANDI, BUDI, RINA, SARI, TEAM, Bot, button_values, message_text

JAKARTA = ZoneInfo("Asia/Jakarta")
EKO = "U0EKO00001"  # a third rep of Jakarta, who never submits


def jakarta(bot: Bot, *reps: str) -> None:
    bot.team("Jakarta", reps=reps or (BUDI, SARI), managers=(RINA,))


def stored(bot: Bot) -> list[tuple[str, str, date, int, int, int, str]]:
    """Every forecast row, oldest first: who, period, its first day, commit, best case,
    weighted pipeline, note."""
    with Session(bot.engine) as session:
        rows = session.exec(select(Forecast).order_by(col(Forecast.id))).all()
        who = {m.id: m.slack_user_id for m in session.exec(select(Member)).all()}
        return [
            (who[r.member_id], r.period, r.period_start, r.commit, r.best_case, r.weighted, r.note)
            for r in rows
        ]


def opened(bot: Bot, count: int = 1) -> dict[str, Any]:
    """The modal the last views.open opened."""
    return bot.fake.wait_for("views.open", count=count)[-1].response["view"]


def view_text(view: dict[str, Any]) -> str:
    """The words of a modal's sections and context lines."""
    return message_text({"blocks": [b for b in view["blocks"] if b["type"] != "input"]})


def initial(view: dict[str, Any], field: str) -> str | None:
    block = next(b for b in view["blocks"] if b.get("block_id") == ids.field_block_id(field))
    return block["element"].get("initial_value")


def forecast(bot: Bot, user: str, commit: str, best_case: str, note: str = "") -> None:
    """``user`` types /forecast and submits the modal; the submission must be saved."""
    before = len(bot.fake.calls_to("views.open"))
    bot.slash("/forecast", "", user=user)
    view = opened(bot, before + 1)
    answer = bot.submit(view, {"commit": commit, "best_case": best_case, "note": note}, user=user)
    assert answer.status == 200 and answer.body in ("", "{}"), answer.body
    bot.settle()


def test_a_rep_opens_their_forecast_submits_it_and_is_told(bot: Bot) -> None:
    jakarta(bot)
    sent = bot.slash("/forecast")
    assert sent.ack.status == 200 and sent.ack.body == ""
    view = opened(bot)
    assert view["title"]["text"] == "Your forecast"
    assert view["callback_id"] == ids.FORECAST_CALLBACK
    text = view_text(view)
    assert "Your forecast for November 2026" in text
    assert "Your weighted pipeline this week: *IDR 0*" in text
    assert initial(view, "commit") is None and initial(view, "best_case") is None

    answer = bot.submit(view, {"commit": "500jt", "best_case": "1,5 miliar", "note": "Acme"})
    assert answer.status == 200 and answer.body in ("", "{}")
    confirmation = message_text(sent.replies(1)[0])
    assert (
        "Forecast for November 2026 saved: commit *IDR 500,000,000*, best case "
        "*IDR 1,500,000,000*." in confirmation
    )
    assert stored(bot) == [
        (BUDI, "month", date(2026, 11, 1), 500_000_000, 1_500_000_000, 0, "Acme")
    ]

    # Opened again: pre-filled with what was submitted for November, and when.
    bot.slash("/forecast")
    again = opened(bot, 2)
    assert initial(again, "commit") == "IDR 500,000,000"
    assert initial(again, "best_case") == "IDR 1,500,000,000"
    assert initial(again, "note") == "Acme"
    assert "You last submitted this period's forecast on Nov 23, 2026 09:00" in view_text(again)


def test_commit_over_best_case_and_bad_amounts_are_refused_on_their_fields(bot: Bot) -> None:
    bot.slash("/forecast")
    view = opened(bot)
    over = bot.submit(view, {"commit": "900jt", "best_case": "800jt"})
    assert over.json["response_action"] == "errors"
    assert set(over.json["errors"]) == {"field_commit"}
    assert (
        "Your commit (IDR 900,000,000) is more than your best case (IDR 800,000,000)"
        in over.json["errors"]["field_commit"]
    )
    bad = bot.submit(view, {"commit": "lima ratus", "best_case": "$5000"})
    assert set(bad.json["errors"]) == {"field_commit", "field_best_case"}
    assert "lima ratus" in bad.json["errors"]["field_commit"]
    assert "Forecasts are in IDR" in bad.json["errors"]["field_best_case"]
    missing = bot.submit(view, {"commit": "", "best_case": "800jt"})
    assert "Say what you commit" in missing.json["errors"]["field_commit"]
    assert bot.count(Forecast) == 0


def test_an_indonesian_rep_is_asked_what_2m_means_and_reads_indonesian(bot: Bot) -> None:
    jakarta(bot)
    sent = bot.slash("/forecast", "", user=SARI)
    view = opened(bot)
    assert view["title"]["text"] == "Proyeksi Anda"
    assert "Proyeksi Anda untuk November 2026" in view_text(view)
    asked = bot.submit(view, {"commit": "2M", "best_case": "3 miliar"}, user=SARI)
    assert "“2M” bisa berarti 2jt (juta) atau 2 miliar" in asked.json["errors"]["field_commit"]
    assert bot.count(Forecast) == 0
    bot.submit(view, {"commit": "2 miliar", "best_case": "3 miliar"}, user=SARI)
    said = message_text(sent.replies(1)[0])
    assert "Proyeksi untuk November 2026 tersimpan: komitmen *Rp 2.000.000.000*" in said


def test_the_forecast_button_opens_the_same_modal(bot: Bot) -> None:
    jakarta(bot)
    button = {
        "action_id": ids.FORECAST_OPEN,
        "block_id": "forecast",
        "value": "2026-11-01",
        "text": "Submit forecast",
    }
    bot.click(button)
    view = opened(bot)
    assert "Your forecast for November 2026" in view_text(view)
    bot.submit(view, {"commit": "100jt", "best_case": "200jt"})
    bot.settle()
    assert [row[3] for row in stored(bot)] == [100_000_000]


def keep(bot: Bot, user: str, first: date, last: date, commit: int | None, booked: int) -> None:
    """A result F2's period-end job would keep: the rep's last commit and what they booked."""
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        member = queries.find_member(session, workspace_id=workspace.id or 0, slack_user_id=user)
        assert workspace.id is not None and member is not None and member.id is not None
        forecasts.keep_result(
            session,
            workspace_id=workspace.id,
            member_id=member.id,
            period="month",
            period_start=first,
            period_end=last,
            commit=commit,
            best_case=commit,
            booked=booked,
            currency="IDR",
            kept_at=datetime(2026, 11, 1, 1, 0, tzinfo=bot.clock.now.tzinfo),
        )


def away(bot: Bot, user: str, first: date, last: date) -> None:
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        member = queries.find_member(session, workspace_id=workspace.id or 0, slack_user_id=user)
        assert workspace.id is not None and member is not None and member.id is not None
        timeoff.add_time_off(
            session,
            workspace_id=workspace.id,
            member_id=member.id,
            first=first,
            last=last,
            source="command",
            note="",
            set_by=None,
            now=bot.clock.now,
        )


def golden_week(bot: Bot) -> None:
    """Monday 23 Nov: the deals, quotas and kept results; Thursday 26 Nov: Budi's first
    forecast; Monday 30 Nov (a new week, still November): Budi's and Sari's."""
    bot.know(EKO, name="Eko")
    jakarta(bot, BUDI, SARI, EKO)
    bot.slash("/sales", f"quota <@{BUDI}|budi> 500jt month", user=RINA)
    bot.slash("/sales", f"quota <@{SARI}|sari> 300jt month", user=RINA)
    bot.slash("/sales", "quota team Jakarta 1 miliar month", user=RINA)
    # Closed on 23 Nov: Alpha (Budi) went lead -> closeable -> won; Beta (Sari) reached
    # potential and was lost; Gamma (Sari) was lost as a lead.
    bot.slash("/deal", "add Alpha 100jt")
    bot.slash("/deal", "move alpha closeable")
    bot.slash("/deal", "won alpha")
    bot.slash("/deal", "add Beta 40jt", user=SARI)
    bot.slash("/deal", "move beta potential", user=SARI)
    bot.slash("/deal", "lost beta harga", user=SARI)
    bot.slash("/deal", "add Gamma 20jt", user=SARI)
    bot.slash("/deal", "lost gamma harga", user=SARI)
    # Open: Delta 300jt (lead) and Echo 200jt (closeable) are Budi's, Foxtrot 90jt (prospect)
    # Sari's.
    bot.slash("/deal", "add Delta 300jt")
    bot.slash("/deal", "add Echo 200jt")
    bot.slash("/deal", "move echo closeable")
    bot.slash("/deal", "add Foxtrot 90jt", user=SARI)
    bot.slash("/deal", "move foxtrot prospect", user=SARI)
    assert bot.count(Forecast) == 0
    # Kept at the ends of August, September and October.
    keep(bot, BUDI, date(2026, 10, 1), date(2026, 10, 31), 200_000_000, 180_000_000)
    keep(bot, BUDI, date(2026, 9, 1), date(2026, 9, 30), 100_000_000, 120_000_000)
    keep(bot, BUDI, date(2026, 8, 1), date(2026, 8, 31), None, 50_000_000)
    keep(bot, SARI, date(2026, 10, 1), date(2026, 10, 31), 100_000_000, 50_000_000)

    bot.clock.advance(days=3)  # Thursday 26 Nov
    forecast(bot, BUDI, "250jt", "400jt")
    bot.clock.advance(days=4)  # Monday 30 Nov
    forecast(bot, BUDI, "300jt", "450jt")
    forecast(bot, SARI, "60jt", "120jt")
    away(bot, EKO, date(2026, 11, 30), date(2026, 12, 4))


def test_the_roll_up_worked_by_hand(bot: Bot) -> None:
    """Win rates (deals closed before today, 30 Nov, that reached each stage; ``won/closed``):

        lead       Alpha won, Beta and Gamma lost   1/3
        prospect   Alpha won, Beta lost             1/2
        potential  Alpha won, Beta lost             1/2
        closeable  Alpha won                        1/1

    Weighted pipeline:  Budi  Delta 300jt x 1/3 + Echo 200jt x 1 = 100jt + 200jt = 300jt
                        Sari  Foxtrot 90jt x 1/2                  =                 45jt
                        Eko   nothing open                         =                  0
    Booked in November: Budi Alpha 100jt; Sari and Eko nothing.
    Commit change since the week began (Monday 30 Nov 00:00):
        Budi 300jt now, 250jt on Thursday -> +50jt;  Sari 60jt, none before -> "new".
    Accuracy (booked ÷ commit, averaged over the periods that had a commit):
        Budi  Oct 180/200 = 90%, Sep 120/100 = 120%, Aug no commit -> (90 + 120) / 2 = 105%
        Sari  Oct 50/100 = 50%
        team  Oct (180 + 50) / (200 + 100) = 76.67%, Sep 120/100 = 120% -> 98.33% -> 98%
    Team total: commit 300 + 60 = 360jt, best case 450 + 120 = 570jt, weighted 345jt, booked
    100jt, quota the team's own 1 miliar, change +50jt (Budi's; Sari's is new).
    """
    golden_week(bot)
    assert [(row[0], row[3], row[5]) for row in stored(bot)] == [
        (BUDI, 250_000_000, 300_000_000),  # weighted as on Thursday: the same deals, rates
        (BUDI, 300_000_000, 300_000_000),
        (SARI, 60_000_000, 45_000_000),
    ]
    answer = bot.slash("/forecast", "team", user=RINA).ack
    table = next(b for b in answer.json["blocks"] if b["type"] == "table")
    rows = [[cell["text"] for cell in row] for row in table["rows"]]
    # Amounts are compact (the currency named once, in the commit's header) so the table fits
    # a phone; /forecast team shows no attainment table, so it keeps booked and quota.
    assert rows == [
        ["Rep", "Commit IDR", "Best case", "Weighted", "Booked", "Quota", "Change", "Accuracy"],
        ["Budi", "300M", "450M", "300M", "100M", "500M", "+50M", "105%"],
        ["Eko (away)", "not submitted", "–", "0", "0", "–", "–", "–"],
        ["Sari", "60M", "120M", "45M", "0", "300M", "new", "50%"],
        ["Jakarta total", "360M", "570M", "345M", "100M", "1B", "+50M", "98%"],
    ]
    assert "*Jakarta* · November 2026 · 2 of 3 submitted" in answer.text
    assert sum(1 for b in answer.json["blocks"] if b["type"] == "table") == 1

    # The rep's own accuracy, in their modal.
    bot.slash("/forecast")
    text = view_text(opened(bot, 4))
    assert "Last 3 months: 105% of commit booked on average" in text
    assert "Oct 2026: IDR 180,000,000 of IDR 200,000,000 (90%)" in text
    assert "Aug 2026: IDR 50,000,000, no forecast" in text
    assert "Your weighted pipeline this week: *IDR 300,000,000*" in text


def test_who_may_read_the_roll_up(bot: Bot) -> None:
    golden_week(bot)
    rep = bot.slash("/forecast", "team", user=BUDI).ack.text
    assert rep.startswith(":warning:") and "you manage no team" in rep
    other = bot.slash("/forecast", "team Jakarta", user=BUDI).ack.text
    assert "Team Jakarta's forecast roll-up is for its managers and admins" in other
    unknown = bot.slash("/forecast", "team Bogor", user=RINA).ack.text
    assert "There is no team called “Bogor”." in unknown
    # Andi's admin flag was read a week ago: looked up again first, then answered.
    admin = bot.slash("/forecast", "team", user=ANDI)
    answered = admin.replies(1)[0]
    assert "*Jakarta* · November 2026 · 2 of 3 submitted" in message_text(answered)
    assert any(b["type"] == "table" for b in answered["blocks"])
    typo = bot.slash("/forecast", "tem", user=RINA).ack.text
    assert "/forecast team" in typo


def test_an_indonesian_manager_reads_the_roll_up_in_indonesian(bot: Bot) -> None:
    golden_week(bot)
    wati = "U0WATI0001"
    bot.know(wati, locale="id-ID", name="Wati")
    bot.team("Jakarta", managers=(wati,))
    answer = bot.slash("/forecast", "tim", user=wati).ack
    table = next(b for b in answer.json["blocks"] if b["type"] == "table")
    rows = [[cell["text"] for cell in row] for row in table["rows"]]
    assert rows[0] == [
        "Anggota",
        "Komitmen IDR",
        "Terbaik",
        "Tertimbang",
        "Terjual",
        "Kuota",
        "Perubahan",
        "Akurasi",
    ]
    assert rows[2][:2] == ["Eko (cuti)", "belum mengirim"]
    assert rows[3][6] == "baru" and rows[1][6] == "+50\xa0jt"  # a no-break space, as Babel
    assert rows[4][1:6] == ["360\xa0jt", "570\xa0jt", "345\xa0jt", "100\xa0jt", "1\xa0M"]
    assert "*Jakarta* · November 2026 · 2 dari 3 sudah mengirim" in answer.text


def test_the_forecast_works_in_the_shell(engine: Engine) -> None:
    """``corong shell``: the modal becomes questions, a refused commit is asked again, and the
    roll-up prints as an aligned table (the shell's user is an admin of a new workspace)."""
    script = [
        "/forecast",
        "900jt",  # commit
        "800jt",  # best case: below the commit, so the commit is asked again
        "",  # note
        "700jt",
        "/sales team add Jakarta @you",
        "/forecast team",
    ]
    printed: list[str] = []

    def ask(prompt: str) -> str:
        if not script:
            raise EOFError
        return script.pop(0)

    assert repl.run_shell(engine, repl.ShellOptions(), ask=ask, say=printed.append) == 0
    out = "\n".join(printed)
    assert "== Your forecast ==" in out
    assert "! Your commit (IDR 900,000,000) is more than your best case" in out
    assert "saved: commit *IDR 700,000,000*, best case *IDR 800,000,000*." in out
    assert row_of(out, "you") == ["you", "700M", "800M", "0", "0", "–", "new", "–"]
    with Session(engine) as session:
        rows = session.exec(select(Forecast)).all()
        assert [(r.commit, r.best_case) for r in rows] == [(700_000_000, 800_000_000)]


def row_of(text: str, first: str) -> list[str]:
    """The cells of the aligned table line that starts with ``first`` (split on spaces)."""
    line = next(line for line in text.splitlines() if line.strip("`").startswith(first))
    return line.strip("`").split()


def open_home(bot: Bot, user: str) -> dict[str, Any]:
    """The view published when ``user`` opens the App Home (valid for a home tab)."""
    before = len(bot.fake.calls_to("views.publish"))
    body = slack_requests.event_callback_body(
        slack_requests.app_home_opened_event(user), team_id=TEAM
    )
    assert bot.signed(body).status == 200
    view = bot.fake.wait_for("views.publish", count=before + 1)[-1].args["view"]
    assert check_blocks(view["blocks"], surface="home") == []
    return view


def test_the_app_home_shows_the_manager_the_roll_up_and_the_rep_their_own(bot: Bot) -> None:
    golden_week(bot)
    manager = message_text(open_home(bot, RINA))
    assert "*Forecast roll-up*\n*Jakarta* · November 2026 · 2 of 3 submitted" in manager
    # The attainment table just above has each rep's booked and quota: not repeated here.
    assert row_of(manager, "Rep") == [
        "Rep",
        "Commit",
        "IDR",
        "Best",
        "case",
        "Weighted",
        "Change",
        "Accuracy",
    ]
    assert row_of(manager, "Jakarta total") == [
        "Jakarta",
        "total",
        "360M",
        "570M",
        "345M",
        "+50M",
        "98%",
    ]

    home = open_home(bot, BUDI)
    mine = message_text(home)
    assert (
        "*Forecast · November 2026*\nCommit *IDR 300,000,000* · best case *IDR 450,000,000* · "
        "weighted pipeline IDR 300,000,000" in mine
    )
    assert "Last 3 months: 105% of commit booked on average" in mine
    update = next(b for b in button_values(home) if b["action_id"] == ids.FORECAST_OPEN)
    assert (update["text"], update["value"]) == ("Update forecast", "2026-11-01")
    bot.click(update)
    view = opened(bot, 4)
    assert initial(view, "commit") == "IDR 300,000,000"

    sari = message_text(open_home(bot, EKO))
    assert "You have not forecast November 2026 yet. Weighted pipeline: IDR 0." in sari


def test_the_weekly_digest_carries_the_teams_compact_roll_up(bot: Bot) -> None:
    golden_week(bot)
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        team = teams.team_by_name(session, workspace_id=workspace.id or 0, name="Jakarta")
        assert team is not None
        digest = build_digest(session, workspace, team, now=bot.clock.now)
    summary = render_digest_summary(digest, "en", JAKARTA)
    blocks = [block.to_dict() for block in summary.blocks]
    assert check_blocks(blocks, surface="message") == []
    assert not any(block["type"] == "table" for block in blocks)  # aligned text, no table
    text = message_text({"blocks": blocks})
    assert "*Forecast · November 2026* · 2 of 3 submitted" in text
    # Compact: no quota, no accuracy; no booked either, as the thread's attainment table has it.
    assert row_of(text, "Rep") == ["Rep", "Commit", "IDR", "Best", "case", "Weighted", "Change"]
    assert row_of(text, "Budi") == ["Budi", "300M", "450M", "300M", "+50M"]
    assert row_of(text, "Jakarta total") == ["Jakarta", "total", "360M", "570M", "345M", "+50M"]


def test_a_quarter_team_forecasts_the_quarter(bot: Bot) -> None:
    jakarta(bot)
    with unit_of_work(bot.engine) as session:
        team = session.exec(select(Team).where(Team.name == "Jakarta")).one()
        team.forecast_period = "quarter"
    forecast(bot, BUDI, "1 miliar", "1,5 miliar")
    assert [(row[1], row[2]) for row in stored(bot)] == [("quarter", date(2026, 10, 1))]
    bot.slash("/forecast")
    assert "Your forecast for Q4 2026" in view_text(opened(bot, 2))
    roll_up = bot.slash("/forecast", "team", user=RINA).ack.text
    assert "*Jakarta* · Q4 2026 · 1 of 2 submitted" in roll_up


def test_a_form_left_open_past_its_period_saves_nothing(bot: Bot) -> None:
    bot.clock.advance(days=7, hours=14)  # Monday 30 Nov, 23:00 in Jakarta
    bot.slash("/forecast")
    view = opened(bot)
    bot.clock.advance(hours=2)  # Tuesday 1 Dec: November has ended
    answer = bot.submit(view, {"commit": "100jt", "best_case": "200jt"})
    assert "The period starting Sun, Nov 1, 2026 has ended" in answer.json["errors"]["field_commit"]
    assert bot.count(Forecast) == 0
