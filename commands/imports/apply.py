"""Writing an import: new deals with the history the file gives them, changed deals with the
change in their history, and one import record that ``undo`` takes back whole.

A new deal's dates are the file's: created when the file says, in its stage since the stage
date (or since the import, when the file has none: never "stuck" on its first day), closed
when it closed. Its history is the moves the file knows of, made by its owner: into its open
stage, then (closed deals) to won or lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.deals.resolve import name_key
from commands.imports.plan import ImportPlan, Update, plain
from commands.imports.rows import DealRow
from commands.pipelines import CLOSED_STAGES
from storage import changes, imports
from storage.models import ImportBatch, Workspace

IMPORT_ACTION = "deal.import"


@dataclass(frozen=True)
class Move:
    """One move of a new deal's history."""

    from_stage: str | None
    to_stage: str
    at: datetime
    from_entered_at: datetime | None


def history(row: DealRow, *, now: datetime, tz: ZoneInfo) -> tuple[datetime, list[Move]]:
    """When the deal was created and the moves that brought it where the file says it is."""
    created = min(row.created or now, now)
    if row.status not in CLOSED_STAGES:
        assert row.stage is not None
        entered = min(max(row.stage_entered or now, created), now)
        return created, [Move(None, row.stage, entered, None)]
    closed = row.closed
    if closed is None and row.close_date is not None:
        closed = datetime.combine(row.close_date, time(0, 0), tzinfo=tz)
    closed = min(max(closed or row.stage_entered or now, created), now)
    if row.stage is None:
        return created, [Move(None, row.status, closed, None)]
    entered = min(max(row.stage_entered or created, created), closed)
    return created, [
        Move(None, row.stage, entered, None),
        Move(row.stage, row.status, closed, entered),
    ]


def apply_plan(
    session: Session,
    *,
    workspace: Workspace,
    member_id: int,
    plan: ImportPlan,
    file_name: str,
    now: datetime,
    tz: ZoneInfo,
) -> ImportBatch:
    """Write the plan's new and changed deals in the caller's transaction."""
    assert workspace.id is not None
    batch = ImportBatch(
        workspace_id=workspace.id,
        member_id=member_id,
        kind="deals",
        source=plan.source,
        file_name=file_name[-200:],
        created=len(plan.new),
        updated=len(plan.updates),
        created_at=now,
    )
    import_id = imports.add_import(session, batch)
    entries = _add_deals(session, workspace, member_id, import_id, plan.source, plan.new, now, tz)
    entries += [_update(session, workspace.id, member_id, import_id, u, now) for u in plan.updates]
    imports.insert_audit_entries(session, entries)
    return batch


def _add_deals(
    session: Session,
    workspace: Workspace,
    member_id: int,
    import_id: int,
    source: str,
    rows: Sequence[DealRow],
    now: datetime,
    tz: ZoneInfo,
) -> list[dict[str, Any]]:
    assert workspace.id is not None
    if not rows:
        return []
    first = imports.allocate_deal_numbers(session, workspace_id=workspace.id, count=len(rows))
    histories = [history(row, now=now, tz=tz) for row in rows]
    deal_ids = imports.insert_deals(
        session,
        [
            _new_deal(workspace, source, row, first + i, created, moves, now)
            for i, (row, (created, moves)) in enumerate(zip(rows, histories, strict=True))
        ],
    )
    move_rows, last_move = [], []
    for deal_id, row, (_, moves) in zip(deal_ids, rows, histories, strict=True):
        for move in moves:
            move_rows.append(
                {
                    "workspace_id": workspace.id,
                    "deal_id": deal_id,
                    "member_id": row.owner_id,
                    "from_stage": move.from_stage,
                    "to_stage": move.to_stage,
                    "changed_at": move.at,
                    "from_entered_at": move.from_entered_at,
                    "reverted_at": None,
                }
            )
        last_move.append(len(move_rows) - 1)
    move_ids = imports.insert_stage_changes(session, move_rows)
    return [
        _entry(
            workspace.id,
            member_id,
            import_id,
            deal_id,
            now,
            before=None,
            after={"ref": f"D-{first + i}", "external_id": row.external_id},
            stage_change_id=move_ids[last_move[i]],
        )
        for i, (deal_id, row) in enumerate(zip(deal_ids, rows, strict=True))
    ]


def _new_deal(
    workspace: Workspace,
    source: str,
    row: DealRow,
    number: int,
    created: datetime,
    moves: Sequence[Move],
    now: datetime,
) -> dict[str, Any]:
    closed = row.status in CLOSED_STAGES
    return {
        "workspace_id": workspace.id,
        "number": number,
        "name": row.name,
        "name_key": name_key(row.name),
        "stage": moves[-1].to_stage,
        "status": row.status,
        "value": row.value,
        "currency": row.currency or workspace.currency,
        "owner_id": row.owner_id,
        "contact": row.contact,
        "lead_source": row.lead_source,
        "close_date": row.close_date,
        "next_step": row.next_step,
        "next_step_due": row.next_step_due,
        "lost_reason": row.lost_reason,
        "lost_reason_key": row.lost_reason_key,
        "created_at": created,
        "updated_at": now,
        "stage_entered_at": moves[-1].at,
        "last_activity_at": min(row.last_activity, now) if row.last_activity else None,
        "closed_at": moves[-1].at if closed else None,
        "deleted_at": None,
        "snoozed_until": None,
        # Only a deal with an id in its source can be found there again.
        "source": (row.source or source) if row.external_id else None,
        "external_id": row.external_id,
    }


def _update(
    session: Session,
    workspace_id: int,
    member_id: int,
    import_id: int,
    update: Update,
    now: datetime,
) -> dict[str, Any]:
    deal, row = update.deal, update.row
    assert deal.id is not None
    values = dict(update.changes)
    before = {name: plain(getattr(deal, name)) for name in values}
    stage_change_id = None
    if update.moves:
        to_stage = row.status if row.status in CLOSED_STAGES else row.stage
        assert to_stage is not None
        at = row.closed if row.status in CLOSED_STAGES else row.stage_entered
        at = min(max(at or now, deal.stage_entered_at), now)
        stage_change_id = changes.add_stage_change(
            session,
            workspace_id=workspace_id,
            deal_id=deal.id,
            member_id=deal.owner_id,
            from_stage=deal.stage,
            to_stage=to_stage,
            changed_at=at,
            from_entered_at=deal.stage_entered_at,
        )
        values.update(stage=to_stage, stage_entered_at=at)
        values["closed_at"] = at if row.status in CLOSED_STAGES else None
        for name in ("stage", "stage_entered_at", "closed_at"):
            before.setdefault(name, plain(getattr(deal, name)))
    values["updated_at"] = now
    before.setdefault("updated_at", plain(deal.updated_at))
    changes.update_deal(session, deal, **values)
    return _entry(
        workspace_id,
        member_id,
        import_id,
        deal.id,
        now,
        before=before,
        after={name: plain(value) for name, value in values.items()},
        stage_change_id=stage_change_id,
    )


def _entry(
    workspace_id: int,
    member_id: int,
    import_id: int,
    deal_id: int,
    now: datetime,
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    stage_change_id: int | None,
) -> dict[str, Any]:
    return {
        "workspace_id": workspace_id,
        "member_id": member_id,
        "action": IMPORT_ACTION,
        "deal_id": deal_id,
        "activity_id": None,
        "stage_change_id": stage_change_id,
        "before": before,
        "after": after,
        "created_at": now,
        "undone_at": None,
        "undo_of_id": None,
        "import_id": import_id,
    }
