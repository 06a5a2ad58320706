"""The forecast call's posts composed: the ask the day's nudge carries, the ask as the day's one DM
when there is no nudge, and the reminder in the thread of whichever asked
(``commands.posts.forecast`` has the rules).

A rep gets one scheduled DM a work day: the ask waits for their nudge of the day and is skipped
when the nudge carried it; the reminder is a reply in that message's thread, and goes as a DM of
its own only when nothing reached the rep that day. While the nudge (or the ask) is still being
sent the post waits for it (a retry, ``WAITING``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from bot.blocks.elements import RenderedMessage
from bot.blocks.forecast_ask import render_forecast_ask, render_forecast_reminder
from bot.posts.sender import SendFailure
from commands.context import member_context
from commands.localtime import zone
from commands.posts.forecast import (
    DM_USED,
    FORECAST,
    FORECAST_OFF,
    IN_NUDGE,
    NOT_ASKED,
    SUBMITTED,
    WAITING,
    ForecastAsk,
    ForecastSetting,
    ask_for,
    day_of_week,
    submitted_this_week,
)
from commands.posts.prefs import NudgePrefs
from commands.posts.schedule import DEFAULT_GRACE, NUDGE, slot_at
from storage import outbox, queries, teams
from storage.models import Member, Workspace
from storage.outbox import Delivery, SlotKey

QUIET_HOURS = "quiet_hours"
_UNDER_WAY = (outbox.SENDING, outbox.RETRY, outbox.QUEUED)


class ForecastSkipped(Exception):
    """Nothing to post, on purpose: ``reason`` says why (``corong jobs status`` shows it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ForecastPost:
    """An ask or a reminder ready to send: to the rep's DM (``channel_id`` None: opened when
    sent), or as a reply in the thread ``thread_ts`` of an earlier message."""

    message: RenderedMessage
    lang: str
    channel_id: str | None
    user_id: str | None
    thread_ts: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def nudge_ask(
    session: Session, workspace: Workspace, member: Member, day: date
) -> ForecastAsk | None:
    """The ask the rep's nudge of ``day`` carries: on their team's forecast day, unless they
    submitted this week already."""
    assert workspace.id is not None
    if member.id is None:
        return None
    team = teams.rep_team(session, member_id=member.id)
    if team is None:
        return None
    setting = ForecastSetting.of(team)
    if not setting.on or day.weekday() != setting.weekday:
        return None
    ask = ask_for(setting, day)
    tz = zone(None, workspace.timezone)  # "this week", as the forecast's roll-up reads it
    if submitted_this_week(
        session, workspace_id=workspace.id, member_id=member.id, ask=ask, day=day, tz=tz
    ):
        return None
    return ask


def forecast_post(
    session: Session,
    workspace: Workspace,
    job: str,
    user_id: str,
    period: str,
    *,
    now: datetime,
    sent_at: datetime,
    sending: bool,
) -> ForecastPost:
    """The ask (``FORECAST``) or reminder of week ``period`` for ``user_id``. Raises
    ``ForecastSkipped`` when there is nothing to send, and (``sending``: a real send, not a dry
    run) ``SendFailure(WAITING)`` to come back once the day's nudge or ask is sent."""
    assert workspace.id is not None
    member = queries.find_member(session, workspace_id=workspace.id, slack_user_id=user_id)
    team = teams.rep_team(session, member_id=member.id) if member and member.id else None
    setting = ForecastSetting.of(team) if team is not None else None
    day = day_of_week(period, setting) if setting is not None else None
    if member is None or member.id is None or team is None or setting is None or day is None:
        raise ForecastSkipped(NOT_ASKED)
    if not setting.on:
        raise ForecastSkipped(FORECAST_OFF)  # turned off since the post was queued
    ask = ask_for(setting, day)
    week_tz = zone(None, workspace.timezone)  # "this week", as the forecast's roll-up reads it
    if submitted_this_week(
        session, workspace_id=workspace.id, member_id=member.id, ask=ask, day=day, tz=week_tz
    ):
        raise ForecastSkipped(SUBMITTED)
    ctx = member_context(session, workspace, member, now=now)
    if sending and NudgePrefs.of(member).quiet_at(sent_at, ctx.tz):
        raise ForecastSkipped(QUIET_HOURS)
    nudge = outbox.find(session, SlotKey(workspace.id, NUDGE, user_id, day.isoformat()))
    if sending and nudge is not None and nudge.status in _UNDER_WAY:
        raise SendFailure(WAITING, True)
    if (
        sending
        and nudge is None
        and _nudge_not_claimed_yet(session, workspace, member, day, sent_at)
    ):
        raise SendFailure(WAITING, True)
    payload = {"forecast": ask.as_payload()}
    if job == FORECAST:
        if nudge is not None and nudge.status == outbox.SENT:
            raise ForecastSkipped(IN_NUDGE if _carries_ask(nudge) else DM_USED)
        message = render_forecast_ask(ask, ctx.lang)
        return ForecastPost(message, ctx.lang, member.dm_channel_id, user_id, payload=payload)
    asked = outbox.find(session, SlotKey(workspace.id, FORECAST, user_id, period))
    if sending and asked is not None and asked.status in _UNDER_WAY:
        raise SendFailure(WAITING, True)
    message = render_forecast_reminder(ask, ctx.lang)
    for carrier in (asked, nudge):
        if carrier is not None and _carries_ask(carrier) and carrier.message_ts:
            return ForecastPost(
                message,
                ctx.lang,
                carrier.channel_id,
                None,  # a reply in a known thread: no DM to open
                thread_ts=carrier.message_ts,
                payload=payload,
            )
    if nudge is not None and nudge.status == outbox.SENT:
        raise ForecastSkipped(DM_USED)  # the day's one DM went without the ask
    return ForecastPost(message, ctx.lang, member.dm_channel_id, user_id, payload=payload)


def _nudge_not_claimed_yet(
    session: Session, workspace: Workspace, member: Member, day: date, now: datetime
) -> bool:
    """Whether the rep's nudge of ``day`` is due and still in time, but no sender (of this
    replica or another, catching up after downtime) has claimed it yet: the ask waits for it
    rather than become a second DM."""
    assert workspace.id is not None and member.id is not None
    if not queries.open_deals(session, workspace_id=workspace.id, owner_id=member.id):
        return False  # no open deal: no nudge is ever due
    slot = slot_at(session, NUDGE, workspace_id=workspace.id, target=member.slack_user_id, at=now)
    return (
        slot is not None
        and slot.skip is None
        and slot.period == day.isoformat()
        and now - DEFAULT_GRACE < slot.fire_at <= now
    )


def _carries_ask(row: Delivery) -> bool:
    """A sent post (the ask, or a nudge on the forecast day) that showed the ask's button."""
    return (
        row.status == outbox.SENT
        and bool(row.channel_id)
        and ForecastAsk.from_payload((row.payload or {}).get("forecast")) is not None
    )
