"""Free text users type (names, notes, reasons): cleaned and bounded before it is stored."""

from __future__ import annotations

from commands.errors import UsageError
from commands.i18n import Phrase, Text


def clean_text(text: str | None) -> str | None:
    """Collapse whitespace; empty becomes None."""
    if text is None:
        return None
    cleaned = " ".join(text.split())
    return cleaned or None


def check_length(field: str, text: str | None, limit: int, example: Text) -> str | None:
    """Refuse text longer than the column holds, rather than cutting it silently."""
    if text is not None and len(text) > limit:
        raise UsageError(
            "field.too_long",
            example=example,
            field=Phrase(f"field.label.{field}"),
            limit=limit,
            length=len(text),
        )
    return text
