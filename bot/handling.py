"""The one error boundary between Slack (or the shell) and the commands.

Runs a piece of command work in a unit of work: a ``CommandError`` rolls back and becomes a
``Problem`` the user can act on; an ambiguous deal becomes a picker backed by a pending choice;
any other exception is logged with a short reference the user can quote, and nothing is saved.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.blocks.replies import RenderedMessage, render, render_picker
from commands.context import CommandContext, Invocation, open_context
from commands.dispatch import execute
from commands.errors import Ambiguous, CommandError
from commands.replies import Notice, Picker, Problem, Reply
from storage import queries
from storage.db import unit_of_work
from storage.models import PendingChoice

log = logging.getLogger("corong.handling")

Work = Callable[[CommandContext], Reply]


@dataclass
class Handled:
    """The result of running work for someone, with the language and zone to show it in."""

    reply: Reply
    lang: str
    tz: ZoneInfo
    picker_token: str | None = None

    def render(self) -> RenderedMessage:
        if isinstance(self.reply, Picker):
            assert self.picker_token is not None
            return render_picker(self.reply, self.picker_token, self.lang, self.tz)
        return render(self.reply, self.lang, self.tz)


def problem_from(error: CommandError) -> Problem:
    """The user-facing form of a command error."""
    return Problem(error.key, dict(error.params), error.example)


def run_work(engine: Engine, invocation: Invocation, work: Work, *, command: str = "") -> Handled:
    """Run ``work`` for the invocation; the reply is only returned after the commit."""
    lang, tz = "en", ZoneInfo("UTC")
    try:
        with unit_of_work(engine) as session:
            ctx = open_context(session, invocation)
            lang, tz = ctx.lang, ctx.tz
            reply = work(ctx)
        return Handled(reply, lang, tz)
    except Ambiguous as ambiguous:
        return _picker(engine, invocation, ambiguous, command)
    except CommandError as error:
        return Handled(problem_from(error), lang, tz)
    except Exception:
        ref = uuid.uuid4().hex[:8]
        log.exception(
            "unexpected error ref=%s team=%s user=%s", ref, invocation.team_id, invocation.user_id
        )
        return Handled(Problem("error.internal", {"ref": ref}), lang, tz)


def run_command(engine: Engine, invocation: Invocation, command: str, text: str) -> Handled:
    """Run a slash command as typed."""
    return run_work(engine, invocation, lambda ctx: execute(ctx, command, text), command=command)


def _picker(engine: Engine, invocation: Invocation, ambiguous: Ambiguous, command: str) -> Handled:
    token = secrets.token_hex(12)
    with unit_of_work(engine) as session:
        ctx = open_context(session, invocation)
        queries.save_pending_choice(
            session,
            PendingChoice(
                token=token,
                workspace_id=ctx.workspace_id,
                member_id=ctx.member_id,
                command=command,
                text=ambiguous.retry,
                created_at=invocation.now,
            ),
        )
        picker = Picker(ambiguous.query, tuple(ambiguous.candidates), command, ambiguous.retry)
        return Handled(picker, ctx.lang, ctx.tz, picker_token=token)


def run_pending_choice(
    engine: Engine, invocation: Invocation, token: str, ref: str | None
) -> Handled:
    """Complete a picked command once; an unknown, foreign or used token gets "expired"."""

    def work(ctx: CommandContext) -> Reply:
        choice = queries.take_pending_choice(
            ctx.session,
            workspace_id=ctx.workspace_id,
            member_id=ctx.member_id,
            token=token,
            when=ctx.now,
        )
        if choice is None:
            raise CommandError("picker.expired")
        if ref is None:
            return Notice("picker.cancelled")
        return execute(ctx, choice.command, choice.text.replace("{ref}", ref))

    return run_work(engine, invocation, work)
