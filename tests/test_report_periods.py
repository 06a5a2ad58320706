"""Report periods as plain values: calendar quarters and years and ranges of days in a local
time zone, the period growth compares with, the work days a target counts, and how a typed
range is read or refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from commands.errors import UsageError
from commands.localtime import (
    DateRange,
    Period,
    period_bounds,
    period_slug,
    previous_period,
    work_days_in,
)
from commands.reports.periods import MAX_RANGE_DAYS, date_range, parse_range
from commands.reports.request import requested_period

JAKARTA = ZoneInfo("Asia/Jakarta")
BERLIN = ZoneInfo("Europe/Berlin")  # CET/CEST: clocks change on 29 March and 25 October 2026
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = (0, 1, 2, 3, 4)


def local(
    tz: ZoneInfo, year: int, month: int, day: int, hour: int = 0, minute: int = 0
) -> datetime:
    """A wall-clock time in ``tz`` as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=tz).astimezone(UTC)


def midnight(tz: ZoneInfo, day: date) -> datetime:
    """The start of a local day in ``tz`` as aware UTC."""
    return local(tz, day.year, day.month, day.day)


def local_days(period: Period, now: datetime, tz: ZoneInfo) -> tuple[date, date]:
    """The first local day of a period and the day after its last."""
    start, end = period_bounds(period, now, tz)
    assert start.astimezone(tz).hour == end.astimezone(tz).hour == 0  # local midnight
    return start.astimezone(tz).date(), end.astimezone(tz).date()


# --- quarters and years ---------------------------------------------------------------------

MONDAY_23_NOV = local(JAKARTA, 2026, 11, 23, 9)


@pytest.mark.parametrize(
    ("period", "first", "after"),
    [
        ("quarter", date(2026, 10, 1), date(2027, 1, 1)),
        ("last_quarter", date(2026, 7, 1), date(2026, 10, 1)),
        ("year", date(2026, 1, 1), date(2027, 1, 1)),
        ("last_year", date(2025, 1, 1), date(2026, 1, 1)),
    ],
)
def test_quarters_and_years_are_calendar_ones(period: Period, first: date, after: date) -> None:
    assert local_days(period, MONDAY_23_NOV, JAKARTA) == (first, after)


def test_last_quarter_and_last_year_reach_back_over_new_year() -> None:
    # 00:30 on 1 January 2027 in Jakarta is still 31 December 2026 in UTC.
    new_year = local(JAKARTA, 2027, 1, 1, 0, 30)
    assert new_year.date() == date(2026, 12, 31)
    assert local_days("quarter", new_year, JAKARTA) == (date(2027, 1, 1), date(2027, 4, 1))
    assert local_days("last_quarter", new_year, JAKARTA) == (date(2026, 10, 1), date(2027, 1, 1))
    assert local_days("year", new_year, JAKARTA) == (date(2027, 1, 1), date(2028, 1, 1))
    assert local_days("last_year", new_year, JAKARTA) == (date(2026, 1, 1), date(2027, 1, 1))


def test_the_year_turns_at_local_midnight_not_at_utc_midnight() -> None:
    # 20:00 on New Year's Eve in New York is already 1 January in UTC: still 2026 there.
    eve = local(NEW_YORK, 2026, 12, 31, 20)
    assert eve.date() == date(2027, 1, 1)
    assert local_days("year", eve, NEW_YORK) == (date(2026, 1, 1), date(2027, 1, 1))
    assert local_days("quarter", eve, NEW_YORK) == (date(2026, 10, 1), date(2027, 1, 1))


def test_quarters_across_daylight_saving_start_and_end_at_local_midnight() -> None:
    # Q1 starts in winter time (UTC+1) and ends in summer time (UTC+2): not 90 x 24 hours.
    start, end = period_bounds("quarter", local(BERLIN, 2026, 2, 10, 12), BERLIN)
    assert start == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert end == datetime(2026, 3, 31, 22, tzinfo=UTC)
    # Q4 runs the other way, from summer time into winter time.
    start, end = period_bounds("quarter", local(BERLIN, 2026, 11, 10, 12), BERLIN)
    assert start == datetime(2026, 9, 30, 22, tzinfo=UTC)
    assert end == datetime(2026, 12, 31, 23, tzinfo=UTC)


# --- ranges of days -------------------------------------------------------------------------


def test_a_range_covers_its_last_day_whole() -> None:
    period = DateRange(date(2026, 10, 1), date(2026, 12, 31))
    start, end = period_bounds(period, MONDAY_23_NOV, JAKARTA)
    assert start == local(JAKARTA, 2026, 10, 1)
    assert end == local(JAKARTA, 2027, 1, 1)  # the whole of 31 December, to local midnight
    one_day = DateRange(date(2026, 3, 29), date(2026, 3, 29))
    start, end = period_bounds(one_day, MONDAY_23_NOV, BERLIN)
    assert end - start == (local(BERLIN, 2026, 3, 30) - local(BERLIN, 2026, 3, 29))
    assert (end - start).total_seconds() == 23 * 3600  # the day the clocks go forward


def test_a_range_does_not_depend_on_when_it_is_asked() -> None:
    period = DateRange(date(2026, 10, 1), date(2026, 12, 31))
    later = local(JAKARTA, 2030, 6, 1, 12)
    assert period_bounds(period, MONDAY_23_NOV, JAKARTA) == period_bounds(period, later, JAKARTA)


def test_periods_name_their_chart_files() -> None:
    assert period_slug("last_quarter") == "last_quarter"
    assert period_slug(DateRange(date(2026, 10, 1), date(2026, 12, 31))) == (
        "2026-10-01_2026-12-31"
    )


# --- what growth compares with --------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "tz", "previous_first", "previous_after"),
    [
        ("quarter", JAKARTA, date(2026, 7, 1), date(2026, 10, 1)),
        ("last_quarter", JAKARTA, date(2026, 4, 1), date(2026, 7, 1)),
        ("year", JAKARTA, date(2025, 1, 1), date(2026, 1, 1)),
        ("last_year", JAKARTA, date(2024, 1, 1), date(2025, 1, 1)),
        # Q1 2027 against Q4 2026 across New Year, and across the clocks going back in Berlin.
        ("quarter", BERLIN, date(2026, 10, 1), date(2027, 1, 1)),
    ],
)
def test_growth_compares_a_quarter_or_year_with_the_one_before(
    period: Period, tz: ZoneInfo, previous_first: date, previous_after: date
) -> None:
    now = local(tz, 2026, 11, 23, 9) if tz is JAKARTA else local(tz, 2027, 2, 10, 9)
    before = previous_period(*period_bounds(period, now, tz), tz)
    assert before == (midnight(tz, previous_first), midnight(tz, previous_after))


@pytest.mark.parametrize(
    ("first", "last", "previous_first"),
    [
        # 14 days from a Monday: the 14 days before it.
        (date(2026, 10, 5), date(2026, 10, 18), date(2026, 9, 21)),
        # 10 days across New Year: the 10 days before, wherever they fall.
        (date(2026, 12, 28), date(2027, 1, 6), date(2026, 12, 18)),
        # A week from Wednesday across Berlin's clocks going forward: 7 local days before.
        (date(2026, 3, 25), date(2026, 3, 31), date(2026, 3, 18)),
    ],
)
def test_growth_compares_a_range_with_as_many_days_just_before_it(
    first: date, last: date, previous_first: date
) -> None:
    for tz in (JAKARTA, BERLIN):
        start, end = period_bounds(DateRange(first, last), MONDAY_23_NOV, tz)
        assert previous_period(start, end, tz) == (midnight(tz, previous_first), start)


def test_a_range_of_whole_months_compares_with_as_many_months_before() -> None:
    # 1 Oct - 31 Dec is the fourth quarter however it is asked for: it compares with Q3.
    start, end = period_bounds(
        DateRange(date(2026, 10, 1), date(2026, 12, 31)), MONDAY_23_NOV, JAKARTA
    )
    assert previous_period(start, end, JAKARTA) == (local(JAKARTA, 2026, 7, 1), start)


# --- the work days a target counts ------------------------------------------------------------


def test_targets_count_the_work_days_of_long_periods() -> None:
    quarter = period_bounds("quarter", MONDAY_23_NOV, JAKARTA)  # Q4 2026
    assert work_days_in(*quarter, JAKARTA, WEEKDAYS) == 66
    assert work_days_in(*quarter, JAKARTA, (0, 1, 2, 3, 4, 5)) == 79  # Saturdays too
    year = period_bounds("year", MONDAY_23_NOV, JAKARTA)
    assert work_days_in(*year, JAKARTA, WEEKDAYS) == 261
    assert (
        work_days_in(*period_bounds("last_year", MONDAY_23_NOV, JAKARTA), JAKARTA, WEEKDAYS) == 261
    )
    # Berlin's Q1 loses an hour to daylight saving and still has every one of its days.
    q1 = period_bounds("quarter", local(BERLIN, 2026, 2, 10, 12), BERLIN)
    assert work_days_in(*q1, BERLIN, (0, 1, 2, 3, 4, 5, 6)) == 90
    longest = DateRange(date(2025, 1, 1), date(2026, 12, 31))
    assert work_days_in(*period_bounds(longest, MONDAY_23_NOV, JAKARTA), JAKARTA, WEEKDAYS) == 522


# --- reading a range ------------------------------------------------------------------------


def test_a_typed_range_reads_both_days_included() -> None:
    assert parse_range("2026-10-01..2026-12-31") == DateRange(date(2026, 10, 1), date(2026, 12, 31))
    assert parse_range("2026-10-01..2026-10-01").days == 1
    # Two years fit, even with a leap year in them: 732 days, and not one more.
    assert date_range("2024-01-01", "2026-01-01").days == MAX_RANGE_DAYS == 732


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        (
            "2026-12-31..2026-10-01",
            "period.backwards",
            {"first": "2026-12-31", "last": "2026-10-01"},
        ),
        ("2026-13-01..2026-12-31", "period.bad_day", {"text": "2026-13-01"}),
        ("2026-02-30..2026-03-31", "period.bad_day", {"text": "2026-02-30"}),
        ("2026-10-01..31/12/2026", "period.bad_day", {"text": "31/12/2026"}),
        ("2026-10-1..2026-12-31", "period.bad_day", {"text": "2026-10-1"}),
        ("2024-01-01..2026-01-02", "period.too_long", {"days": 733, "limit": 732}),
        ("2026-01-01..2062-12-31", "period.too_long", None),  # 2062 typed for 2026
        ("2026-10-01", "period.range_form", {"text": "2026-10-01"}),
        ("2026-10-01..", "period.range_form", {"text": "2026-10-01.."}),
        ("2026-10-01..2026-11-01..2026-12-31", "period.range_form", None),
    ],
)
def test_a_bad_range_is_refused_saying_why(
    text: str, key: str, params: dict[str, object] | None
) -> None:
    with pytest.raises(UsageError) as refused:
        parse_range(text, example="/funnel 2026-10-01..2026-12-31")
    assert refused.value.key == key
    assert refused.value.example == "/funnel 2026-10-01..2026-12-31"
    if params is not None:
        assert refused.value.params == params


def test_a_terminal_request_takes_a_period_name_or_both_days_never_a_mix() -> None:
    assert requested_period(None, None, None) == "week"
    assert requested_period("last-quarter", None, None) == "last_quarter"
    assert requested_period(None, "2026-10-01", "2026-12-31") == DateRange(
        date(2026, 10, 1), date(2026, 12, 31)
    )
    for name, first, last, key in (
        ("month", "2026-10-01", "2026-12-31", "report.range_or_period"),
        ("month", "2026-10-01", None, "report.range_or_period"),
        (None, "2026-10-01", None, "report.range_needs_both"),
        (None, None, "2026-12-31", "report.range_needs_both"),
    ):
        with pytest.raises(UsageError) as refused:
            requested_period(name, first, last)
        assert refused.value.key == key
