"""Reply values of the App Home: the rep's dashboard and, for admins, the failed posts.

Plain values like ``commands.replies``; ``bot.blocks.dashboard`` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commands.forecasts.replies import ForecastHome
from commands.replies import DealSummary, Money, Reply, StageTotal
from commands.reports.standings import HomeStanding
from commands.workspace.me import MySettings

# Why a post failed for good, as an admin needs to read it: Slack refused it (its error code
# says why), Corong could not reach Slack at all, Slack kept failing (5xx, rate limits), or
# Corong stopped on its own account (too late to be of use, its sender kept dying, a bug).
REFUSED, UNREACHABLE, SLACK_FAILING, STOPPED = "refused", "unreachable", "slack_failing", "stopped"
HELD = "held"  # the workspace's daily budget of scheduled posts was spent (commands.posts.budget)


@dataclass(frozen=True)
class FailedPost:
    """A scheduled post that failed for good: what it was, for whom, and why."""

    job: str  # "nudge" | "standup" | "digest" | "alert"
    period: str  # as stored: the local date ("2026-11-23") or the ISO week ("2026-W48")
    period_start: date | None  # that day, or the week's Monday; None when unreadable
    kind: str  # REFUSED | UNREACHABLE | SLACK_FAILING | STOPPED | HELD
    reason: str  # Slack's error code, what broke the connection ("URLError"), or Corong's reason
    attempts: int  # how many times Corong tried it
    user_id: str | None  # the rep a nudge was for (a Slack user id)
    team_name: str | None  # the team a standup or digest was for; None when it is gone
    channel_id: str | None  # the team's channel, when known


@dataclass(frozen=True)
class FailedPosts:
    """The admin's share of the outbox: the latest failed posts and how many more there are."""

    shown: tuple[FailedPost, ...]  # newest first, at most FAILED_POSTS_SHOWN
    failed_total: int
    retrying: int  # transient errors, still to be tried again


@dataclass(frozen=True)
class FollowUp:
    """A next step due today or overdue, on the rep's own deal."""

    deal: DealSummary
    due: date
    overdue_days: int


@dataclass(frozen=True)
class HomeDashboard(Reply):
    """The App Home: the rep's follow-ups, open deals by stage and this week's numbers."""

    user_id: str
    follow_ups: tuple[FollowUp, ...]  # most overdue first
    follow_ups_total: int
    stage_totals: tuple[StageTotal, ...]
    open_total: int
    stale_count: int
    calls_this_week: int
    calls_target_week: int
    calls_today: int
    calls_target_day: int
    won_count_week: int
    won_value_week: tuple[Money, ...]
    week_start: date
    failed_posts: FailedPosts | None = None  # admins only, and only when some failed
    settings: MySettings | None = None  # their own settings (``/sales me``), with selects
    attainment: HomeStanding | None = None  # against quotas: their own, a manager's teams'
    forecast: ForecastHome | None = None  # a manager's teams' roll-up, or the rep's own
