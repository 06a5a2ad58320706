"""The App Home dashboard of one rep: what to do today and how the week is going.

Follow-ups are the rep's own open deals whose next step is due today or overdue. The week is
the rep's ISO week (Monday 00:00 in their own time zone); calls are the ones they logged, the
target is the workspace's calls per work day times the week's work days (and one day's worth
for today, on a work day).

Admins also see the scheduled posts that need them: nudges, standups and digests that failed for
good in the last week, each with why (Slack refused it, Slack could not be reached, ...), with the
ones still waiting to retry counted.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from commands import permissions
from commands.context import CommandContext
from commands.deal_alerts import ALERT
from commands.deals.summaries import stage_totals, summarize_many
from commands.forecasts.home import home_forecast
from commands.home.replies import (
    HELD,
    REFUSED,
    SLACK_FAILING,
    STOPPED,
    UNREACHABLE,
    FailedPost,
    FailedPosts,
    FollowUp,
    HomeDashboard,
)
from commands.localtime import day_bounds, period_bounds, work_days_in
from commands.pipelines import WON
from commands.posts.schedule import team_id_of
from commands.reports.metrics import money_by_currency
from commands.reports.policy import ReportPolicy, member_calendar
from commands.reports.standings import home_standing
from commands.workspace.me import my_settings
from storage import outbox, queries, teams
from storage import reports as db
from storage.models import Team
from storage.outbox import Delivery

FOLLOW_UPS_SHOWN = 10
FAILED_POSTS_SHOWN = 5
FAILED_POSTS_WINDOW = timedelta(days=7)
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def failed_posts(ctx: CommandContext) -> FailedPosts | None:
    """The workspace's failed posts of the last week, or None when nothing failed.

    Two statements answer it all: the newest failed rows with both totals, and the names of the
    teams those posts were for.
    """
    found = outbox.failures(
        ctx.session,
        workspace_id=ctx.workspace_id,
        since=ctx.now - FAILED_POSTS_WINDOW,
        limit=FAILED_POSTS_SHOWN,
    )
    if not found.failed:
        return None
    team_ids = {team_id for row in found.newest if (team_id := team_id_of(row.target)) is not None}
    named = teams.teams_by_id(ctx.session, workspace_id=ctx.workspace_id, ids=team_ids)
    return FailedPosts(
        shown=tuple(_failed_post(row, named, ctx.tz) for row in found.newest),
        failed_total=found.failed,
        retrying=found.retrying,
    )


def _failed_post(row: Delivery, named: dict[int, Team], tz: ZoneInfo) -> FailedPost:
    team_id = team_id_of(row.target)
    team = named.get(team_id) if team_id is not None else None
    channel = (team.channel_id if team else None) or row.channel_id
    kind, reason = failure_kind(row.error or "")
    return FailedPost(
        job=row.job,
        period=row.period,
        # A deal alert's period names its deal: the day it was earned is the one to show.
        period_start=(
            row.fire_at.astimezone(tz).date() if row.job == ALERT else period_start(row.period)
        ),
        kind=kind,
        reason=reason,
        attempts=row.attempts,
        user_id=row.target if team_id is None and _SLACK_USER.fullmatch(row.target) else None,
        team_name=team.name if team else None,
        channel_id=channel if team_id is not None else None,  # a nudge's DM says nothing
    )


def failure_kind(error: str) -> tuple[str, str]:
    """Why a post failed for good, read from its outbox ``error``, and the code to show: an
    admin acts on Slack's refusal ("invite Corong") but only waits out a Slack that was out of
    reach or failing, so the two must never read alike."""
    last = error.removeprefix(outbox.GAVE_UP)
    if outbox.CONNECTION in last:  # "connection:URLError", "token_refresh_failed:connection:..."
        return UNREACHABLE, last.rpartition(outbox.CONNECTION)[2]
    if last == outbox.OVER_BUDGET:  # not a failure of Slack's or Corong's: a guard that held
        return HELD, last
    if last in outbox.CORONG_REASONS:
        return STOPPED, last
    if last != error:  # a 5xx or 429 retried until the attempts or the window ran out
        return SLACK_FAILING, last
    return REFUSED, error


def period_start(period: str) -> date | None:
    """The first day of an outbox period: the day itself, or an ISO week's Monday."""
    week = _ISO_WEEK.fullmatch(period)
    try:
        if week:
            return date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return date.fromisoformat(period)
    except ValueError:
        return None


def build_home(ctx: CommandContext) -> HomeDashboard:
    """The caller's dashboard as of ``ctx.now``."""
    policy = ReportPolicy.from_workspace(ctx.workspace)
    me = [ctx.member_id]
    deals = queries.open_deals(ctx.session, workspace_id=ctx.workspace_id, owner_id=ctx.member_id)
    pipeline = ctx.pipeline
    deals.sort(key=lambda d: (pipeline.index(d.stage), -(d.value or 0), d.number))
    today = ctx.today
    due = sorted(
        (d for d in deals if d.next_step_due is not None and d.next_step_due <= today),
        key=lambda d: (d.next_step_due or today, d.number),
    )
    shown = due[:FOLLOW_UPS_SHOWN]
    calendar = member_calendar(ctx.session, ctx.workspace, ctx.member_id, today=today)
    stale_before = calendar.work_days_ago(ctx.now, policy.stale_days, ctx.tz)
    week_start, week_end = period_bounds("week", ctx.now, ctx.tz)
    day_start, day_end = day_bounds(today, ctx.tz)
    calls_week = db.calls_per_member(
        ctx.session, workspace_id=ctx.workspace_id, owner_ids=me, start=week_start, end=week_end
    ).get(ctx.member_id, 0)
    calls_today = db.calls_per_member(
        ctx.session, workspace_id=ctx.workspace_id, owner_ids=me, start=day_start, end=day_end
    ).get(ctx.member_id, 0)
    won = [
        row
        for row in db.closed_by_outcome(
            ctx.session, workspace_id=ctx.workspace_id, owner_ids=me, start=week_start, end=week_end
        )
        if row.status == WON
    ]
    work_days = policy.work_days
    return HomeDashboard(
        user_id=ctx.member.slack_user_id,
        follow_ups=tuple(
            FollowUp(
                summary,
                d.next_step_due or today,
                calendar.work_days_late(d.next_step_due or today, today),
            )
            for d, summary in zip(shown, summarize_many(ctx, shown), strict=True)
        ),
        follow_ups_total=len(due),
        stage_totals=stage_totals(deals),
        open_total=len(deals),
        stale_count=sum(1 for d in deals if (d.last_activity_at or d.created_at) <= stale_before),
        calls_this_week=calls_week,
        calls_target_week=policy.calls_per_day
        * work_days_in(week_start, week_end, ctx.tz, work_days),
        calls_today=calls_today,
        calls_target_day=policy.calls_per_day if today.weekday() in work_days else 0,
        won_count_week=sum(row.count for row in won),
        won_value_week=money_by_currency((row.currency, row.value) for row in won),
        week_start=week_start.astimezone(ctx.tz).date(),
        failed_posts=failed_posts(ctx) if permissions.is_admin(ctx) else None,
        settings=my_settings(ctx),
        attainment=home_standing(ctx),
        forecast=home_forecast(ctx),
    )
