"""The funnel report as a reader sees it in a terminal, and as JSON a script reads: real values
from a small history (``tests.report_history``), formatted for each language."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from commands.reports.format import (
    format_conversion,
    format_days,
    format_growth,
    format_hours,
    format_ratio,
    period_label,
    report_as_json,
    report_as_text,
)
from commands.reports.metrics import DealSample, FunnelReport
from commands.reports.request import funnel_report_for, member_names, report_members
from storage.db import unit_of_work
from storage.models import Workspace
from tests.report_history import JAKARTA, ReportHistory, seen_from, write_history

WEEK = date(2026, 11, 16)  # a Monday
NOW = seen_from(WEEK)


@dataclasses.dataclass(frozen=True)
class Built:
    history: ReportHistory
    report: FunnelReport
    names: dict[int, str]


def build(engine: Engine, history: ReportHistory, owner_ids: list[int] | None = None) -> Built:
    with unit_of_work(engine, read_only=True) as session:
        workspace = session.get(Workspace, history.workspace.id)
        assert workspace is not None
        report = funnel_report_for(
            session, workspace, owner_ids=owner_ids, period="last_week", now=NOW
        )
        return Built(history, report, member_names(session, report))


@pytest.fixture
def built(engine: Engine) -> Built:
    return build(engine, write_history(engine, WEEK))


def text(built: Built, lang: str, *, team: str | None = None) -> str:
    return report_as_text(built.report, lang, built.names, JAKARTA, team=team)


def line_of(report: str, label: str) -> str:
    """The report line that starts with ``label`` (after the indent)."""
    found = [line.strip() for line in report.splitlines() if line.strip().startswith(label)]
    assert found, f"no line starts with {label!r} in:\n{report}"
    return found[0]


# --- the terminal report --------------------------------------------------------------------


def test_english_report_shows_the_week_money_rates_and_medians(built: Built) -> None:
    report = text(built, "en")
    assert report.splitlines()[0] == "Funnel report · Whole workspace · Week of 16 Nov 2026"
    assert line_of(report, "Bookings") == "Bookings  1 won · IDR 50,000,000"
    assert line_of(report, "Win rate").split() == ["Win", "rate", "50%"]
    assert "+100% (previous period IDR 25,000,000)" in line_of(report, "Growth")
    assert "3 d" in line_of(report, "Sales cycle")
    assert "12.5 h" in line_of(report, "Lead response time")
    assert "Deal 4 · budi · due Fri, Nov 20, 2026" in line_of(report, "D-4  Deal 4 · budi · due")
    for section in ("FUNNEL", "OUTCOMES", "ACTIVITY", "SPEED", "HYGIENE", "FORECAST"):
        assert section in report.splitlines()


def test_indonesian_report_uses_rupiah_dots_and_decimal_commas(built: Built) -> None:
    report = text(built, "id")
    assert report.splitlines()[0] == "Laporan funnel · Seluruh workspace · Minggu 16 Nov 2026"
    assert line_of(report, "Penjualan") == "Penjualan           1 menang · Rp 50.000.000"
    assert line_of(report, "Tingkat kemenangan").endswith(" 50%")
    assert "+100% (periode sebelumnya Rp 25.000.000)" in line_of(report, "Pertumbuhan")
    assert "3 hari" in line_of(report, "Siklus penjualan")
    assert "12,5 jam" in line_of(report, "Waktu respons prospek")
    assert "tenggat Jum, 20 Nov 2026" in report
    assert "IDR" not in report


def test_funnel_table_columns_line_up(built: Built) -> None:
    lines = text(built, "en").splitlines()
    start = lines.index("FUNNEL") + 1
    table = lines[start : start + 5]  # the header and one row per funnel4 stage
    assert table[0].split() == [
        "Stage", "Open", "Value", "Entered", "Reached", "Conversion", "Benchmark"
    ]  # fmt: skip
    assert len({len(line) for line in table}) == 1, "\n".join(table)
    # D-1 and D-5 went all the way, D-2 and D-3 stopped at lead: half of the leads moved on.
    assert table[1].split()[-2:] == ["50%", "50%"]


def test_reps_are_named_with_their_calls_against_target(built: Built) -> None:
    report = text(built, "en")
    assert "(target 50 per rep, work days: 5)" in report
    assert line_of(report, "ayu").split() == ["ayu", "1", "50", "2%"]
    assert line_of(report, "budi").split() == ["budi", "1", "50", "2%"]


def test_a_long_hygiene_list_says_how_many_more_there_are(built: Built) -> None:
    hygiene = built.report.hygiene
    longer = dataclasses.replace(hygiene, stale=DealSample(12, hygiene.stale.deals[:1]))
    report = dataclasses.replace(built.report, hygiene=longer)
    shown = dataclasses.replace(built, report=report)
    assert line_of(text(shown, "en"), "Stale deals").endswith(" 12")
    assert "… and 11 more" in text(shown, "en")
    assert "… dan 11 lainnya" in text(shown, "id")


def test_a_team_report_is_titled_with_the_team(engine: Engine) -> None:
    history = write_history(engine, WEEK)
    team = build(engine, history, owner_ids=[history.members["ayu"]])
    report = text(team, "id", team="Jakarta")
    assert report.splitlines()[0].startswith("Laporan funnel · Tim Jakarta · ")
    assert "Rp 50.000.000" in line_of(report, "Penjualan")
    assert "budi" not in report


# --- JSON -----------------------------------------------------------------------------------


def test_json_round_trips_with_iso_times_money_and_deal_refs(built: Built) -> None:
    data = report_as_json(built.report, {})
    assert json.loads(json.dumps(data)) == data
    fields = [field.name for field in dataclasses.fields(FunnelReport)]
    named_at = fields.index("owner_ids") + 1  # who the owner ids are comes right after them
    # then attainment against quota, null when the period has none
    assert list(data) == [*fields[:named_at], "owners", *fields[named_at:], "attainment"]
    assert data["attainment"] is None
    assert datetime.fromisoformat(data["period_start"]) == built.report.period_start
    assert data["period_start"] == "2026-11-15T17:00:00+00:00"  # Monday 00:00 in Jakarta
    assert data["outcomes"]["won_value"] == [{"value": 50_000_000, "currency": "IDR"}]
    assert data["outcomes"]["win_rate"] == 0.5
    overdue = data["hygiene"]["overdue"]
    assert overdue["total"] == 1
    assert overdue["deals"][0]["ref"] == "D-4"
    assert overdue["deals"][0]["next_step_due"] == "2026-11-20"
    assert data["speed"]["lead_response_median_hours"] == 12.5


# --- one value at a time --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "ratio", "growth", "days", "hours"),
    [
        ("en", "33%", "+25%", "4.5 d", "3.2 h"),
        ("id", "33%", "+25%", "4,5 hari", "3,2 jam"),
    ],
)
def test_values_are_formatted_for_the_locale(
    lang: str, ratio: str, growth: str, days: str, hours: str
) -> None:
    assert format_ratio(1 / 3, lang) == ratio
    assert format_growth(0.25, lang) == growth
    assert format_days(4.5, lang) == days
    assert format_hours(3.21, lang) == hours


def test_growth_carries_its_sign_and_missing_values_show_a_dash() -> None:
    assert format_growth(-0.1, "en") == "-10%"
    assert format_growth(0.0, "en") == "0%"
    assert format_growth(None, "en") == format_ratio(None, "id") == format_days(None, "en") == "–"


def test_conversion_reads_against_its_benchmark() -> None:
    assert format_conversion(0.4, 0.5, "en") == "40% (benchmark 50%)"
    assert format_conversion(0.4, 0.5, "id") == "40% (acuan 50%)"
    assert format_conversion(0.4, None, "en") == "40%"


@pytest.mark.parametrize(
    ("start", "end", "en", "id"),
    [
        ((2026, 11, 23), (2026, 11, 30), "Week of 23 Nov 2026", "Minggu 23 Nov 2026"),
        ((2026, 11, 1), (2026, 12, 1), "November 2026", "November 2026"),
        ((2026, 5, 1), (2026, 6, 1), "May 2026", "Mei 2026"),
        ((2026, 10, 1), (2027, 1, 1), "Q4 2026", "Kuartal 4 2026"),
        ((2026, 1, 1), (2026, 4, 1), "Q1 2026", "Kuartal 1 2026"),
        ((2026, 1, 1), (2027, 1, 1), "2026", "2026"),
        ((2026, 11, 3), (2026, 11, 6), "3 – 5 Nov 2026", "3 – 5 Nov 2026"),
        ((2026, 10, 5), (2026, 12, 19), "5 Oct – 18 Dec 2026", "5 Okt – 18 Des 2026"),
        ((2026, 12, 15), (2027, 1, 11), "15 Dec 2026 – 10 Jan 2027", "15 Des 2026 – 10 Jan 2027"),
        # Three months that are no calendar quarter, and twelve that are no calendar year.
        ((2026, 2, 1), (2026, 5, 1), "1 Feb – 30 Apr 2026", "1 Feb – 30 Apr 2026"),
        ((2026, 7, 1), (2027, 7, 1), "1 Jul 2026 – 30 Jun 2027", "1 Jul 2026 – 30 Jun 2027"),
    ],
)
def test_period_label_names_weeks_months_quarters_years_and_ranges(
    start: tuple[int, int, int], end: tuple[int, int, int], en: str, id: str
) -> None:
    def midnight(day: tuple[int, int, int]) -> datetime:
        return datetime(*day, tzinfo=JAKARTA).astimezone(UTC)

    assert period_label(midnight(start), midnight(end), "en", JAKARTA) == en
    assert period_label(midnight(start), midnight(end), "id", JAKARTA) == id
    # The same instants read in another time zone are not whole local days: a range.
    assert "–" in period_label(midnight(start), midnight(end), "en", ZoneInfo("UTC"))


# --- the workspace's report settings ----------------------------------------------------------


def test_the_report_applies_the_workspace_targets_and_benchmark(engine: Engine) -> None:
    history = write_history(engine, WEEK)
    with unit_of_work(engine) as session:
        workspace = session.get(Workspace, history.workspace.id)
        assert workspace is not None
        workspace.report_policy = {"calls_per_day": 4, "benchmark": [10, 6, 3, 1]}
    report = build(engine, history).report
    assert report.activity.calls_target == 20
    assert report.funnel.stages[0].benchmark == pytest.approx(0.6)


def test_json_names_every_rep_by_slack_id_and_name_beside_the_ids(engine: Engine) -> None:
    history = write_history(engine, WEEK)
    ayu, budi = history.members["ayu"], history.members["budi"]
    with unit_of_work(engine, read_only=True) as session:
        workspace = session.get(Workspace, history.workspace.id)
        assert workspace is not None
        report = funnel_report_for(
            session, workspace, owner_ids=[ayu, budi], period="last_week", now=NOW
        )
        data = report_as_json(report, report_members(session, report))
    ayu_json = {"member_id": ayu, "slack_user_id": "U0AYU", "name": "ayu"}
    budi_json = {"member_id": budi, "slack_user_id": "U0BUDI", "name": "budi"}
    assert data["owner_ids"] == [ayu, budi]  # the ids stay, for scripts that read them
    assert data["owners"] == [ayu_json, budi_json]
    calls = {row["member_id"]: row for row in data["activity"]["calls"]}
    assert calls[budi] == {"member_id": budi, "member": budi_json, "calls": 1, "manager": False}
    overdue = data["hygiene"]["overdue"]["deals"][0]
    assert (overdue["ref"], overdue["owner_id"], overdue["owner"]) == ("D-4", budi, budi_json)
    # A member the caller could not name still shows their id, with nulls beside it.
    unnamed = report_as_json(report, {})["activity"]["calls"][0]["member"]
    assert unnamed["slack_user_id"] is None and unnamed["name"] is None
    # The whole workspace is no list of reps: no owners either.
    workspace_wide = dataclasses.replace(report, owner_ids=None)
    assert report_as_json(workspace_wide, {})["owners"] is None
