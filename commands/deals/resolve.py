"""Turn what the user typed into one deal of their workspace, or a clear error, or a picker."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from commands import permissions
from commands.context import CommandContext
from commands.errors import Ambiguous, Candidate, NotFound, UsageError
from commands.grammar import Token
from commands.grammar.refs import typed_ref_number
from commands.i18n import Phrase, Text
from storage import queries
from storage.models import Deal

MAX_CANDIDATES = 10
NAME_LIMIT = 200
# How many leading words may form a deal name when looking for where the name ends.
MAX_NAME_WORDS = 8


def name_key(name: str) -> str:
    """The normalised form deal names are matched on: case-folded, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())[:NAME_LIMIT]


def check_deal_name(name: str, example: Text) -> str:
    """A new deal's name: not empty, not a number or a ref (those would be read as refs)."""
    if typed_ref_number(name) is not None or name_key(name).replace(" ", "").isdigit():
        raise UsageError("deal.name_is_number", example=example, name=name)
    if len(name) > NAME_LIMIT:
        raise UsageError(
            "field.too_long",
            example=example,
            field=Phrase("field.label.name"),
            limit=NAME_LIMIT,
            length=len(name),
        )
    return name


def resolve_deal(ctx: CommandContext, typed: str, *, for_change: bool = False) -> Deal:
    """The one deal ``typed`` means, by ref or by part of its name.

    A name finds only deals the caller may handle (``permissions``); a ref to a deal outside
    their reach is refused, naming who can act on it. A name matching several deals raises
    ``Ambiguous``; once the user picks one, the command runs again with the pick recorded in
    ``ctx.picks``. ``for_change``: the command is about to change the deal, so a ref's lookup
    takes the deal's lock too (``permissions.lock_deal`` still checks again under it).
    """
    key = name_key(typed)
    number = typed_ref_number(ctx.picks.get(key, typed))
    if number is not None:
        deal = queries.deal_by_number(
            ctx.session, workspace_id=ctx.workspace_id, number=number, lock=for_change
        )
        if deal is None:
            raise NotFound("deal.ref_not_found", example="/deal list", ref=f"D-{number}")
        permissions.check_deal(ctx, deal)
        return deal
    if not key:
        raise NotFound("deal.not_found", example="/deal list", query=typed)
    matches = queries.search_deals(
        ctx.session,
        workspace_id=ctx.workspace_id,
        name_key=key,
        limit=MAX_CANDIDATES + 1,
        owner_ids=permissions.visible_owner_ids(ctx),
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
            )
    raise NotFound("deal.not_found", example="/deal list", query=typed)


def split_deal_words(
    ctx: CommandContext, tokens: Sequence[Token], *, stops: Callable[[Token], bool]
) -> tuple[str, list[Token]]:
    """Split leading tokens into the deal the user named and the rest.

    A ref or a quoted name is the deal by itself. Otherwise the deal is the longest run of
    leading plain words that matches some deal, so "acme corp too expensive" finds "Acme Corp"
    and "toko 88" finds "Toko 88" rather than reading 88 as an amount. When nothing matches,
    the name runs up to the first token ``stops`` accepts, for a helpful "not found".
    """
    if not tokens:
        return "", []
    first = tokens[0]
    if first.kind in ("ref", "quoted"):
        return first.value, list(tokens[1:])
    words: list[str] = []
    for token in tokens[:MAX_NAME_WORDS]:
        if token.kind != "word" or len(" ".join([*words, token.value])) > NAME_LIMIT:
            break
        words.append(token.value)
    keys = [name_key(" ".join(words[:size])) for size in range(1, len(words) + 1)]
    picked = max((size for size, key in enumerate(keys, start=1) if ctx.picks.get(key)), default=0)
    found = picked
    if picked < len(keys):
        found = max(
            picked,
            queries.longest_name_match(
                ctx.session,
                workspace_id=ctx.workspace_id,
                name_keys=keys,
                owner_ids=permissions.visible_owner_ids(ctx),
            ),
        )
    if found:
        return " ".join(words[:found]), list(tokens[found:])
    size = 1
    while size < len(words) and not stops(tokens[size]):
        size += 1
    return " ".join(words[:size]), list(tokens[size:])
