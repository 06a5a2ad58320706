"""Split slash-command text, as Slack delivers it, into tokens the commands can reason about.

Slack sends mentions as ``<@U123|name>``, auto-links things that look like domains
(``<http://acme.com|acme.com>``) and HTML-escapes ``&``, ``<`` and ``>``; this module undoes all
of that so no command ever sees Slack's wire format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from commands.errors import UsageError
from commands.grammar.refs import deal_ref, typed_ref_number
from commands.i18n import Phrase

MAX_TEXT_LENGTH = 3000
"""Slack itself allows more; anything longer than this is a paste accident, not a command."""

TokenKind = Literal["word", "quoted", "option", "user", "channel", "ref"]

# Opening and closing quotes are interchangeable: phones and macOS swap them unpredictably.
QUOTES = frozenset('"\u201c\u201d\u201e')
# Not str.isspace(), but they separate words as far as any user can tell.
_INVISIBLE_SPACES = frozenset("\u200b\u2060\ufeff")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OPTION_KEY = re.compile(r"[A-Za-z_]+:")
_NOT_OPTION_KEYS = frozenset({"http", "https"})
_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([CGD][A-Z0-9]+)(?:\|[^>]*)?>")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_QUOTE_LIMIT = 40


@dataclass(frozen=True)
class Token:
    """One unit of command text; ``value`` is already unescaped and unquoted."""

    kind: TokenKind
    value: str
    key: str | None = None

    @property
    def text(self) -> str:
        """The token written back as a user could have typed it, for echoing and joining."""
        if self.kind == "option":
            value = f'"{self.value}"' if _needs_quotes(self.value) else self.value
            return f"{self.key}:{value}"
        if self.kind == "user":
            return f"<@{self.value}>"
        if self.kind == "channel":
            return f"<#{self.value}>"
        return self.value


def _needs_quotes(value: str) -> bool:
    return not value or any(ch.isspace() or ch in QUOTES for ch in value)


def shorten(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """Cut user text quoted back in an error so a pasted essay does not flood the reply."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def unescape(text: str) -> str:
    """Undo Slack's escaping of ``&``, ``<`` and ``>`` in one pass (so ``&amp;lt;`` -> ``&lt;``)."""
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text)


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE_SPACES


def _check(text: str) -> None:
    if len(text) > MAX_TEXT_LENGTH:
        raise UsageError("grammar.too_long", limit=MAX_TEXT_LENGTH)
    if _CONTROL.search(text):
        raise UsageError("grammar.control_chars")


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The text between the quote at ``start`` and the next quote, and the index after it."""
    for end in range(start + 1, len(text)):
        if text[end] in QUOTES:
            return text[start + 1 : end], end + 1
    raise UsageError(
        "grammar.unclosed_quote", example=Phrase("example.quoted_note"), text=shorten(text[start:])
    )


def _read_angle(text: str, start: int) -> tuple[Token, int] | None:
    """A Slack ``<...>`` sequence at ``start`` as a token, or None when it is not one."""
    end = text.find(">", start)
    if end < 0:
        return None
    raw = text[start : end + 1]
    if m := _USER.fullmatch(raw):
        return Token("user", m.group(1)), end + 1
    if m := _CHANNEL.fullmatch(raw):
        return Token("channel", m.group(1)), end + 1
    inner = raw[1:-1]
    if not inner or any(_is_space(ch) for ch in inner.partition("|")[0]):
        return None
    # Links and special mentions: the label is what the user actually typed (acme.com, @here).
    target, _, label = inner.partition("|")
    word = label or (f"@{target[1:]}" if target.startswith("!") else target)
    if not word:
        return None
    return Token("word", unescape(word)), end + 1


def _classify_word(word: str) -> Token:
    if (number := typed_ref_number(word)) is not None:
        return Token("ref", deal_ref(number))
    if (m := _OPTION_KEY.match(word)) and len(word) > m.end():
        key = m.group()[:-1].lower()
        if key not in _NOT_OPTION_KEYS:
            return Token("option", unescape(word[m.end() :]), key)
    return Token("word", unescape(word))


def tokenize(text: str) -> list[Token]:
    """Split command text into tokens; raise ``UsageError`` for text no command could mean."""
    _check(text)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if _is_space(ch):
            i += 1
            continue
        if ch in QUOTES:
            value, i = _read_quoted(text, i)
            tokens.append(Token("quoted", unescape(value)))
            continue
        if ch == "<" and (angle := _read_angle(text, i)) is not None:
            token, i = angle
            tokens.append(token)
            continue
        start = i
        while i < n and not _is_space(text[i]):
            if text[i] in QUOTES:
                prefix = text[start:i]
                if _OPTION_KEY.fullmatch(prefix) and prefix[:-1].lower() not in _NOT_OPTION_KEYS:
                    break
            i += 1
        word = text[start:i]
        if i < n and text[i] in QUOTES:
            # key:"quoted value" -- the only place a quote inside a word means anything.
            value, i = _read_quoted(text, i)
            tokens.append(Token("option", unescape(value), word[:-1].lower()))
            continue
        tokens.append(_classify_word(word))
    return tokens


def join_words(tokens: Iterable[Token]) -> str:
    """Tokens joined back into one string with single spaces (deal names, date phrases)."""
    return " ".join(token.text for token in tokens)
