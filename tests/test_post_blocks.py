"""The bot's own posts as Block Kit: the morning nudge, the standup and the weekly digest.

No database: the reply values are built by hand, big enough to press on Slack's limits, and
every message is checked the way Slack checks it (``check_blocks``) in both languages.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import ids
from bot.blocks.digest import digest_chart_title, render_digest_details, render_digest_summary
from bot.blocks.elements import RenderedMessage
from bot.blocks.nudge import render_nudge
from bot.blocks.standup import render_standup
from commands.pipelines import Pipeline
from commands.posts.replies import (
    DONE_BANT,
    DONE_CALL,
    DONE_LOST,
    DONE_MOVED,
    DONE_SNOOZED,
    DONE_WON,
    DUE_TODAY,
    NO_BANT,
    OVERDUE,
    REASONS,
    STALE,
    STUCK,
    UNCONTACTED,
    Digest,
    ItemOutcome,
    Nudge,
    NudgeItem,
    StageMove,
    Standup,
    StandupRep,
)
from commands.replies import DealSummary, Money
from commands.reports.metrics import (
    ActivityStats,
    DealSample,
    Forecast,
    Funnel,
    FunnelReport,
    FunnelStage,
    Hygiene,
    Outcomes,
    RepCalls,
    Speed,
    StageTime,
    StageWinRate,
)
from commands.reports.replies import FunnelView
from commands.reports.scopes import ReportScope
from storage.reports import DealFacts
from tests.fakeslack.blockkit import MESSAGE_TEXT_MAX, check_blocks

JAKARTA = ZoneInfo("Asia/Jakarta")
TODAY = date(2026, 11, 24)  # a Tuesday
FRIDAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
STAGES = ("lead", "prospect", "potential", "closeable")
LANGS = ("en", "id")
LONG_NAME = "Perusahaan Dagang <Sinar> & Jaya " + "Sentosa " * 40  # user text, 200+ chars


# --- building values --------------------------------------------------------------------------


def deal(
    number: int,
    *,
    name: str | None = None,
    stage: str = "prospect",
    value: int | None = 50_000_000,
    next_step: str | None = "send proposal",
    due: date | None = TODAY,
    owner: str = "U0BUDI0001",
) -> DealSummary:
    return DealSummary(
        ref=f"D-{number}",
        name=name if name is not None else f"Acme {number}",
        stage=stage,
        status="open",
        value=Money(value, "IDR") if value is not None else None,
        owner_user_id=owner,
        contact=None,
        close_date=None,
        next_step=next_step,
        next_step_due=due,
        lost_reason=None,
        created_at=NOW - timedelta(days=30),
        stage_entered_at=NOW - timedelta(days=21),
        last_activity_at=NOW - timedelta(days=9),
    )


def item(
    summary: DealSummary,
    reasons: tuple[str, ...],
    *,
    overdue: int = 0,
    idle: int = 9,
    in_stage: int = 21,
    outcome: ItemOutcome | None = None,
) -> NudgeItem:
    return NudgeItem(
        deal=summary,
        reasons=reasons,
        overdue_days=overdue,
        idle_days=idle,
        days_in_stage=in_stage,
        outcome=outcome,
    )


def nudge(items: tuple[NudgeItem, ...], *, more: int = 0, calls: int = 4) -> Nudge:
    return Nudge(
        user_id="U0BUDI0001",
        day=TODAY,
        items=items,
        more=more,
        calls_day=FRIDAY,
        calls=calls,
        calls_target=10,
        move_stages=STAGES,
    )


def big_nudge(*, more: int = 0) -> Nudge:
    """Eight items with 200-char names, long next steps and every reason at once."""
    items = tuple(
        item(
            deal(
                n + 1,
                name=LONG_NAME[:200] + str(n),
                stage=STAGES[n % len(STAGES)],
                next_step="call back about <pricing> & terms " * 20,
                due=TODAY - timedelta(days=3),
            ),
            REASONS,
            overdue=3,
        )
        for n in range(8)
    )
    return nudge(items, more=more)


def as_dict(rendered: RenderedMessage) -> dict[str, Any]:
    return rendered.as_dicts()


def valid(rendered: RenderedMessage) -> dict[str, Any]:
    """The message as JSON, after checking Slack would accept it as a message."""
    message = as_dict(rendered)
    assert check_blocks(message["blocks"], surface="message") == []
    assert message["text"] and len(message["text"]) <= MESSAGE_TEXT_MAX
    return message


def text_of(message: dict[str, Any]) -> str:
    """Every piece of text a reader sees: fallback, sections, fields, contexts, headers."""
    parts = [message["text"]]
    for block in message["blocks"]:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        for element in block.get("elements") or []:
            if element.get("type") in ("mrkdwn", "plain_text"):
                parts.append(element["text"])
    return "\n".join(parts)


def elements(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Interactive elements by action_id."""
    return {
        element["action_id"]: element
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    }


# --- the morning nudge ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_big_nudge_stays_inside_slacks_limits(lang: str) -> None:
    message = valid(render_nudge(big_nudge(more=12), lang, JAKARTA, home_url="slack://app"))
    assert len(message["blocks"]) <= 50
    for n in range(8):
        assert f"{ids.LOG_CALL}_{n}" in elements(message)


def test_each_reason_gets_its_own_line_with_its_number() -> None:
    summary = deal(12, name="Acme Corp", stage="potential", next_step="send proposal")
    reasons = (OVERDUE, UNCONTACTED, STUCK, STALE, NO_BANT)
    overdue = item(summary, reasons, overdue=3, idle=9, in_stage=21)
    today = item(deal(13, name="Beta", next_step="demo"), (DUE_TODAY,))
    text = text_of(valid(render_nudge(nudge((overdue, today)), "en", JAKARTA)))
    assert "*D-12* Acme Corp · Potential · IDR 50,000,000" in text
    assert "Next step overdue by 3 work days: send proposal" in text
    assert "Due today: demo" in text
    assert "No activity for 9 days" in text
    assert "In Potential for 21 days" in text
    assert "Not contacted yet" in text
    assert "No qualifying BANT" in text
    assert "Calls on Fri, Nov 20: 4 of 10" in text


def test_one_day_reads_as_a_day() -> None:
    late = item(deal(1), (OVERDUE,), overdue=1)
    text = text_of(valid(render_nudge(nudge((late,)), "en", JAKARTA)))
    assert "Next step overdue by 1 work day: send proposal" in text
    assert "*1 deal needs you today*" in text


def test_every_item_has_its_buttons_with_the_deal_ref() -> None:
    items = (item(deal(12), (OVERDUE,), overdue=2), item(deal(13), (STALE, NO_BANT)))
    controls = elements(valid(render_nudge(nudge(items), "en", JAKARTA)))
    for n, ref in enumerate(("D-12", "D-13")):
        log_call = controls[f"{ids.LOG_CALL}_{n}"]
        assert log_call["type"] == "button" and log_call["value"] == ref
        lost = controls[f"{ids.NUDGE_LOST}_{n}"]
        assert lost["value"] == ref and lost["style"] == "danger"
        assert "confirm" not in lost  # the lost form it opens asks why, and is the confirmation
        snooze = controls[f"{ids.NUDGE_SNOOZE}_{n}"]
        assert snooze["type"] == "overflow"
        values = [json.loads(option["value"]) for option in snooze["options"]]
        assert values == [{"r": ref, "n": 1}, {"r": ref, "n": 3}, {"r": ref, "n": 7}]
        assert [o["text"]["text"] for o in snooze["options"]] == [
            "Snooze 1 day",
            "Snooze 3 days",
            "Snooze 7 days",
        ]
        assert all(" " not in option["value"] for option in snooze["options"])  # compact JSON
        move = controls[f"{ids.NUDGE_MOVE}_{n}"]
        assert move["type"] == "static_select"
    assert f"{ids.RUN_BANT}_0" not in controls  # D-12 has its BANT
    assert controls[f"{ids.RUN_BANT}_1"]["value"] == "D-13"


def test_move_offers_the_other_open_stages_never_the_current_one() -> None:
    items = (item(deal(1, stage="prospect"), (STALE,)), item(deal(2, stage="lead"), (STALE,)))
    controls = elements(valid(render_nudge(nudge(items), "en", JAKARTA)))
    first = [json.loads(o["value"]) for o in controls[f"{ids.NUDGE_MOVE}_0"]["options"]]
    assert first == [
        {"r": "D-1", "s": "lead"},
        {"r": "D-1", "s": "potential"},
        {"r": "D-1", "s": "closeable"},
    ]
    labels = [o["text"]["text"] for o in controls[f"{ids.NUDGE_MOVE}_1"]["options"]]
    assert labels == ["Prospect", "Potential", "Closeable"]


OUTCOMES = [
    (ItemOutcome(DONE_CALL), "Call logged", "Telepon dicatat"),
    (ItemOutcome(DONE_SNOOZED, "2026-11-26"), "Snoozed until Thu, Nov 26", "Ditunda sampai Kam"),
    (ItemOutcome(DONE_MOVED, "potential"), "Moved to Potential", "Dipindah ke Potensial"),
    (ItemOutcome(DONE_WON), "Marked won", "Ditandai menang"),
    (ItemOutcome(DONE_LOST), "Marked lost", "Ditandai kalah"),
    (ItemOutcome(DONE_BANT), "BANT recorded", "BANT tercatat"),
]


@pytest.mark.parametrize(("outcome", "english", "indonesian"), OUTCOMES)
def test_a_handled_item_shows_what_was_done_instead_of_buttons(
    outcome: ItemOutcome, english: str, indonesian: str
) -> None:
    handled = item(deal(7), (OVERDUE, NO_BANT), overdue=2, outcome=outcome)
    pending = item(deal(8), (STALE,))
    for lang, expected in (("en", english), ("id", indonesian)):
        message = valid(render_nudge(nudge((handled, pending)), lang, JAKARTA))
        assert expected in text_of(message)
        controls = elements(message)
        assert not [action_id for action_id in controls if action_id.endswith("_0")]
        assert f"{ids.LOG_CALL}_1" in controls  # the other item keeps its buttons
    intro = text_of(valid(render_nudge(nudge((handled, pending)), "en", JAKARTA)))
    assert "*1 deal needs you today* (Tue, Nov 24) · 1 handled" in intro


def test_all_items_handled_says_all_done() -> None:
    done = tuple(item(deal(n), (STALE,), outcome=ItemOutcome(DONE_CALL)) for n in (1, 2))
    message = valid(render_nudge(nudge(done), "en", JAKARTA))
    assert "All done for today" in text_of(message)
    assert elements(message) == {}


def test_and_n_more_links_the_app_home_when_it_can() -> None:
    items = (item(deal(1), (STALE,)),)
    url = "slack://app?team=T0123ABCDE&id=A0123ABCDE&tab=home"
    linked = text_of(valid(render_nudge(nudge(items, more=5), "en", JAKARTA, home_url=url)))
    escaped = url.replace("&", "&amp;")  # as Slack's mrkdwn wants it, link targets included
    assert f"… and 5 more in your <{escaped}|App Home>." in linked
    plain = text_of(valid(render_nudge(nudge(items, more=5), "en", JAKARTA)))
    assert "… and 5 more: open Corong's App Home" in plain
    assert "<slack://" not in plain
    none = text_of(valid(render_nudge(nudge(items), "en", JAKARTA, home_url=url)))
    assert "more" not in none


def test_deal_names_are_escaped_and_cannot_ping_anyone() -> None:
    evil = item(
        deal(1, name="<!channel> & <@U0BOSS0001>", next_step="<https://x.io|click>"), (DUE_TODAY,)
    )
    text = text_of(valid(render_nudge(nudge((evil,)), "en", JAKARTA)))
    assert "<!channel>" not in text and "<@U0BOSS0001>" not in text and "<https" not in text
    assert "&lt;!channel&gt; &amp; &lt;@U0BOSS0001&gt;" in text


def test_the_fallback_text_says_what_the_notification_is_about() -> None:
    items = (item(deal(12, name="Acme Corp"), (OVERDUE,), overdue=3), item(deal(13), (STALE,)))
    rendered = render_nudge(nudge(items, more=2), "en", JAKARTA)
    assert rendered.text.startswith("4 deals need you today: D-12 Acme Corp, D-13 Acme 13")


def test_indonesian_nudge_speaks_indonesian_with_rupiah() -> None:
    summary = deal(12, name="Toko Maju", stage="potential", value=1_500_000)
    overdue = item(summary, (OVERDUE, STALE, STUCK, UNCONTACTED, NO_BANT), overdue=3)
    message = valid(render_nudge(nudge((overdue,), more=2), "id", JAKARTA))
    text = text_of(message)
    assert "Rp 1.500.000" in text
    assert "Langkah berikutnya terlambat 3 hari kerja: send proposal" in text
    assert "Tidak ada aktivitas selama 9 hari" in text
    assert "Di tahap Potensial selama 21 hari" in text
    assert "Belum dihubungi" in text
    assert "Belum ada BANT yang lolos kualifikasi" in text
    assert "Telepon pada Jum, 20 Nov: 4 dari 10" in text
    assert "dan 2 lainnya" in text
    controls = elements(message)
    assert controls[f"{ids.LOG_CALL}_0"]["text"]["text"] == "Catat telepon"
    assert controls[f"{ids.NUDGE_SNOOZE}_0"]["options"][0]["text"]["text"] == "Tunda 1 hari"
    assert "Snooze" not in json.dumps(message) and "overdue" not in text


def test_a_nudge_longer_than_a_screen_counts_the_rest_as_more() -> None:
    items = tuple(item(deal(n), (STALE,)) for n in range(40))
    message = valid(render_nudge(nudge(items), "en", JAKARTA))
    assert len(message["blocks"]) <= 50
    assert "… and" in text_of(message)


# --- the standup ------------------------------------------------------------------------------


def rep(n: int, *, plans: int = 4, moves: int = 4, calls: int = 3) -> StandupRep:
    user = f"U0REP{n:05d}"
    return StandupRep(
        user_id=user,
        plan=tuple(
            deal(
                n * 100 + k,
                name=LONG_NAME,
                owner=user,
                next_step="follow up on the <signed> contract " * 5,
                due=TODAY - timedelta(days=k),
            )
            for k in range(plans)
        ),
        plan_more=3 if plans else 0,
        calls=calls,
        moves=tuple(
            StageMove(f"D-{n * 100 + k}", LONG_NAME, "lead" if k else None, "prospect")
            for k in range(moves)
        ),
        moves_more=2 if moves else 0,
    )


def standup(reps: tuple[StandupRep, ...], team: str = "Jakarta <Selatan> & Co") -> Standup:
    return Standup(team_name=team, day=TODAY, since=date(2026, 11, 23), reps=reps)


@pytest.mark.parametrize("lang", LANGS)
def test_a_sixty_rep_standup_fits_and_names_every_rep(lang: str) -> None:
    reps = tuple(rep(n) for n in range(60))
    message = valid(render_standup(standup(reps), lang, JAKARTA))
    text = text_of(message)
    assert len(message["blocks"]) <= 50
    for r in reps:
        assert f"<@{r.user_id}>" in text
    assert all(
        len(block["text"]["text"]) <= 3000 for block in message["blocks"] if block.get("text")
    )


def test_a_huge_team_says_how_many_reps_it_left_out() -> None:
    reps = tuple(rep(n, plans=5, moves=5) for n in range(400))
    message = valid(render_standup(standup(reps), "en", JAKARTA))
    assert len(message["blocks"]) == 50
    text = text_of(message)
    shown = sum(f"<@{r.user_id}>" in text for r in reps)
    assert shown < 400
    assert f"… and {400 - shown} more reps" in text


def test_standup_shows_plan_overdue_calls_and_moves() -> None:
    budi = StandupRep(
        user_id="U0BUDI0001",
        plan=(
            deal(12, name="Acme", next_step="send proposal", due=TODAY - timedelta(days=2)),
            deal(13, name="Beta", next_step="demo", due=TODAY),
        ),
        plan_more=2,
        calls=4,
        moves=(
            StageMove("D-9", "Acme", "lead", "prospect"),
            StageMove("D-10", "Gamma", None, "lead"),
        ),
        moves_more=1,
    )
    idle = StandupRep("U0SARI0001", plan=(), plan_more=0, calls=0, moves=(), moves_more=0)
    message = valid(render_standup(standup((budi, idle), team="Jakarta"), "en", JAKARTA))
    text = text_of(message)
    assert message["blocks"][0]["type"] == "header"
    assert message["blocks"][0]["text"]["text"] == "Standup · Jakarta · Tue, Nov 24"
    assert "*D-12* Acme — send proposal _(overdue 2 days)_" in text
    assert "*D-13* Beta — demo" in text and "+2 more" in text
    assert "4 calls" in text
    assert "D-9 Acme: Lead → Prospect" in text
    assert "D-10 Gamma: new in Lead" in text
    assert "+1 more" in text
    assert "<@U0SARI0001> — _nothing planned, no activity on Mon, Nov 23_" in text
    assert "Reply in this thread" in text
    assert message["text"] == "Standup for Jakarta (Tue, Nov 24): 4 next steps due today"


def test_indonesian_standup() -> None:
    message = valid(render_standup(standup((rep(1, plans=1, moves=1, calls=1),)), "id", JAKARTA))
    text = text_of(message)
    assert "Hari ini" in text and "1 telepon" in text and "Balas di thread ini" in text
    assert "Sen, 23 Nov" in text


# --- the weekly digest ------------------------------------------------------------------------


def facts(number: int, stage: str = "prospect") -> DealFacts:
    return DealFacts(
        id=number,
        number=number,
        name=LONG_NAME,
        stage=stage,
        status="open",
        owner_id=1,
        value=10_000_000,
        currency="IDR",
        created_at=NOW - timedelta(days=40),
        stage_entered_at=NOW - timedelta(days=30),
        last_activity_at=NOW - timedelta(days=12),
        next_step_due=TODAY - timedelta(days=4),
    )


def sample(total: int) -> DealSample:
    return DealSample(total=total, deals=tuple(facts(n) for n in range(min(total, 5))))


def report(*, reps: int = 60, growth: float | None = 0.25) -> FunnelReport:
    start = datetime(2026, 11, 15, 17, 0, tzinfo=UTC)  # Monday 16 Nov, 00:00 in Jakarta
    reached = (40, 16, 6, 2)
    benchmarks = (0.5, 0.6, 1 / 3)
    stages = tuple(
        FunnelStage(
            stage=stage,
            open_count=10 - i,
            open_value=(Money(100_000_000 * (i + 1), "IDR"), Money(5_000, "USD")),
            entered=12 - i,
            reached=reached[i],
            conversion=(reached[i + 1] if i + 1 < 4 else 1) / reached[i],
            benchmark=benchmarks[i] if i < 3 else None,
        )
        for i, stage in enumerate(STAGES)
    )
    return FunnelReport(
        workspace_id=1,
        pipeline=Pipeline("funnel4", STAGES),
        owner_ids=None,
        period_start=start,
        period_end=start + timedelta(days=7),
        now=NOW,
        funnel=Funnel(
            stages=stages,
            cohort_start=start - timedelta(days=83),
            cohort_end=start + timedelta(days=7),
            cohort_size=40,
            cohort_won=1,
            leak="prospect",
        ),
        outcomes=Outcomes(
            won_count=3,
            won_value=(Money(150_000_000, "IDR"),),
            lost_count=2,
            win_rate=0.6,
            currency="IDR",
            previous_start=start - timedelta(days=7),
            previous_end=start,
            previous_won_value=120_000_000,
            growth=growth,
        ),
        activity=ActivityStats(
            calls=tuple(RepCalls(m, 60 - m) for m in range(reps)),
            work_days=5,
            calls_target=50,
            activities=400,
            deals_touched=90,
            followups_per_deal=4.4,
        ),
        speed=Speed(
            cycle_median_days=21.5,
            cycle_deals=3,
            stage_times=tuple(StageTime(s, 3.0 + i * 4, 10) for i, s in enumerate(STAGES)),
            bottleneck="closeable",
            lead_response_median_hours=3.25,
            leads_responded=20,
            leads_awaiting_response=2,
        ),
        hygiene=Hygiene(
            stale=sample(7),
            overdue=sample(3),
            stuck=sample(0),
            stuck_baseline=(),
            pile_up_stage="closeable",
            pile_up_share=0.45,
            pile_up=True,
            uncontacted=sample(1),
            missing_bant=sample(4),
        ),
        forecast=Forecast(
            weighted=(Money(80_000_000, "IDR"),),
            win_rates=tuple(StageWinRate(s, 2, 5, 0.4) for s in STAGES),
            unweighted_count=1,
        ),
    )


def digest(**options: Any) -> Digest:
    rep = report(**options)
    scope = ReportScope(kind="team", owner_ids=tuple(range(60)), team_names=("Jakarta",))
    return Digest(
        team_name="Jakarta <Selatan> & Co",
        funnel=FunnelView(
            report=rep,
            scope=scope,
            period="last_week",
            user_ids={m: f"U0REP{m:05d}" for m in range(60)},
            currency="IDR",
            tz_name="Asia/Jakarta",
        ),
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_digest_summary_and_details_fit(lang: str) -> None:
    summary = valid(render_digest_summary(digest(), lang, JAKARTA))
    assert len(summary["blocks"]) <= 6
    details = valid(render_digest_details(digest(), lang, JAKARTA))
    assert len(details["blocks"]) <= 50


def test_the_digest_summary_reads_in_twenty_seconds() -> None:
    message = valid(render_digest_summary(digest(), "en", JAKARTA))
    text = text_of(message)
    assert "*Weekly digest · Jakarta &lt;Selatan&gt; &amp; Co · Week of 16 Nov 2026*" in text
    assert "Lead 40 → Prospect 16 → Potential 6 → Closeable 2 → Won 1" in text
    assert "Leak: Prospect → Potential converts 38% (benchmark 60%)" in text
    assert "3 won · IDR 150,000,000 · *+25%* vs last week (IDR 120,000,000)" in text
    assert "Calls*: 1,830 in total · 49 of 60 reps below target (50 each)" in text
    assert "Win rate*: 60% (3 won, 2 lost)" in text
    assert "Sales cycle*: 21.5 d median over 3 won deals" in text
    assert "Bottleneck*: Closeable, 15 d median" in text
    assert "Lead response time*: 3.2 h median · 2 leads still waiting" in text
    assert "7 stale · 3 overdue next steps · 1 new lead not contacted · 4 without BANT" in text
    assert "pile-up: 45% in Closeable" in text
    assert "Chart and details in the thread" in text
    assert len(text_of(message)) < 1500, "a glance, not a report"


def test_the_digest_without_previous_bookings_says_so() -> None:
    text = text_of(valid(render_digest_summary(digest(growth=None), "en", JAKARTA)))
    assert "nothing booked the week before" in text
    assert ":moneybag:" in text and "vs last week" not in text


def test_indonesian_digest_speaks_indonesian_with_rupiah() -> None:
    summary = text_of(valid(render_digest_summary(digest(), "id", JAKARTA)))
    assert "Ringkasan mingguan" in summary
    assert "Kebocoran: Prospek → Potensial konversinya 38% (acuan 60%)" in summary
    assert "Rp 150.000.000" in summary and "+25%" in summary
    assert "dibanding minggu lalu" in summary
    assert "Grafik dan rinciannya ada di thread" in summary
    details = text_of(valid(render_digest_details(digest(), "id", JAKARTA)))
    assert "Rincian" in details and "Rp 80.000.000" in details
    assert "Kebocoran terbesar: Prospek" in details


def test_the_details_are_the_full_report_in_the_thread() -> None:
    message = valid(render_digest_details(digest(), "en", JAKARTA))
    text = text_of(message)
    for heading in ("Funnel", "Outcomes", "Activity", "Speed", "Hygiene", "Forecast"):
        assert f"*{heading}*" in text
    assert "<@U0REP00000> 60 / 50" in text
    assert "DM" not in text  # the chart is in the thread, not in anybody's DM


def test_the_chart_title_is_plain_text() -> None:
    assert digest_chart_title(digest(), "en") == (
        "Weekly digest · Jakarta <Selatan> & Co · Week of 16 Nov 2026"
    )
    assert digest_chart_title(digest(), "id").startswith("Ringkasan mingguan · Jakarta")
