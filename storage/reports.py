"""Aggregate queries the funnel reports are built from.

Every function takes the workspace and ``owner_ids``: ``None`` means the whole workspace, a
sequence means only deals owned by those members (or, for activity counts, activities logged by
them). Time bounds are aware UTC datetimes, half-open ``[start, end)``. Deleted deals, reverted
stage changes and deleted activities never count. Each query filters on the workspace and a time
range (or the open status) first, so it reads the rows of the period, not the whole history;
rows reach Python only where a median or a list of deals needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Float,
    FunctionElement,
    Integer,
    Select,
    and_,
    case,
    false,
    func,
    literal,
    or_,
    text,
    type_coerce,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, aliased
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import Activity, BantRecord, Deal, Member, StageChange

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


# More columns than SQLModel's select() is typed for (four at most): the queries that select
# them silence mypy's call-overload error, and ``_facts`` types the rows.
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


class LeadTouch(NamedTuple):
    """A deal created in a period: how long after its creation the first standing activity
    came (None: not contacted yet), and whether it is a day old by the report's "now". A
    plain tuple of numbers: a quarter's report reads tens of thousands of them, and turning
    two datetimes per lead into Python objects cost more than the query."""

    deal_id: int
    response_seconds: float | None
    day_old: bool


class Sample(NamedTuple):
    """How many deals have a hygiene signal, and the first few of them, most urgent first."""

    total: int
    deals: list[DealFacts]


def _facts(row: Sequence[Any]) -> DealFacts:
    return DealFacts(*row[: len(_FACT_COLUMNS)])


def _live_deals(
    workspace_id: int, owner_ids: OwnerIds, *, by_owner: bool = False
) -> list[ColumnElement[bool]]:
    """Conditions on ``Deal``: this workspace, not deleted, owned by ``owner_ids`` if given.

    The owner test may lead the query through the (workspace, owner, status) index only with
    ``by_owner`` (the open deals). A query of a period starts from that period's slice of a
    time index: led by the owners, SQLite would read every deal the reps ever had, and a rep's
    weekly report would grow with their history."""
    conditions = [col(Deal.workspace_id) == workspace_id, col(Deal.deleted_at).is_(None)]
    if owner_ids is not None:
        owner = col(Deal.owner_id) if by_owner else _NotThroughIndex(col(Deal.owner_id))
        conditions.append(owner.in_(list(owner_ids)) if owner_ids else false())
    return conditions


class _NotThroughIndex(FunctionElement[int]):
    """An integer column that SQLite's planner may not use an index for (``owner_id + 0``);
    PostgreSQL gets the column itself. SQLite, offered the owner index, leads a period's query
    of deals with it and reads each owner's whole history. PostgreSQL weighs the indexes
    itself, and denied the owner one it was seen reading every deal of the workspace."""

    type = Integer()
    inherit_cache = True
    name = "not_through_index"


@compiles(_NotThroughIndex)
def _plain_column(element: _NotThroughIndex, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return str(compiler.process(column, **kw))


@compiles(_NotThroughIndex, "sqlite")
def _column_plus_zero(element: _NotThroughIndex, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"({compiler.process(column, **kw)} + 0)"


def _open_deals(workspace_id: int, owner_ids: OwnerIds) -> list[ColumnElement[bool]]:
    return [*_live_deals(workspace_id, owner_ids, by_owner=True), col(Deal.status) == "open"]


def _live_changes(workspace_id: int) -> list[ColumnElement[bool]]:
    return [col(StageChange.workspace_id) == workspace_id, col(StageChange.reverted_at).is_(None)]


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


def _of_live_deals(query: _Query, workspace_id: int, owner_ids: OwnerIds) -> _Query:
    """``query`` over stage changes, kept to the deals not deleted (and owned by ``owner_ids``
    if given), starting from the changes: a period's few thousand moves, not the deals.

    Workspace-wide, a change's deal is tested against the few deleted ones (the partial index
    of migration 0011). For some owners, each change looks up its own deal's owner by primary
    key; as a join, PostgreSQL would read every deal the owners ever had to hash them, and a
    team's weekly report would grow with its history."""
    if owner_ids is None:
        return query.where(col(StageChange.deal_id).not_in(_deleted_deal_ids(workspace_id)))
    owners = list(owner_ids)
    if not owners:
        return query.where(false())
    owner = (
        select(col(Deal.owner_id))
        .where(col(Deal.id) == col(StageChange.deal_id), col(Deal.deleted_at).is_(None))
        .correlate(StageChange)
        .scalar_subquery()
    )
    return query.where(owner.in_(owners))


def tune_for_reports(session: Session) -> None:
    """On PostgreSQL, no JIT compilation for the rest of this transaction. The planner's cost
    of a report's queries (correlated look-ups per deal) passes the JIT threshold, and
    compiling them cost the server 10 to 20 ms each, more than running them; ``SET LOCAL``
    ends with the transaction, so nothing else is touched (docs/benchmarks.md)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))


# --- funnel ---------------------------------------------------------------------------------


def stage_entries(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> dict[str, int]:
    """How many standing stage changes moved a deal into each stage in ``[start, end)``.

    A deal's creation counts as entering its first stage; ``won`` and ``lost`` appear too.
    """
    entries = select(col(StageChange.to_stage), func.count()).where(
        *_live_changes(workspace_id),
        col(StageChange.changed_at) >= start,
        col(StageChange.changed_at) < end,
    )
    query = _of_live_deals(entries, workspace_id, owner_ids).group_by(col(StageChange.to_stage))
    return {stage: int(n) for stage, n in session.connection().execute(query)}


def stage_reach(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    stages: Sequence[str],
    created_start: datetime | None = None,
    created_end: datetime | None = None,
    closed_start: datetime | None = None,
    closed_end: datetime | None = None,
    changes_before: datetime | None = None,
    statuses: Sequence[str] | None = None,
) -> dict[tuple[int, str], int]:
    """Deals counted by the furthest stage they reached and their status now.

    The key is ``(index, status)``: ``index`` is the position in ``stages`` of the furthest stage
    the deal has a standing move into, ``len(stages)`` for a move into ``won`` and
    ``NOT_REACHED`` for none. Optional filters: deals created in ``[created_start,
    created_end)``, deals closed in ``[closed_start, closed_end)``, only moves before
    ``changes_before`` (the funnel as it stood then), only deals whose status is in
    ``statuses``. One row per distinct key comes back, never a deal.
    """
    positions = [(col(StageChange.to_stage) == stage, literal(i)) for i, stage in enumerate(stages)]
    position = case(
        *positions, (col(StageChange.to_stage) == WON, literal(len(stages))), else_=NOT_REACHED
    )
    # Each deal's furthest move, looked up by deal in the (deal, time) index: no workspace
    # condition here, which would tempt the planner into the (workspace, time) index.
    moves = [col(StageChange.deal_id) == col(Deal.id), col(StageChange.reverted_at).is_(None)]
    if changes_before is not None:
        moves.append(col(StageChange.changed_at) < changes_before)
    furthest = select(func.max(position)).where(*moves).correlate(Deal).scalar_subquery()
    conditions = _live_deals(workspace_id, owner_ids)
    bounds = (
        (Deal.created_at, created_start, created_end),
        (Deal.closed_at, closed_start, closed_end),
    )
    for column, low, high in bounds:
        if low is not None:
            conditions.append(col(column) >= low)
        if high is not None:
            conditions.append(col(column) < high)
    if statuses is not None:
        conditions.append(col(Deal.status).in_(list(statuses)))
    per_deal = (
        select(
            col(Deal.status).label("status"),
            func.coalesce(furthest, NOT_REACHED).label("reach"),
        )
        .where(*conditions)
        .subquery()
    )
    rows = session.exec(
        select(per_deal.c.reach, per_deal.c.status, func.count()).group_by(
            per_deal.c.reach, per_deal.c.status
        )
    ).all()
    return {(int(reach), status): int(n) for reach, status, n in rows}


@dataclass(frozen=True)
class OpenDeals:
    """The open deals now, read in one pass: their totals per stage and currency, who owns
    them, and how many carry each hygiene signal (the samples are read only where one does)."""

    totals: list[StageTotal]
    owner_ids: list[int]
    stale: int
    overdue: int
    stuck: int
    missing_bant: int


def open_deals_now(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    idle_since: datetime,
    today: date,
    entered_before: Mapping[str, datetime],
    bant_stages: Sequence[str],
    idle_since_by_owner: Mapping[int, datetime] | None = None,
    entered_before_by_owner: Mapping[int, Mapping[str, datetime]] | None = None,
) -> OpenDeals:
    """Every figure of the open deals a report needs, with conditional counts in one scan of
    them, where reading totals, owners and four hygiene counts took six. The signals are those
    of ``stale_deals``, ``overdue_deals``, ``stuck_deals`` and ``missing_bant_deals``."""
    signals = (
        _stale(idle_since, idle_since_by_owner),
        _overdue(today),
        _stuck(entered_before, entered_before_by_owner),
        _missing_bant(bant_stages),
    )
    query = (
        select(  # type: ignore[call-overload]  # nine columns
            Deal.stage,
            Deal.currency,
            Deal.owner_id,
            func.count(),
            type_coerce(func.coalesce(func.sum(Deal.value), 0), BigInteger),
            *(func.count(case((signal, 1))) for signal in signals),
        )
        .where(*_open_deals(workspace_id, owner_ids))
        .group_by(col(Deal.stage), col(Deal.currency), col(Deal.owner_id))
    )
    totals: dict[tuple[str, str], list[int]] = {}
    owners: set[int] = set()
    counts = [0, 0, 0, 0]
    # A row per stage, currency and owner: hundreds at most, read without the ORM.
    for stage, currency, owner, n, value, *flagged in session.connection().execute(query):
        kept = totals.setdefault((stage, currency), [0, 0])
        kept[0] += int(n)
        kept[1] += int(value)
        owners.add(owner)
        counts = [have + int(more) for have, more in zip(counts, flagged, strict=True)]
    stale, overdue, stuck, missing_bant = counts
    return OpenDeals(
        totals=[StageTotal(st, cur, n, value) for (st, cur), (n, value) in sorted(totals.items())],
        owner_ids=sorted(owners),
        stale=stale,
        overdue=overdue,
        stuck=stuck,
        missing_bant=missing_bant,
    )


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
            type_coerce(func.coalesce(func.sum(Deal.value), 0), BigInteger),
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


def _deleted_deal_ids(workspace_id: int) -> SelectOfScalar[int | None]:
    """The workspace's deleted deals, from a partial index of them alone (migration 0011)."""
    return select(col(Deal.id)).where(
        col(Deal.workspace_id) == workspace_id, col(Deal.deleted_at).is_not(None)
    )


def _live_activities(
    session: Session, workspace_id: int, member_ids: OwnerIds, start: datetime, end: datetime
) -> list[ColumnElement[bool]]:
    """Standing activities of ``[start, end)`` on deals not deleted, by ``member_ids`` (every
    member of the workspace if None). A deleted deal is told by its id being among the few
    deleted ones, not by reading each activity's deal.

    On SQLite, naming the workspace's members even when all are wanted lets each one's slice
    of the (workspace, member, time) index be read already grouped; PostgreSQL would join
    them to the period's activities for nothing, so it gets no member test there."""
    conditions = [
        col(Activity.workspace_id) == workspace_id,
        col(Activity.occurred_at) >= start,
        col(Activity.occurred_at) < end,
        col(Activity.deleted_at).is_(None),
        col(Activity.deal_id).not_in(_deleted_deal_ids(workspace_id)),
    ]
    if member_ids is not None:
        members = list(member_ids)
        conditions.append(col(Activity.member_id).in_(members) if members else false())
    elif session.get_bind().dialect.name == "sqlite":
        everyone = select(col(Member.id)).where(col(Member.workspace_id) == workspace_id)
        conditions.append(col(Activity.member_id).in_(everyone))
    return conditions


@dataclass(frozen=True)
class MemberActivity:
    """What one member logged in a period: activities of any kind, and calls among them."""

    activities: int
    calls: int


def activity_per_member(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> dict[int, MemberActivity]:
    """Activities and calls logged in ``[start, end)`` per member who logged any; ``owner_ids``
    here selects the members (everyone if None). One pass over the period's activities."""
    is_call = case((col(Activity.kind) == "call", 1))
    query = (
        select(col(Activity.member_id), func.count(), func.count(is_call))
        .where(*_live_activities(session, workspace_id, owner_ids, start, end))
        .group_by(col(Activity.member_id))
    )
    rows = session.connection().execute(query)
    return {member: MemberActivity(int(n), int(calls)) for member, n, calls in rows}


def calls_per_member(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> dict[int, int]:
    """Calls (activities of kind ``call``) logged in ``[start, end)`` per member who logged
    one; ``owner_ids`` here selects the members."""
    logged = activity_per_member(
        session, workspace_id=workspace_id, owner_ids=owner_ids, start=start, end=end
    )
    return {member: done.calls for member, done in logged.items() if done.calls}


def deals_touched(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> int:
    """How many distinct deals the activities logged in ``[start, end)`` by ``owner_ids``
    (everyone if None) were about."""
    # Counting the rows of a DISTINCT lets PostgreSQL hash the ids; count(DISTINCT) sorts them.
    deals = (
        select(col(Activity.deal_id))
        .where(*_live_activities(session, workspace_id, owner_ids, start, end))
        .distinct()
        .subquery()
    )
    return int(session.connection().execute(select(func.count()).select_from(deals)).scalar_one())


# --- speed ----------------------------------------------------------------------------------


class _SecondsBetween(FunctionElement[float]):
    """Seconds from one datetime column to another, computed in the database: cheaper than
    bringing both datetimes back to Python when only the duration is wanted."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(_SecondsBetween, "sqlite")
def _seconds_sqlite(element: _SecondsBetween, compiler: Any, **kw: Any) -> str:
    # Julian days carry ~50 microseconds of rounding: keep whole milliseconds.
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"round((julianday({end}) - julianday({start})) * 86400.0, 3)"


@compiles(_SecondsBetween, "postgresql")
def _seconds_postgresql(element: _SecondsBetween, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end}) - ({start}))"


def stay_days_by_stage(
    session: Session, *, workspace_id: int, owner_ids: OwnerIds, start: datetime, end: datetime
) -> dict[str, list[float]]:
    """The stays in a stage that ended in ``[start, end)``, as their lengths in days (to the
    millisecond on SQLite) by the stage stayed in.

    A stay runs from a deal's standing move into a stage to its next standing move (to another
    stage, won or lost); reverted moves are skipped as if they never happened. Every move
    records when the deal entered the stage it left (``from_entered_at``), so a stay is one row
    of the period's moves, read from the covering index. Plain floats by stage: a median wants
    nothing more, and a quarter's stays are tens of thousands of rows.
    """
    stays = select(
        col(StageChange.from_stage),
        _SecondsBetween(StageChange.from_entered_at, StageChange.changed_at),
    ).where(
        *_live_changes(workspace_id),
        col(StageChange.changed_at) >= start,
        col(StageChange.changed_at) < end,
        col(StageChange.from_stage).is_not(None),
        col(StageChange.from_entered_at).is_not(None),
    )
    stays = _of_live_deals(stays, workspace_id, owner_ids)
    days: dict[str, list[float]] = {}
    # Read through Core, without the ORM's per-row bookkeeping.
    for stage, seconds in session.connection().execute(stays):
        assert stage is not None  # the query asks for moves from a stage
        days.setdefault(stage, []).append(float(seconds) / 86400)
    return days


def first_activities(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    start: datetime,
    end: datetime,
    now: datetime,
) -> list[LeadTouch]:
    """Deals created in ``[start, end)``, each with the time to its first standing activity by
    anyone (None when nobody has logged one yet) and whether it was created a day or more
    before ``now``; oldest deal first. Only numbers come back: the lead response median needs
    every lead, the uncontacted list only a few (``deal_facts``)."""
    # The earliest standing activity: walk the deal's activities in time order and stop at
    # the first one not deleted (MIN would read them all).
    first = (
        select(Activity.occurred_at)
        .where(col(Activity.deal_id) == col(Deal.id), col(Activity.deleted_at).is_(None))
        .order_by(col(Activity.occurred_at))
        .limit(1)
        .correlate(Deal)
        .scalar_subquery()
    )
    leads = (
        select(
            col(Deal.id),
            _SecondsBetween(Deal.created_at, first),
            type_coerce(col(Deal.created_at) <= now - timedelta(days=1), Boolean),
        )
        .where(
            *_live_deals(workspace_id, owner_ids),
            col(Deal.created_at) >= start,
            col(Deal.created_at) < end,
        )
        .order_by(col(Deal.created_at), col(Deal.number))
    )
    # Read through Core, without the ORM's per-row bookkeeping.
    return list(map(LeadTouch._make, session.connection().execute(leads)))


# --- hygiene --------------------------------------------------------------------------------


def deal_facts(session: Session, *, workspace_id: int, deal_ids: Sequence[int]) -> list[DealFacts]:
    """The facts of the workspace's deals ``deal_ids``, in that order (unknown ids skipped).

    Looked up by id alone and checked for the workspace here: with the workspace in the query,
    SQLite reads the workspace's whole (workspace, created) index instead of the few ids."""
    if not deal_ids:
        return []
    query = select(*_FACT_COLUMNS, Deal.workspace_id)  # type: ignore[call-overload]  # 13 columns
    rows = session.exec(query.where(col(Deal.id).in_(list(deal_ids)))).all()
    by_id = {row[0]: _facts(row) for row in rows if row[-1] == workspace_id}
    return [by_id[deal_id] for deal_id in deal_ids if deal_id in by_id]


def _sample(
    session: Session,
    conditions: Sequence[ColumnElement[bool]],
    order_by: Sequence[ColumnElement[Any] | Mapped[Any]],
    limit: int,
    total: int | None,
) -> Sample:
    """How many deals meet ``conditions`` (``total`` when already counted), and the first
    ``limit`` of them in ``order_by``: a COUNT and a LIMIT in the database, so a long list
    never reaches Python."""
    if total is None:
        total = int(session.exec(select(func.count()).select_from(Deal).where(*conditions)).one())
    if not total or limit <= 0:
        return Sample(total, [])
    query = select(*_FACT_COLUMNS)  # type: ignore[call-overload]  # 12 columns
    rows = session.exec(query.where(*conditions).order_by(*order_by).limit(limit)).all()
    return Sample(total, [_facts(row) for row in rows])


def _touched() -> ColumnElement[datetime]:
    return func.coalesce(col(Deal.last_activity_at), col(Deal.created_at))


def _stale(
    idle_since: datetime, by_owner: Mapping[int, datetime] | None = None
) -> ColumnElement[bool]:
    """Untouched since before ``idle_since``, or an owner's own cutoff (``by_owner``: the few
    whose time off moves it)."""
    return _per_owner(lambda cutoff: _touched() < cutoff, idle_since, by_owner)


def _overdue(today: date) -> ColumnElement[bool]:
    return col(Deal.next_step_due) < today


def _stuck(
    entered_before: Mapping[str, datetime],
    by_owner: Mapping[int, Mapping[str, datetime]] | None = None,
) -> ColumnElement[bool]:
    """In a stage since before its cutoff in ``entered_before``, or in an owner's own cutoffs
    (``by_owner``: the few whose time off moves them)."""

    def stuck(cutoffs: Mapping[str, datetime]) -> ColumnElement[bool]:
        if not cutoffs:
            return false()
        return or_(
            *(
                and_(col(Deal.stage) == stage, col(Deal.stage_entered_at) < cutoff)
                for stage, cutoff in cutoffs.items()
            )
        )

    return _per_owner(stuck, entered_before, by_owner)


_Cutoff = TypeVar("_Cutoff")


def _per_owner(
    condition: Callable[[_Cutoff], ColumnElement[bool]],
    cutoff: _Cutoff,
    by_owner: Mapping[int, _Cutoff] | None,
) -> ColumnElement[bool]:
    """``condition`` on everyone's ``cutoff``, except the owners in ``by_owner``, each held to
    their own: a handful of terms, whatever the number of deals."""
    if not by_owner:
        return condition(cutoff)
    return or_(
        and_(col(Deal.owner_id).not_in(sorted(by_owner)), condition(cutoff)),
        *(
            and_(col(Deal.owner_id) == owner, condition(own))
            for owner, own in sorted(by_owner.items())
        ),
    )


def _missing_bant(stages: Sequence[str]) -> ColumnElement[bool]:
    """In ``stages`` and the latest standing BANT is not qualified (or there is none), looked
    up per deal (its own BANT rows by ``deal_id``), never the workspace's whole BANT history."""
    if not stages:
        return false()
    standing = aliased(BantRecord)
    latest = (
        select(func.max(standing.id))
        .where(standing.deal_id == col(Deal.id), col(standing.deleted_at).is_(None))
        .correlate(Deal)
        .scalar_subquery()
    )
    qualified = (
        select(BantRecord.id)
        .where(col(BantRecord.id) == latest, BantRecord.verdict == "qualified")
        .exists()
    )
    return and_(col(Deal.stage).in_(list(stages)), ~qualified)


def stale_deals(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    idle_since: datetime,
    limit: int,
    total: int | None = None,
    idle_since_by_owner: Mapping[int, datetime] | None = None,
) -> Sample:
    """Open deals with no activity since ``idle_since`` (or their owner's own cutoff in
    ``idle_since_by_owner``): their last activity (or, never touched, their creation) is older.
    Longest idle first."""
    return _sample(
        session,
        [*_open_deals(workspace_id, owner_ids), _stale(idle_since, idle_since_by_owner)],
        [_touched(), col(Deal.number)],
        limit,
        total,
    )


def overdue_deals(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    today: date,
    limit: int,
    total: int | None = None,
) -> Sample:
    """Open deals whose next step was due before ``today``; most overdue first."""
    return _sample(
        session,
        [*_open_deals(workspace_id, owner_ids), _overdue(today)],
        [col(Deal.next_step_due), col(Deal.number)],
        limit,
        total,
    )


def stuck_deals(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    entered_before: Mapping[str, datetime],
    limit: int,
    total: int | None = None,
    entered_before_by_owner: Mapping[int, Mapping[str, datetime]] | None = None,
) -> Sample:
    """Open deals that entered their current stage before that stage's cutoff in
    ``entered_before`` (or their owner's own in ``entered_before_by_owner``; stages without one
    are never stuck). Longest in stage first."""
    if not entered_before:
        return Sample(0, [])
    return _sample(
        session,
        [
            *_open_deals(workspace_id, owner_ids),
            _stuck(entered_before, entered_before_by_owner),
        ],
        [col(Deal.stage_entered_at), col(Deal.number)],
        limit,
        total,
    )


def missing_bant_deals(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: OwnerIds,
    stages: Sequence[str],
    limit: int,
    total: int | None = None,
) -> Sample:
    """Open deals in ``stages`` whose latest standing BANT is not qualified (or who have none),
    by number: the definition of ``queries.deals_missing_bant``, narrowed to ``owner_ids``."""
    if not stages:
        return Sample(0, [])
    return _sample(
        session,
        [*_open_deals(workspace_id, owner_ids), _missing_bant(stages)],
        [col(Deal.number)],
        limit,
        total,
    )
