"""The audit log: every change with who, what, before and after; what undo and history read."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from commands.context import CommandContext
from commands.posts.prefs import note_acted
from storage import changes
from storage.models import Deal

# The deal fields a change can touch and undo can restore.
RESTORABLE_FIELDS = (
    "owner_id",
    "snoozed_until",
    "stage",
    "status",
    "value",
    "currency",
    "next_step",
    "next_step_due",
    "lost_reason",
    "lost_reason_key",
    "stage_entered_at",
    "last_activity_at",
    "closed_at",
    "updated_at",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(deal: Deal) -> dict[str, Any]:
    """A JSON-safe copy of the fields a change can touch."""
    return {name: _plain(getattr(deal, name)) for name in RESTORABLE_FIELDS}


def restore(deal: Deal, saved: dict[str, Any]) -> None:
    """Put back the fields of a snapshot."""
    for name in RESTORABLE_FIELDS:
        if name not in saved:  # a snapshot taken before the field was recorded
            continue
        value = saved[name]
        if value is not None and name.endswith("_at"):
            value = datetime.fromisoformat(value)
        elif value is not None and name in ("next_step_due", "snoozed_until"):
            value = date.fromisoformat(value)
        setattr(deal, name, value)


def record(
    ctx: CommandContext,
    action: str,
    *,
    deal: Deal | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    activity_id: int | None = None,
    stage_change_id: int | None = None,
    undo_of_id: int | None = None,
) -> None:
    """Write one audit entry in the current unit of work; the caller's App Home and today's
    nudge are then out of date (``ctx.changed``), and they acted on their latest nudge."""
    changes.add_audit_entry(
        ctx.session,
        workspace_id=ctx.workspace_id,
        member_id=ctx.member_id,
        action=action,
        deal_id=deal.id if deal is not None else None,
        before=before,
        after=after,
        activity_id=activity_id,
        stage_change_id=stage_change_id,
        undo_of_id=undo_of_id,
        created_at=ctx.now,
    )
    ctx.changed = True
    note_acted(ctx.member)
