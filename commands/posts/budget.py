"""The daily budget of scheduled posts: how many a workspace may get in one of its days.

Every scheduled post (nudge, standup, digest, deal alert) counts, once, just before it is first
sent. The budget is a ceiling a healthy day never reaches: a nudge a member, a standup, a digest
and a few alerts a team come to well under three posts a member. A fault that would post 500
DMs stops at the ceiling, and the posts it holds are failed with their reason for the admins
and ``corong jobs status`` to see.

The day is the workspace's own (its time zone, local midnight to midnight). ``DAILY_POST_BUDGET``
in the environment sets one number for every workspace instead of the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from commands.localtime import day_bounds, zone
from storage import outbox
from storage.models import Workspace
from storage.workspaces import member_count

BUDGET_FLOOR = 50  # even a workspace of three gets room for a busy day of alerts
BUDGET_PER_MEMBER = 3


def default_budget(members: int) -> int:
    """``max(50, 3 × members)``: room for every member's nudge and their teams' posts."""
    return max(BUDGET_FLOOR, BUDGET_PER_MEMBER * members)


@dataclass(frozen=True)
class DailyBudget:
    """A workspace's budget on one of its days, and where that day starts (UTC)."""

    limit: int
    day: date
    tz_name: str
    since: datetime
    until: datetime


def daily_budget(
    session: Session, workspace: Workspace, now: datetime, *, fixed: int | None = None
) -> DailyBudget:
    """The budget of the workspace's day around ``now``: ``fixed`` when the operator set one,
    the default for its members otherwise."""
    assert workspace.id is not None
    tz = zone(None, workspace.timezone)
    day = now.astimezone(tz).date()
    since, until = day_bounds(day, tz)
    limit = fixed or default_budget(member_count(session, workspace_id=workspace.id))
    return DailyBudget(limit=limit, day=day, tz_name=tz.key, since=since, until=until)


@dataclass(frozen=True)
class BudgetUsage:
    """What ``corong jobs status`` shows of today's budget."""

    budget: DailyBudget
    spent: int
    held: int


def budget_usage(
    session: Session, workspace: Workspace, now: datetime, *, fixed: int | None = None
) -> BudgetUsage:
    """Today's budget of the workspace, the posts counted against it and those it held."""
    assert workspace.id is not None
    budget = daily_budget(session, workspace, now, fixed=fixed)
    return BudgetUsage(
        budget=budget,
        spent=outbox.budget_spent(session, workspace_id=workspace.id, since=budget.since),
        held=outbox.held_over_budget(session, workspace_id=workspace.id, since=budget.since),
    )
