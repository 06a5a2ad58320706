"""``/sales undo``: take back the caller's most recent change, and nothing else."""

from __future__ import annotations

from commands import audit
from commands.context import CommandContext
from commands.errors import UsageError
from commands.replies import Notice
from commands.summaries import summarize_deal
from storage import queries
from storage.models import Activity, StageChange

UNDO_EXAMPLE = "/sales undo"


def undo_last(ctx: CommandContext) -> Notice:
    """Revert the caller's latest change if nobody has changed that deal since."""
    entry = queries.latest_undoable(
        ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id
    )
    if entry is None or entry.deal_id is None:
        raise UsageError("undo.nothing", example="/deal add Acme 50jt")
    deal = queries.deal_by_id(ctx.session, workspace_id=ctx.workspace_id, deal_id=entry.deal_id)
    if deal is None:
        raise UsageError("undo.nothing", example="/deal add Acme 50jt")
    assert entry.id is not None
    if queries.changed_after(
        ctx.session, workspace_id=ctx.workspace_id, deal_id=entry.deal_id, entry_id=entry.id
    ):
        raise UsageError("undo.changed_since", example=f"/deal show {deal.ref}", ref=deal.ref)
    if not queries.mark_undone(ctx.session, entry_id=entry.id, when=ctx.now):
        raise UsageError("undo.nothing", example="/deal add Acme 50jt")
    before = audit.snapshot(deal)
    if entry.action == "deal.add":
        deal.deleted_at = ctx.now
    else:
        audit.restore(deal, entry.before or {})
    if entry.stage_change_id is not None:
        change = ctx.session.get(StageChange, entry.stage_change_id)
        if change is not None and change.workspace_id == ctx.workspace_id:
            change.reverted_at = ctx.now
    if entry.activity_id is not None:
        activity = ctx.session.get(Activity, entry.activity_id)
        if activity is not None and activity.workspace_id == ctx.workspace_id:
            activity.deleted_at = ctx.now
    deal.updated_at = ctx.now
    ctx.session.flush()
    audit.record(
        ctx, "undo", deal=deal, before=before, after=audit.snapshot(deal), undo_of_id=entry.id
    )
    summary = summarize_deal(ctx, deal)
    return Notice(
        f"undo.{entry.action}",
        {"ref": deal.ref, "name": deal.name},
        deal=None if entry.action == "deal.add" else summary,
    )
