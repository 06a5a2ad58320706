"""Read due dates and call durations as a Jakarta sales team types them, in English or Indonesian.

``today`` is always passed in (the caller knows the user's time zone); nothing here reads a clock.
Numeric dates are day first (31/12/2026), as Indonesia writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from commands.errors import UsageError
from commands.grammar.lexer import shorten
from commands.i18n import Phrase

DATE_EXAMPLE = Phrase("example.due")  # "fri", "jumat"
DURATION_EXAMPLE = "20m"
MAX_DURATION = 24 * 60 * 60
"""No call lasts a day; a bigger number is a typo (minutes typed as seconds, say)."""
_MAX_TEXT = 64

# Weekday words (English and Indonesian) -> Monday 0 .. Sunday 6; also read by settings.
WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("monday", "mon", "senin", "sen"),
        ("tuesday", "tue", "tues", "selasa", "sel"),
        ("wednesday", "wed", "rabu"),
        ("thursday", "thu", "thur", "thurs", "kamis"),
        ("friday", "fri", "jumat", "jum'at", "jum"),
        ("saturday", "sat", "sabtu", "sab"),
        ("sunday", "sun", "minggu", "ahad"),
    )
):
    for _name in _names:
        WEEKDAYS[_name] = _index

_MONTHS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("january", "januari", "jan"),
        ("february", "februari", "pebruari", "feb", "peb"),
        ("march", "maret", "mar"),
        ("april", "apr"),
        ("may", "mei"),
        ("june", "juni", "jun"),
        ("july", "juli", "jul"),
        ("august", "agustus", "aug", "agu", "agt", "ags"),
        ("september", "sep", "sept"),
        ("october", "oktober", "oct", "okt"),
        ("november", "nov", "nop"),
        ("december", "desember", "dec", "des"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _index

_OFFSETS: dict[str, int] = {
    # Past days: for logging what already happened; a command decides if it wants them.
    "yesterday": -1,
    "kemarin": -1,
    "kemaren": -1,
    "kmrn": -1,
    "day before yesterday": -2,
    "the day before yesterday": -2,
    "kemarin lusa": -2,
    "today": 0,
    "hari ini": 0,
    "hariini": 0,
    "tomorrow": 1,
    "tmr": 1,
    "tmrw": 1,
    "besok": 1,
    "bsk": 1,
    "lusa": 2,
    "day after tomorrow": 2,
    "the day after tomorrow": 2,
}
_AGO = re.compile(
    r"(?:(\d{1,3}) (days?|weeks?) ago)|(?:(\d{1,3}) (hari|minggu|pekan) (?:yang )?lalu)",
    re.ASCII,
)
_NEXT_WEEK = frozenset({"next week", "minggu depan", "pekan depan"})
_NEXT_MONTH = frozenset({"next month", "bulan depan"})
_END_OF_WEEK = frozenset({"eow", "end of week", "end of the week"})

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?", re.ASCII)
_DAY_MONTH = re.compile(r"(\d{1,2}) ([a-z]+)\.?(?:,? (\d{4}))?", re.ASCII)
_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:,? (\d{4}))?", re.ASCII)
_IN_N = re.compile(
    r"(?:in (\d{1,4}) (days?|weeks?))"
    r"|(?:(?:dalam )?(\d{1,4}) (hari|minggu|pekan)(?: lagi)?)",
    re.ASCII,
)


def _bad_date(text: str) -> UsageError:
    return UsageError("grammar.bad_date", example=DATE_EXAMPLE, text=shorten(text))


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    """The first ``weekday`` strictly after today: "fri" said on a Friday means next Friday."""
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _upcoming(today: dt.date, month: int, day: int) -> dt.date:
    """Day and month without a year: this year, or next year once this year's has passed."""
    candidate = dt.date(today.year, month, day) if _valid(today.year, month, day) else None
    if candidate is not None and candidate >= today:
        return candidate
    # 29/02 typed in a non-leap year: the next year it exists is still "upcoming" -- within 4.
    for year in range(today.year + 1, today.year + 9):
        if _valid(year, month, day):
            return dt.date(year, month, day)
    raise ValueError("no such day")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _full_year(year: str) -> int:
    return 2000 + int(year) if len(year) == 2 else int(year)


def _calendar(text: str, today: dt.date) -> dt.date | None:
    """Dates written with numbers or month names; raises ValueError for 30/02."""
    if m := _ISO.fullmatch(text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_FIRST.fullmatch(text):
        day, month = int(m[1]), int(m[3])
        if m[4] is None:
            if m[2] == ".":
                return None  # "1.5" is a number, not the first of May
            return _upcoming(today, month, day)
        return dt.date(_full_year(m[4]), month, day)
    m = _DAY_MONTH.fullmatch(text)
    if m and m[2] in _MONTHS:
        day, month, year = int(m[1]), _MONTHS[m[2]], m[3]
    else:
        m = _MONTH_DAY.fullmatch(text)
        if not (m and m[1] in _MONTHS):
            return None
        day, month, year = int(m[2]), _MONTHS[m[1]], m[3]
    if year is None:
        return _upcoming(today, month, day)
    return dt.date(int(year), month, day)


def _relative(text: str, today: dt.date) -> dt.date | None:
    if text in _OFFSETS:
        return today + dt.timedelta(days=_OFFSETS[text])
    if text in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS[text])
    if text in _NEXT_WEEK:
        return _next_weekday(today, 0)
    if text in _NEXT_MONTH:
        return (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if text in _END_OF_WEEK:
        return today + dt.timedelta(days=(4 - today.weekday()) % 7)
    if m := _AGO.fullmatch(text):
        count = int(m[1] or m[3])
        weeks = (m[2] or m[4]).startswith(("week", "minggu", "pekan"))
        return today - dt.timedelta(days=count * 7 if weeks else count)
    if m := _IN_N.fullmatch(text):
        count = int(m[1] or m[3])
        unit = m[2] or m[4]
        weeks = unit.startswith(("week", "minggu", "pekan"))
        return today + dt.timedelta(days=count * 7 if weeks else count)
    return None


def parse_date(text: str, today: dt.date) -> dt.date:
    """The date ``text`` names, relative to ``today``; ``UsageError("grammar.bad_date")`` if none.

    Past dates are returned as written: whether they are allowed is the command's decision.
    """
    phrase = _normalise(text) if len(text) <= _MAX_TEXT else ""
    try:
        result = _relative(phrase, today) or _calendar(phrase, today)
    except (ValueError, OverflowError):
        result = None
    if result is None:
        raise _bad_date(text)
    return result


# Durations -----------------------------------------------------------------------------------

_NUMBER = r"\d{1,5}(?:[.,]\d{1,3})?"
_HOURS = r"h|hr|hrs|hour|hours|j|jam"
_MINUTES = r"m|min|mins|minute|minutes|mnt|menit"
_SECONDS = r"s|sec|secs|second|seconds|dtk|detik"
_UNITS = re.compile(
    rf"(?:(?P<h>{_NUMBER}) ?(?:{_HOURS}))?"
    rf" ?(?:(?P<m>{_NUMBER}) ?(?:{_MINUTES}))?"
    rf" ?(?:(?P<s>{_NUMBER}) ?(?:{_SECONDS}))?",
    re.ASCII,
)
_HOURS_THEN_MINUTES = re.compile(rf"(\d{{1,2}}) ?(?:{_HOURS}) ?([0-5]?\d)", re.ASCII)
_CLOCK = re.compile(r"(?:(\d{1,2}):)?(\d{1,4}):([0-5]\d)", re.ASCII)
_BARE = re.compile(_NUMBER, re.ASCII)


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "."))


def _seconds(text: str) -> int | None:
    phrase = _normalise(text)
    if m := _CLOCK.fullmatch(phrase):
        hours, minutes, seconds = int(m[1] or 0), int(m[2]), int(m[3])
        return hours * 3600 + minutes * 60 + seconds
    if m := _HOURS_THEN_MINUTES.fullmatch(phrase):
        return int(m[1]) * 3600 + int(m[2]) * 60  # 1h30, 1j30: the minutes' unit goes unsaid
    if _BARE.fullmatch(phrase):
        total = _decimal(phrase) * 60
    else:
        m = _UNITS.fullmatch(phrase)
        if m is None or not any(m.group("h", "m", "s")):
            return None
        total = Decimal(0)
        for group, scale in (("h", 3600), ("m", 60), ("s", 1)):
            if m[group]:
                total += _decimal(m[group]) * scale
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_duration(text: str) -> int:
    """A call's length in seconds; a bare number is minutes and ``1:30`` is minutes:seconds."""
    seconds = _seconds(text) if len(text) <= _MAX_TEXT else None
    if seconds is None or not 0 < seconds <= MAX_DURATION:
        raise UsageError("grammar.bad_duration", example=DURATION_EXAMPLE, text=shorten(text))
    return seconds


def looks_like_duration(text: str) -> bool:
    """Whether ``text`` is a valid call length, to tell it apart from notes and outcomes."""
    try:
        parse_duration(text)
    except UsageError:
        return False
    return True
