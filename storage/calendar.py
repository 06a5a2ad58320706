"""The company's own days: days off of its own and the public holidays it works.

Public holidays come from the ``holidays`` package (``commands.calendar``); only what an admin
set apart from them is stored, one row per workspace and day.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from storage.models import CompanyDay


def company_days(
    session: Session, *, workspace_id: int, start: date, end: date
) -> list[CompanyDay]:
    """The workspace's own days in ``[start, end]``, by date."""
    return list(
        session.exec(
            select(CompanyDay)
            .where(
                col(CompanyDay.workspace_id) == workspace_id,
                col(CompanyDay.day) >= start,
                col(CompanyDay.day) <= end,
            )
            .order_by(col(CompanyDay.day))
        )
    )


def company_day(session: Session, *, workspace_id: int, day: date) -> CompanyDay | None:
    """The workspace's own entry for ``day``, if it has one."""
    return session.exec(
        select(CompanyDay).where(
            col(CompanyDay.workspace_id) == workspace_id, col(CompanyDay.day) == day
        )
    ).first()


def set_company_day(
    session: Session,
    *,
    workspace_id: int,
    day: date,
    name: str,
    works: bool,
    member_id: int,
    now: datetime,
) -> CompanyDay:
    """Make ``day`` a day off called ``name`` (or, ``works``, a work day), replacing what was
    set for it before."""
    row = company_day(session, workspace_id=workspace_id, day=day)
    if row is None:
        row = CompanyDay(workspace_id=workspace_id, day=day)
    row.name, row.works, row.created_by, row.created_at = name, works, member_id, now
    session.add(row)
    session.flush()
    return row


def forget_company_day(session: Session, *, row: CompanyDay) -> None:
    """Take back what was set for a day: the public calendar rules it again."""
    session.delete(row)
    session.flush()
