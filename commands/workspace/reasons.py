"""``/sales reasons``: the workspace's list of why deals are lost; admins edit it.

Everyone may read the list (it is what the lost question offers); adding, removing and going
back to the built-in list are admin changes, audited so ``/sales undo`` can take them back.
"""

from __future__ import annotations

from collections.abc import Callable

from commands import audit, permissions
from commands.context import CommandContext
from commands.deals.lost_reasons import (
    DEFAULT_REASONS,
    MAX_LABEL,
    MAX_REASONS,
    OTHER,
    find_reason,
    key_of,
    label,
    reasons_of,
    words_of,
)
from commands.errors import UsageError
from commands.grammar import Token, join_words
from commands.i18n import Phrase
from commands.replies import Notice
from storage import queries
from storage.models import AuditEntry

EXAMPLE = "/sales reasons add Legal review"
LOST_REASONS_ACTION = "workspace.lost_reasons"
REASONS_WORDS = ("reasons", "reason", "alasan")
_ADD = ("add", "tambah")
_REMOVE = ("remove", "hapus", "delete")
_RESET = ("reset", "default", "bawaan")


def run_reasons(ctx: CommandContext, tokens: list[Token]) -> Notice:
    """List the reasons, or (admins) add, remove or reset them."""
    if not tokens:
        return Notice("reasons.list", {"reasons": _labels(reasons_of(ctx.workspace))})
    verb = tokens[0].text.casefold()
    words = join_words(tokens[1:]).strip()
    if verb not in (*_ADD, *_REMOVE, *_RESET) or (verb not in _RESET and not words):
        raise UsageError("reasons.usage", example=EXAMPLE)
    permissions.require_admin(ctx, example="/sales reasons")
    # Read under the lock: a concurrent edit is not overwritten.
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    entries = list(reasons_of(ctx.workspace))
    if verb in _RESET:
        if words:
            raise UsageError("input.unexpected", example="/sales reasons reset", text=words)
        return _save(ctx, None, "reasons.reset", {})
    if verb in _ADD:
        if len(words) > MAX_LABEL:
            raise UsageError("reasons.too_long", example=EXAMPLE, max=MAX_LABEL)
        if not words_of(words):
            raise UsageError("reasons.usage", example=EXAMPLE)
        # A built-in reason removed earlier comes back by its name, in either language.
        entry = find_reason(words, DEFAULT_REASONS) if words_of(words) in _builtin_names() else None
        entry = entry or words
        if key_of(entry) in {key_of(e) for e in entries}:
            raise UsageError("reasons.exists", example="/sales reasons", reason=label(entry))
        if len(entries) >= MAX_REASONS:
            raise UsageError("reasons.too_many", example="/sales reasons", max=MAX_REASONS)
        entries.insert(len(entries) - 1, entry)  # "other" stays last
        return _save(ctx, entries, "reasons.added", {"reason": label(entry)})
    key = find_reason(words, entries)
    if key is None or words_of(words) not in _names_of(entries):
        raise UsageError(
            "reasons.unknown", example=EXAMPLE, text=words[:60], reasons=_labels(entries)
        )
    if key == OTHER:
        raise UsageError("reasons.keep_other", example="/sales reasons")
    entry = next(e for e in entries if key_of(e) == key)
    entries.remove(entry)
    return _save(ctx, entries, "reasons.removed", {"reason": label(entry)})


def _builtin_names() -> set[str]:
    return _names_of(DEFAULT_REASONS)


def _names_of(entries: list[str] | tuple[str, ...]) -> set[str]:
    """What an entry may be called when added back or removed: its key, its words and its
    labels in both languages (a removal must name the reason, not merely mention it)."""
    from commands.i18n import LANGUAGES, translate

    names: set[str] = set()
    for entry in entries:
        names.update({words_of(entry), words_of(key_of(entry).replace("_", " "))})
        if entry in DEFAULT_REASONS:
            names.update(words_of(translate(f"reasons.{entry}", lang)) for lang in LANGUAGES)
    return names


def _save(
    ctx: CommandContext, entries: list[str] | None, key: str, params: dict[str, object]
) -> Notice:
    before = {"lost_reasons": ctx.workspace.lost_reasons}
    ctx.workspace.lost_reasons = None if entries == list(DEFAULT_REASONS) else entries
    ctx.session.add(ctx.workspace)
    ctx.session.flush()
    after = {"lost_reasons": ctx.workspace.lost_reasons}
    audit.record(ctx, LOST_REASONS_ACTION, before=before, after=after)
    return Notice(key, {**params, "reasons": _labels(reasons_of(ctx.workspace))})


def _labels(entries: tuple[str, ...] | list[str]) -> tuple[Phrase, ...]:
    return tuple(label(entry) for entry in entries)


def undo_reasons(
    ctx: CommandContext, entry: AuditEntry, claim: Callable[[CommandContext, AuditEntry], None]
) -> Notice:
    """``/sales undo`` of a change to the list: back as it was, unless changed since."""
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    if ctx.workspace.lost_reasons != (entry.after or {}).get("lost_reasons"):
        raise UsageError("undo.settings_changed_since", example="/sales reasons")
    claim(ctx, entry)
    ctx.workspace.lost_reasons = (entry.before or {}).get("lost_reasons")
    audit.record(ctx, "undo", before=entry.after, after=entry.before, undo_of_id=entry.id)
    return Notice("reasons.undone", {"reasons": _labels(reasons_of(ctx.workspace))})
