"""``/sales undo``: take back the caller's most recent change, and nothing else.

Refused, with a reason, when undoing would clobber someone's later change to the same deal or
settings, or put a deal back into a stage the pipeline no longer has (or bring back a pipeline
without the stage an open deal is in).
"""

from __future__ import annotations

from commands import audit, permissions
from commands.context import CommandContext
from commands.deals.summaries import summarize_deal
from commands.errors import UsageError
from commands.i18n import Phrase
from commands.imports.undo import undo_import
from commands.pipelines import CLOSED_STAGES, pipeline_for
from commands.replies import Notice
from commands.reports.settings import BENCHMARK_ACTION, TARGETS_ACTION
from commands.workspace.pipeline import switch_pipeline
from commands.workspace.quotas import QUOTA_ACTION, undo_quota
from commands.workspace.reasons import LOST_REASONS_ACTION, undo_reasons
from commands.workspace.setup import REFS_SHOWN, SETUP_ACTION, SETUP_COLUMNS, stranded_deals
from storage import imports, queries
from storage.models import Activity, AuditEntry, BantRecord, StageChange

NOTHING_EXAMPLE = "/deal add Acme 50jt"
# Changes to the funnel report settings, with the command that shows them.
REPORT_POLICY_ACTIONS = {TARGETS_ACTION: "/sales targets", BENCHMARK_ACTION: "/sales benchmark"}


def undo_last(ctx: CommandContext) -> Notice:
    """Revert the caller's latest change if nobody has changed that deal since."""
    entry = queries.latest_undoable(
        ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id
    )
    if entry is None:
        raise UsageError("undo.nothing", example=NOTHING_EXAMPLE)
    if entry.import_id is not None:
        return _undo_import(ctx, entry.import_id)
    if entry.action.startswith(("team.", "admin.")):
        # Teams and admins are changed back with their own commands, which say what they did.
        raise UsageError("undo.team_change", example="/sales team")
    if entry.action.startswith("workspace."):
        # Taking back a settings change is changing the settings: an admin who was since
        # named off may not.
        permissions.require_admin(ctx, example="/sales undo")
    if entry.action == "workspace.pipeline":
        return _undo_pipeline_switch(ctx, entry)
    if entry.action == "workspace.bant_policy":
        queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
        if ctx.workspace.bant_policy != (entry.after or {}).get("bant_policy"):
            raise UsageError("undo.settings_changed_since", example="/sales bant")
        _claim(ctx, entry)
        ctx.workspace.bant_policy = (entry.before or {}).get("bant_policy")
        audit.record(ctx, "undo", before=entry.after, after=entry.before, undo_of_id=entry.id)
        return Notice("undo.workspace.bant_policy")
    if entry.action == LOST_REASONS_ACTION:
        return undo_reasons(ctx, entry, _claim)
    if entry.action == QUOTA_ACTION:
        return undo_quota(ctx, entry, _claim)
    if entry.action in REPORT_POLICY_ACTIONS:
        return _undo_report_policy(ctx, entry)
    if entry.action == SETUP_ACTION:
        return _undo_setup(ctx, entry)
    return _undo_deal_change(ctx, entry)


def _undo_import(ctx: CommandContext, import_id: int) -> Notice:
    """An import is one change: every deal it added or changed is taken back together."""
    batch = imports.get_import(ctx.session, workspace_id=ctx.workspace_id, import_id=import_id)
    if batch is None or batch.undone_at is not None:
        raise UsageError("undo.nothing", example=NOTHING_EXAMPLE)
    undone = undo_import(ctx.session, workspace_id=ctx.workspace_id, batch=batch, when=ctx.now)
    ctx.changed = True
    return Notice(
        "import.undone_activities" if batch.kind == "activities" else "import.undone",
        {"file": batch.file_name, "removed": undone.removed, "restored": undone.restored},
    )


def _undo_setup(ctx: CommandContext, entry: AuditEntry) -> Notice:
    """Put back every setting one ``/sales setup`` submission changed, or none of them: refused
    if another admin changed any of them since, or if the old pipeline lacks the stage of a
    deal that is open now."""
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    before = {k: v for k, v in (entry.before or {}).items() if k in SETUP_COLUMNS}
    after = {k: v for k, v in (entry.after or {}).items() if k in SETUP_COLUMNS}
    if any(getattr(ctx.workspace, column) != value for column, value in after.items()):
        raise UsageError("undo.setup_changed_since", example="/sales setup")
    if "pipeline" in before:
        old = pipeline_for(before["pipeline"] or "", before.get("custom_stages"))
        stranded = stranded_deals(ctx, old)
        if stranded:
            raise UsageError(
                "undo.setup_stranded",
                example=Phrase("example.deal_list_all"),
                count=len(stranded),
                refs=", ".join(deal.ref for deal in stranded[:REFS_SHOWN]),
            )
    _claim(ctx, entry)
    for column, value in before.items():
        setattr(ctx.workspace, column, value)
    audit.record(ctx, "undo", before=after, after=before, undo_of_id=entry.id)
    return Notice("undo.workspace.settings")


def _undo_report_policy(ctx: CommandContext, entry: AuditEntry) -> Notice:
    """Put the funnel report settings back, unless another admin changed them since."""
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=True)
    if ctx.workspace.report_policy != (entry.after or {}).get("report_policy"):
        raise UsageError(
            "undo.report_settings_changed_since", example=REPORT_POLICY_ACTIONS[entry.action]
        )
    _claim(ctx, entry)
    ctx.workspace.report_policy = (entry.before or {}).get("report_policy")
    audit.record(ctx, "undo", before=entry.after, after=entry.before, undo_of_id=entry.id)
    return Notice(f"undo.{entry.action}")


def _claim(ctx: CommandContext, entry: AuditEntry) -> None:
    """Mark the entry undone, or fail if a concurrent undo got there first."""
    assert entry.id is not None
    if not queries.mark_undone(ctx.session, entry_id=entry.id, when=ctx.now):
        raise UsageError("undo.nothing", example=NOTHING_EXAMPLE)


def _undo_pipeline_switch(ctx: CommandContext, entry: AuditEntry) -> Notice:

    previous = (entry.before or {}).get("pipeline", "funnel4")
    _claim(ctx, entry)
    switch_pipeline(ctx, previous, record=False)
    audit.record(ctx, "undo", before=entry.after, after={"pipeline": previous}, undo_of_id=entry.id)
    return Notice("undo.workspace.pipeline", {"preset": previous})


def _undo_deal_change(ctx: CommandContext, entry: AuditEntry) -> Notice:
    deal = (
        queries.deal_by_id(ctx.session, workspace_id=ctx.workspace_id, deal_id=entry.deal_id)
        if entry.deal_id is not None
        else None
    )
    if deal is None:
        raise UsageError("undo.nothing", example=NOTHING_EXAMPLE)
    queries.lock_workspace(ctx.session, ctx.workspace, exclusive=False)
    permissions.lock_deal(ctx, deal)  # a manager since taken off the team may not undo
    previous_owner = (entry.before or {}).get("owner_id")
    if entry.action == "deal.assign" and isinstance(previous_owner, int):
        # Handing it back is a reassign too: the old owner must still be in the caller's reach.
        back_to = queries.get_member(
            ctx.session, workspace_id=ctx.workspace_id, member_id=previous_owner
        )
        if back_to is None:
            raise UsageError("undo.nothing", example=NOTHING_EXAMPLE)
        permissions.check_reassign(ctx, deal, back_to, example="/sales undo")
    assert entry.id is not None
    if queries.changed_after(
        ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id or 0, entry_id=entry.id
    ):
        raise UsageError("undo.changed_since", example=f"/deal show {deal.ref}", ref=deal.ref)
    restored_stage = (entry.before or {}).get("stage")
    if (
        entry.action != "deal.add"
        and restored_stage not in ctx.pipeline.stages
        and restored_stage not in CLOSED_STAGES
    ):
        raise UsageError(
            "undo.stage_gone", example=f"/deal move {deal.ref}", ref=deal.ref, stage=restored_stage
        )
    _claim(ctx, entry)
    before = audit.snapshot(deal)
    if entry.action == "deal.add":
        deal.deleted_at = ctx.now
    else:
        audit.restore(deal, entry.before or {})
    bant_id = (entry.after or {}).get("bant_id")
    if entry.action == "bant.submit" and bant_id is not None:
        record = ctx.session.get(BantRecord, bant_id)
        if record is not None and record.workspace_id == ctx.workspace_id:
            record.deleted_at = ctx.now
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
    return Notice(
        f"undo.{entry.action}",
        {"ref": deal.ref, "name": deal.name},
        deal=None if entry.action == "deal.add" else summarize_deal(ctx, deal),
    )
