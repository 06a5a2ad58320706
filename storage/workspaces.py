"""Workspaces by stored id, or all of them: how the scheduler and the operator's CLI reach them.

A Slack request finds its workspace by Slack team id instead (``storage.queries.find_workspace``,
beside the member look-ups every request makes).
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Workspace


def get_workspace(session: Session, *, workspace_id: int) -> Workspace | None:
    """The workspace a stored row (a delivery, a slot) points at; None once it is gone."""
    return session.get(Workspace, workspace_id)


def list_workspaces(session: Session) -> list[Workspace]:
    """Every workspace the database serves, by Slack team id: what an operator reads."""
    return list(session.exec(select(Workspace).order_by(col(Workspace.slack_team_id))).all())
