"""Workspaces by stored id, or all of them: how the scheduler and the operator's CLI reach them.

A Slack request finds its workspace by Slack team id instead (``storage.queries.find_workspace``,
beside the member look-ups every request makes).
"""

from __future__ import annotations

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from storage import outbox
from storage.models import (
    Activity,
    AuditEntry,
    BantRecord,
    CompanyDay,
    Deal,
    Forecast,
    ForecastResult,
    ImportBatch,
    Member,
    PendingChoice,
    Quota,
    StageChange,
    Team,
    TeamMember,
    TimeOff,
    Workspace,
    Yardstick,
)


def get_workspace(session: Session, *, workspace_id: int) -> Workspace | None:
    """The workspace a stored row (a delivery, a slot) points at; None once it is gone."""
    return session.get(Workspace, workspace_id)


def list_workspaces(session: Session) -> list[Workspace]:
    """Every workspace the database serves, by Slack team id: what an operator reads."""
    return list(session.exec(select(Workspace).order_by(col(Workspace.slack_team_id))).all())


def member_count(session: Session, *, workspace_id: int) -> int:
    """How many members Corong knows in the workspace (what its daily post budget grows with)."""
    return int(
        session.exec(
            select(func.count()).select_from(Member).where(col(Member.workspace_id) == workspace_id)
        ).one()
    )


def erase_workspace(session: Session, *, slack_team_id: str) -> bool:
    """Delete a workspace and every row that belongs to it; False if there was none.

    Only for a workspace Corong made itself (the demo, which ``corong demo`` rebuilds from
    scratch): a real team's history is never deleted."""
    workspace = session.exec(
        select(Workspace).where(Workspace.slack_team_id == slack_team_id)
    ).first()
    if workspace is None:
        return False
    session.flush()
    assert workspace.id is not None
    outbox.forget_workspace(session, workspace_id=workspace.id)
    team_ids = select(Team.id).where(Team.workspace_id == workspace.id)
    session.execute(delete(TeamMember).where(col(TeamMember.team_id).in_(team_ids)))
    # Children before parents; rows pointing at rows of their own table go in one statement.
    for model in (
        AuditEntry,
        BantRecord,
        Activity,
        StageChange,
        PendingChoice,
        Yardstick,
        ImportBatch,
        TimeOff,
        CompanyDay,
        Quota,
        Forecast,
        ForecastResult,
        Team,
        Deal,
        Member,
    ):
        table = SQLModel.metadata.tables[str(model.__tablename__)]
        session.execute(delete(table).where(table.c.workspace_id == workspace.id))
    session.execute(delete(Workspace).where(col(Workspace.id) == workspace.id))
    session.expunge_all()
    return True
