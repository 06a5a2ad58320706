"""Numbers, money, dates and durations for the reader's language, via Babel."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_compact_decimal, format_currency, format_decimal

_BABEL_LOCALES = {"en": "en_US", "id": "id_ID"}


def babel_locale(lang: str) -> str:
    """The Babel locale for a catalog language."""
    return _BABEL_LOCALES.get(lang, "en_US")


def format_money(value: int, currency: str, lang: str) -> str:
    """``Rp 50.000.000`` for Indonesian readers, ``IDR 50,000,000`` for English ones."""
    pattern = "¤ #,##0" if lang == "id" else "¤¤ #,##0"
    return format_currency(
        value, currency, format=pattern, locale=babel_locale(lang), currency_digits=False
    )


def compact_amount(value: int, lang: str) -> str:
    """``240 jt`` / ``240M``: an amount short enough for a table cell on a phone (the table's
    header names the currency once). Shared by every table of amounts."""
    return format_compact_decimal(value, locale=babel_locale(lang), fraction_digits=1)


def format_number(value: int | float, lang: str) -> str:
    """A plain number with the reader's grouping (``1.234`` or ``1,234``)."""
    return format_decimal(value, locale=babel_locale(lang))


def format_day(day: date, lang: str) -> str:
    """A short date with weekday: ``Thu, Dec 31, 2026`` / ``Kam, 31 Des 2026``."""
    pattern = "EEE, d MMM y" if lang == "id" else "EEE, MMM d, y"
    return babel_format_date(day, pattern, locale=babel_locale(lang))


def format_moment(moment: datetime, lang: str, tz: ZoneInfo) -> str:
    """A date and time in the reader's time zone: ``31 Des 2026 14.05``."""
    pattern = "d MMM y HH.mm" if lang == "id" else "MMM d, y HH:mm"
    return babel_format_datetime(moment.astimezone(tz), pattern, locale=babel_locale(lang))


def format_duration(seconds: int, lang: str) -> str:
    """``1h 20m`` / ``1j 20m``: call lengths read at a glance."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    hour_unit = "j" if lang == "id" else "h"
    parts = []
    if hours:
        parts.append(f"{hours}{hour_unit}")
    if minutes:
        parts.append(f"{minutes}m")
    if secs and not hours:
        parts.append(f"{secs}s" if lang != "id" else f"{secs}d")
    return " ".join(parts) or "0m"
