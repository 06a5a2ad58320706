"""Why a deal was lost: one reason from the workspace's list, plus the words typed.

Managers count losses by reason, so every lost deal carries a reason key (``price``,
``competitor`` ...) whatever language it was typed in: ``/deal lost acme harga`` is ``price``.
Words that name no reason are kept as the free text under ``other``, because the rep said
why and a question would only make them say it again; a lost deal with no words at all is asked
about with a button per reason. Admins edit the list with ``/sales reasons``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from commands.context import CommandContext
from commands.errors import LOST_REASON_QUESTION, Answer, Question
from commands.i18n import Phrase
from storage.models import Workspace

OTHER = "other"
DEFAULT_REASONS = (
    "price",
    "competitor",
    "no_budget",
    "no_decision",
    "timing",
    "product_fit",
    "went_silent",
    OTHER,
)
MAX_REASONS = 15  # one button each in the question
MAX_LABEL = 40

# The words, English and Indonesian, that name a built-in reason.
_WORDS: dict[str, tuple[str, ...]] = {
    "price": ("price", "pricing", "too expensive", "expensive", "cost", "harga", "mahal"),
    "competitor": ("competitor", "competition", "pesaing", "kompetitor", "saingan"),
    "no_budget": (
        "no budget",
        "budget",
        "tidak ada anggaran",
        "tak ada anggaran",
        "tidak ada budget",
        "anggaran",
        "dana",
    ),
    "no_decision": (
        "no decision",
        "undecided",
        "tidak ada keputusan",
        "belum ada keputusan",
        "keputusan",
    ),
    "timing": ("timing", "not now", "bad timing", "waktu", "belum waktunya", "waktunya"),
    "product_fit": (
        "product fit",
        "not a fit",
        "fit",
        "kecocokan produk",
        "produk tidak cocok",
        "tidak cocok",
        "cocok",
    ),
    "went_silent": (
        "went silent",
        "silent",
        "ghosted",
        "no response",
        "no reply",
        "menghilang",
        "tidak ada kabar",
        "tidak merespons",
        "tidak ada respon",
        "hilang",
    ),
    OTHER: ("other", "lainnya", "lain"),
}


def words_of(text: str) -> str:
    """Lower-case words separated by single spaces: how typed reasons are compared."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def key_of(entry: str) -> str:
    """The key of a list entry: a built-in key as is, a custom reason's words joined by ``_``."""
    return entry if entry in DEFAULT_REASONS else words_of(entry).replace(" ", "_")


def reasons_of(workspace: Workspace) -> tuple[str, ...]:
    """The workspace's reasons as stored entries (built-in keys or custom labels), ``other``
    always last."""
    entries = [entry for entry in workspace.lost_reasons or DEFAULT_REASONS if entry != OTHER]
    return (*entries, OTHER)


def label(entry: str) -> Phrase:
    """How a reason is shown: a built-in one in the reader's language, a custom one as typed."""
    if entry in DEFAULT_REASONS:
        return Phrase(f"reasons.{entry}")
    return Phrase("reasons.custom", label=entry)


def reason_label(key: str, workspace: Workspace) -> Phrase:
    """How a stored reason key is shown: its entry in the workspace's list, a built-in key in
    the reader's language, else (a custom reason removed since) the key's words."""
    for entry in reasons_of(workspace):
        if key_of(entry) == key:
            return label(entry)
    if key in DEFAULT_REASONS:
        return label(key)
    words = key.replace("_", " ")
    return Phrase("reasons.custom", label=words[:1].upper() + words[1:])


def find_reason(text: str, entries: Sequence[str]) -> str | None:
    """The entry the words name: a key or custom label typed, else the built-in reason whose
    words come first in the text (the longer phrase on a tie). None when nothing matches."""
    said = f" {words_of(text)} "
    if said.strip() == "":
        return None
    best: tuple[int, int, str] | None = None
    for entry in entries:
        phrases = {words_of(entry), words_of(key_of(entry).replace("_", " "))}
        phrases.update(_WORDS.get(entry, ()))
        for phrase in phrases:
            at = said.find(f" {phrase} ") if phrase else -1
            if at >= 0 and (best is None or (at, -len(phrase)) < best[:2]):
                best = (at, -len(phrase), entry)
    return key_of(best[2]) if best else None


def reason_key(text: str | None, workspace: Workspace) -> str:
    """The reason key for the words typed: the reason they name, else ``other``."""
    return find_reason(text or "", reasons_of(workspace)) or OTHER


def legacy_key(text: str | None) -> str:
    """The built-in reason key of a free-text reason kept before reasons had keys."""
    return find_reason(text or "", DEFAULT_REASONS) or OTHER


def ask_reason(ctx: CommandContext, ref: str) -> None:
    """Ask why ``ref`` was lost, a button per reason in the workspace's list; the answer
    closes it (``CommandContext.lost_reason_answer``)."""
    entries = reasons_of(ctx.workspace)
    raise Question(
        "reasons.ask",
        kind=LOST_REASON_QUESTION,
        ask_key="reasons.ask",
        answers=tuple(Answer(key_of(entry), *_label_args(entry)) for entry in entries),
        subject=ref,
        example=Phrase("example.deal_lost"),
        ref=ref,
    )


def _label_args(entry: str) -> tuple[str, dict[str, str]]:
    phrase = label(entry)
    return phrase.key, dict(phrase.params)
