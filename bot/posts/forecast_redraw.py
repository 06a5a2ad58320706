"""Once a rep's forecast is in, the messages that asked for it say so: the forecast DM and its
reminder are redrawn (chat.update) as "Forecast sent: commit … · best case …" with an *Update*
button; the nudge that carried the ask is redrawn by ``bot.posts.nudge_redraw`` with the same
line. Their channel and ts are on their outbox rows (``storage.outbox``).

It runs after the submission is committed and confirmed: a redraw Slack refuses is logged and
changes nothing stored.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_sdk import WebClient
from sqlmodel import Session

from bot.blocks.forecast_ask import render_forecast_sent
from bot.runtime import Runtime
from bot.slack_client import call_slack
from commands.context import Invocation, member_context
from commands.localtime import zone
from commands.posts.forecast import (
    FORECAST_JOBS,
    ForecastAsk,
    answer_this_week,
    forecast_week,
)
from storage import outbox, queries
from storage.db import unit_of_work
from storage.models import Forecast, Member, Workspace
from storage.outbox import Delivery, SlotKey

log = logging.getLogger("corong.forecasts")

Message = tuple[str, str]  # (channel id, ts)


def forecast_answer(
    session: Session, workspace: Workspace, member: Member, row: Delivery, ask: ForecastAsk
) -> Forecast | None:
    """The rep's forecast answering the ask ``row`` carried: one for its period submitted in
    the week the message went (as ``commands.posts.forecast`` reads "this week")."""
    assert workspace.id is not None
    if member.id is None:
        return None
    tz = zone(None, workspace.timezone)
    day = (row.sent_at or row.fire_at).astimezone(tz).date()
    return answer_this_week(
        session, workspace_id=workspace.id, member_id=member.id, ask=ask, day=day, tz=tz
    )


# Redraws of one message are serialised so the later build is the later update (as
# ``bot.posts.nudge_redraw`` does for nudges; an ask DM is only ever redrawn here).
_LOCKS = tuple(threading.Lock() for _ in range(16))


def redraw_forecast_asks(
    runtime: Runtime,
    client: WebClient,
    invocation: Invocation,
    *,
    from_message: Message | None = None,
) -> int:
    """Redraw the invoker's forecast DM and reminder of this week, and the ask whose button
    opened the modal (``from_message``, of any week), when their forecast answers it; the
    number Slack accepted."""
    with unit_of_work(runtime.engine, read_only=True) as session:
        messages = _asks(session, invocation, from_message)
    done = 0
    for channel_id, ts in messages:
        with _LOCKS[hash((channel_id, ts)) % len(_LOCKS)]:
            with unit_of_work(runtime.engine, read_only=True) as session:
                message = _redrawn(session, invocation, channel_id, ts)
            if message is None:
                continue
            updated = call_slack(
                "chat.update", client.chat_update, channel=channel_id, ts=ts, **message
            )
        if updated:
            done += 1
        else:
            log.info("forecast ask %s/%s not redrawn; the forecast is saved", channel_id, ts)
    return done


def _asks(session: Session, invocation: Invocation, from_message: Message | None) -> list[Message]:
    """The messages that may ask the invoker: ``from_message`` and this week's ask and
    reminder (each checked again when redrawn)."""
    workspace = queries.find_workspace(session, slack_team_id=invocation.team_id)
    if workspace is None or workspace.id is None:
        return []
    found: list[Message] = [from_message] if from_message is not None else []
    week = forecast_week(invocation.now.astimezone(zone(None, workspace.timezone)).date())
    for job in FORECAST_JOBS:
        row = outbox.find(session, SlotKey(workspace.id, job, invocation.user_id, week))
        if row is not None and row.channel_id and row.message_ts:
            found.append((row.channel_id, row.message_ts))
    return list(dict.fromkeys(found))


def _redrawn(
    session: Session, invocation: Invocation, channel_id: str, ts: str
) -> dict[str, Any] | None:
    """The ask or reminder at (channel, ts) saying the forecast is in; None when it is not a
    sent ask of the invoker's (a forged or foreign message is never touched) or not answered."""
    workspace = queries.find_workspace(session, slack_team_id=invocation.team_id)
    if workspace is None or workspace.id is None:
        return None
    row = outbox.find_by_message(session, workspace_id=workspace.id, channel_id=channel_id, ts=ts)
    if (
        row is None
        or row.job not in FORECAST_JOBS
        or row.target != invocation.user_id
        or row.status != outbox.SENT
    ):
        return None
    member = queries.find_member(
        session, workspace_id=workspace.id, slack_user_id=invocation.user_id
    )
    ask = ForecastAsk.from_payload((row.payload or {}).get("forecast"))
    if member is None or ask is None:
        return None
    answer = forecast_answer(session, workspace, member, row, ask)
    if answer is None:
        return None
    lang = member_context(session, workspace, member, now=invocation.now).lang
    return render_forecast_sent(ask, answer, lang).as_dicts()
