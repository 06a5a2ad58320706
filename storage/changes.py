"""The rows every change appends (a call, a stage move, an audit entry), written straight away.

These rows are only ever appended by the change that makes them and read by later units of work
(reports, history, undo), so nothing in the session needs them as objects. Writing them with
statements built once, on the unit of work's own connection and transaction, skips the ORM's
per-object bookkeeping, which cost more than the INSERTs themselves on ``/call`` and
``/deal move`` (docs/benchmarks.md). Each is in the same transaction as the rest of the change:
it commits or rolls back with it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Insert, insert
from sqlmodel import Session, SQLModel

from storage.models import Activity, AuditEntry, StageChange


def _insert_into(model: type[SQLModel]) -> Insert:
    return insert(SQLModel.metadata.tables[str(model.__tablename__)])


_INSERT_ACTIVITY = _insert_into(Activity)
_INSERT_STAGE_CHANGE = _insert_into(StageChange)
_INSERT_AUDIT_ENTRY = _insert_into(AuditEntry)


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
