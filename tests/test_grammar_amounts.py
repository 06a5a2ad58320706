"""Amounts as sales teams in Jakarta type them: separators, jt/rb/k/M suffixes, currencies."""

from __future__ import annotations

import pytest

from commands.errors import UsageError
from commands.grammar import Amount, Token, looks_like_amount, parse_amount, take_amount, tokenize
from commands.i18n import in_language


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("50000000", 50_000_000),
        ("50,000,000", 50_000_000),
        ("50.000.000", 50_000_000),
        ("1.000.000.000", 1_000_000_000),
        ("50.000", 50_000),
        ("50,000", 50_000),
        ("007", 7),
    ],
)
def test_plain_numbers_with_thousands_separators(text: str, value: int) -> None:
    assert parse_amount(text) == Amount(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("50jt", 50_000_000),
        ("50 jt", 50_000_000),
        ("50 juta", 50_000_000),
        ("50juta", 50_000_000),
        ("50JT", 50_000_000),
        ("1,5jt", 1_500_000),
        ("1.5 juta", 1_500_000),
    ],
)
def test_juta_means_millions(text: str, value: int) -> None:
    assert parse_amount(text) == Amount(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.5M", 1_500_000),
        ("2.5m", 2_500_000),
        ("2M", 2_000_000),
        ("3mn", 3_000_000),
        ("3 mio", 3_000_000),
        ("3 million", 3_000_000),
    ],
)
def test_m_always_means_million_never_miliar(text: str, value: int) -> None:
    assert parse_amount(text) == Amount(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2b", 2_000_000_000),
        ("2B", 2_000_000_000),
        ("2bn", 2_000_000_000),
        ("2 miliar", 2_000_000_000),
        ("2 milyar", 2_000_000_000),
        ("1,25 miliar", 1_250_000_000),
        ("1t", 1_000_000_000_000),
        ("1 triliun", 1_000_000_000_000),
    ],
)
def test_billions_and_trillions(text: str, value: int) -> None:
    assert parse_amount(text) == Amount(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("750k", 750_000), ("750K", 750_000), ("750rb", 750_000), ("750 ribu", 750_000)],
)
def test_k_and_ribu_mean_thousands(text: str, value: int) -> None:
    assert parse_amount(text) == Amount(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 50jt", Amount(50_000_000, "IDR")),
        ("Rp50.000.000", Amount(50_000_000, "IDR")),
        ("Rp. 50.000.000", Amount(50_000_000, "IDR")),
        ("rp 50 juta", Amount(50_000_000, "IDR")),
        ("IDR 50jt", Amount(50_000_000, "IDR")),
        ("50 ribu rupiah", Amount(50_000, "IDR")),
        ("$12k", Amount(12_000, "USD")),
        ("USD 12,000", Amount(12_000, "USD")),
        ("US$12k", Amount(12_000, "USD")),
        ("12k USD", Amount(12_000, "USD")),
        ("S$5k", Amount(5_000, "SGD")),
        ("SGD 5k", Amount(5_000, "SGD")),
        ("\u20ac3k", Amount(3_000, "EUR")),
        ("EUR 3k", Amount(3_000, "EUR")),
    ],
)
def test_currency_is_read_from_symbol_or_code(text: str, expected: Amount) -> None:
    assert parse_amount(text) == expected


def test_no_currency_written_means_none() -> None:
    assert parse_amount("50jt").currency is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.56", 1_235),
        ("1.234,56", 1_235),
        ("1.234.567,89", 1_234_568),
        ("12,50", 13),
        ("12.49", 12),
        ("0,5", 1),
        ("1.2345jt", 1_234_500),
    ],
)
def test_last_of_two_separators_is_the_decimal_and_results_round_half_up(
    text: str, value: int
) -> None:
    assert parse_amount(text) == Amount(value)


@pytest.mark.parametrize(
    ("text", "small", "large"),
    [
        ("1.500jt", "1,5jt", "1500jt"),
        ("2,250 juta", "2,25juta", "2250juta"),
        ("1.000k", "1k", "1000k"),
    ],
)
def test_three_digits_after_one_separator_with_a_suffix_is_ambiguous(
    text: str, small: str, large: str
) -> None:
    with pytest.raises(UsageError) as info:
        parse_amount(text)
    assert info.value.key == "grammar.ambiguous_amount"
    assert info.value.params == {"text": text, "small": small, "large": large}
    assert info.value.example == large


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "$",
        "Rp",
        "jt",
        "50jtt",
        "1..5",
        "50.",
        ".5",
        "0",
        "0jt",
        "0,4",
        "-50jt",
        "50jt-",
        "1,2,3",
        "1.2.3",
        "50,00.000",
        "1.234.567,891",
        "1.2345",
        "1000000000000001",
        "1001t",
        "Rp 50jt USD",
        "50 jt jt",
        "5O",
        "\u0665\u0660",
    ],
)
def test_garbage_is_a_bad_amount(text: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_amount(text)
    assert info.value.key == "grammar.bad_amount"
    assert info.value.params == {"text": text.strip()}
    assert info.value.example is not None
    assert parse_amount(in_language(info.value.example, "id"))


def test_top_of_range_is_accepted() -> None:
    assert parse_amount("1000t") == Amount(10**15)


def test_long_text_is_quoted_shortened() -> None:
    with pytest.raises(UsageError) as info:
        parse_amount("x" * 500)
    assert len(info.value.params["text"]) <= 40


@pytest.mark.parametrize(
    ("text", "expected"),
    [("50jt", True), ("Rp 50.000", True), ("1.500jt", True), ("acme", False), ("", False)],
)
def test_looks_like_amount_never_raises(text: str, expected: bool) -> None:
    assert looks_like_amount(text) is expected


@pytest.mark.parametrize(
    ("text", "amount", "rest"),
    [
        ("Acme Corp 50jt", Amount(50_000_000), "Acme Corp"),
        ("Acme Corp 50 juta", Amount(50_000_000), "Acme Corp"),
        ("Acme Rp 50jt", Amount(50_000_000, "IDR"), "Acme"),
        ("Acme Rp 50 juta", Amount(50_000_000, "IDR"), "Acme"),
        ("Acme Rp 50.000.000 close:2026-12-31", Amount(50_000_000, "IDR"), "Acme close:2026-12-31"),
        ("Toko 88 50jt", Amount(50_000_000), "Toko 88"),
        ("acme 48jt", Amount(48_000_000), "acme"),
        ("50jt Acme", Amount(50_000_000), "Acme"),
        ("Acme $12k", Amount(12_000, "USD"), "Acme"),
    ],
)
def test_take_amount_finds_the_last_amount_and_keeps_the_rest_in_order(
    text: str, amount: Amount, rest: str
) -> None:
    found, remaining = take_amount(tokenize(text))
    assert found == amount
    assert " ".join(t.text for t in remaining) == rest


def test_take_amount_prefers_the_last_amount() -> None:
    found, remaining = take_amount(tokenize("Warung 7 50jt"))
    assert found == Amount(50_000_000)
    assert [t.value for t in remaining] == ["Warung", "7"]


def test_take_amount_ignores_quoted_and_option_tokens() -> None:
    tokens = tokenize('"50jt" note:50jt acme')
    assert take_amount(tokens) == (None, tokens)


def test_take_amount_without_an_amount_returns_everything() -> None:
    tokens = tokenize("Acme Corp")
    found, remaining = take_amount(tokens)
    assert found is None
    assert remaining == tokens
    assert remaining is not tokens


def test_take_amount_does_not_split_a_token_pair_across_an_option() -> None:
    tokens = [Token("word", "50"), Token("option", "x", "k"), Token("word", "jt")]
    assert take_amount(tokens) == (Amount(50), [tokens[1], tokens[2]])


def test_take_amount_reports_an_ambiguous_amount_instead_of_guessing() -> None:
    with pytest.raises(UsageError) as info:
        take_amount(tokenize("Acme 1.500 jt"))
    assert info.value.key == "grammar.ambiguous_amount"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rp 50.000.000,-", 50_000_000),
        ("Rp50.000.000,-", 50_000_000),
        ("Rp 5.000.000.-", 5_000_000),
        ("50.000,-", 50_000),
    ],
)
def test_invoice_notation_closes_whole_rupiah_with_a_dash(text: str, value: int) -> None:
    amount = parse_amount(text)
    assert amount.value == value


@pytest.mark.parametrize("text", ["-", ",-", "Rp ,-", "5,-jt"])
def test_a_dash_alone_is_no_amount(text: str) -> None:
    with pytest.raises(UsageError):
        parse_amount(text)
