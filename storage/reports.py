"""Aggregate queries the funnel reports are built from.

Every function takes the workspace and ``owner_ids``: ``None`` means the whole workspace, a
sequence means only deals owned by those members (or, for activity counts, activities logged by
them). Time bounds are aware UTC datetimes, half-open ``[start, end)``. Deleted deals, reverted
stage changes and deleted activities never count. Each query filters on the workspace and a time
range (or the open status) first, so it reads the rows of the period, not the whole history;
rows reach Python only where a median or a list of deals needs them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, false, func, literal, or_
from sqlmodel import Session, col, select

from storage import queries
from storage.models import Activity, Deal, StageChange
from storage.types import UTCDateTime

WON, LOST = "won", "lost"
NOT_REACHED = -1  # stage_reach: the deal entered none of the stages asked about

OwnerIds = Sequence[int] | None


@dataclass(frozen=True)
class StageTotal:
    """Open deals of one stage in one currency: how many, and their summed value."""

    stage: str
    currency: str
    count: int
    value: int


@dataclass(frozen=True)
class ClosedTotal:
    """Deals closed (``won`` or ``lost``) in a period in one currency."""

    status: str
    currency: str
    count: int
    value: int


@dataclass(frozen=True)
class StageStay:
    """One finished stay of a deal in a stage: entered by one move, ended by the next."""

    deal_id: int
    stage: str
    entered_at: datetime
    exited_at: datetime


@dataclass(frozen=True)
class DealFacts:
    """The facts of a deal that hygiene lists and their renderers need (no ORM object)."""

    id: int
    number: int
    name: str
    stage: str
    status: str
    owner_id: int
    value: int | None
    currency: str
    created_at: datetime
    stage_entered_at: datetime
    last_activity_at: datetime | None
    next_step_due: date | None

    @property
    def ref(self) -> str:
        return f"D-{self.number}"


_FACT_COLUMNS = (
    Deal.id,
    Deal.number,
    Deal.name,
    Deal.stage,
    Deal.status,
    Deal.owner_id,
    Deal.value,
    Deal.currency,
    Deal.created_at,
    Deal.stage_entered_at,
    Deal.last_activity_at,
    Deal.next_step_due,
)


def _facts(row: Sequence[Any]) -> DealFacts:
    return DealFacts(*row[: len(_FACT_COLUMNS)])


def _live_deals(workspace_id: int, owner_ids: OwnerIds) -> list[ColumnElement[bool]]:
    """Conditions on ``Deal``: this workspace, not deleted, owned by ``owner_ids`` if given."""
    conditions = [Deal.workspace_id == workspace_id, col(Deal.deleted_at).is_(None)]
    if owner_ids is not None:
        conditions.append(col(Deal.owner_id).in_(list(owner_ids)) if owner_ids else false())
    return conditions


def _open_deals(workspace_id: int, owner_ids: OwnerIds) -> list[ColumnElement[bool]]:
    return [*_live_deals(workspace_id, owner_ids), Deal.status == "open"]


def _live_changes(workspace_id: int) -> list[ColumnElement[bool]]:
    return [StageChange.workspace_id == workspace_id, col(StageChange.reverted_at).is_(None)]


# --- funnel ---------------------------------------------------------------------------------


def open_deals_by_stage(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds
) -> list[StageTotal]:
    """Open deals now, per stage and currency: count and summed value (no value counts 0)."""
    rows = session.exec(
        select(
            Deal.stage,
            Deal.currency,
            func.count(),
            func.coalesce(func.sum(Deal.value), 0),
        )
        .where(*_open_deals(workspace_id, owner_ids))
        .group_by(col(Deal.stage), col(Deal.currency))
        .order_by(col(Deal.stage), col(Deal.currency))
    ).all()
    return [StageTotal(stage, currency, int(n), int(value)) for stage, currency, n, value in rows]


def stage_entries(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> dict[str, int]:
    """How many standing stage changes moved a deal into each stage in ``[start, end)``.

    A deal's creation counts as entering its first stage; ``won`` and ``lost`` appear too.
    """
    rows = session.exec(
        select(StageChange.to_stage, func.count())
        .join(Deal, col(Deal.id) == col(StageChange.deal_id))
        .where(
            *_live_changes(workspace_id),
            col(StageChange.changed_at) >= start,
            col(StageChange.changed_at) < end,
            *_live_deals(workspace_id, owner_ids),
        )
        .group_by(col(StageChange.to_stage))
    ).all()
    return {stage: int(n) for stage, n in rows}


def stage_reach(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    stages: Sequence[str],
    created_start: datetime | None = None,
    created_end: datetime | None = None,
    changes_before: datetime | None = None,
    statuses: Sequence[str] | None = None,
) -> dict[tuple[int, str], int]:
    """Deals counted by the furthest stage they reached and their status now.

    The key is ``(index, status)``: ``index`` is the position in ``stages`` of the furthest stage
    the deal has a standing move into, ``len(stages)`` for a move into ``won`` and
    ``NOT_REACHED`` for none. Optional filters: deals created in ``[created_start,
    created_end)``, only moves before ``changes_before`` (the funnel as it stood then), only
    deals whose status is in ``statuses``. One row per distinct key comes back, never a deal.
    """
    positions = [(StageChange.to_stage == stage, literal(i)) for i, stage in enumerate(stages)]
    position = case(
        *positions, (StageChange.to_stage == WON, literal(len(stages))), else_=NOT_REACHED
    )
    # Joined by deal only (the deal is already this workspace's): a workspace condition here
    # tempts SQLite and an unanalysed PostgreSQL into the (workspace, time) index, read whole
    # for every deal.
    joined = and_(col(StageChange.deal_id) == col(Deal.id), col(StageChange.reverted_at).is_(None))
    if changes_before is not None:
        joined = and_(joined, col(StageChange.changed_at) < changes_before)
    conditions = _live_deals(workspace_id, owner_ids)
    if created_start is not None:
        conditions.append(col(Deal.created_at) >= created_start)
    if created_end is not None:
        conditions.append(col(Deal.created_at) < created_end)
    if statuses is not None:
        conditions.append(col(Deal.status).in_(list(statuses)))
    per_deal = (
        select(
            col(Deal.id).label("deal_id"),
            col(Deal.status).label("status"),
            func.coalesce(func.max(position), NOT_REACHED).label("reach"),
        )
        .select_from(Deal)
        .outerjoin(StageChange, joined)
        .where(*conditions)
        .group_by(col(Deal.id), col(Deal.status))
        .subquery()
    )
    rows = session.exec(
        select(per_deal.c.reach, per_deal.c.status, func.count()).group_by(
            per_deal.c.reach, per_deal.c.status
        )
    ).all()
    return {(int(reach), status): int(n) for reach, status, n in rows}


# --- outcomes -------------------------------------------------------------------------------


def closed_by_outcome(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> list[ClosedTotal]:
    """Deals closed in ``[start, end)`` per status (won, lost) and currency: count and value."""
    rows = session.exec(
        select(
            Deal.status,
            Deal.currency,
            func.count(),
            func.coalesce(func.sum(Deal.value), 0),
        )
        .where(
            col(Deal.closed_at) >= start,
            col(Deal.closed_at) < end,
            col(Deal.status).in_([WON, LOST]),
            *_live_deals(workspace_id, owner_ids),
        )
        .group_by(col(Deal.status), col(Deal.currency))
        .order_by(col(Deal.status), col(Deal.currency))
    ).all()
    return [ClosedTotal(status, cur, int(n), int(value)) for status, cur, n, value in rows]


def won_cycles(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """``(created_at, closed_at)`` of each deal won in ``[start, end)``."""
    rows = session.exec(
        select(Deal.created_at, Deal.closed_at).where(
            col(Deal.closed_at) >= start,
            col(Deal.closed_at) < end,
            Deal.status == WON,
            *_live_deals(workspace_id, owner_ids),
        )
    ).all()
    return [(created, closed) for created, closed in rows if closed is not None]


# --- activity -------------------------------------------------------------------------------


def _live_activities(
    workspace_id: int, member_ids: OwnerIds, start: datetime, end: datetime
) -> list[ColumnElement[bool]]:
    conditions = [
        Activity.workspace_id == workspace_id,
        col(Activity.occurred_at) >= start,
        col(Activity.occurred_at) < end,
        col(Activity.deleted_at).is_(None),
        *_live_deals(workspace_id, None),
    ]
    if member_ids is not None:
        conditions.append(col(Activity.member_id).in_(list(member_ids)) if member_ids else false())
    return conditions


def calls_per_member(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> dict[int, int]:
    """Calls (activities of kind ``call``) logged in ``[start, end)`` per member who logged them;
    ``owner_ids`` here selects the members."""
    rows = session.exec(
        select(Activity.member_id, func.count())
        .join(Deal, col(Deal.id) == col(Activity.deal_id))
        .where(*_live_activities(workspace_id, owner_ids, start, end), Activity.kind == "call")
        .group_by(col(Activity.member_id))
    ).all()
    return {member_id: int(n) for member_id, n in rows}


def activity_totals(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> tuple[int, int]:
    """``(activities, deals)``: activities of any kind logged in ``[start, end)`` by
    ``owner_ids`` (everyone if None), and how many distinct deals they were about."""
    activities, deals = session.exec(
        select(func.count(), func.count(distinct(Activity.deal_id)))
        .select_from(Activity)
        .join(Deal, col(Deal.id) == col(Activity.deal_id))
        .where(*_live_activities(workspace_id, owner_ids, start, end))
    ).one()
    return int(activities), int(deals)


def open_deal_owner_ids(session: Session, *, workspace_id: int, owner_ids: OwnerIds) -> list[int]:
    """Members who own at least one open deal (the reps a report lists even with no calls)."""
    rows = session.exec(
        select(Deal.owner_id).where(*_open_deals(workspace_id, owner_ids)).distinct()
    ).all()
    return sorted(rows)


# --- speed ----------------------------------------------------------------------------------


def stage_stays(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> list[StageStay]:
    """Stays in a stage that ended in ``[start, end)``.

    A stay runs from a deal's standing move into a stage to its next standing move (to another
    stage, won or lost); reverted moves are skipped as if they never happened. Only deals with
    a move in the period are read, each with its whole history to find where a stay began.
    """
    moved = (
        select(StageChange.deal_id)
        .where(
            *_live_changes(workspace_id),
            col(StageChange.changed_at) >= start,
            col(StageChange.changed_at) < end,
        )
        .distinct()
        .subquery()
    )
    window = {
        "partition_by": col(StageChange.deal_id),
        "order_by": (col(StageChange.changed_at), col(StageChange.id)),
    }
    history = (
        select(
            col(StageChange.deal_id).label("deal_id"),
            col(StageChange.changed_at).label("changed_at"),
            func.lag(StageChange.to_stage).over(**window).label("stage"),
            func.lag(StageChange.changed_at, type_=UTCDateTime).over(**window).label("entered_at"),
        )
        # Driven by the deals that moved in the period, then each one's history by deal (no
        # workspace condition on it: that would tempt the planner into the time index).
        .select_from(moved)
        .join(Deal, col(Deal.id) == moved.c.deal_id)
        .join(StageChange, col(StageChange.deal_id) == moved.c.deal_id)
        .where(col(StageChange.reverted_at).is_(None), *_live_deals(workspace_id, owner_ids))
        .subquery()
    )
    rows = session.exec(
        select(history.c.deal_id, history.c.stage, history.c.entered_at, history.c.changed_at)
        .where(
            history.c.changed_at >= start,
            history.c.changed_at < end,
            history.c.stage.is_not(None),
        )
        .order_by(history.c.changed_at, history.c.deal_id)
    ).all()
    return [StageStay(deal_id, stage, entered, exited) for deal_id, stage, entered, exited in rows]


def first_activities(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> list[tuple[DealFacts, datetime | None]]:
    """Deals created in ``[start, end)``, each with its first standing activity by anyone
    (None when nobody has logged one yet), oldest deal first."""
    first = (
        select(func.min(Activity.occurred_at))
        .where(col(Activity.deal_id) == col(Deal.id), col(Activity.deleted_at).is_(None))
        .scalar_subquery()
    )
    rows = session.exec(
        select(*_FACT_COLUMNS, first)
        .where(
            *_live_deals(workspace_id, owner_ids),
            col(Deal.created_at) >= start,
            col(Deal.created_at) < end,
        )
        .order_by(col(Deal.created_at), col(Deal.number))
    ).all()
    return [(_facts(row), row[-1]) for row in rows]


# --- hygiene --------------------------------------------------------------------------------


def stale_deals(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, idle_since: datetime
) -> list[DealFacts]:
    """Open deals with no activity since ``idle_since``: their last activity (or, never touched,
    their creation) is older. Longest idle first."""
    touched = func.coalesce(col(Deal.last_activity_at), col(Deal.created_at))
    rows = session.exec(
        select(*_FACT_COLUMNS)
        .where(*_open_deals(workspace_id, owner_ids), touched < idle_since)
        .order_by(touched, col(Deal.number))
    ).all()
    return [_facts(row) for row in rows]


def overdue_deals(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, today: date
) -> list[DealFacts]:
    """Open deals whose next step was due before ``today``; most overdue first."""
    rows = session.exec(
        select(*_FACT_COLUMNS)
        .where(*_open_deals(workspace_id, owner_ids), col(Deal.next_step_due) < today)
        .order_by(col(Deal.next_step_due), col(Deal.number))
    ).all()
    return [_facts(row) for row in rows]


def stuck_deals(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    entered_before: Mapping[str, datetime],
) -> list[DealFacts]:
    """Open deals that entered their current stage before that stage's cutoff in
    ``entered_before`` (stages without one are never stuck). Longest in stage first."""
    if not entered_before:
        return []
    late = or_(
        *(
            and_(Deal.stage == stage, col(Deal.stage_entered_at) < cutoff)
            for stage, cutoff in entered_before.items()
        )
    )
    rows = session.exec(
        select(*_FACT_COLUMNS)
        .where(*_open_deals(workspace_id, owner_ids), late)
        .order_by(col(Deal.stage_entered_at), col(Deal.number))
    ).all()
    return [_facts(row) for row in rows]


def missing_bant_deals(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, stages: Sequence[str]
) -> list[DealFacts]:
    """Open deals in ``stages`` whose latest standing BANT is not qualified (or who have none):
    ``queries.deals_missing_bant``, narrowed to ``owner_ids``."""
    if not stages:
        return []
    deals = queries.deals_missing_bant(session, workspace_id=workspace_id, stages=stages)
    wanted = None if owner_ids is None else set(owner_ids)
    return [
        _facts([getattr(deal, column.key) for column in _FACT_COLUMNS])
        for deal in deals
        if wanted is None or deal.owner_id in wanted
    ]
