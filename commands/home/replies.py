"""Reply values of the App Home: the rep's dashboard and, for admins, the failed posts.

Plain values like ``commands.replies``; ``bot.blocks.dashboard`` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commands.replies import DealSummary, Money, Reply, StageTotal


@dataclass(frozen=True)
class FailedPost:
    """A scheduled post Slack refused for good: what it was, for whom, and Slack's reason."""

    job: str  # "nudge" | "standup" | "digest"
    period: str  # as stored: the local date ("2026-11-23") or the ISO week ("2026-W48")
    period_start: date | None  # that day, or the week's Monday; None when unreadable
    error: str  # Slack's error code, or "gave_up:<code>"
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
