"""Sales quotas and their history.

The rule for which quota counts: a quota is in force from its ``effective_from`` day until the
next one set for the same rep (or team) and period kind. A period is measured against the quota
in force on its last day (or today, for the period under way), so a quota changed mid-quarter
counts from its date and an older one no longer does; one set after the period ended does not
rewrite it. Setting two on one day keeps the later.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from storage.models import Quota


def add_quota(
    session: Session,
    *,
    workspace_id: int,
    member_id: int | None = None,
    team_id: int | None = None,
    period: str,
    amount: int,
    currency: str,
    effective_from: date,
    set_by: int,
) -> Quota:
    """Record a quota from ``effective_from``; earlier ones stay as history."""
    quota = Quota(
        workspace_id=workspace_id,
        member_id=member_id,
        team_id=team_id,
        period=period,
        amount=amount,
        currency=currency,
        effective_from=effective_from,
        set_by=set_by,
    )
    session.add(quota)
    session.flush()
    return quota


def quotas_in_force(session: Session, *, workspace_id: int, on: date) -> list[Quota]:
    """Every rep's and team's quota in force on ``on``, one per target and period kind."""
    rows = session.exec(
        select(Quota)
        .where(Quota.workspace_id == workspace_id, col(Quota.effective_from) <= on)
        .order_by(col(Quota.effective_from), col(Quota.id))
    ).all()
    latest: dict[tuple[int | None, int | None, str], Quota] = {}
    for row in rows:  # later rows replace earlier ones
        latest[(row.member_id, row.team_id, row.period)] = row
    return list(latest.values())


def delete_team_quotas(session: Session, *, team_id: int) -> None:
    """A deleted team's quotas go with it."""
    for row in session.exec(select(Quota).where(Quota.team_id == team_id)).all():
        session.delete(row)
    session.flush()


def quota_by_id(session: Session, *, workspace_id: int, quota_id: int) -> Quota | None:
    """One quota row of this workspace (``/sales undo`` takes back the one just set)."""
    quota = session.get(Quota, quota_id)
    return quota if quota is not None and quota.workspace_id == workspace_id else None


def remove_quota(session: Session, quota: Quota) -> None:
    """Take a quota set by mistake back: the one in force before it counts again."""
    session.delete(quota)
    session.flush()
