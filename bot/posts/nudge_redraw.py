"""Redrawing a sent nudge in place (chat.update) so it shows what the rep has done since.

The nudge's items were stored with its delivery; a redraw keeps them (same deals, same order)
and marks each handled one: call logged, snoozed, moved, won or lost, BANT recorded. It runs
after a click on the nudge itself and after any change the rep makes elsewhere on the day of
the nudge (a slash command, a form: ``bot.after_change``), so this morning's list never claims
a handled deal still needs them.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_sdk import WebClient
from sqlmodel import Session

from bot.blocks.forecast_ask import with_forecast_ask, with_forecast_sent
from bot.blocks.nudge import render_nudge
from bot.posts.compose import app_home_url
from bot.posts.forecast_redraw import forecast_answer
from bot.runtime import Runtime
from bot.slack_client import call_slack
from commands.context import Invocation, member_context
from commands.posts.forecast import ForecastAsk
from commands.posts.nudge import redraw_nudge
from commands.posts.schedule import NUDGE
from storage import outbox, queries
from storage.db import unit_of_work
from storage.models import Workspace
from storage.outbox import Delivery

log = logging.getLogger("corong.nudges")

# Redraws of one message are serialised so the later build is the later update. A fixed set
# of locks picked by the message's hash: a lock per message would grow by a thousand a day.
_LOCKS = tuple(threading.Lock() for _ in range(64))


def _lock_for(channel_id: str, ts: str) -> threading.Lock:
    return _LOCKS[hash((channel_id, ts)) % len(_LOCKS)]


def _own_nudge(
    session: Session, invocation: Invocation, channel_id: str, ts: str
) -> tuple[Workspace, Delivery] | None:
    """The invoker's workspace and the nudge at (channel, ts), if Corong sent it to them."""
    workspace = queries.find_workspace(session, slack_team_id=invocation.team_id)
    if workspace is None or workspace.id is None:
        return None
    row = outbox.find_by_message(session, workspace_id=workspace.id, channel_id=channel_id, ts=ts)
    if row is None or row.job != NUDGE or row.target != invocation.user_id:
        return None
    return workspace, row


def is_own_nudge(runtime: Runtime, invocation: Invocation, channel_id: str, ts: str) -> bool:
    """True when the message at (channel, ts) is a nudge Corong sent to the invoker: only they
    may use its controls (a forged click on someone else's nudge is refused)."""
    with unit_of_work(runtime.engine, read_only=True) as session:
        return _own_nudge(session, invocation, channel_id, ts) is not None


def redraw_sent_nudge(
    runtime: Runtime, client: WebClient, invocation: Invocation, channel_id: str, ts: str
) -> bool:
    """Redraw the nudge at (channel, ts) if it is the invoker's own; False when it is not a
    nudge of theirs (a forged or foreign message is never touched) or Slack refused."""
    with _lock_for(channel_id, ts):
        with unit_of_work(runtime.engine, read_only=True) as session:
            found = _own_nudge(session, invocation, channel_id, ts)
            rendered = _redrawn(runtime, session, *found, invocation) if found else None
        if rendered is None:
            return False
        updated = call_slack(
            "chat.update", client.chat_update, channel=channel_id, ts=ts, **rendered
        )
    return bool(updated)


def _redrawn(
    runtime: Runtime,
    session: Session,
    workspace: Workspace,
    row: Delivery,
    invocation: Invocation,
) -> dict[str, Any] | None:
    """The nudge's message as it should read now."""
    assert workspace.id is not None
    member = queries.find_member(
        session, workspace_id=workspace.id, slack_user_id=invocation.user_id
    )
    if member is None:
        return None
    ctx = member_context(session, workspace, member, now=invocation.now)
    try:
        nudge = redraw_nudge(ctx, (row.payload or {}).get("nudge") or {})
    except ValueError:
        log.warning("nudge %s has an unreadable payload; left as it is", row.id)
        return None
    home_url = app_home_url(workspace.slack_team_id, runtime.settings.slack_app_id)
    rendered = render_nudge(nudge, ctx.lang, ctx.tz, home_url=home_url)
    ask = ForecastAsk.from_payload((row.payload or {}).get("forecast"))
    if ask is not None:  # the forecast day's ask it carried stays, or says it is answered
        answer = forecast_answer(session, workspace, member, row, ask)
        if answer is not None:
            rendered = with_forecast_sent(rendered, ask, answer, ctx.lang)
        else:
            rendered = with_forecast_ask(rendered, ask, ctx.lang)
    return rendered.as_dicts()
