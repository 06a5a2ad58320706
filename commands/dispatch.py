"""One entry point for every slash command: text in, a reply value out.

Slack listeners, modals, picker buttons and the shell all come through here, so the grammar and
the rules are the same everywhere.
"""

from __future__ import annotations

import difflib

from commands.context import CommandContext
from commands.deals.bant import run_bant
from commands.deals.call import run_call
from commands.deals.deal import run_deal
from commands.errors import UsageError
from commands.forecasts.command import run_forecast
from commands.grammar import MAX_TEXT_LENGTH, tokenize
from commands.registry import (
    SLASH_COMMANDS,
    SUBCOMMANDS,
    help_topics,
    subcommand_words,
)
from commands.replies import OpenForm, Reply
from commands.reports.board import run_pipeline
from commands.reports.funnel import run_funnel
from commands.workspace.sales import run_sales

ADD_WORDS = ("add", "new", "tambah", "baru")


def split_subcommand(text: str) -> tuple[str, str]:
    """``"add Acme 50jt"`` -> (``"add"``, ``"Acme 50jt"``)."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].casefold(), parts[1] if len(parts) > 1 else ""


def wanted_form(command: str, text: str) -> str | None:
    """The form a command typed without arguments opens, if any (``/call``, ``/deal add``)."""
    command = command.casefold()
    if command == "/call" and not text.strip():
        return "call"
    sub, rest = split_subcommand(text)
    if command == "/deal" and (sub == "" or (sub in ADD_WORDS and not rest.strip())):
        return "deal_add"
    return None


def may_need_admin(command: str, text: str) -> bool:
    """Whether the command as typed may do something only admins may (``Subcommand.admin``):
    an admin's rights must then be current before it starts."""
    command = command.casefold()
    sub, _ = split_subcommand(text)
    return any(s.admin and s.command == command and sub in s.words for s in SUBCOMMANDS)


def execute(ctx: CommandContext, command: str, text: str) -> Reply:
    """Parse and run one slash command for the caller; raises ``CommandError`` on bad input."""
    command = command.casefold()
    if command not in SLASH_COMMANDS:
        raise UsageError("command.unknown", example="/sales help", command=command)
    if len(text) > MAX_TEXT_LENGTH:
        raise UsageError("grammar.too_long", example=command, limit=MAX_TEXT_LENGTH)
    form = wanted_form(command, text)
    if form is not None:
        return OpenForm(form)
    if command == "/call":
        return run_call(ctx, tokenize(text))
    if command == "/bant":
        return run_bant(ctx, tokenize(text))
    if command == "/pipeline":
        return run_pipeline(ctx, tokenize(text))
    if command == "/funnel":
        return run_funnel(ctx, tokenize(text))
    sub, rest = split_subcommand(text)
    if command == "/forecast":
        if sub:
            _check_subcommand(command, sub)
        return run_forecast(ctx, sub, tokenize(rest))
    if command == "/deal":
        _check_subcommand(command, sub)
        return run_deal(ctx, sub, tokenize(rest))
    if sub and sub not in subcommand_words(command) and sub != "?":
        _check_subcommand(command, sub)
    return run_sales(ctx, sub, tokenize(rest))


def _check_subcommand(command: str, sub: str) -> None:
    known = subcommand_words(command)
    if sub in known:
        return
    close = difflib.get_close_matches(sub, known, n=1, cutoff=0.6)
    if close:
        topic = next(s for s in SUBCOMMANDS if s.command == command and close[0] in s.words)
        raise UsageError(
            "command.did_you_mean",
            example=topic.example,
            sub=sub,
            command=command,
            suggestion=f"{command} {close[0]}",
        )
    first = help_topics(command)
    raise UsageError(
        "command.unknown_sub",
        example=first[0].example if first else "/sales help",
        sub=sub,
        command=command,
        known=", ".join(dict.fromkeys(w for w in known if w.isascii())),
    )
