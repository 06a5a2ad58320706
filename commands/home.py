"""The App Home dashboard of one rep: what to do today and how the week is going.

Follow-ups are the rep's own open deals whose next step is due today or overdue. The week is
the rep's ISO week (Monday 00:00 in their own time zone); calls are the ones they logged, the
target is the workspace's calls per work day times the week's work days (and one day's worth
for today, on a work day).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from commands.context import CommandContext
from commands.pipelines import WON
from commands.report_policy import ReportPolicy
from commands.report_replies import FollowUp, HomeDashboard
from commands.reports import money_by_currency, period_bounds, work_days_in
from commands.summaries import stage_totals, summarize_many
from storage import queries
from storage import reports as db

FOLLOW_UPS_SHOWN = 10


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
    stale_before = ctx.now - timedelta(days=policy.stale_days)
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
            FollowUp(summary, d.next_step_due or today, (today - (d.next_step_due or today)).days)
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
    )


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """``[start, end)`` of a local day, with edges at local midnight (23 or 25 h across DST)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
