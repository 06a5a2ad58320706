"""Team queries: which team a name or a member means, and whose deals a team report covers.

Kept apart from ``storage.queries`` because teams grow their own settings (channel, schedule);
every function is scoped to the workspace like the rest of storage.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Team, TeamMember

REP, MANAGER = "rep", "manager"


def team_key(name: str) -> str:
    """Team names are unique within a workspace ignoring case and surrounding blanks."""
    return " ".join(name.split()).casefold()


def create_team(session: Session, *, workspace_id: int, name: str) -> Team:
    """A new team; the caller checks the name is free (``team_by_name``)."""
    team = Team(workspace_id=workspace_id, name=" ".join(name.split()), name_key=team_key(name))
    session.add(team)
    session.flush()
    return team


def add_to_team(session: Session, *, team: Team, member_id: int, role: str = REP) -> None:
    """Put a member in a team with a role (a no-op when already in it)."""
    assert team.id is not None
    found = session.exec(
        select(TeamMember).where(TeamMember.team_id == team.id, TeamMember.member_id == member_id)
    ).first()
    if found is None:
        session.add(TeamMember(team_id=team.id, member_id=member_id, role=role))
        session.flush()


def team_by_name(session: Session, *, workspace_id: int, name: str) -> Team | None:
    """The workspace's team called ``name`` (any case)."""
    return session.exec(
        select(Team).where(Team.workspace_id == workspace_id, Team.name_key == team_key(name))
    ).first()


def list_teams(session: Session, *, workspace_id: int) -> list[Team]:
    """The workspace's teams by name."""
    return list(
        session.exec(
            select(Team).where(Team.workspace_id == workspace_id).order_by(col(Team.name_key))
        ).all()
    )


def teams_of(session: Session, *, workspace_id: int, member_id: int) -> list[Team]:
    """The teams a member belongs to, as rep or manager, by name."""
    return list(
        session.exec(
            select(Team)
            .join(TeamMember, col(TeamMember.team_id) == col(Team.id))
            .where(Team.workspace_id == workspace_id, TeamMember.member_id == member_id)
            .order_by(col(Team.name_key))
        ).all()
    )


def team_rep_ids(session: Session, *, team: Team) -> list[int]:
    """The reps of a team: the owners whose deals, calls and follow-ups are the team's."""
    return sorted(
        session.exec(
            select(TeamMember.member_id).where(
                TeamMember.team_id == team.id, TeamMember.role == REP
            )
        ).all()
    )
