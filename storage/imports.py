"""The reads and writes of an import: finding the file's deals among those already here, and
writing thousands of new ones in a few statements instead of three per deal.

Everything runs in the caller's unit of work: an import commits whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table, insert, update
from sqlmodel import Session, SQLModel, col, select

from storage.models import Activity, AuditEntry, Deal, ImportBatch, StageChange, Workspace

T = TypeVar("T")
_CHUNK = 500  # ids per IN list: well inside SQLite's limit on bound parameters


def _chunks(values: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _table(model: type[SQLModel]) -> Table:
    return SQLModel.metadata.tables[str(model.__tablename__)]


def deals_by_external_id(
    session: Session, *, workspace_id: int, source: str, external_ids: Iterable[str]
) -> dict[str, Deal]:
    """The live deals imported before from ``source``, by their id there."""
    wanted = sorted(set(external_ids))
    found: dict[str, Deal] = {}
    for chunk in _chunks(wanted):
        for deal in session.exec(
            select(Deal).where(
                Deal.workspace_id == workspace_id,
                Deal.source == source,
                col(Deal.external_id).in_(chunk),
                col(Deal.deleted_at).is_(None),
            )
        ):
            assert deal.external_id is not None
            found[deal.external_id] = deal
    return found


def deals_by_name(
    session: Session, *, workspace_id: int, name_keys: Iterable[str]
) -> dict[tuple[str, int], list[Deal]]:
    """The live deals with these names, by (name key, owner): how a row without an external
    id finds the deal it describes."""
    wanted = sorted(set(name_keys))
    found: dict[tuple[str, int], list[Deal]] = {}
    for chunk in _chunks(wanted):
        for deal in session.exec(
            select(Deal).where(
                Deal.workspace_id == workspace_id,
                col(Deal.name_key).in_(chunk),
                col(Deal.deleted_at).is_(None),
            )
        ):
            found.setdefault((deal.name_key, deal.owner_id), []).append(deal)
    return found


def allocate_deal_numbers(session: Session, *, workspace_id: int, count: int) -> int:
    """Reserve ``count`` consecutive deal numbers; the first. Atomic like one allocation."""
    result = session.execute(
        update(Workspace)
        .where(col(Workspace.id) == workspace_id)
        .values(next_deal_number=col(Workspace.next_deal_number) + count)
        .returning(col(Workspace.next_deal_number))
    )
    return int(result.scalar_one()) - count + 1


def _insert_returning_ids(
    session: Session, model: type[SQLModel], rows: list[dict[str, Any]]
) -> list[int]:
    if not rows:
        return []
    table = _table(model)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [int(row[0]) for row in session.connection().execute(statement, rows)]


def insert_deals(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert new deals; their ids, in the order of ``rows``."""
    session.flush()
    return _insert_returning_ids(session, Deal, rows)


def insert_stage_changes(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Append moves; their ids, in order."""
    return _insert_returning_ids(session, StageChange, rows)


def insert_audit_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append audit entries."""
    if rows:
        session.connection().execute(insert(_table(AuditEntry)), rows)


def add_import(session: Session, batch: ImportBatch) -> int:
    """Record an import; its id."""
    session.add(batch)
    session.flush()
    assert batch.id is not None
    return batch.id


def latest_import(session: Session, *, workspace_id: int) -> ImportBatch | None:
    """The workspace's most recent import that still stands."""
    return session.exec(
        select(ImportBatch)
        .where(ImportBatch.workspace_id == workspace_id, col(ImportBatch.undone_at).is_(None))
        .order_by(col(ImportBatch.id).desc())
        .limit(1)
    ).first()


def get_import(session: Session, *, workspace_id: int, import_id: int) -> ImportBatch | None:
    batch = session.get(ImportBatch, import_id)
    return batch if batch is not None and batch.workspace_id == workspace_id else None


def import_entries(session: Session, *, import_id: int) -> list[AuditEntry]:
    """The audit entries of one import, one per deal it added or changed."""
    return list(
        session.exec(
            select(AuditEntry).where(AuditEntry.import_id == import_id).order_by(col(AuditEntry.id))
        )
    )


def deals_changed_since(
    session: Session,
    *,
    workspace_id: int,
    deal_ids: Sequence[int],
    import_id: int,
    first_entry_id: int,
) -> list[int]:
    """Which of these deals someone changed after the import (a change that still stands)."""
    changed: set[int] = set()
    for chunk in _chunks(sorted(set(deal_ids))):
        changed.update(
            int(deal_id)
            for deal_id in session.exec(
                select(AuditEntry.deal_id).where(
                    AuditEntry.workspace_id == workspace_id,
                    col(AuditEntry.deal_id).in_(chunk),
                    col(AuditEntry.id) > first_entry_id,
                    col(AuditEntry.import_id).is_distinct_from(import_id),
                    AuditEntry.action != "undo",
                    col(AuditEntry.undone_at).is_(None),
                )
            )
            if deal_id is not None
        )
    return sorted(changed)


def undo_import_rows(
    session: Session,
    *,
    import_id: int,
    created_deal_ids: Sequence[int],
    stage_change_ids: Sequence[int],
    when: datetime,
) -> bool:
    """Mark an import taken back: its entries undone, the deals it added deleted, the moves it
    recorded reverted. False if a concurrent undo got there first."""
    claimed = session.exec(
        update(ImportBatch)
        .where(col(ImportBatch.id) == import_id, col(ImportBatch.undone_at).is_(None))
        .values(undone_at=when)
    )
    if claimed.rowcount != 1:
        return False
    session.execute(
        update(AuditEntry).where(col(AuditEntry.import_id) == import_id).values(undone_at=when)
    )
    for chunk in _chunks(sorted(created_deal_ids)):
        session.execute(update(Deal).where(col(Deal.id).in_(chunk)).values(deleted_at=when))
    for chunk in _chunks(sorted(stage_change_ids)):
        session.execute(
            update(StageChange).where(col(StageChange.id).in_(chunk)).values(reverted_at=when)
        )
    return True


def deals_by_number(
    session: Session, *, workspace_id: int, numbers: Iterable[int]
) -> dict[int, Deal]:
    """The live deals with these numbers (``D-12`` is 12)."""
    found: dict[int, Deal] = {}
    for chunk in _chunks(sorted(set(numbers))):
        for deal in session.exec(
            select(Deal).where(
                Deal.workspace_id == workspace_id,
                col(Deal.number).in_(chunk),
                col(Deal.deleted_at).is_(None),
            )
        ):
            found[deal.number] = deal
    return found


def deals_by_any_external_id(
    session: Session, *, workspace_id: int, external_ids: Iterable[str]
) -> dict[str, list[Deal]]:
    """The live deals with these ids in whatever system they came from."""
    found: dict[str, list[Deal]] = {}
    for chunk in _chunks(sorted(set(external_ids))):
        for deal in session.exec(
            select(Deal).where(
                Deal.workspace_id == workspace_id,
                col(Deal.external_id).in_(chunk),
                col(Deal.deleted_at).is_(None),
            )
        ):
            assert deal.external_id is not None
            found.setdefault(deal.external_id, []).append(deal)
    return found


def activity_keys(
    session: Session, *, deal_ids: Iterable[int]
) -> set[tuple[int, int, str, datetime]]:
    """(deal, member, kind, when) of the activities that stand on these deals: what a second
    import of the same file finds already here."""
    keys: set[tuple[int, int, str, datetime]] = set()
    for chunk in _chunks(sorted(set(deal_ids))):
        rows = session.exec(
            select(Activity.deal_id, Activity.member_id, Activity.kind, Activity.occurred_at).where(
                col(Activity.deal_id).in_(chunk), col(Activity.deleted_at).is_(None)
            )
        )
        keys.update((d, m, k, at) for d, m, k, at in rows)
    return keys


def insert_activities(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Append activities; their ids, in order."""
    session.flush()
    return _insert_returning_ids(session, Activity, rows)


def delete_activities(session: Session, *, activity_ids: Sequence[int], when: datetime) -> None:
    """Mark activities deleted (an import of them taken back)."""
    for chunk in _chunks(sorted(activity_ids)):
        session.execute(update(Activity).where(col(Activity.id).in_(chunk)).values(deleted_at=when))
