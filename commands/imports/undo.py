"""Taking an import back as the one change it was: the deals it added are deleted, the deals
it changed get their old values and stages back. Refused, naming the deals, when someone has
changed one of them since: undoing would throw their work away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from commands.errors import UsageError
from storage import imports, queries
from storage.models import ImportBatch

_DATES = ("close_date", "next_step_due", "snoozed_until")
REFS_SHOWN = 10


@dataclass(frozen=True)
class UndoneImport:
    """What taking an import back did: deals (or, for an import of activities, activities)
    removed, and deals put back as they were."""

    batch: ImportBatch
    removed: int
    restored: int


def undo_import(
    session: Session, *, workspace_id: int, batch: ImportBatch, when: datetime
) -> UndoneImport:
    """Take back ``batch`` whole, or refuse and change nothing."""
    assert batch.id is not None
    entries = imports.import_entries(session, import_id=batch.id)
    deal_ids = [entry.deal_id for entry in entries if entry.deal_id is not None]
    if entries:
        changed = imports.deals_changed_since(
            session,
            workspace_id=workspace_id,
            deal_ids=deal_ids,
            import_id=batch.id,
            first_entry_id=entries[0].id or 0,
        )
        if changed:
            refs = [
                deal.ref
                for deal_id in changed[:REFS_SHOWN]
                if (deal := queries.deal_by_id(session, workspace_id=workspace_id, deal_id=deal_id))
            ]
            raise UsageError(
                "import.undo_changed_since",
                example=f"/deal show {refs[0]}" if refs else None,
                count=len(changed),
                refs=", ".join(refs),
            )
    activities = batch.kind == "activities"
    created = (
        []
        if activities
        else [e.deal_id for e in entries if e.before is None and e.deal_id is not None]
    )
    if activities:
        imports.delete_activities(
            session,
            activity_ids=[e.activity_id for e in entries if e.activity_id is not None],
            when=when,
        )
    if not imports.undo_import_rows(
        session,
        import_id=batch.id,
        created_deal_ids=created,
        stage_change_ids=[e.stage_change_id for e in entries if e.stage_change_id is not None],
        when=when,
    ):
        raise UsageError("import.nothing_to_undo", example="corong import deals FILE.csv")
    restored = 0
    for entry in entries:
        if entry.before is None or entry.deal_id is None:
            continue
        deal = queries.deal_by_id(session, workspace_id=workspace_id, deal_id=entry.deal_id)
        if deal is None:
            continue
        for name, value in entry.before.items():
            setattr(deal, name, _typed(name, value))
        deal.updated_at = when
        restored += 1
    if activities:
        return UndoneImport(batch, removed=len(entries), restored=restored)
    session.flush()
    return UndoneImport(batch, removed=len(created), restored=restored)


def _typed(name: str, value: Any) -> Any:
    """A saved JSON value back as the column's type."""
    if value is None:
        return None
    if name.endswith("_at"):
        return datetime.fromisoformat(value)
    if name in _DATES:
        return date.fromisoformat(value)
    return value
