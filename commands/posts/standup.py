"""The standup post in a team channel: each rep's plan for today and their last work day.

The team's day is its own time zone's (``Team.timezone``, else the workspace's). A rep's plan
is their open deals whose next step is due today or overdue, most overdue first; their last
work day is the calls they logged and the stage moves of their deals on the previous work day
(moves later undone are left out; a deal's creation shows as a move from nowhere). A manager
who sells gets the same line after the reps', marked as the manager's: their own follow-ups
are the team's too; a manager with nothing of their own to show gets none. A rep on time off
is listed as away until their last day, not as having nothing due. The whole team is read in a
handful of queries, whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlmodel import Session

from commands.deals.summaries import summarize
from commands.grammar.refs import deal_ref
from commands.localtime import day_bounds, previous_work_day, zone
from commands.posts.replies import AwayNote, StageMove, Standup, StandupRep
from commands.replies import DealSummary
from commands.reports.policy import ReportPolicy
from storage import posts, queries, teams, timeoff
from storage import reports as db
from storage.models import Member, Team, Workspace

PLAN_SHOWN = 5
MOVES_SHOWN = 5


def build_standup(
    session: Session, workspace: Workspace, team: Team, *, now: datetime
) -> Standup | None:
    """The standup of ``team`` as of ``now``; None when it has nobody to report on (no reps,
    and no manager with a follow-up, call or move of their own)."""
    assert workspace.id is not None and team.id is not None
    workspace_id = workspace.id
    people = teams.team_people(session, team_ids=[team.id])
    members = queries.members_by_id(session, workspace_id=workspace_id, ids=people.member_ids)
    if not members:
        return None
    managers = set(people.manager_ids)
    ordered = sorted(members.values(), key=lambda m: (m.id in managers, *_rep_order(m)))
    member_ids = list(members)
    tz = zone(team.timezone, workspace.timezone)
    today = now.astimezone(tz).date()
    since = previous_work_day(today, ReportPolicy.from_workspace(workspace).work_days)
    start, end = day_bounds(since, tz)
    plans = _plans(session, workspace_id, members, today)
    calls = db.calls_per_member(
        session, workspace_id=workspace_id, owner_ids=member_ids, start=start, end=end
    )
    moves = _moves(session, workspace_id, member_ids, start, end)
    away = away_today(session, workspace_id, members, today)
    rows = []
    for person in ordered:
        assert person.id is not None
        plan, rep_moves = plans.get(person.id, []), moves.get(person.id, [])
        manager = person.id in managers
        if manager and not (plan or calls.get(person.id) or rep_moves):
            continue  # a manager who sold nothing that day has no line (away or not)
        rows.append(
            StandupRep(
                user_id=person.slack_user_id,
                plan=tuple(plan[:PLAN_SHOWN]),
                plan_more=max(0, len(plan) - PLAN_SHOWN),
                calls=calls.get(person.id, 0),
                moves=tuple(rep_moves[:MOVES_SHOWN]),
                moves_more=max(0, len(rep_moves) - MOVES_SHOWN),
                manager=manager,
                away=away.get(person.id),
            )
        )
    if not rows:
        return None
    return Standup(team_name=team.name, day=today, since=since, reps=tuple(rows))


def away_today(
    session: Session, workspace_id: int, members: dict[int, Member], today: date
) -> dict[int, AwayNote]:
    """Which of ``members`` are away on ``today`` (their time off), in one query."""
    rows = timeoff.time_off_between(
        session, workspace_id=workspace_id, start=today, end=today, member_ids=members.keys()
    )
    return {
        row.member_id: AwayNote(
            members[row.member_id].slack_user_id, row.first_day, row.last_day, row.note
        )
        for row in rows
    }


def _rep_order(member: Member) -> tuple[str, int]:
    """Reps by name (their Slack id when Corong has none), the same order every day."""
    return ((member.name or member.slack_user_id).casefold(), member.id or 0)


def _plans(
    session: Session, workspace_id: int, owners: dict[int, Member], today: date
) -> dict[int, list[DealSummary]]:
    """Per rep, their open deals whose next step is due on or before ``today``, most overdue
    first: one query for the whole team."""
    deals = posts.follow_ups_due(
        session, workspace_id=workspace_id, owner_ids=owners.keys(), day=today
    )
    plans: dict[int, list[DealSummary]] = defaultdict(list)
    for deal in deals:
        plans[deal.owner_id].append(summarize(deal, owners.get(deal.owner_id)))
    return plans


def _moves(
    session: Session, workspace_id: int, rep_ids: list[int], start: datetime, end: datetime
) -> dict[int, list[StageMove]]:
    """Per rep, the standing stage changes of their live deals in ``[start, end)``, in the
    order they happened: one query for the whole team."""
    rows = posts.stage_moves(
        session, workspace_id=workspace_id, owner_ids=rep_ids, start=start, end=end
    )
    moves: dict[int, list[StageMove]] = defaultdict(list)
    for row in rows:
        moves[row.owner_id].append(
            StageMove(deal_ref(row.number), row.name, row.from_stage, row.to_stage)
        )
    return moves
