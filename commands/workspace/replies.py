"""What ``/sales team`` and ``/sales admin`` answer, as plain values for ``bot.blocks.teams``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from commands.replies import Money, Reply


@dataclass(frozen=True)
class TeamFacts:
    """One team as shown to users: who is in it, where it posts and when."""

    name: str
    channel_id: str | None
    manager_user_ids: tuple[str, ...]
    rep_user_ids: tuple[str, ...]
    standup_time: str
    digest_weekday: int  # Monday 0 .. Sunday 6
    digest_time: str
    timezone: str
    # Deal alerts to its channel: (event, least value) in won, closeable, lost order; none: off.
    alerts: tuple[tuple[str, Money], ...] = ()
    closing_stage: str = ""  # the stage closeable alerts watch
    # The forecast call: (weekday Monday 0, ask time, reminder time, "month" or "quarter").
    forecast: tuple[int, str, str, str] = (4, "14:00", "17:00", "month")
    leaderboard: bool = False  # the weekly digest's leaderboard (``team_leaderboard``)


@dataclass(frozen=True)
class TeamView(Reply):
    """A message about teams (``key``), then each team's card.

    ``check_channel`` asks the Slack side to confirm Corong is in that channel and, if not,
    to tell the caller how to invite it: the command itself cannot ask Slack.
    """

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    teams: tuple[TeamFacts, ...] = ()
    check_channel: str | None = None


@dataclass(frozen=True)
class AdminList(Reply):
    """The workspace's admins: Slack's own admins and owners, and those named in Corong."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    slack_admin_ids: tuple[str, ...] = ()
    named_admin_ids: tuple[str, ...] = ()
