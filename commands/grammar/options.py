"""``key:value`` options shared by every command: split off, checked against what is allowed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from commands.errors import UsageError
from commands.grammar import Token
from commands.i18n import CATALOG, Phrase, Text

# Indonesian option names, so "tutup:31/12" works as well as "close:31/12".
ALIASES = {
    "tutup": "close",
    "kontak": "contact",
    "tahap": "stage",
    "lanjut": "next",
    "berikutnya": "next",
    "tenggat": "due",
    "nilai": "value",
    "alasan": "reason",
    "hasil": "outcome",
    "catatan": "notes",
    "durasi": "duration",
    "sumber": "source",
}


def split_options(
    tokens: Sequence[Token], allowed: Iterable[str], example: Text
) -> tuple[dict[str, str], list[Token]]:
    """Options by key, and the other tokens; an option not in ``allowed`` is a usage error."""
    known = set(allowed)
    options: dict[str, str] = {}
    rest: list[Token] = []
    for token in tokens:
        if token.kind != "option":
            rest.append(token)
            continue
        assert token.key is not None
        key = ALIASES.get(token.key, token.key)
        if key not in known:
            raise UsageError(
                "option.unknown",
                example=example,
                option=token.key,
                known=tuple(option_name(name) for name in sorted(known)),
            )
        options[key] = token.value
    return options, rest


def option_name(name: str) -> Text:
    """An option's name as a reader of either language types it (``due``, ``tenggat``)."""
    key = f"option.name.{name}"
    return Phrase(key) if key in CATALOG else name


def reject_stray(tokens: Sequence[Token], example: Text) -> None:
    """Mentions, channels and refs where only words belong are refused, not ignored."""
    for token in tokens:
        if token.kind in ("user", "channel", "ref"):
            raise UsageError("input.unexpected", example=example, text=token.value)
