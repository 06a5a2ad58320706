"""The weekly digest's leaderboard, for a team that turned it on (``/sales team Jakarta
leaderboard on``): each person's calls, meetings and bookings in the week the digest covers.

Ranked by bookings (value won in the workspace currency), then calls, then meetings; a tie on
all three goes by name (alphabetical, ignoring case). Every rep of the team is listed, time off
or not, zeros included; a manager only when they called, met or booked that week, marked as the
manager. A meeting is an activity logged as one (the activities import's "meeting") or a call
whose outcome was a meeting booked (``/call acme 15m meeting``): Corong has no separate meeting
command, and a call that books a meeting counts as a call and as a meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.localtime import DateRange, period_bounds
from storage import queries, standings, teams
from storage.models import Team, Workspace


@dataclass(frozen=True)
class LeaderRow:
    """One person's week."""

    user_id: str
    name: str
    manager: bool
    calls: int
    meetings: int
    booked: int  # in the leaderboard's currency


@dataclass(frozen=True)
class Leaderboard:
    """The ranked rows of the week ``week``, best first."""

    week: DateRange
    currency: str
    rows: tuple[LeaderRow, ...]


def rank_key(row: LeaderRow) -> tuple[int, int, int, str, str]:
    """Bookings, then calls, then meetings, most first; then the name."""
    return (-row.booked, -row.calls, -row.meetings, row.name.casefold(), row.user_id)


def build_leaderboard(
    session: Session, workspace: Workspace, team: Team, *, week: DateRange, now: datetime
) -> Leaderboard | None:
    """The team's leaderboard for ``week``, or None when the team has it off."""
    if not team.leaderboard:
        return None
    assert workspace.id is not None and team.id is not None
    start, end = period_bounds(week, now, ZoneInfo(workspace.timezone))
    people = teams.team_people(session, team_ids=[team.id])
    ids = people.member_ids
    logged = standings.calls_and_meetings(
        session, workspace_id=workspace.id, member_ids=ids, start=start, end=end
    )
    booked = standings.won_value_per_owner(
        session,
        workspace_id=workspace.id,
        owner_ids=ids,
        start=start,
        end=end,
        currency=workspace.currency,
    )
    members = queries.members_by_id(session, workspace_id=workspace.id, ids=list(ids))
    rows = []
    for member_id in ids:
        member = members.get(member_id)
        if member is None:
            continue
        done = logged.get(member_id, standings.CallsAndMeetings(0, 0))
        row = LeaderRow(
            user_id=member.slack_user_id,
            name=member.name or member.slack_user_id,
            manager=member_id in people.manager_ids,
            calls=done.calls,
            meetings=done.meetings,
            booked=booked.get(member_id, 0),
        )
        if row.manager and not (row.calls or row.meetings or row.booked):
            continue  # a manager who did not sell this week
        rows.append(row)
    return Leaderboard(
        week=week, currency=workspace.currency, rows=tuple(sorted(rows, key=rank_key))
    )
