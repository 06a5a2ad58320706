"""The clock that makes the bot speak first: an APScheduler job that runs the outbox.

There is no job per rep or team to keep in step with the database. Every ``TICK`` the one job
asks the database which posts are due (``commands.posts.schedule``: each rep's morning, each team's
standup and digest, in their own time zones) and hands them to the ``Deliverer``. A team that
changes its standup time, a rep who moves time zone or a new member is simply in the next
answer; a bot that was down catches up on whatever is still inside the grace window; a second
replica asks the same question and the outbox lets only one of them post.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from bot.config import Settings
from bot.posts.delivery import Deliverer
from bot.posts.rate_gate import RateGate
from bot.posts.sender import SlackSender, delivery_client
from bot.posts.upkeep import UPKEEP_EVERY, Upkeep
from bot.runtime import utc_now
from bot.slack_client import make_web_client
from commands.calendar.status import AwayPatterns

log = logging.getLogger("corong.scheduler")

TICK = timedelta(seconds=30)
JOB_ID = "corong-outbox"
UPKEEP_JOB_ID = "corong-upkeep"


def deliverer_for(
    settings: Settings, engine: Engine, *, clock: Callable[[], datetime] = utc_now
) -> Deliverer:
    """The deliverer for this process: one rate gate shared by all its threads.

    With SLACK_BOT_TOKEN every post uses that token. Installed into many workspaces, each post
    uses the bot token of its own workspace's installation (refreshed when near expiry), and a
    workspace without one is skipped (``bot.posts.tokens.WorkspaceTokens``)."""
    gate = RateGate()
    sender_for: Callable[[str], SlackSender]
    if settings.oauth:
        from bot.posts.tokens import WorkspaceTokens

        api_url = settings.slack_api_url
        tokens = WorkspaceTokens.for_settings(settings, engine, make_web_client(None, api_url))

        def sender_for(team_id: str) -> SlackSender:
            client = delivery_client(tokens.bot_token(team_id), api_url)
            return SlackSender(client, gate, team_id)

    else:
        client = delivery_client(settings.slack_bot_token, settings.slack_api_url)

        def sender_for(team_id: str) -> SlackSender:
            return SlackSender(client, gate, team_id)

    return Deliverer(
        engine,
        sender_for,
        clock=clock,
        app_id=settings.slack_app_id,
        daily_budget=settings.daily_post_budget,
        away_status=AwayPatterns.parse(settings.away_status),
    )


def run_tick(deliverer: Deliverer) -> None:
    """One look at the outbox; errors are logged and the next tick tries again."""
    try:
        report = deliverer.run_due()
    except Exception:
        log.exception("scheduled posts: the run failed; the next tick retries")
        return
    if report.sent or report.failed or report.retrying:
        log.info(
            "scheduled posts: %d sent, %d skipped, %d retrying, %d failed, %d taken elsewhere",
            report.sent,
            report.skipped,
            report.retrying,
            report.failed,
            report.taken,
        )


def start_scheduler(deliverer: Deliverer, *, tick: timedelta = TICK) -> BackgroundScheduler:
    """Start ticking now (a restarted bot catches up at once) and every ``tick`` after; the
    daily upkeep (``bot.posts.upkeep``) runs now and every ``UPKEEP_EVERY``."""
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_job(
        run_tick,
        IntervalTrigger(seconds=tick.total_seconds(), timezone=UTC),
        args=[deliverer],
        id=JOB_ID,
        max_instances=1,  # a long fan-out is never run twice over itself
        coalesce=True,  # ticks missed meanwhile become one
        next_run_time=datetime.now(UTC),
    )
    upkeep = Upkeep(deliverer.engine, clock=deliverer.clock)
    scheduler.add_job(
        upkeep.run,
        IntervalTrigger(seconds=UPKEEP_EVERY.total_seconds(), timezone=UTC),
        id=UPKEEP_JOB_ID,
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC),
    )
    scheduler.start()
    log.info(
        "scheduled posts: this process (pid %d) sends them, checking every %d s",
        os.getpid(),
        int(tick.total_seconds()),
    )
    return scheduler
