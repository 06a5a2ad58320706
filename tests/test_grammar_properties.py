"""Properties: the grammar never crashes on any text, and what it formats it reads back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commands.errors import UsageError
from commands.grammar import (
    Amount,
    join_words,
    parse_amount,
    parse_date,
    parse_duration,
    take_amount,
    tokenize,
)
from commands.grammar.lexer import MAX_TEXT_LENGTH
from commands.i18n import catalog_grammar

FAST = settings(max_examples=250, deadline=None)
TODAY = dt.date(2026, 5, 13)

# Characters the grammar gives meaning to, mixed with arbitrary Unicode so both get exercised.
_SPECIAL = ' \t\n\x00\x07\x7f\u00a0\u200b"\u201c\u201d<>@#|:&;.,-/$\u20acDdRrpjtkmMb0123456789'
_texts = st.one_of(
    st.text(max_size=5000),
    st.text(alphabet=st.sampled_from(_SPECIAL), max_size=200),
    st.text(alphabet=st.sampled_from(_SPECIAL), min_size=2990, max_size=3010),
)


def _fails_cleanly(func: Callable[[str], Any], text: str) -> None:
    try:
        func(text)
    except UsageError as error:
        assert error.key in catalog_grammar.MESSAGES
        for lang in ("en", "id"):
            catalog_grammar.MESSAGES[error.key][lang].format(**error.params)


@FAST
@given(_texts)
def test_tokenize_returns_tokens_or_a_catalogued_usage_error(text: str) -> None:
    _fails_cleanly(tokenize, text)


@FAST
@given(_texts)
def test_parse_amount_never_crashes(text: str) -> None:
    _fails_cleanly(parse_amount, text)


@FAST
@given(_texts, st.dates())
def test_parse_date_never_crashes(text: str, today: dt.date) -> None:
    _fails_cleanly(lambda t: parse_date(t, today), text)


@FAST
@given(_texts)
def test_parse_duration_never_crashes(text: str) -> None:
    _fails_cleanly(parse_duration, text)


@FAST
@given(st.text(alphabet=st.sampled_from(_SPECIAL), max_size=300))
def test_take_amount_never_crashes_and_keeps_every_other_token(text: str) -> None:
    try:
        tokens = tokenize(text)
        amount, rest = take_amount(tokens)
    except UsageError as error:
        assert error.key in catalog_grammar.MESSAGES
        return
    if amount is None:
        assert rest == tokens
    else:
        assert 1 <= len(tokens) - len(rest) <= 3


@FAST
@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=MAX_TEXT_LENGTH))
def test_plain_words_survive_tokenize_and_join(text: str) -> None:
    words = [w for w in text.split() if w.isalpha()]
    assert join_words(tokenize(" ".join(words))) == " ".join(words)


@FAST
@given(st.integers(min_value=1, max_value=10**15))
def test_integers_with_any_thousands_separator_read_back(n: int) -> None:
    dotted = f"{n:,}".replace(",", ".")
    assert parse_amount(str(n)).value == n
    assert parse_amount(f"{n:,}").value == n
    assert parse_amount(dotted).value == n
    assert parse_amount(f"Rp {dotted}") == Amount(n, "IDR")


@FAST
@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_juta_with_a_decimal_reads_back(n: int) -> None:
    whole, _, frac = format(Decimal(n) / 1_000_000, "f").partition(".")
    frac = frac.rstrip("0")
    millions = f"{whole}.{frac}" if frac else whole
    assume(not (len(frac) == 3 and whole != "0"))  # 1.234jt is ambiguous by design
    assert parse_amount(f"{millions}jt").value == n
    assert parse_amount(f"{millions.replace('.', ',')} juta").value == n


@FAST
@given(st.integers(min_value=1, max_value=999), st.sampled_from(["k", "rb", "jt", "m", "b"]))
def test_whole_multiples_read_back(n: int, suffix: str) -> None:
    scale = {"k": 10**3, "rb": 10**3, "jt": 10**6, "m": 10**6, "b": 10**9}[suffix]
    assert parse_amount(f"{n}{suffix}").value == n * scale
    assert parse_amount(f"{n} {suffix.upper()}").value == n * scale


@FAST
@given(
    st.integers(min_value=-400, max_value=400), st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
)
def test_iso_and_day_first_dates_read_back(offset: int, today: dt.date) -> None:
    day = today + dt.timedelta(days=offset)
    assert parse_date(day.isoformat(), today) == day
    assert parse_date(day.strftime("%d/%m/%Y"), today) == day
    assert parse_date(day.strftime("%d-%m-%Y"), today) == day


@FAST
@given(st.integers(min_value=0, max_value=364), st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)))
def test_day_and_month_without_year_is_never_in_the_past(offset: int, today: dt.date) -> None:
    day = today + dt.timedelta(days=offset)
    if (day.month, day.day) == (2, 29):
        return
    assert parse_date(f"{day.day}/{day.month}", today) == day


@FAST
@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)), st.sampled_from(range(7)))
def test_weekday_names_land_within_the_next_seven_days(today: dt.date, weekday: int) -> None:
    name = ["mon", "selasa", "wed", "kamis", "fri", "sabtu", "minggu"][weekday]
    day = parse_date(name, today)
    assert day.weekday() == weekday
    assert 1 <= (day - today).days <= 7


@FAST
@given(st.integers(min_value=0, max_value=24), st.integers(min_value=0, max_value=59))
def test_hours_and_minutes_read_back(hours: int, minutes: int) -> None:
    total = hours * 3600 + minutes * 60
    if not 0 < total <= 86400:
        return
    assert parse_duration(f"{hours}h{minutes}m") == total
    assert parse_duration(f"{hours} jam {minutes} menit") == total
    assert parse_duration(str(hours * 60 + minutes)) == total
