"""The one error boundary between Slack (or the shell) and the commands.

Runs a piece of command work in a unit of work: a ``CommandError`` rolls back and becomes a
``Problem`` the user can act on; an ambiguous deal becomes a picker, and a question (``2M``, a
past date) a message with answer buttons, each backed by a pending choice;
any other exception is logged with a short reference the user can quote, and nothing is saved.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.blocks.elements import RenderedMessage
from bot.blocks.render import render
from bot.profiles import PROFILE_TTL, must_look_up_first
from commands.context import CommandContext, Invocation, open_context
from commands.deals.resolve import name_key
from commands.dispatch import execute, may_need_admin
from commands.errors import (
    KEEP,
    LOST_REASON_QUESTION,
    M_QUESTION,
    PAST_DATES_QUESTION,
    Ambiguous,
    CommandError,
    NeedsBant,
    Question,
    StaleProfile,
)
from commands.replies import Asked, Notice, Picker, Problem, Reply
from storage import queries
from storage.db import unit_of_work
from storage.models import PendingChoice

log = logging.getLogger("corong.handling")

Work = Callable[[CommandContext], Reply]
# A picker answers a question the user just asked; after this it is stale and refuses.
PICKER_TTL = timedelta(minutes=15)
PICKER_FORGET_AFTER = timedelta(days=1)


@dataclass
class Handled:
    """The result of running work for someone, with the language and zone to show it in."""

    reply: Reply
    lang: str
    tz: ZoneInfo
    picker_token: str | None = None
    deferred: bool = False  # nothing ran: look the caller up in Slack, then run it (once)
    profile_stale: bool = False
    changed: bool = False  # the work committed a change
    # A change was committed and the caller got a nudge today: (channel, ts) to redraw.
    todays_nudge: tuple[str, str] | None = None

    def render(self) -> RenderedMessage:
        """The reply as a message (a picker's buttons carry ``picker_token``)."""
        return render(self.reply, self.lang, self.tz, picker_token=self.picker_token)


def problem_from(error: CommandError) -> Problem:
    """The user-facing form of a command error."""
    bant_ref = error.ref if isinstance(error, NeedsBant) else None
    return Problem(error.key, dict(error.params), error.example, bant_ref=bant_ref)


def internal_error(what: str, invocation: Invocation) -> Problem:
    """Log the exception being handled with a short reference and tell the user only that."""
    ref = uuid.uuid4().hex[:8]
    log.exception(
        "unexpected error in %s ref=%s team=%s user=%s",
        what,
        ref,
        invocation.team_id,
        invocation.user_id,
    )
    return Problem("error.internal", {"ref": ref})


def run_work(
    engine: Engine,
    invocation: Invocation,
    work: Work,
    *,
    command: str = "",
    text: str = "",
    defer_for_profile: bool = False,
    may_act_as_admin: bool = False,
    read_only: bool = False,
) -> Handled:
    """Run ``work`` for the invocation; the reply is only returned after the commit.

    ``defer_for_profile`` (slash commands, which can answer after the ack): when the caller's
    Slack profile must be read before anything is decided (``profiles.must_look_up_first``;
    ``may_act_as_admin`` says the work may need admin rights), the work does not start at
    all; the result says ``deferred`` and the caller runs it once, after the look-up.
    ``read_only`` work (a known caller, nothing written) does not queue behind writers.
    """
    lang, tz, stale = "en", ZoneInfo("UTC"), False
    ctx: CommandContext | None = None
    try:
        with unit_of_work(engine, read_only=read_only) as session:
            ctx = open_context(session, invocation)
            lang, tz = ctx.lang, ctx.tz
            if defer_for_profile and must_look_up_first(
                ctx.member, invocation.now, may_act_as_admin=may_act_as_admin
            ):
                # Decided before the work starts, so nothing runs twice; a first-time
                # caller's member row is kept for the look-up to fill in.
                return Handled(Notice("command.not_yet"), lang, tz, deferred=True)
            # ``require_admin`` still insists on a current flag: should work that was not
            # expected to need admin rights ask for them, it stops and waits for the look-up.
            ctx.profile_check = defer_for_profile
            fetched = ctx.member.profile_fetched_at
            stale = fetched is None or invocation.now - fetched > PROFILE_TTL
            reply = work(ctx)
        return Handled(
            reply,
            ctx.lang,  # the work may change it: ``/sales me language id`` answers in Indonesian
            tz,
            profile_stale=stale,
            changed=ctx.changed,
            todays_nudge=ctx.todays_nudge if ctx.changed else None,
        )
    except StaleProfile:  # see ``profile_check`` above: answered after the look-up
        return Handled(Notice("command.not_yet"), lang, tz, deferred=True)
    except (Ambiguous, Question) as asked:
        if ctx is not None and ctx.rerun is not None:
            command, text = ctx.rerun
        try:
            return _ask(engine, invocation, asked, command, text, answers_of(ctx))
        except Exception:
            return Handled(internal_error("picker", invocation), lang, tz)
    except CommandError as error:
        return Handled(problem_from(error), lang, tz, profile_stale=stale)
    except Exception:
        return Handled(internal_error(command or "work", invocation), lang, tz)


def run_command(
    engine: Engine,
    invocation: Invocation,
    command: str,
    text: str,
    *,
    defer_for_profile: bool = False,
) -> Handled:
    """Run a slash command as typed."""
    return run_work(
        engine,
        invocation,
        lambda ctx: execute(ctx, command, text),
        command=command,
        text=text,
        defer_for_profile=defer_for_profile,
        may_act_as_admin=may_need_admin(command, text),
    )


def answers_of(ctx: CommandContext | None) -> dict[str, Any]:
    """What the user already answered for the command being run (picks, what "M" meant, kept
    past dates), to keep with a further question about it."""
    if ctx is None:
        return {}
    answers: dict[str, Any] = {}
    if ctx.picks:
        answers["picks"] = dict(ctx.picks)
    if ctx.m_answer is not None:
        answers["m"] = ctx.m_answer
    if ctx.past_dates_kept:
        answers["past"] = True
    return answers


def _apply_answers(ctx: CommandContext, answers: dict[str, Any]) -> None:
    ctx.picks = {str(k): str(v) for k, v in dict(answers.get("picks") or {}).items()}
    ctx.m_answer = answers.get("m")
    ctx.past_dates_kept = bool(answers.get("past"))


def _ask(
    engine: Engine,
    invocation: Invocation,
    asked: Ambiguous | Question,
    command: str,
    text: str,
    answers: dict[str, Any],
) -> Handled:
    """Keep the command as a pending choice and answer with its picker or question."""
    token = secrets.token_hex(12)
    reply: Reply
    if isinstance(asked, Ambiguous):
        kind, query = "deal", asked.query
        candidates = [candidate.ref for candidate in asked.candidates]
        reply = Picker(asked.query, tuple(asked.candidates), command)
    else:
        kind, query = asked.kind, asked.subject
        candidates = [answer.code for answer in asked.answers]
        reply = Asked(asked.ask_key, dict(asked.params), asked.answers)
    with unit_of_work(engine) as session:
        ctx = open_context(session, invocation)
        queries.save_pending_choice(
            session,
            PendingChoice(
                token=token,
                workspace_id=ctx.workspace_id,
                member_id=ctx.member_id,
                command=command,
                text=text,
                query=query[:3000],
                candidates=candidates,
                created_at=invocation.now,
                kind=kind,
                answers=answers or None,
            ),
            forget_before=invocation.now - PICKER_FORGET_AFTER,
        )
        return Handled(reply, ctx.lang, ctx.tz, picker_token=token)


def run_pending_choice(
    engine: Engine,
    invocation: Invocation,
    token: str,
    answer: str | None,
    *,
    new_dates: Mapping[str, date] | None = None,
) -> Handled:
    """Complete a picked or answered command, once, exactly as it was typed and as of when it
    was typed, with every answer given for it so far.

    ``answer`` is the picked ref or the question's answer code (None: cancel); ``new_dates``
    are the dates a "change" answer brings, each for a date field the question asked about.
    An unknown, foreign, used or stale token, or an answer that was not offered, runs nothing.
    """

    def work(ctx: CommandContext) -> Reply:
        choice = queries.take_pending_choice(
            ctx.session,
            workspace_id=ctx.workspace_id,
            member_id=ctx.member_id,
            token=token,
            when=ctx.now,
            not_before=ctx.now - PICKER_TTL,
        )
        if choice is None or (answer is not None and answer not in choice.candidates):
            raise CommandError("picker.expired")
        if answer is None:
            return Notice("picker.cancelled")
        _apply_answers(ctx, choice.answers or {})
        text = choice.text
        if choice.kind == "deal":
            ctx.picks[name_key(choice.query)] = answer
        elif choice.kind == M_QUESTION:
            ctx.m_answer = answer
        elif choice.kind == LOST_REASON_QUESTION:
            ctx.lost_reason_answer = answer
        elif choice.kind == PAST_DATES_QUESTION and answer == KEEP:
            ctx.past_dates_kept = True
        elif choice.kind == PAST_DATES_QUESTION:
            asked = set(choice.query.split(","))
            if not new_dates or not set(new_dates) <= asked:
                raise CommandError("picker.expired")
            # The last of an option typed twice wins: the new dates replace the past ones.
            text += "".join(f" {name}:{day.isoformat()}" for name, day in new_dates.items())
        ctx.rerun = (choice.command, text)
        ctx.now = choice.created_at  # "due:fri" means what it meant when it was typed
        return execute(ctx, choice.command, text)

    return run_work(engine, invocation, work)
