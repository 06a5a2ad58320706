"""Reading one cell of an export: amounts the way invoices write them, dates the way each
system and country writes them, and a deal's status.

Each reader returns the value or raises a ``UsageError`` naming what it could not read; the
row reader adds where (line and column).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from commands.errors import UsageError
from commands.grammar import Amount, parse_amount
from commands.grammar.free_text import clean_text
from commands.i18n import Phrase
from commands.pipelines import LOST, WON

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?", re.IGNORECASE)
_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_ZERO = re.compile(r"^(?:rp\.?|idr|\$|usd)?\s*0+(?:[.,]0+)?(?:,-)?$", re.IGNORECASE)
_CURRENCY = re.compile(r"^[A-Z]{3}$")

_STATUSES = {
    "open": "open",
    "opened": "open",
    "active": "open",
    "terbuka": "open",
    "won": WON,
    "closed won": WON,
    "closedwon": WON,
    "menang": WON,
    "berhasil": WON,
    "lost": LOST,
    "closed lost": LOST,
    "closedlost": LOST,
    "kalah": LOST,
    "gagal": LOST,
    "deleted": "deleted",
}


def read_amount(text: str, currency: str | None) -> Amount | None:
    """A deal value from a cell (``Rp 50.000.000,-``, ``IDR 50,000,000.00``, ``50jt``,
    ``12000``) with the currency column's code; None for an empty or zero cell, which exports
    write for a deal with no value yet."""
    text = text.strip()
    if not text or _ZERO.match(text):
        return None
    amount = parse_amount(text)
    code = read_currency(currency) if currency else None
    if code and amount.currency and code != amount.currency:
        raise UsageError(
            "import.currency_mismatch", example=f"{code} {amount.value}", text=text, code=code
        )
    return Amount(amount.value, code or amount.currency)


def text_reader(limit: int) -> Callable[[str], str | None]:
    """A reader of free text (a contact, notes, a next step) at most ``limit`` characters long,
    cleaned as commands clean what users type."""

    def read(text: str) -> str | None:
        cleaned = clean_text(text)
        if cleaned and len(cleaned) > limit:
            raise UsageError("import.too_long", example=cleaned[:20], limit=limit)
        return cleaned

    return read


def read_currency(text: str) -> str | None:
    """An ISO 4217 code (``IDR``, ``JPY``), or None for an empty cell."""
    code = text.strip().upper()
    if not code:
        return None
    if code in ("RP", "RP."):
        return "IDR"
    if not _CURRENCY.match(code):
        raise UsageError("import.bad_currency", example="IDR", text=text.strip())
    return code


def read_status(text: str) -> str | None:
    """``open``, ``won`` or ``lost`` (English, Indonesian, or a CRM's closed stage); None when
    empty."""
    wanted = " ".join(text.strip().casefold().replace("_", " ").split())
    if not wanted:
        return None
    status = _STATUSES.get(wanted)
    if status is None or status == "deleted":
        raise UsageError(
            "import.bad_status", example=Phrase("example.status_won"), text=text.strip()
        )
    return status


def date_order(values: Iterable[str], default: str) -> str:
    """Whether the file writes ``01/10/2026`` day first or month first: a first part above 12
    settles it, as does a second part above 12; else the source's habit (``default``)."""
    for value in values:
        match = _NUMERIC_DATE.search(value)
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second:
            return DAY_FIRST
        if second > 12 >= first:
            return MONTH_FIRST
    return default


def read_date(text: str, order: str) -> date | None:
    """A calendar date: ``2026-10-01``, ``01/10/2026`` (in the file's ``order``),
    ``01.10.2026``, or the date part of a timestamp; None when empty."""
    text = text.strip()
    if not text:
        return None
    iso = _ISO_DATE.match(text)
    numeric = _NUMERIC_DATE.match(text)
    try:
        if iso is not None:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if numeric is not None:
            first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
            day, month = (first, second) if order == DAY_FIRST else (second, first)
            return date(year, month, day)
    except ValueError:
        pass
    raise UsageError("import.bad_date", example="2026-10-01", text=text)


def read_time(text: str, order: str, tz: ZoneInfo) -> datetime | None:
    """A moment (aware, UTC): a timestamp with its own offset, else a local time of ``tz``;
    a date alone is its local midnight. None when empty."""
    text = text.strip()
    if not text:
        return None
    if "T" in text and _ISO_DATE.match(text):
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise UsageError("import.bad_date", example="2026-10-01 09:30", text=text) from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=tz)
        return parsed.astimezone(UTC)
    day = read_date(text, order)
    assert day is not None
    rest = _ZONE.sub("", text.split(" ", 1)[1].strip()) if " " in text else ""
    clock = time(0, 0)
    if rest:
        match = _TIME.fullmatch(rest.strip())
        if match is None:
            raise UsageError("import.bad_date", example="2026-10-01 09:30", text=text)
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        meridiem = (match[4] or "").lower().replace(".", "")
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        try:
            clock = time(hour, minute, second)
        except ValueError:
            raise UsageError("import.bad_date", example="2026-10-01 09:30", text=text) from None
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)
