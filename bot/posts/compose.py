"""What each scheduled job posts: composed from the database, then sent step by step.

``compose`` builds a job's message for one target without touching Slack (the CLI's dry run
prints it); ``send`` posts it. A digest takes three posts (summary, chart, details in the
thread); each finished step is recorded in the delivery's payload, so a retry after a failure
goes on from the step that failed and never posts the summary twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from bot.blocks.digest import digest_chart_title, render_digest_details, render_digest_summary
from bot.blocks.elements import RenderedMessage
from bot.blocks.forecast_ask import with_forecast_ask
from bot.blocks.nudge import render_nudge
from bot.blocks.standup import render_standup
from bot.charts import funnel_chart_png
from bot.posts.forecast_posts import ForecastSkipped, forecast_post, nudge_ask
from bot.posts.sender import SendFailure, SlackSender
from commands.context import member_context
from commands.i18n import language_for
from commands.localtime import zone
from commands.pipelines import pipeline_for
from commands.posts.digest import build_digest
from commands.posts.forecast import FORECAST_JOBS
from commands.posts.nudge import build_nudge, nudge_payload, workspace_stuck_cutoffs
from commands.posts.prefs import OFF, NudgePrefs
from commands.posts.schedule import DIGEST, NUDGE, STANDUP, team_id_of
from commands.posts.standup import build_standup
from storage import queries, teams
from storage.db import unit_of_work
from storage.models import Team, Workspace
from storage.workspaces import get_workspace

log = logging.getLogger("corong.posts")


@dataclass
class Composed:
    """A job's post for one target, ready to send."""

    job: str
    message: RenderedMessage
    lang: str
    channel_id: str | None = None  # a team channel; None: the rep's DM, opened when sent
    user_id: str | None = None  # the rep a nudge goes to
    payload: dict[str, Any] = field(default_factory=dict)  # stored with the delivery
    details: RenderedMessage | None = None  # the digest's thread reply
    thread_ts: str | None = None  # a reply in this thread (the forecast's reminder)
    chart: bytes | None = None
    chart_title: str = ""


class NotNow(Exception):
    """A post that must not go out at this moment: its rep's quiet hours began before a late
    send (a retry, a catch-up). It is skipped with ``reason``; the next one comes as usual."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


QUIET_HOURS = "quiet_hours"


@dataclass
class StuckCutoffsCache:
    """Each workspace's stuck-deal cutoffs (per stage, the entry time before which a deal is
    stuck), computed once per workspace per run of the nudges, not once per rep."""

    _cutoffs: dict[int, dict[str, datetime]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def cutoffs(self, session: Session, workspace: Workspace, now: datetime) -> dict[str, datetime]:
        """The workspace's cutoffs as of the first ``now`` it was asked for in this run."""
        assert workspace.id is not None
        with self._lock:
            if workspace.id not in self._cutoffs:
                pipeline = pipeline_for(workspace.pipeline, workspace.custom_stages)
                self._cutoffs[workspace.id] = workspace_stuck_cutoffs(
                    session, workspace, pipeline, now
                )
            return self._cutoffs[workspace.id]


def app_home_url(team_id: str, app_id: str | None) -> str | None:
    """A link that opens Corong's App Home in Slack; None when the app's id is not known."""
    return f"slack://app?team={team_id}&id={app_id}&tab=home" if app_id else None


def compose(
    engine: Engine,
    job: str,
    *,
    workspace_id: int,
    target: str,
    period: str,
    now: datetime,
    sent_at: datetime | None = None,
    stuck_cutoffs: StuckCutoffsCache | None = None,
    app_id: str | None = None,
    quiet_hours: bool = False,
) -> Composed | None:
    """What ``job`` would post to ``target`` for ``period`` as of ``now`` (its fire time);
    None when there is nothing to post (an empty nudge, a team without reps or channel, a
    target that is gone, a rep who turned nudges off). ``sent_at`` (default ``now``) is when it
    actually goes out: a click later counts as done what happened after that. With
    ``quiet_hours`` (a real send), a nudge whose ``sent_at`` falls in its rep's quiet hours
    raises ``NotNow``."""
    with unit_of_work(engine, read_only=True) as session:
        workspace = get_workspace(session, workspace_id=workspace_id)
        if workspace is None:
            return None
        if job == NUDGE:
            home_url = app_home_url(workspace.slack_team_id, app_id)
            return _compose_nudge(
                session,
                workspace,
                target,
                period,
                now,
                sent_at or now,
                stuck_cutoffs,
                home_url,
                quiet_hours=quiet_hours,
            )
        if job in FORECAST_JOBS:
            return _compose_forecast(
                session, workspace, job, target, period, now, sent_at or now, sending=quiet_hours
            )
        team_id = team_id_of(target)
        team = (
            teams.get_team(session, workspace_id=workspace_id, team_id=team_id)
            if team_id is not None
            else None
        )
        if team is None or not team.channel_id:
            return None
        if job == STANDUP:
            return _compose_standup(session, workspace, team, now)
        if job == DIGEST:
            return _compose_digest(session, workspace, team, now, _due_day(period, team))
    raise ValueError(f"unknown job {job!r}")


def _compose_nudge(
    session: Session,
    workspace: Workspace,
    user_id: str,
    period: str,
    now: datetime,
    sent_at: datetime,
    stuck_cutoffs: StuckCutoffsCache | None,
    home_url: str | None,
    *,
    quiet_hours: bool,
) -> Composed | None:
    assert workspace.id is not None
    member = queries.find_member(session, workspace_id=workspace.id, slack_user_id=user_id)
    if member is None:
        return None
    ctx = member_context(session, workspace, member, now=now)
    day = date.fromisoformat(period)
    prefs = NudgePrefs.of(member, at=now)  # as the schedule read it: off, or weekly
    if prefs.cadence == OFF:
        return None
    if quiet_hours and prefs.quiet_at(sent_at, ctx.tz):
        raise NotNow(QUIET_HOURS)
    cutoffs = (stuck_cutoffs or StuckCutoffsCache()).cutoffs(session, workspace, now)
    nudge = build_nudge(ctx, day=day, stuck_cutoffs=cutoffs, weekly=prefs.weekly)
    if nudge is None:
        return None
    message = render_nudge(nudge, ctx.lang, ctx.tz, home_url=home_url)
    payload: dict[str, Any] = {"nudge": nudge_payload(nudge, sent_at=sent_at)}
    ask = nudge_ask(session, workspace, member, day)  # the forecast day's ask rides along
    if ask is not None:
        message = with_forecast_ask(message, ask, ctx.lang)
        payload["forecast"] = ask.as_payload()
    return Composed(
        NUDGE, message, ctx.lang, channel_id=member.dm_channel_id, user_id=user_id, payload=payload
    )


def _compose_forecast(
    session: Session,
    workspace: Workspace,
    job: str,
    user_id: str,
    period: str,
    now: datetime,
    sent_at: datetime,
    *,
    sending: bool,
) -> Composed | None:
    """The forecast's ask or reminder (``bot.posts.forecast_posts``); a skip is ``NotNow`` with
    its reason when sending, nothing to post in a dry run."""
    try:
        post = forecast_post(
            session, workspace, job, user_id, period, now=now, sent_at=sent_at, sending=sending
        )
    except ForecastSkipped as skipped:
        if sending:
            raise NotNow(skipped.reason) from None
        return None
    return Composed(
        job,
        post.message,
        post.lang,
        channel_id=post.channel_id,
        user_id=post.user_id,
        payload=post.payload,
        thread_ts=post.thread_ts,
    )


def _compose_standup(
    session: Session, workspace: Workspace, team: Team, now: datetime
) -> Composed | None:
    standup = build_standup(session, workspace, team, now=now)
    if standup is None:
        return None
    lang = language_for(None, fallback=workspace.language)
    tz = zone(team.timezone, workspace.timezone)
    return Composed(STANDUP, render_standup(standup, lang, tz), lang, channel_id=team.channel_id)


def _due_day(period: str, team: Team) -> date | None:
    """The day a digest of ISO week ``period`` ("2026-W48") was due on, by the team's digest
    weekday; None for a period that is no ISO week (the digest then takes today's)."""
    try:
        year, week = period.split("-W")
        return date.fromisocalendar(int(year), int(week), team.digest_weekday % 7 + 1)
    except ValueError:
        return None


def _compose_digest(
    session: Session, workspace: Workspace, team: Team, now: datetime, due_day: date | None
) -> Composed:
    digest = build_digest(session, workspace, team, now=now, due_day=due_day)
    lang = language_for(None, fallback=workspace.language)
    tz = zone(team.timezone, workspace.timezone)
    title = digest_chart_title(digest, lang)
    return Composed(
        DIGEST,
        render_digest_summary(digest, lang, tz),
        lang,
        channel_id=team.channel_id,
        details=render_digest_details(digest, lang, tz),
        chart=funnel_chart_png(
            digest.funnel.report, lang, title=title, attainment=digest.funnel.attainment
        ),
        chart_title=title,
    )


Progress = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Posted:
    """Where the post (its first message) landed."""

    channel_id: str
    ts: str
    payload: dict[str, Any]


def send(
    sender: SlackSender,
    composed: Composed,
    *,
    done: dict[str, Any],
    progress: Progress,
    remember_dm: Callable[[str], None],
) -> Posted:
    """Post ``composed``, skipping the steps ``done`` (a previous attempt's payload) records.

    ``progress`` is called after each step of a multi-step post with the payload so far;
    ``remember_dm`` stores a newly opened DM channel for the next morning."""
    payload = {**composed.payload, **done}
    channel = payload.get("channel") or composed.channel_id
    remembered_dm = bool(composed.user_id and channel)  # a DM opened on an earlier morning
    if not channel:
        assert composed.user_id is not None
        channel = sender.open_dm(composed.user_id)
        remember_dm(channel)
    content = composed.message.as_dicts()
    if not payload.get("ts"):
        try:
            ts = sender.post(channel, content, thread_ts=composed.thread_ts)
        except SendFailure as failure:
            if not (remembered_dm and failure.code == "channel_not_found"):
                raise
            assert composed.user_id is not None
            # The DM remembered from an earlier morning is gone: open it afresh, once.
            channel = sender.open_dm(composed.user_id)
            remember_dm(channel)
            ts = sender.post(channel, content)
        payload.update(channel=channel, ts=ts)
        if composed.details is not None or composed.chart is not None:
            progress(payload)
    ts = str(payload["ts"])
    if composed.chart is not None and not payload.get("chart"):
        try:
            payload["chart"] = sender.upload(
                channel,
                content=composed.chart,
                filename=f"funnel-{composed.job}.png",
                title=composed.chart_title,
                thread_ts=ts,
            )
        except SendFailure as failure:
            if failure.transient:
                raise
            # No files:write, say: the digest still stands without its picture.
            log.warning("digest chart not shared: %s", failure.code)
            payload["chart"] = f"failed:{failure.code}"
        progress(payload)
    if composed.details is not None and not payload.get("details_ts"):
        payload["details_ts"] = sender.post(channel, composed.details.as_dicts(), thread_ts=ts)
    return Posted(str(channel), ts, payload)
