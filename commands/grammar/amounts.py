"""Read money the way Indonesian and international sales teams type it: 50jt, Rp 50.000.000, $12k.

Values are whole currency units (rupiah, dollars); deal values never need cents, and rounding here
means every later sum is exact integer arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from commands.errors import M_QUESTION, Answer, Question, UsageError
from commands.grammar.lexer import Token, shorten

MAX_AMOUNT = 10**15
"""Above any real deal; larger numbers are typos (an extra 000) or a pasted phone number."""

EXAMPLE = "50jt"

_MULTIPLIERS: dict[str, int] = {
    "k": 10**3,
    "rb": 10**3,
    "ribu": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "jt": 10**6,
    "juta": 10**6,
    "million": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "billion": 10**9,
    "t": 10**12,
    "tn": 10**12,
    "triliun": 10**12,
    "trilyun": 10**12,
    "trillion": 10**12,
}
# The codes of currencies Indonesian teams sell in, besides rupiah: written before or after the
# number ("JPY 5000", "5000 jpy"). Other three letters next to a number stay words: PHP, CAD
# and SAR are more often a skill, a drawing or a name in a deal than a currency.
OTHER_CURRENCIES = (
    "AUD", "CHF", "CNY", "EUR", "GBP", "HKD", "INR", "JPY", "KRW", "MYR", "NZD", "SGD", "THB",
    "TWD", "USD", "VND",
)  # fmt: skip
_PREFIXES: dict[str, str] = {
    "rp.": "IDR",
    "rp": "IDR",
    "idr": "IDR",
    "us$": "USD",
    "$": "USD",
    "s$": "SGD",
    "\u20ac": "EUR",
    "\u00a3": "GBP",
    "\u00a5": "JPY",
    **{code.lower(): code for code in OTHER_CURRENCIES},
}
_SUFFIXES: dict[str, str] = {
    "idr": "IDR",
    "rupiah": "IDR",
    **{code.lower(): code for code in OTHER_CURRENCIES},
}


def _alternation(words: Iterable[str]) -> str:
    """Longest spelling first, so the regex never stops at a prefix ("mio" before "m")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_AMOUNT = re.compile(
    rf"(?P<pre>{_alternation(_PREFIXES)})?\s*"
    r"(?P<num>[0-9]+(?:[.,][0-9]+)*)\s*"
    rf"(?P<mult>{_alternation(_MULTIPLIERS)})?"
    rf"(?:\s*(?P<post>{_alternation(_SUFFIXES)}))?",
    # ASCII: under Unicode rules the Kelvin sign would match "k" and miss the lookup below.
    re.IGNORECASE | re.ASCII,
)
# "Rp 50.000.000,-": invoices close a whole rupiah amount with ",-" (no cents).
_NO_CENTS = re.compile(r"(?<=[0-9])\s?[.,]-$")
_MAX_LENGTH = 64  # a real amount is short; Decimal on a 3,000-digit paste is wasted work
_GROUPED = re.compile(r"[0-9]{1,3}(?:X[0-9]{3})+")


@dataclass(frozen=True)
class Amount:
    """A money value in whole units; ``currency`` is None when the user wrote none."""

    value: int
    currency: str | None = None


class _Ambiguous(Exception):
    """A single separator before three digits and a multiplier: 1.500jt is 1,5 or 1500 juta."""

    def __init__(self, whole: str, frac: str) -> None:
        super().__init__(whole, frac)
        self.small = f"{whole},{frac.rstrip('0')}".rstrip(",")
        self.large = whole + frac


def _number(num: str, has_multiplier: bool) -> Decimal | None:
    """The number written with ``.``/``,`` separators, or None if the grouping is inconsistent."""
    seps = [ch for ch in num if ch in ".,"]
    if not seps:
        return Decimal(num)
    decimal_sep: str | None
    if len(set(seps)) == 2:
        decimal_sep = seps[-1]
        if seps.count(decimal_sep) != 1:
            return None
    elif len(seps) > 1:
        decimal_sep = None
    else:
        whole, _, frac = num.partition(seps[0])
        if len(frac) == 3 and whole.strip("0"):
            if has_multiplier:
                raise _Ambiguous(whole, frac)
            decimal_sep = None
        else:
            decimal_sep = seps[0]
    if decimal_sep is None:
        whole, frac = num, ""
    else:
        whole, _, frac = num.rpartition(decimal_sep)
    thousands_sep = {None: seps[0], ".": ",", ",": "."}[decimal_sep]
    if thousands_sep in whole:
        if not _GROUPED.fullmatch(whole.replace(thousands_sep, "X")):
            return None
        whole = whole.replace(thousands_sep, "")
    if not has_multiplier and len(frac) > 2:
        return None
    return Decimal(f"{whole}.{frac}" if frac else whole)


class _MillionOrMiliar(Exception):
    """``2M`` to an Indonesian reader: juta (million) or miliar (billion)?"""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


MMeans = Literal["million", "miliar", "ask"]
"""What a bare ``M`` multiplies by: a million (English readers), a miliar (an Indonesian reader
who said so), or nothing yet: ask (an Indonesian reader, to whom "M" often means miliar)."""


def _parse(text: str, *, m_means: MMeans = "million") -> Amount | None:
    """The amount, None if ``text`` is no amount; raises ``_Ambiguous`` for 1.500jt."""
    if len(text) > _MAX_LENGTH:
        return None
    m = _AMOUNT.fullmatch(_NO_CENTS.sub("", " ".join(text.split())))
    if m is None or (m["pre"] and m["post"]):
        return None
    mult = m["mult"]
    try:
        number = _number(m["num"], has_multiplier=mult is not None)
    except _Ambiguous as exc:
        exc.small, exc.large = exc.small + mult, exc.large + mult
        raise
    if number is None:
        return None
    if mult is not None and mult.lower() == "m" and m_means == "ask":
        raise _MillionOrMiliar(m["num"])
    if mult is not None:
        miliar = mult.lower() == "m" and m_means == "miliar"
        number *= _MULTIPLIERS["miliar" if miliar else mult.lower()]
    if number > MAX_AMOUNT:
        return None  # before quantize, which fails beyond Decimal's 28-digit precision
    value = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if not 0 < value <= MAX_AMOUNT:
        return None
    currency = None
    if m["pre"]:
        currency = _PREFIXES[m["pre"].lower()]
    elif m["post"]:
        currency = _SUFFIXES[m["post"].lower()]
    return Amount(value, currency)


def parse_amount(text: str, *, m_means: MMeans = "million") -> Amount:
    """The amount ``text`` spells; ``UsageError`` if it spells none or could mean two.

    ``m_means="ask"`` (for Indonesian readers, to whom "M" often means miliar) does not guess a
    factor of a thousand for ``2M``: it raises a ``Question`` whose buttons, *2 juta* and
    *2 miliar*, finish the command (in a form, the same question is the field's error).
    """
    try:
        amount = _parse(text, m_means=m_means)
    except _MillionOrMiliar as exc:
        number = exc.number
        raise Question(
            "grammar.million_or_miliar",
            kind=M_QUESTION,
            ask_key="grammar.million_or_miliar_ask",
            answers=(
                Answer("jt", "grammar.answer_juta", {"number": number}),
                Answer("miliar", "grammar.answer_miliar", {"number": number}),
            ),
            subject=text,
            example=f"{number}jt",
            text=shorten(text),
            million=f"{number}jt",
            billion=f"{number} miliar",
        ) from None
    except _Ambiguous as exc:
        raise UsageError(
            "grammar.ambiguous_amount",
            example=exc.large,
            text=shorten(text),
            small=exc.small,
            large=exc.large,
        ) from None
    if amount is None:
        raise UsageError("grammar.bad_amount", example=EXAMPLE, text=shorten(text))
    return amount


_NUMBER_WORD = re.compile(r"^[-\u2212]?[0-9][0-9.,]*$")
_NEGATIVE = re.compile(r"^[-\u2212]\s*(?:rp\.?|idr|\$)?\s*[0-9]", re.IGNORECASE)
_CURRENCY_THEN_NEGATIVE = re.compile(r"^(?:rp\.?|idr|\$|us\$)\s*[-\u2212][0-9]", re.IGNORECASE)
_DIGITS_SHOWN = 4  # a number this long or longer is never part of a name ("Warung 17" is)


def unread_amount(text: str) -> UsageError | None:
    """Why a word that is left in a name after the amount was taken is an amount Corong will not
    read (negative, beyond any real deal, or badly grouped), or None if it may stay a word. So
    ``Rp -5.000.000`` or a 20-digit paste is refused, never silently part of a deal's name."""
    word = " ".join(text.split())
    if _NEGATIVE.match(word) or _CURRENCY_THEN_NEGATIVE.match(word):
        return UsageError("grammar.negative_amount", example=EXAMPLE, text=shorten(text))
    if not _NUMBER_WORD.match(word) or sum(ch.isdigit() for ch in word) < _DIGITS_SHOWN:
        return None
    if looks_like_amount(word):
        return None
    digits = word.replace(".", "").replace(",", "")
    if digits.isdigit() and int(digits) > MAX_AMOUNT:
        return UsageError(
            "grammar.amount_too_large", example=EXAMPLE, text=shorten(text), limit=f"{MAX_AMOUNT:,}"
        )
    return UsageError("grammar.bad_amount", example=EXAMPLE, text=shorten(text))


def looks_like_amount(text: str) -> bool:
    """Whether ``text`` reads as an amount (ambiguous ones count), to classify a free token."""
    try:
        return _parse(text) is not None
    except (_Ambiguous, _MillionOrMiliar):
        return True


_MAX_GROUP = 3


def _join(group: list[Token]) -> str:
    return " ".join(t.value for t in group)


def take_amount(
    tokens: list[Token], *, m_means: MMeans = "million"
) -> tuple[Amount | None, list[Token]]:
    """Find the last amount among the words and return it with the other tokens, in order.

    The last one wins because amounts follow names ("Toko 88 50jt"); an amount may span up to
    three adjacent words ("Rp 50 juta"), and the longest spelling ending at a word is preferred.
    """
    for end in range(len(tokens) - 1, -1, -1):
        for size in range(_MAX_GROUP, 0, -1):
            start = end - size + 1
            group = tokens[start : end + 1]
            if start < 0 or any(t.kind != "word" for t in group):
                continue
            text = _join(group)
            if looks_like_amount(text):
                # parse_amount raises for an ambiguous 1.500jt rather than leaving it in the name.
                amount = parse_amount(text, m_means=m_means)
                return amount, tokens[:start] + tokens[end + 1 :]
    return None, list(tokens)
