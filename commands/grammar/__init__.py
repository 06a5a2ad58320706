"""The slash-command grammar: tokens, amounts, dates and durations, free of Slack and storage.

Every function here is pure: bad input raises ``commands.errors.UsageError`` with a catalog key
from ``commands.i18n.catalog_grammar`` and never anything else.
"""

from commands.grammar.amounts import (
    MAX_AMOUNT,
    Amount,
    MMeans,
    looks_like_amount,
    parse_amount,
    take_amount,
    unread_amount,
)
from commands.grammar.dates import MAX_DURATION, looks_like_duration, parse_date, parse_duration
from commands.grammar.lexer import MAX_TEXT_LENGTH, Token, join_words, tokenize

__all__ = [
    "MAX_AMOUNT",
    "MAX_DURATION",
    "MAX_TEXT_LENGTH",
    "Amount",
    "MMeans",
    "Token",
    "join_words",
    "looks_like_amount",
    "looks_like_duration",
    "parse_amount",
    "parse_date",
    "parse_duration",
    "take_amount",
    "tokenize",
    "unread_amount",
]
