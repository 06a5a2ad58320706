"""``corong report funnel`` as an operator runs it, and ``report funnel`` typed in the shell:
text, JSON and a chart from a real database, and one clear line for a wrong request."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine
from sqlmodel import select

from commands.localtime import period_bounds
from commands.reports.format import period_label
from storage.db import make_engine, unit_of_work
from storage.models import Workspace
from tests.patience import PROCESS_PATIENCE
from tests.processes import clean_env, corong
from tests.report_history import JAKARTA, last_monday, write_history


@dataclass(frozen=True)
class Database:
    """A database file holding the report history, anchored on last week."""

    path: Path
    engine: Engine

    @property
    def env(self) -> dict[str, str]:
        return clean_env(DATABASE_URL=f"sqlite:///{self.path}")

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            corong(*args),
            input=stdin,
            env=self.env,
            cwd=self.path.parent,
            capture_output=True,
            text=True,
            timeout=PROCESS_PATIENCE,
        )

    def set_language(self, language: str) -> None:
        with unit_of_work(self.engine) as session:
            for workspace in session.exec(select(Workspace)).all():
                workspace.language = language


def last_week_label(lang: str) -> str:
    start, end = period_bounds("last_week", datetime.now(UTC), JAKARTA)
    return period_label(start, end, lang, JAKARTA)


def history_database(tmp_path: Path, sqlite_template: Path, week: date) -> Iterator[Database]:
    path = tmp_path / "corong.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    write_history(engine, week)
    try:
        yield Database(path, engine)
    finally:
        engine.dispose()


@pytest.fixture
def database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    yield from history_database(tmp_path, sqlite_template, last_monday(datetime.now(UTC)))


@pytest.fixture
def november(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """The history anchored on the week of Monday 16 November 2026, for reports by dates."""
    yield from history_database(tmp_path, sqlite_template, date(2026, 11, 16))


def report(database: Database, *args: str) -> subprocess.CompletedProcess[str]:
    return database.run("report", "funnel", "--period", "last-week", *args)


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [f"corong: {expected}"]
    assert "Traceback" not in result.stderr


# --- corong report funnel -------------------------------------------------------------------


def test_text_report_of_the_only_workspace(database: Database) -> None:
    result = report(database)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Funnel report · Whole workspace · {last_week_label('en')}"
    assert "Bookings  1 won · IDR 50,000,000" in result.stdout
    assert "D-4  Deal 4 · budi" in result.stdout


def test_text_report_speaks_the_workspace_language_unless_told(database: Database) -> None:
    database.set_language("id")
    indonesian = report(database)
    assert indonesian.stdout.startswith("Laporan funnel · Seluruh workspace · Minggu ")
    assert "1 menang · Rp 50.000.000" in indonesian.stdout
    english = report(database, "--lang", "en")
    assert "1 won · IDR 50,000,000" in english.stdout


def test_team_report_covers_only_its_reps(database: Database) -> None:
    result = report(database, "--team", "jakarta")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Funnel report · Team Jakarta · ")
    assert "ayu" in result.stdout and "budi" not in result.stdout


def test_rep_report_is_titled_with_the_rep(database: Database) -> None:
    result = report(database, "--rep", "U0BUDI")
    assert result.stdout.startswith("Funnel report · budi · ")
    assert "Bookings  0 won" in result.stdout


def test_rep_can_be_named_instead_of_given_by_id(database: Database) -> None:
    result = report(database, "--rep", "Budi")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Funnel report · budi · ")
    assert_one_line_error(report(database, "--rep", "Nobody"), "No member Nobody in this workspace")


def test_unknown_team_is_one_line_listing_the_teams(database: Database) -> None:
    assert_one_line_error(
        report(database, "--team", "Bandung"), "No team called “Bandung”; teams: Jakarta"
    )


def test_json_report_parses_with_money_and_iso_times(database: Database) -> None:
    result = report(database, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["outcomes"]["won_value"] == [{"value": 50_000_000, "currency": "IDR"}]
    assert data["outcomes"]["growth"] == 1.0
    assert datetime.fromisoformat(data["period_start"]).tzinfo is not None


def test_png_report_is_written_to_the_output_file(database: Database, tmp_path: Path) -> None:
    chart = tmp_path / "funnel.png"
    result = report(database, "--format", "png", "--output", str(chart))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {chart}"
    assert Image.open(chart).size == (800, 500)


def test_png_goes_to_stdout_when_it_is_a_pipe(database: Database) -> None:
    result = subprocess.run(
        corong("report", "funnel", "--format", "png"),
        env=database.env,
        cwd=database.path.parent,
        capture_output=True,
        timeout=PROCESS_PATIENCE,
    )
    assert result.returncode == 0, result.stderr
    assert Image.open(io.BytesIO(result.stdout)).size == (800, 500)


def test_several_workspaces_need_one_named(database: Database) -> None:
    write_history(database.engine, last_monday(datetime.now(UTC)), team_id="T0OTHER", team=None)
    assert_one_line_error(
        report(database),
        "This database holds several workspaces (T0OTHER, T0REPORT): choose one with --workspace",
    )
    assert report(database, "--workspace", "T0OTHER").returncode == 0
    assert_one_line_error(
        report(database, "--workspace", "T0NOPE"),
        "No workspace T0NOPE in this database; workspaces: T0OTHER, T0REPORT",
    )


def test_an_empty_database_says_to_use_the_bot_first(tmp_path: Path) -> None:
    result = subprocess.run(
        corong("report", "funnel"),
        env=clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'new.db'}"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PROCESS_PATIENCE,
    )
    assert_one_line_error(
        result,
        "This database has no workspace yet: use the bot in Slack or `corong shell` first",
    )


# --- periods: quarters, years and ranges of days ----------------------------------------------


def quarter_label(day: date, back: int = 0) -> str:
    """``Q3 2026``: the calendar quarter ``back`` quarters before the one ``day`` is in."""
    index = day.year * 4 + (day.month - 1) // 3 - back
    return f"Q{index % 4 + 1} {index // 4}"


def weekdays_in_year(year: int) -> int:
    first = date(year, 1, 1)
    days = (date(year + 1, 1, 1) - first).days
    return sum((first + timedelta(days=n)).weekday() < 5 for n in range(days))


def test_quarter_and_year_reports_are_titled_and_targeted_for_the_whole_period(
    database: Database,
) -> None:
    today = datetime.now(JAKARTA).date()
    quarter = database.run("report", "funnel", "--period", "last-quarter")
    assert quarter.returncode == 0, quarter.stderr
    title = f"Funnel report · Whole workspace · {quarter_label(today, back=1)}"
    assert quarter.stdout.splitlines()[0] == title
    year = database.run("report", "funnel", "--period", "year", "--lang", "id")
    assert year.returncode == 0, year.stderr
    assert year.stdout.splitlines()[0] == f"Laporan funnel · Seluruh workspace · {today.year}"
    work_days = weekdays_in_year(today.year)
    target = f"{work_days * 10:,}".replace(",", ".")
    assert f"target {target} per sales, hari kerja: {work_days}" in year.stdout


def test_a_range_of_days_includes_its_last_day_and_compares_with_the_days_before(
    november: Database,
) -> None:
    result = november.run("report", "funnel", "--from", "2026-11-16", "--to", "2026-11-19")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Funnel report · Whole workspace · 16 – 19 Nov 2026"
    # D-1 was won on Thursday the 19th at 09:00: the last day counts whole.
    assert "Bookings  1 won · IDR 50,000,000" in result.stdout
    # The four days before (12 to 15 November) booked D-5's 25jt.
    assert "+100% (previous period IDR 25,000,000)" in result.stdout
    assert "(target 40 per rep, work days: 4)" in result.stdout  # Monday to Thursday
    data = json.loads(
        november.run(
            "report", "funnel", "--from", "2026-11-16", "--to", "2026-11-19", "--format", "json"
        ).stdout
    )
    # Midnight in Jakarta (UTC+7) starting the 16th, and ending the 19th.
    assert (data["period_start"], data["period_end"]) == (
        "2026-11-15T17:00:00+00:00",
        "2026-11-19T17:00:00+00:00",
    )
    assert data["outcomes"]["previous_start"] == "2026-11-11T17:00:00+00:00"


def test_json_names_reps_by_slack_id_and_name(database: Database) -> None:
    result = report(database, "--rep", "U0BUDI", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    budi_id = data["owner_ids"][0]
    budi = {"member_id": budi_id, "slack_user_id": "U0BUDI", "name": "budi"}
    assert data["owners"] == [budi]
    assert [row["member"] for row in data["activity"]["calls"]] == [budi]
    overdue = data["hygiene"]["overdue"]["deals"]
    assert [(deal["ref"], deal["owner"]) for deal in overdue] == [("D-4", budi)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("--from", "2026-11-16"),
            "--from and --to go together: give both days, like --from 2026-10-01 --to 2026-12-31",
        ),
        (
            ("--period", "month", "--from", "2026-11-16", "--to", "2026-11-19"),
            "Choose either --period or --from and --to, not both",
        ),
        (
            ("--from", "2026-11-19", "--to", "2026-11-16"),
            "That range ends on 2026-11-16, before it starts on 2026-11-19: put the earlier "
            "day first.",
        ),
        (
            ("--from", "16/11/2026", "--to", "2026-11-19"),
            "“16/11/2026” is not a date I can read: write dates as YYYY-MM-DD, like 2026-10-01.",
        ),
        (
            ("--from", "2024-11-16", "--to", "2026-11-19"),
            "That range covers 734 days; a report covers at most 732 days (two years).",
        ),
    ],
)
def test_a_period_that_cannot_be_is_one_line_and_no_report(
    database: Database, args: tuple[str, ...], expected: str
) -> None:
    result = database.run("report", "funnel", *args)
    assert_one_line_error(result, expected)
    assert result.stdout == ""


def test_a_backwards_range_is_refused_in_the_workspace_language(database: Database) -> None:
    database.set_language("id")
    result = database.run("report", "funnel", "--from", "2026-12-31", "--to", "2026-10-01")
    assert_one_line_error(
        result,
        "Rentang itu berakhir pada 2026-10-01, sebelum mulainya pada 2026-12-31: tulis hari "
        "yang lebih awal dulu.",
    )


# --- report funnel in corong shell ----------------------------------------------------------


def test_shell_prints_the_report_and_keeps_going_after_a_bad_team(
    database: Database, tmp_path: Path
) -> None:
    chart = tmp_path / "shell.png"
    script = "\n".join(
        [
            "report funnel --period last-week",
            "report funnel --team Bandung",
            f"report funnel --format png --output {chart}",
            "/deal show D-1",
        ]
    )
    result = database.run("shell", "--team", "T0REPORT", "--locale", "id-ID", stdin=script + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Laporan funnel · Seluruh workspace · {last_week_label('id')}" in out
    assert "1 menang · Rp 50.000.000" in out
    assert "Tidak ada tim bernama “Bandung”; tim yang ada: Jakarta" in out
    assert f"Tersimpan di {chart}" in out and Image.open(chart).size == (800, 500)
    assert "Deal 1" in out  # the shell still answers slash commands afterwards
    assert "Traceback" not in result.stderr


def test_shell_reads_quarters_and_ranges_and_refuses_a_bad_one_in_the_users_language(
    database: Database,
) -> None:
    today = datetime.now(JAKARTA).date()
    script = "\n".join(
        [
            "report funnel --period quarter",
            "report funnel --from 2026-12-31 --to 2026-10-01",
            "report funnel --from 2026-10-01 --to 2026-10-09",
        ]
    )
    result = database.run("shell", "--team", "T0REPORT", "--locale", "id-ID", stdin=script + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    kuartal = quarter_label(today).replace("Q", "Kuartal ")
    assert f"Laporan funnel · Seluruh workspace · {kuartal}" in out
    assert "Rentang itu berakhir pada 2026-10-01, sebelum mulainya pada 2026-12-31" in out
    assert "Laporan funnel · Seluruh workspace · 1 – 9 Okt 2026" in out
    assert "Traceback" not in result.stderr
