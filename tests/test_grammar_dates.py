"""Due dates and call durations in English and Indonesian, always relative to a given today."""

from __future__ import annotations

import datetime as dt

import pytest

from commands.errors import UsageError
from commands.grammar import looks_like_duration, parse_date, parse_duration
from commands.i18n import LANGUAGES, in_language

WED = dt.date(2026, 5, 13)  # a Wednesday
FRI = dt.date(2026, 5, 15)
SAT = dt.date(2026, 5, 16)
MON = dt.date(2026, 5, 18)


def d(month: int, day: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, day)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-31", d(12, 31)),
        ("2027-1-5", d(1, 5, 2027)),
        ("31/12/2026", d(12, 31)),
        ("31-12-2026", d(12, 31)),
        ("31.12.2026", d(12, 31)),
        ("5/1/2027", d(1, 5, 2027)),
        ("31/12/26", d(12, 31)),
        ("2020-01-01", d(1, 1, 2020)),
    ],
)
def test_numeric_dates_are_iso_or_day_first(text: str, expected: dt.date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12", d(12, 31)),
        ("13/05", WED),
        ("12/05", d(5, 12, 2027)),
        ("1/1", d(1, 1, 2027)),
        ("29/02", d(2, 29, 2028)),
    ],
)
def test_day_and_month_without_year_is_the_next_such_day(text: str, expected: dt.date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", WED),
        ("Today", WED),
        ("hari ini", WED),
        ("Hari  Ini", WED),
        ("hariini", WED),
        ("tomorrow", d(5, 14)),
        ("tmr", d(5, 14)),
        ("besok", d(5, 14)),
        ("BESOK", d(5, 14)),
        ("lusa", FRI),
        ("day after tomorrow", FRI),
    ],
)
def test_today_tomorrow_and_lusa(text: str, expected: dt.date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", d(5, 12)),
        ("kemarin", d(5, 12)),
        ("Kemaren", d(5, 12)),
        ("kmrn", d(5, 12)),
        ("kemarin lusa", d(5, 11)),
        ("day before yesterday", d(5, 11)),
        ("3 days ago", d(5, 10)),
        ("3 hari lalu", d(5, 10)),
        ("3 hari yang lalu", d(5, 10)),
        ("1 week ago", d(5, 6)),
        ("2 minggu lalu", d(4, 29)),
    ],
)
def test_past_days_are_read_for_logging_what_already_happened(text: str, expected: dt.date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thu", d(5, 14)),
        ("thur", d(5, 14)),
        ("thurs", d(5, 14)),
        ("Thursday", d(5, 14)),
        ("kamis", d(5, 14)),
        ("fri", FRI),
        ("jumat", FRI),
        ("jum'at", FRI),
        ("Jum\u2019at", FRI),
        ("jum", FRI),
        ("sabtu", SAT),
        ("minggu", d(5, 17)),
        ("ahad", d(5, 17)),
        ("mon", MON),
        ("senin", MON),
        ("selasa", d(5, 19)),
        ("tue", d(5, 19)),
    ],
)
def test_weekday_names_mean_the_next_such_day(text: str, expected: dt.date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize("text", ["wed", "wednesday", "rabu"])
def test_todays_weekday_name_means_a_week_from_today(text: str) -> None:
    assert parse_date(text, WED) == d(5, 20)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("next week", WED, MON),
        ("minggu depan", WED, MON),
        ("next week", MON, d(5, 25)),
        ("next month", WED, d(6, 1)),
        ("bulan depan", d(12, 31), d(1, 1, 2027)),
        ("bulan depan", d(1, 31), d(2, 1)),
        ("eow", WED, FRI),
        ("end of week", FRI, FRI),
        ("eow", SAT, d(5, 22)),
    ],
)
def test_next_week_month_and_end_of_week(text: str, today: dt.date, expected: dt.date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 3 days", SAT),
        ("in 1 day", d(5, 14)),
        ("3 hari lagi", SAT),
        ("dalam 3 hari", SAT),
        ("in 2 weeks", d(5, 27)),
        ("2 minggu lagi", d(5, 27)),
        ("dalam 2 minggu", d(5, 27)),
    ],
)
def test_in_n_days_and_weeks(text: str, expected: dt.date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 dec", d(12, 31)),
        ("31 Desember 2026", d(12, 31)),
        ("dec 31", d(12, 31)),
        ("December 31, 2026", d(12, 31)),
        ("5 mei", d(5, 5, 2027)),
        ("17 agustus", d(8, 17)),
        ("1 okt 2027", d(10, 1, 2027)),
        ("20 mar", d(3, 20, 2027)),
    ],
)
def test_month_names_in_english_and_indonesian(text: str, expected: dt.date) -> None:
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "someday",
        "2026-02-30",
        "31/04/2026",
        "32/1",
        "1/13",
        "31/12/0000",
        "30 feb",
        "12.5",
        "next friday",
        "in -3 days",
        "in 99999 days",
        "2026-12-31T10:00",
        "\u0661/\u0661",
    ],
)
def test_unreadable_or_impossible_dates_are_errors(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_date(text, WED)
    assert info.value.key == "grammar.bad_date"
    assert info.value.params == {"text": text}
    assert info.value.example is not None
    for lang in LANGUAGES:  # the example reads in each language it is shown in
        assert parse_date(in_language(info.value.example, lang), WED)


def test_dates_past_the_end_of_the_calendar_are_errors_not_crashes() -> None:
    with pytest.raises(UsageError):
        parse_date("in 9999 weeks", dt.date(9990, 1, 1))
    with pytest.raises(UsageError):
        parse_date("next month", dt.date(9999, 12, 31))


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("20m", 1200),
        ("20min", 1200),
        ("20 mins", 1200),
        ("20 menit", 1200),
        ("20mnt", 1200),
        ("45", 2700),
        ("1h", 3600),
        ("1 jam", 3600),
        ("1h30m", 5400),
        ("1h 30m", 5400),
        ("1j30m", 5400),
        ("1 jam 30 menit", 5400),
        ("1h30", 5400),
        ("1j30", 5400),
        ("1,5 jam", 5400),
        ("1.5h", 5400),
        ("90s", 90),
        ("90 detik", 90),
        ("2m30s", 150),
        ("1:30", 90),
        ("12:05", 725),
        ("1:00:00", 3600),
        ("24h", 86400),
    ],
)
def test_call_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text", ["", "0", "0m", "0:00", "25h", "24h1s", "abc", "m", "30m1h", "1:75", "-5", "20 x"]
)
def test_zero_huge_or_unreadable_durations_are_errors(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_duration(text)
    assert info.value.key == "grammar.bad_duration"
    assert info.value.params == {"text": text}
    assert info.value.example is not None
    assert parse_duration(in_language(info.value.example, "id")) > 0


@pytest.mark.parametrize(
    ("text", "expected"), [("20m", True), ("1:30", True), ("connected", False), ("0", False)]
)
def test_looks_like_duration_never_raises(text: str, expected: bool) -> None:
    assert looks_like_duration(text) is expected
