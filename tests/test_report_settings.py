"""``/sales targets`` and ``/sales benchmark``: the funnel report's settings, read by anyone and
changed by admins, through the real app with signed slash commands; plus ``ReportPolicy``."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest

from commands.i18n import CATALOG
from commands.localtime import period_bounds
from commands.pipelines import pipeline_for
from commands.reports.metrics import build_funnel_report
from commands.reports.policy import ReportPolicy
from commands.reports.settings import parse_work_days
from storage import queries
from storage.db import unit_of_work
from storage.models import AuditEntry
from tests.fakeslack import check_blocks
from tests.harness import ANDI, BUDI, SARI, TEAM, Bot

RINA = "U0RINA0001"  # an Indonesian-speaking admin
FUNNEL4 = pipeline_for("funnel4")
SEVEN_STEP = pipeline_for("seven-step")


def _ask(bot: Bot, text: str, *, user: str = BUDI) -> str:
    """Run ``/sales <text>`` and return what the user reads, after checking it is a message
    Slack would accept."""
    ack = bot.slash("/sales", text, user=user).ack
    assert ack.status == 200
    assert check_blocks(ack.json["blocks"], surface="message") == []
    return ack.text


def _stored(bot: Bot) -> dict[str, Any] | None:
    with unit_of_work(bot.engine) as session:
        return queries.get_or_create_workspace(session, slack_team_id=TEAM).report_policy


def _policy(bot: Bot) -> ReportPolicy:
    return ReportPolicy.from_json(_stored(bot))


# --- /sales targets -----------------------------------------------------------------------------


def test_anyone_sees_the_default_targets(bot: Bot) -> None:
    shown = _ask(bot, "targets")
    assert "Funnel report settings" in shown
    assert "10 per rep each work day" in shown
    assert "5 work days without activity" in shown
    assert "over 40% of open deals in Closeable" in shown
    assert "deals created in the last 90 days" in shown
    assert "Mon\u2013Fri" in shown
    assert "10:5:3:1" in shown
    assert "Only admins can change these settings" in shown


def test_an_admin_changes_the_targets_and_everyone_sees_them(bot: Bot) -> None:
    saved = _ask(bot, "targets calls:12 stale:5 pileup:35% cohort:60 days:mon-sat", user=ANDI)
    assert "Funnel report settings saved" in saved
    assert "12 per rep each work day" in saved
    assert "5 work days without activity" in saved
    assert "over 35% of open deals" in saved
    assert "last 60 days" in saved
    assert "Mon\u2013Sat" in saved
    assert "/sales undo takes a change back" in saved
    assert "12 per rep each work day" in _ask(bot, "targets")
    assert _policy(bot) == ReportPolicy(
        calls_per_day=12,
        stale_days=5,
        pile_up_threshold=0.35,
        cohort_days=60,
        work_days=(0, 1, 2, 3, 4, 5),
    )


def test_a_change_keeps_the_targets_not_named_and_default_resets_them(bot: Bot) -> None:
    _ask(bot, "targets calls:12", user=ANDI)
    shown = _ask(bot, "targets stale:3", user=ANDI)
    assert "12 per rep each work day" in shown and "3 work days without activity" in shown
    assert "1 work day without activity" in _ask(bot, "targets stale:1", user=ANDI)
    _ask(bot, "benchmark 10:6:3:1", user=ANDI)
    reset = _ask(bot, "targets default", user=ANDI)
    assert "10 per rep each work day" in reset and "5 work days without activity" in reset
    assert _policy(bot) == ReportPolicy(benchmark=(10, 6, 3, 1))  # the benchmark stays


def test_a_rep_is_refused_politely_and_nothing_changes(bot: Bot) -> None:
    before = bot.counts()
    refused = _ask(bot, "targets calls:12")
    assert "Only admins can change the funnel report settings" in refused
    assert f"<@{ANDI}>" in refused  # whom to ask
    assert "Nothing was changed" in refused
    refused = _ask(bot, "benchmark 10:6:3:1")
    assert "Only admins" in refused
    assert bot.counts() == before
    assert _stored(bot) is None


@pytest.mark.parametrize(
    ("text", "says", "example"),
    [
        ("targets calls:0", "\u201ccalls:0\u201d needs a whole number from 1 to 200", "calls:12"),
        ("targets calls:12 stale:91", "from 1 to 90", "stale:5"),
        ("targets cohort:3", "from 7 to 365", "cohort:60"),
        ("targets pileup:150%", "needs a share of open deals from 5% to 100%", "pileup:40%"),
        ("targets pileup:lots", "like 40% or 0.4", "pileup:40%"),
        ("targets days:funday", "\u201cfunday\u201d is not a day of the week", "days:mon-fri"),
        ("targets days:mon-funday", "\u201cfunday\u201d is not a day", "days:mon-fri"),
        ("targets speed:9", "Unknown option \u201cspeed:\u201d", "/sales targets calls:12"),
        ("targets calls:12 please", "I did not expect \u201cplease\u201d", "/sales targets"),
        (
            "benchmark 10:5:3",
            "has 4 open stages (Lead, Prospect, Potential, Closeable)",
            "10:5:3:1",
        ),
        ("benchmark 10:0:3:1", "\u201c0\u201d is not a positive number", "10:5:3:1"),
        ("benchmark 10:-5:3:1", "\u201c-5\u201d is not a positive number", "10:5:3:1"),
        (
            "benchmark 10:12:3:1",
            "Prospect (12) cannot expect more deals than Lead (10)",
            "10:5:3:1",
        ),
        ("benchmark lead:10", "I did not expect \u201clead:10\u201d", "/sales benchmark"),
    ],
)
def test_bad_input_says_what_is_wrong_and_changes_nothing(
    bot: Bot, text: str, says: str, example: str
) -> None:
    before = bot.counts()
    answer = _ask(bot, text, user=ANDI)
    assert says in answer
    assert "Example: " in answer and example in answer
    assert bot.counts() == before
    assert _stored(bot) is None


def test_indonesian_option_names_and_replies(bot: Bot) -> None:
    bot.know(RINA, locale="id-ID", name="Rina", admin=True)
    saved = _ask(bot, "target telepon:8 basi:3 tumpukan:0,5 kohort:30 hari:senin-jumat", user=RINA)
    assert "Pengaturan laporan funnel disimpan" in saved
    assert "8 per sales setiap hari kerja" in saved
    assert "3 hari kerja tanpa aktivitas" in saved
    assert "lebih dari 50% deal aktif" in saved
    assert "Sen\u2013Jum" in saved
    assert _policy(bot).calls_per_day == 8
    _ask(bot, "target panggilan:9 hari:sabtu", user=RINA)
    assert _policy(bot).calls_per_day == 9 and _policy(bot).work_days == (5,)
    wrong = _ask(bot, "target telepon:0", user=RINA)
    assert "\u201ctelepon:0\u201d harus bilangan bulat dari 1 sampai 200" in wrong
    assert "Contoh: " in wrong and "/sales targets telepon:12" in wrong
    assert "Hanya admin yang bisa mengubah pengaturan ini" in _ask(bot, "target", user=SARI)


def test_undo_puts_the_targets_back(bot: Bot) -> None:
    _ask(bot, "targets calls:12", user=ANDI)
    _ask(bot, "targets days:mon-sat", user=ANDI)
    undone = _ask(bot, "undo", user=ANDI)
    assert "Undone: the funnel report settings are back as they were" in undone
    assert _policy(bot).work_days == (0, 1, 2, 3, 4) and _policy(bot).calls_per_day == 12
    _ask(bot, "undo", user=ANDI)
    assert _stored(bot) is None
    assert "10 per rep each work day" in _ask(bot, "targets")


def test_undo_never_overwrites_another_admins_later_change(bot: Bot) -> None:
    bot.know("U0ADMIN002", admin=True)
    _ask(bot, "targets calls:12", user=ANDI)
    _ask(bot, "benchmark 10:6:3:1", user="U0ADMIN002")
    refused = _ask(bot, "undo", user=ANDI)
    assert "Another admin changed the funnel report settings after you" in refused
    assert _policy(bot) == ReportPolicy(calls_per_day=12, benchmark=(10, 6, 3, 1))


# --- /sales benchmark ---------------------------------------------------------------------------


def test_funnel4_shows_the_industry_benchmark(bot: Bot) -> None:
    shown = _ask(bot, "benchmark")
    assert "Benchmark for the funnel4 pipeline" in shown
    assert "*10* Lead : *5* Prospect : *3* Potential : *1* Closeable" in shown
    assert "Lead \u2192 Prospect 50%" in shown and "Potential \u2192 Closeable 33.3%" in shown
    assert "The industry default" in shown
    assert "Patokan untuk pipeline funnel4" in _ask(bot, "patokan", user=SARI)


def test_an_admin_sets_a_benchmark_and_default_clears_it(bot: Bot) -> None:
    saved = _ask(bot, "benchmark 10:6:3:1", user=ANDI)
    assert "Benchmark saved for the funnel4 pipeline" in saved
    assert "*6* Prospect" in saved and "Lead \u2192 Prospect 60%" in saved
    assert "Set by an admin" in _ask(bot, "benchmark")
    assert "10:6:3:1" in _ask(bot, "targets")
    assert _policy(bot).benchmark == (10, 6, 3, 1)
    cleared = _ask(bot, "benchmark default", user=ANDI)
    assert "back on the default benchmark" in cleared and "*5* Prospect" in cleared
    assert _policy(bot).benchmark is None


def test_undo_takes_back_a_benchmark(bot: Bot) -> None:
    _ask(bot, "benchmark 20:10:4:1", user=ANDI)
    assert "Undone: the benchmark is back as it was" in _ask(bot, "undo", user=ANDI)
    assert "The industry default" in _ask(bot, "benchmark")


def test_a_benchmark_for_another_pipeline_is_not_applied(bot: Bot) -> None:
    _ask(bot, "benchmark 10:6:3:1", user=ANDI)
    _ask(bot, "pipeline seven-step", user=ANDI)
    shown = _ask(bot, "benchmark")
    assert "None set" in shown
    assert "The saved benchmark 10:6:3:1 has 4 numbers but this pipeline has 6 open stages" in shown
    assert "none set" in _ask(bot, "targets")
    wrong = _ask(bot, "benchmark 10:6:3:1", user=ANDI)
    assert "The seven-step pipeline has 6 open stages (Prospecting, Qualification" in wrong
    assert "/sales benchmark 6:5:4:3:2:1" in wrong
    assert "Benchmark saved" in _ask(bot, "benchmark 6:5:4:3:2:1", user=ANDI)
    _ask(bot, "undo", user=ANDI)
    _ask(bot, "pipeline funnel4", user=ANDI)
    assert "Set by an admin" in _ask(bot, "benchmark")  # fits again: applied again


def test_help_lists_both_settings(bot: Bot) -> None:
    helped = _ask(bot, "help")
    assert "/sales targets calls:12" in helped and "/sales benchmark" in helped


# --- the value ----------------------------------------------------------------------------------


def test_engine_kwargs_are_the_build_funnel_report_keywords() -> None:
    policy = ReportPolicy(calls_per_day=12, stale_days=5, pile_up_threshold=0.5, cohort_days=60)
    assert policy.engine_kwargs(FUNNEL4) == {
        "cohort_days": 60,
        "stale_days": 5,
        "calls_per_day_target": 12,
        "work_days": (0, 1, 2, 3, 4),
        "pile_up_threshold": 0.5,
    }


def test_a_benchmark_is_passed_only_when_it_fits_the_pipeline() -> None:
    policy = ReportPolicy(benchmark=(10, 6, 3, 1))
    assert policy.engine_kwargs(FUNNEL4)["benchmark_ratio"] == (10, 6, 3, 1)
    assert "benchmark_ratio" not in policy.engine_kwargs(SEVEN_STEP)
    assert policy.benchmark_for(SEVEN_STEP) is None
    assert ReportPolicy().benchmark_for(FUNNEL4) == (10, 5, 3, 1)


def test_a_saved_benchmark_sets_the_reports_conversion_benchmarks(bot: Bot) -> None:
    policy = ReportPolicy(benchmark=(10, 6, 3, 1))
    start, end = period_bounds("week", bot.clock(), ZoneInfo("Asia/Jakarta"))
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        report = build_funnel_report(
            session,
            workspace=workspace,
            pipeline=FUNNEL4,
            period_start=start,
            period_end=end,
            now=bot.clock(),
            **policy.engine_kwargs(FUNNEL4),
        )
    assert [row.benchmark for row in report.funnel.stages] == pytest.approx([0.6, 0.5, 1 / 3, None])


def test_missing_or_broken_keys_fall_back_one_by_one() -> None:
    stored = {
        "calls_per_day": 0,
        "stale_days": "5",
        "pile_up_threshold": 0.25,
        "work_days": [5, 0, 0],
        "benchmark": [10, -1, 3, 1],
    }
    assert ReportPolicy.from_json(stored) == ReportPolicy(pile_up_threshold=0.25, work_days=(0, 5))
    assert ReportPolicy.from_json(None) == ReportPolicy()
    junk = ["nonsense"]
    assert ReportPolicy.from_json(junk) == ReportPolicy()  # type: ignore[arg-type]  # not a dict


def test_the_json_round_trips() -> None:
    policy = ReportPolicy(pile_up_threshold=0.33, work_days=(0, 2, 4), benchmark=(10, 5, 2.5, 1))
    assert policy.as_json()["benchmark"] == [10, 5, 2.5, 1]
    assert ReportPolicy.from_json(policy.as_json()) == policy


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("mon,wed,fri", (0, 2, 4)),
        ("senin-sabtu", (0, 1, 2, 3, 4, 5)),
        ("sun-thu", (0, 1, 2, 3, 6)),
        ("Jum'at,sat", (4, 5)),
        ("mon-wed,fri", (0, 1, 2, 4)),
    ],
)
def test_work_days_read_as_teams_write_them(typed: str, days: tuple[int, ...]) -> None:
    assert parse_work_days("days", typed) == days


def test_every_settings_message_computed_by_the_renderers_exists() -> None:
    computed = {f"settings.benchmark_{s}" for s in ("shown", "saved", "cleared")} | {
        f"settings.benchmark_source_{s}" for s in ("custom", "default", "none")
    }
    computed |= {"undo.workspace.report_targets", "undo.workspace.benchmark"}
    assert sorted(computed - set(CATALOG)) == []


def test_no_stray_audit_rows_on_read(bot: Bot) -> None:
    _ask(bot, "targets")
    _ask(bot, "benchmark")
    assert bot.count(AuditEntry) == 0
