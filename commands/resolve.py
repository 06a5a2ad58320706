"""Turn what the user typed into one deal of their workspace, or a clear error, or a picker."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from commands.context import CommandContext
from commands.errors import Ambiguous, Candidate, NotFound
from commands.grammar import Token
from storage import queries
from storage.models import Deal

MAX_CANDIDATES = 10
_REF = re.compile(r"^[Dd]-?(\d{1,9})$")


def name_key(name: str) -> str:
    """The normalised form deal names are matched on: case-folded, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())[:200]


def deal_ref_number(text: str) -> int | None:
    """``D-12`` -> 12; anything else -> None."""
    match = _REF.match(text.strip())
    return int(match.group(1)) if match else None


def resolve_deal(ctx: CommandContext, typed: str, *, retry: str, open_only: bool = False) -> Deal:
    """The one deal ``typed`` means, by ref or by part of its name.

    ``retry`` is the command text with ``{ref}`` where the deal goes; an ambiguous name raises
    ``Ambiguous`` so the user can pick, and the pick re-runs ``retry`` with the chosen ref.
    """
    number = deal_ref_number(typed)
    if number is not None:
        deal = queries.deal_by_number(ctx.session, workspace_id=ctx.workspace_id, number=number)
        if deal is None:
            raise NotFound("deal.ref_not_found", example="/deal list", ref=f"D-{number}")
        return deal
    key = name_key(typed)
    if not key:
        raise NotFound("deal.not_found", example="/deal list", query=typed)
    matches = queries.search_deals(
        ctx.session,
        workspace_id=ctx.workspace_id,
        name_key=key,
        open_only=open_only,
        limit=MAX_CANDIDATES + 1,
    )
    exact = [deal for deal in matches if deal.name_key == key]
    open_matches = [deal for deal in matches if deal.status == "open"]
    for pool in (exact, open_matches, matches):
        if len(pool) == 1:
            return pool[0]
        if len(pool) > 1:
            raise Ambiguous(
                typed,
                [Candidate(ref=d.ref, name=d.name, stage=d.stage) for d in pool[:MAX_CANDIDATES]],
                retry=retry,
            )
    raise NotFound("deal.not_found", example="/deal list", query=typed)


def split_deal_words(
    ctx: CommandContext, tokens: Sequence[Token], *, stops: Callable[[Token], bool]
) -> tuple[str, list[Token]]:
    """Split leading tokens into the deal the user named and the rest.

    A ref or a quoted name is the deal by itself. Otherwise the deal is the longest run of
    leading plain words (up to the first token ``stops`` accepts) that matches some deal, or
    the first word when none does, so "acme corp too expensive" finds "Acme Corp".
    """
    if not tokens:
        return "", []
    first = tokens[0]
    if first.kind in ("ref", "quoted"):
        return first.value, list(tokens[1:])
    words: list[str] = []
    for token in tokens:
        if token.kind != "word" or (words and stops(token)):
            break
        words.append(token.value)
    for size in range(len(words), 1, -1):
        candidate = " ".join(words[:size])
        count = queries.count_matching_deals(
            ctx.session, workspace_id=ctx.workspace_id, name_key=name_key(candidate)
        )
        if count:
            return candidate, list(tokens[size:])
    return first.value, list(tokens[1:])


def retype(token: Token) -> str:
    """A token written back so that the lexer reads it the same way again."""
    if token.kind == "quoted":
        return '"' + token.value.replace('"', "'") + '"'
    if token.kind == "option" and token.key is not None:
        return f'{token.key}:"' + token.value.replace('"', "'") + '"'
    return token.text


def retry_text(sub: str, rest: Sequence[Token]) -> str:
    """The command text to re-run once the user picks a deal: ``{ref}`` marks the deal."""
    return " ".join([sub, "{ref}", *(retype(token) for token in rest)]).strip()
