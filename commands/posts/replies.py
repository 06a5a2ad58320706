"""Reply values of the posts the bot makes on its own: the morning nudge, the standup and the
weekly digest.

Like ``commands.replies``, these are plain values: ``commands.posts.nudge``,
``commands.posts.standup`` and ``commands.posts.digest`` build them from the database,
``bot.blocks`` turns them into Block Kit and ``corong jobs run --dry-run`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from commands.forecasts.replies import TeamRollup
from commands.replies import DealSummary, Reply
from commands.reports.leaderboard import Leaderboard
from commands.reports.replies import FunnelView
from commands.reports.standings import TeamStanding
from commands.reports.winloss import WinLoss

# Why a deal is in a nudge, most urgent first: the order items and their reasons are shown in.
OVERDUE = "overdue"  # the next step was due before today
DUE_TODAY = "due_today"  # the next step is due today
DUE_WEEK = "due_week"  # the next step is due later this week (a weekly summary's)
UNCONTACTED = "uncontacted"  # a new lead with no activity a day after it was created
STUCK = "stuck"  # in its stage for more than twice that stage's usual (median) stay
STALE = "stale"  # no activity for the workspace's stale threshold
NO_BANT = "no_bant"  # past the qualification stage without a qualifying BANT
REASONS = (OVERDUE, DUE_TODAY, DUE_WEEK, UNCONTACTED, STUCK, STALE, NO_BANT)

# What the rep did about an item since the nudge was sent (shown in place of its buttons).
DONE_CALL = "call"  # a call was logged on the deal
DONE_SNOOZED = "snoozed"  # detail: the ISO date the snooze ends
DONE_MOVED = "moved"  # detail: the stage it moved to
DONE_WON = "won"
DONE_LOST = "lost"
DONE_BANT = "bant"  # a BANT was recorded


@dataclass(frozen=True)
class ItemOutcome:
    """What happened to a nudged deal since the nudge went out."""

    kind: str  # one of the DONE_* values
    detail: str | None = None


@dataclass(frozen=True)
class NudgeItem:
    """One deal that needs the rep's action, with every reason it does."""

    deal: DealSummary
    reasons: tuple[str, ...]  # a subset of REASONS, in REASONS order
    overdue_days: int  # days the next step is past due; 0 when not overdue
    idle_days: int  # days since the last activity (or since creation, never touched)
    days_in_stage: int
    outcome: ItemOutcome | None = None


@dataclass(frozen=True)
class Nudge(Reply):
    """The morning DM: the rep's most urgent deals and how yesterday's calls went."""

    user_id: str
    day: date  # the rep's local date the nudge is for
    items: tuple[NudgeItem, ...]  # at most a screenful, most urgent first
    more: int  # items that did not fit (the App Home lists them)
    calls_day: date  # the previous work day, whose calls are counted (weekly: last Monday)
    calls: int
    calls_target: int
    move_stages: tuple[str, ...]  # the pipeline's open stages, for "Move to"
    # The week's summary instead of a day's nudge, and why: "chosen" (``/sales me nudges
    # weekly``) or "not_acting" (its rep let their last nudges go unanswered); None: daily.
    weekly: str | None = None


@dataclass(frozen=True)
class StageMove:
    """A deal's move between stages, as the standup lists it."""

    deal_ref: str
    deal_name: str
    from_stage: str | None
    to_stage: str


@dataclass(frozen=True)
class AwayNote:
    """Someone's time off as a post shows it: who, from when to when, and what they called it."""

    user_id: str
    first: date
    last: date
    note: str = ""


@dataclass(frozen=True)
class StandupRep:
    """One rep's line in the standup: today's plan and the previous work day's activity (or a
    manager's, of their own deals and calls, marked as theirs)."""

    user_id: str
    plan: tuple[DealSummary, ...]  # open deals whose next step is due today or overdue
    plan_more: int
    calls: int
    moves: tuple[StageMove, ...]
    moves_more: int
    manager: bool = False
    away: AwayNote | None = None  # away today: listed as away, not as having nothing due


@dataclass(frozen=True)
class Standup(Reply):
    """The standup post in a team channel."""

    team_name: str
    day: date  # the team's local date
    since: date  # the previous work day, whose calls and moves are shown
    reps: tuple[StandupRep, ...]


@dataclass(frozen=True)
class MovedFrom:
    """The day off a weekly digest was due on; it went out on the next work day instead."""

    day: date
    name: str


@dataclass(frozen=True)
class Digest(Reply):
    """The weekly digest in a team channel: the team's funnel report for the week it covers."""

    team_name: str
    funnel: FunnelView
    moved_from: MovedFrom | None = None
    # Reps not acting on their nudges (weekly summaries instead), by Slack id: the manager
    # reads it here rather than being pinged.
    not_acting: tuple[str, ...] = ()
    away: tuple[AwayNote, ...] = ()  # the team's time off in the week covered and the next
    # Attainment month (and quarter) to date as of the post; None: no quota set for the team
    # or its people (``commands.reports.standings``).
    attainment: TeamStanding | None = None
    leaderboard: Leaderboard | None = None  # the week covered, when the team turned it on
    # The monthly edition (the first digest due in a month): last month's win/loss.
    win_loss: WinLoss | None = None
    # The team's forecast roll-up for its month or quarter, as of the post.
    forecast: TeamRollup | None = None
