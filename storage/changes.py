"""What a change writes: the rows it appends (a call, a stage move, an audit entry) and the
deal fields it sets, written straight away.

The appended rows are only ever read by later units of work (reports, history, undo), so
nothing in the session needs them as objects; the deal's new values are set on its object as
already saved. Statements built once, run on the unit of work's own connection, skip the ORM's
per-object bookkeeping, which cost more than the statements themselves on ``/call`` and
``/deal move`` (docs/benchmarks.md). Everything is in the change's one transaction: it commits
or rolls back with the rest.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Insert, Table, bindparam, insert, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel

from storage.models import Activity, AuditEntry, Deal, StageChange


def _table(model: type[SQLModel]) -> Table:
    return SQLModel.metadata.tables[str(model.__tablename__)]


_INSERT_ACTIVITY = insert(_table(Activity))
_INSERT_STAGE_CHANGE = insert(_table(StageChange))
_INSERT_AUDIT_ENTRY = insert(_table(AuditEntry))
_DEAL = _table(Deal)
_UPDATE_DEAL = update(_DEAL).where(_DEAL.c.id == bindparam("deal_id"))
# What a change may set on a deal; never its identity, workspace or number.
DEAL_FIELDS = frozenset(_DEAL.c.keys()) - {"id", "workspace_id", "number"}


def update_deal(session: Session, deal: Deal, **values: Any) -> None:
    """Set ``values`` on the deal: one UPDATE now, and the same values on ``deal`` as saved
    (not pending a flush). Only the fields named are written."""
    unknown = values.keys() - DEAL_FIELDS
    if unknown:
        raise ValueError(f"not a deal field a change may set: {sorted(unknown)}")
    assert deal.id is not None
    session.flush()  # anything already pending on the deal goes first, then these values
    # Without .values(), the SET clause is the parameters' columns: one statement, cached
    # compiled once per set of fields.
    session.connection().execute(_UPDATE_DEAL, {"deal_id": deal.id, **values})
    for name, value in values.items():
        set_committed_value(deal, name, value)


def add_call(
    session: Session,
    *,
    workspace_id: int,
    deal_id: int,
    member_id: int,
    occurred_at: datetime,
    duration_seconds: int | None,
    outcome: str | None,
    notes: str | None,
    next_step: str | None,
    next_step_due: date | None,
) -> int:
    """Append a call activity; its id."""
    return _insert(
        session,
        _INSERT_ACTIVITY,
        workspace_id=workspace_id,
        deal_id=deal_id,
        member_id=member_id,
        kind="call",
        occurred_at=occurred_at,
        duration_seconds=duration_seconds,
        outcome=outcome,
        notes=notes,
        next_step=next_step,
        next_step_due=next_step_due,
    )


def add_stage_change(
    session: Session,
    *,
    workspace_id: int,
    deal_id: int,
    member_id: int,
    from_stage: str | None,
    to_stage: str,
    changed_at: datetime,
    from_entered_at: datetime | None,
) -> int:
    """Append a deal's move (``from_stage`` None: the deal was just created there); its id."""
    return _insert(
        session,
        _INSERT_STAGE_CHANGE,
        workspace_id=workspace_id,
        deal_id=deal_id,
        member_id=member_id,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_at=changed_at,
        from_entered_at=from_entered_at,
    )


def add_audit_entry(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    action: str,
    created_at: datetime,
    deal_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    activity_id: int | None = None,
    stage_change_id: int | None = None,
    undo_of_id: int | None = None,
) -> int:
    """Append one audit entry; its id."""
    return _insert(
        session,
        _INSERT_AUDIT_ENTRY,
        workspace_id=workspace_id,
        member_id=member_id,
        action=action,
        created_at=created_at,
        deal_id=deal_id,
        before=before,
        after=after,
        activity_id=activity_id,
        stage_change_id=stage_change_id,
        undo_of_id=undo_of_id,
    )


def _insert(session: Session, statement: Insert, **values: Any) -> int:
    # The session's pending changes go first: a row appended here may refer to them (a new
    # deal's first stage, the deal an audit entry describes).
    session.flush()
    result = session.connection().execute(statement, values)
    key = result.inserted_primary_key
    assert key is not None and key[0] is not None
    return int(key[0])
