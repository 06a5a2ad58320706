"""Team queries: which team a name, an id or a member means, whose deals a team report covers,
and which teams have a channel for their standups and digests.

Kept apart from ``storage.queries`` because teams grow their own settings (channel, schedule);
every function is scoped to the workspace like the rest of storage.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from storage.models import Member, Team, TeamMember
from storage.quotas import delete_team_quotas

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


def get_team(session: Session, *, workspace_id: int, team_id: int) -> Team | None:
    """A team by primary key (a scheduled post's target), only if it belongs to this workspace."""
    team = session.get(Team, team_id)
    return team if team is not None and team.workspace_id == workspace_id else None


def teams_by_id(session: Session, *, workspace_id: int, ids: Collection[int]) -> dict[int, Team]:
    """Teams of this workspace keyed by id, for naming the teams that failed posts were for."""
    if not ids:
        return {}
    rows = session.exec(
        select(Team).where(col(Team.workspace_id) == workspace_id, col(Team.id).in_(list(ids)))
    ).all()
    return {team.id: team for team in rows if team.id is not None}


def teams_with_channel(session: Session, *, workspace_id: int) -> list[Team]:
    """The workspace's teams that have a channel, by id: only they get standups and digests."""
    return list(
        session.exec(
            select(Team)
            .where(
                Team.workspace_id == workspace_id,
                col(Team.channel_id).is_not(None),
                col(Team.channel_id) != "",
            )
            .order_by(col(Team.id))
        ).all()
    )


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
    """The reps of a team; ``team_people`` adds its managers, whose deals and calls are the
    team's too."""
    return sorted(
        session.exec(
            select(TeamMember.member_id).where(
                TeamMember.team_id == team.id, TeamMember.role == REP
            )
        ).all()
    )


def rep_teams(session: Session, *, workspace_id: int) -> dict[int, Team]:
    """Each rep's team (a rep belongs to one), by member id, in one query: whose calendar a
    rep's nudge follows."""
    rows = session.exec(
        select(TeamMember.member_id, Team)
        .join(Team, col(Team.id) == col(TeamMember.team_id))
        .where(Team.workspace_id == workspace_id, TeamMember.role == REP)
    ).all()
    return {member_id: team for member_id, team in rows}


@dataclass(frozen=True)
class TeamPeople:
    """Whom a report of some teams is about: their reps, and their managers who are none of
    those teams' reps. A manager's own deals and calls are the team's too; reports show them
    as the manager's, apart from the reps the per-rep targets are for."""

    rep_ids: tuple[int, ...]
    manager_ids: tuple[int, ...]

    @property
    def member_ids(self) -> tuple[int, ...]:
        """Everyone: whose deals, calls and follow-ups the teams' reports cover."""
        return tuple(sorted({*self.rep_ids, *self.manager_ids}))


def team_people(session: Session, *, team_ids: Collection[int]) -> TeamPeople:
    """The reps and managers of these teams, in one statement."""
    if not team_ids:
        return TeamPeople((), ())
    rows = session.exec(
        select(TeamMember.member_id, TeamMember.role).where(
            col(TeamMember.team_id).in_(list(team_ids))
        )
    ).all()
    reps = {member for member, role in rows if role == REP}
    managers = {member for member, role in rows if role == MANAGER} - reps
    return TeamPeople(tuple(sorted(reps)), tuple(sorted(managers)))


def managers_not_reps(
    session: Session, *, workspace_id: int, among: Collection[int] | None
) -> list[int]:
    """The members (of ``among``, or of the whole workspace when None) who manage a team and
    are a rep of none: outside a team's own report, who counts as a manager, not a rep."""
    if among is not None and not among:
        return []
    reps = select(TeamMember.member_id).where(TeamMember.role == REP)
    query = (
        select(TeamMember.member_id)
        .join(Team, col(Team.id) == col(TeamMember.team_id))
        .where(
            Team.workspace_id == workspace_id,
            TeamMember.role == MANAGER,
            col(TeamMember.member_id).not_in(reps),
        )
        .distinct()
    )
    if among is not None:
        query = query.where(col(TeamMember.member_id).in_(list(among)))
    return sorted(session.exec(query).all())


def managed_rep_ids(session: Session, *, manager_id: int) -> list[int]:
    """The reps of every team ``manager_id`` manages: whose deals that manager may handle."""
    managed = select(TeamMember.team_id).where(
        TeamMember.member_id == manager_id, TeamMember.role == MANAGER
    )
    return sorted(
        session.exec(
            select(TeamMember.member_id).where(
                col(TeamMember.team_id).in_(managed), TeamMember.role == REP
            )
        ).all()
    )


def manager_ids_of(session: Session, *, rep_id: int) -> list[int]:
    """The managers of the team(s) a rep is in: whom to ask about that rep's deals."""
    rep_teams = select(TeamMember.team_id).where(
        TeamMember.member_id == rep_id, TeamMember.role == REP
    )
    return sorted(
        set(
            session.exec(
                select(TeamMember.member_id).where(
                    col(TeamMember.team_id).in_(rep_teams), TeamMember.role == MANAGER
                )
            ).all()
        )
    )


def team_manager_ids(session: Session, *, team_id: int) -> list[int]:
    """A team's managers."""
    return sorted(
        session.exec(
            select(TeamMember.member_id).where(
                TeamMember.team_id == team_id, TeamMember.role == MANAGER
            )
        ).all()
    )


def admin_ids(session: Session, *, workspace_id: int) -> list[int]:
    """The workspace's admins Corong knows of: Slack admins and owners, and named admins."""
    ids = session.exec(
        select(Member.id).where(
            Member.workspace_id == workspace_id,
            or_(col(Member.is_admin), col(Member.admin_granted)),
        )
    ).all()
    # A stored member always has an id: the filter only tells the type checker so.
    return sorted(member_id for member_id in ids if member_id is not None)


def slack_user_ids(session: Session, *, member_ids: Collection[int]) -> list[str]:
    """The Slack user ids of members, in the order of their member ids."""
    if not member_ids:
        return []
    rows = session.exec(
        select(Member.id, Member.slack_user_id).where(col(Member.id).in_(list(member_ids)))
    ).all()
    return [user_id for _, user_id in sorted(rows)]


def membership(session: Session, *, team_id: int, member_id: int) -> TeamMember | None:
    """A member's place in one team, if any."""
    return session.exec(
        select(TeamMember).where(TeamMember.team_id == team_id, TeamMember.member_id == member_id)
    ).first()


def rep_team(session: Session, *, member_id: int) -> Team | None:
    """The team a member is a rep of (a rep belongs to one team)."""
    return session.exec(
        select(Team)
        .join(TeamMember, col(TeamMember.team_id) == col(Team.id))
        .where(TeamMember.member_id == member_id, TeamMember.role == REP)
    ).first()


def roster(session: Session, *, team_id: int) -> tuple[list[str], list[str]]:
    """A team's managers and reps, as Slack user ids in the order they joined."""
    rows = session.exec(
        select(TeamMember.role, Member.slack_user_id)
        .join(Member, col(Member.id) == col(TeamMember.member_id))
        .where(TeamMember.team_id == team_id)
        .order_by(col(TeamMember.id))
    ).all()
    managers = [user_id for role, user_id in rows if role == MANAGER]
    reps = [user_id for role, user_id in rows if role == REP]
    return managers, reps


def remove_from_team(session: Session, *, team_id: int, member_id: int) -> bool:
    """Take a member out of a team; False when they were not in it."""
    found = membership(session, team_id=team_id, member_id=member_id)
    if found is None:
        return False
    session.delete(found)
    session.flush()
    return True


def delete_team(session: Session, *, team: Team) -> None:
    """Remove a team, its memberships and quotas (the reps' deals stay theirs)."""
    for row in session.exec(select(TeamMember).where(TeamMember.team_id == team.id)).all():
        session.delete(row)
    if team.id is not None:
        delete_team_quotas(session, team_id=team.id)
    session.flush()
    session.delete(team)
    session.flush()


def managed_teams(session: Session, *, workspace_id: int, manager_id: int) -> list[Team]:
    """The teams a member manages, by name."""
    return list(
        session.exec(
            select(Team)
            .join(TeamMember, col(TeamMember.team_id) == col(Team.id))
            .where(
                Team.workspace_id == workspace_id,
                TeamMember.member_id == manager_id,
                TeamMember.role == MANAGER,
            )
            .order_by(col(Team.name_key))
        ).all()
    )
