"""What ``corong export`` reads: a workspace's live deals, activities and BANT records, each
with the Slack ids and deal references a file needs (never internal ids alone)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from storage.models import Activity, BantRecord, Deal, Member

OwnerIds = Sequence[int] | None


def deals(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    created_from: datetime | None,
    created_to: datetime | None,
) -> list[tuple[Deal, str]]:
    """The live deals (created in the range, by these owners) with their owner's Slack id, in
    number order."""
    query = _deals(workspace_id, owner_ids, created_from, created_to)
    return [(deal, user) for deal, user in session.exec(query.order_by(col(Deal.number)))]


def _deals(
    workspace_id: int,
    owner_ids: OwnerIds,
    created_from: datetime | None,
    created_to: datetime | None,
) -> Select[Deal, str]:
    query = (
        select(Deal, Member.slack_user_id)
        .join(Member, col(Member.id) == col(Deal.owner_id))
        .where(Deal.workspace_id == workspace_id, col(Deal.deleted_at).is_(None))
    )
    if owner_ids is not None:
        query = query.where(col(Deal.owner_id).in_(owner_ids))
    if created_from is not None:
        query = query.where(col(Deal.created_at) >= created_from)
    if created_to is not None:
        query = query.where(col(Deal.created_at) < created_to)
    return query


def activities(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    start: datetime | None,
    end: datetime | None,
) -> list[tuple[Activity, Deal, str]]:
    """The activities that stand on live deals (in the range, by these members), with their
    deal and their member's Slack id, oldest first."""
    query = _activities(workspace_id, owner_ids, start, end)
    rows = session.exec(query.order_by(col(Activity.occurred_at), col(Activity.id)))
    return [(activity, deal, user) for activity, deal, user in rows]


def _activities(
    workspace_id: int, owner_ids: OwnerIds, start: datetime | None, end: datetime | None
) -> Select[Activity, Deal, str]:
    query = (
        select(Activity, Deal, Member.slack_user_id)
        .join(Deal, col(Deal.id) == col(Activity.deal_id))
        .join(Member, col(Member.id) == col(Activity.member_id))
        .where(
            Activity.workspace_id == workspace_id,
            col(Activity.deleted_at).is_(None),
            col(Deal.deleted_at).is_(None),
        )
    )
    if owner_ids is not None:
        query = query.where(col(Activity.member_id).in_(owner_ids))
    if start is not None:
        query = query.where(col(Activity.occurred_at) >= start)
    if end is not None:
        query = query.where(col(Activity.occurred_at) < end)
    return query


def bant_records(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    start: datetime | None,
    end: datetime | None,
) -> list[tuple[BantRecord, Deal, str]]:
    """The BANT qualifications that stand on live deals (of these owners' deals), with their
    deal and who qualified it, oldest first."""
    query = _bant_records(workspace_id, owner_ids, start, end)
    rows = session.exec(query.order_by(col(BantRecord.created_at), col(BantRecord.id)))
    return [(record, deal, user) for record, deal, user in rows]


def _bant_records(
    workspace_id: int, owner_ids: OwnerIds, start: datetime | None, end: datetime | None
) -> Select[BantRecord, Deal, str]:
    query = (
        select(BantRecord, Deal, Member.slack_user_id)
        .join(Deal, col(Deal.id) == col(BantRecord.deal_id))
        .join(Member, col(Member.id) == col(BantRecord.member_id))
        .where(
            BantRecord.workspace_id == workspace_id,
            col(BantRecord.deleted_at).is_(None),
            col(Deal.deleted_at).is_(None),
        )
    )
    if owner_ids is not None:
        query = query.where(col(Deal.owner_id).in_(owner_ids))
    if start is not None:
        query = query.where(col(BantRecord.created_at) >= start)
    if end is not None:
        query = query.where(col(BantRecord.created_at) < end)
    return query


def count_rows(session: Session, *, workspace_id: int, kind: str) -> int:
    """How many rows exporting ``kind`` (deals, activities or bant) of the whole workspace
    gives: one count, so an empty export is known before anything is built."""
    build = {"deals": _deals, "activities": _activities, "bant": _bant_records}[kind]
    query = build(workspace_id, None, None, None)
    return int(session.exec(select(func.count()).select_from(query.subquery())).one())
