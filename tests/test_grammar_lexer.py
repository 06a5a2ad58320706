"""The lexer turns Slack's command text into tokens; these cases are what users actually type."""

from __future__ import annotations

import pytest

from commands.errors import UsageError
from commands.grammar import MAX_TEXT_LENGTH, Token, join_words, tokenize


def word(value: str) -> Token:
    return Token("word", value)


def option(key: str, value: str) -> Token:
    return Token("option", value, key)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("acme potential", [word("acme"), word("potential")]),
        ("  acme \t\n potential  ", [word("acme"), word("potential")]),
        ("acme\u00a0potential", [word("acme"), word("potential")]),
        ("acme\u2003potential\u200bcorp", [word("acme"), word("potential"), word("corp")]),
        ("", []),
        ("   ", []),
    ],
)
def test_any_unicode_whitespace_separates_words(text: str, expected: list[Token]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"pricing ok"', [Token("quoted", "pricing ok")]),
        ("\u201cpricing ok\u201d", [Token("quoted", "pricing ok")]),
        ('\u201cpricing ok"', [Token("quoted", "pricing ok")]),
        ('""', [Token("quoted", "")]),
        ('"a""b"', [Token("quoted", "a"), Token("quoted", "b")]),
        ('say "hi  there" now', [word("say"), Token("quoted", "hi  there"), word("now")]),
        ('"D-12"', [Token("quoted", "D-12")]),
    ],
)
def test_straight_and_smart_quotes_make_one_token(text: str, expected: list[Token]) -> None:
    assert tokenize(text) == expected


def test_a_quote_inside_a_word_is_just_a_character() -> None:
    assert tokenize('27" monitor') == [word('27"'), word("monitor")]


@pytest.mark.parametrize("text", ['"pricing ok', "acme \u201cpricing", 'next:"send proposal'])
def test_unclosed_quote_is_an_error(text: str) -> None:
    with pytest.raises(UsageError) as info:
        tokenize(text)
    assert info.value.key == "grammar.unclosed_quote"
    assert info.value.example
    assert info.value.params["text"].startswith(('"', "\u201c"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("due:fri", option("due", "fri")),
        ("DUE:Fri", option("due", "Fri")),
        ("close:2026-12-31", option("close", "2026-12-31")),
        ('contact:"Budi (CTO)"', option("contact", "Budi (CTO)")),
        ("next:\u201csend proposal\u201d", option("next", "send proposal")),
        ('next:""', option("next", "")),
        ("next_step:call", option("next_step", "call")),
        ("note:http://x.com", option("note", "http://x.com")),
        ("note:a:b", option("note", "a:b")),
        ("note:R&amp;D", option("note", "R&D")),
    ],
)
def test_key_colon_value_is_an_option(text: str, expected: Token) -> None:
    assert tokenize(text) == [expected]


@pytest.mark.parametrize(
    "text", ["http://x", "https://acme.com/a?b=c", "HTTPS://x", "10:30", "key:", ":x", "a1:b"]
)
def test_urls_times_and_bare_keys_are_not_options(text: str) -> None:
    assert tokenize(text) == [word(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@U123ABC|budi>", Token("user", "U123ABC")),
        ("<@U123ABC>", Token("user", "U123ABC")),
        ("<@W0EXTERNAL|ext>", Token("user", "W0EXTERNAL")),
        ("<#C123|general>", Token("channel", "C123")),
        ("<#C123>", Token("channel", "C123")),
    ],
)
def test_slack_mentions_become_user_and_channel_tokens(text: str, expected: Token) -> None:
    assert tokenize(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<http://acme.com|acme.com>", "acme.com"),
        ("<https://acme.com/x>", "https://acme.com/x"),
        ("<!here>", "@here"),
        ("<!subteam^S1|@sales team>", "@sales team"),
    ],
)
def test_slack_links_read_as_what_the_user_typed(text: str, expected: str) -> None:
    assert tokenize(text) == [word(expected)]


def test_list_of_mentions_keeps_order() -> None:
    assert tokenize("team add <@U1|a> <@U2|b>") == [
        word("team"),
        word("add"),
        Token("user", "U1"),
        Token("user", "U2"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("D-12", "D-12"),
        ("d-12", "D-12"),
        ("D12", "D-12"),
        ("d12", "D-12"),
        ("#D-12", "D-12"),
        ("D-007", "D-7"),
        ("D-123456789", "D-123456789"),
    ],
)
def test_deal_refs_are_normalised(text: str, expected: str) -> None:
    assert tokenize(text) == [Token("ref", expected)]


@pytest.mark.parametrize("text", ["D-", "D-1234567890", "DD-12", "D-12a", "E-12", "D\u0661"])
def test_near_refs_stay_words(text: str) -> None:
    assert tokenize(text) == [word(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R&amp;D", "R&D"),
        ("&lt;3", "<3"),
        ("a&gt;b", "a>b"),
        ("&amp;lt;", "&lt;"),
        ("&nbsp;", "&nbsp;"),
    ],
)
def test_slack_html_escapes_are_undone_once(text: str, expected: str) -> None:
    assert tokenize(text) == [word(expected)]


def test_escapes_inside_quotes_are_undone() -> None:
    assert tokenize('"PT A &amp; B"') == [Token("quoted", "PT A & B")]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"])
def test_control_characters_are_rejected(char: str) -> None:
    with pytest.raises(UsageError) as info:
        tokenize(f"acme{char}corp")
    assert info.value.key == "grammar.control_chars"


def test_tabs_and_newlines_are_whitespace_not_control_characters() -> None:
    assert tokenize("a\tb\r\nc") == [word("a"), word("b"), word("c")]


def test_text_at_the_limit_is_accepted_and_longer_rejected() -> None:
    assert len(tokenize("a" * MAX_TEXT_LENGTH)) == 1
    with pytest.raises(UsageError) as info:
        tokenize("a" * (MAX_TEXT_LENGTH + 1))
    assert info.value.key == "grammar.too_long"
    assert info.value.params == {"limit": MAX_TEXT_LENGTH}


def test_join_words_rebuilds_a_name_with_single_spaces() -> None:
    assert join_words(tokenize("  Acme   Corp\u00a0Indonesia ")) == "Acme Corp Indonesia"


def test_join_words_writes_other_tokens_back_as_typed() -> None:
    tokens = tokenize('"PT Maju" D-3 <@U1|a> due:fri next:"call back"')
    assert join_words(tokens) == 'PT Maju D-3 <@U1> due:fri next:"call back"'


def test_tokens_are_immutable() -> None:
    token = tokenize("acme")[0]
    with pytest.raises(AttributeError):
        token.value = "other"  # type: ignore[misc]  # frozen: the point of the test
