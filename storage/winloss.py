"""What the win/loss analysis reads: each deal won or lost in a period, with the stage it was
lost at and whether a qualifying BANT stood when it was lost.

A deal counts when it is not deleted, its status is ``won`` or ``lost`` and it closed in
``[start, end)``. A loss undone with ``/sales undo`` leaves the deal open again (so it is not
here), and its reverted stage change is never read: the stage a deal was lost at is the
``from_stage`` of its latest move into ``lost`` that was not reverted, None when there is none
(an imported loss whose stage the file did not say). The BANT is the deal's latest
qualification not undone, recorded up to the moment it closed.

One row per deal reaches Python: a period's closed deals are a few hundred, and grouping lead
sources as people type them (case and spacing aside) is easier there than in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import false
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from storage.models import BantRecord, Deal, StageChange

WON, LOST = "won", "lost"


@dataclass(frozen=True)
class ClosedDeal:
    """A deal won or lost in the period, as the analysis needs it."""

    id: int
    status: str  # won or lost
    value: int | None
    currency: str
    lost_reason_key: str | None
    lead_source: str | None
    lost_from: str | None  # the stage it was lost at; None: not known (or won)
    bant_verdict: str | None  # its latest BANT verdict when it closed; None: never qualified


def closed_deals(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: Sequence[int] | None,
    start: datetime,
    end: datetime,
) -> list[ClosedDeal]:
    """Deals closed in ``[start, end)`` owned by ``owner_ids`` (None: everyone), oldest first."""
    lost_from = (
        select(col(StageChange.from_stage))
        .where(
            col(StageChange.deal_id) == col(Deal.id),
            col(StageChange.to_stage) == LOST,
            col(StageChange.reverted_at).is_(None),
        )
        .order_by(col(StageChange.changed_at).desc(), col(StageChange.id).desc())
        .limit(1)
        .correlate(Deal)
        .scalar_subquery()
    )
    verdict = (
        select(col(BantRecord.verdict))
        .where(
            col(BantRecord.deal_id) == col(Deal.id),
            col(BantRecord.deleted_at).is_(None),
            col(BantRecord.created_at) <= col(Deal.closed_at),
        )
        .order_by(col(BantRecord.created_at).desc(), col(BantRecord.id).desc())
        .limit(1)
        .correlate(Deal)
        .scalar_subquery()
    )
    conditions = [
        col(Deal.workspace_id) == workspace_id,
        col(Deal.deleted_at).is_(None),
        col(Deal.closed_at) >= start,
        col(Deal.closed_at) < end,
        col(Deal.status).in_([WON, LOST]),
    ]
    if owner_ids is not None:
        owners = list(owner_ids)
        conditions.append(col(Deal.owner_id).in_(owners) if owners else false())
    rows = session.execute(  # eight columns: more than sqlmodel's select is typed for
        select_columns(
            col(Deal.id),
            col(Deal.status),
            col(Deal.value),
            col(Deal.currency),
            col(Deal.lost_reason_key),
            col(Deal.lead_source),
            lost_from,
            verdict,
        )
        .where(*conditions)
        .order_by(col(Deal.closed_at), col(Deal.id))
    ).all()
    return [
        ClosedDeal(
            id=int(deal_id or 0),
            status=status,
            value=value,
            currency=currency,
            lost_reason_key=reason,
            lead_source=source,
            lost_from=stage if status == LOST else None,
            bant_verdict=bant,
        )
        for deal_id, status, value, currency, reason, source, stage, bant in rows
    ]
