"""Build the reply values that describe deals, from rows of the caller's workspace."""

from __future__ import annotations

from commands.context import CommandContext
from commands.deals.lost_reasons import reason_label
from commands.pipelines import LOST
from commands.replies import DealSummary, HistoryItem, Money, StageTotal
from storage import queries
from storage.models import Deal, Member, Workspace


def summarize(deal: Deal, owner: Member | None, workspace: Workspace | None = None) -> DealSummary:
    """The card/list facts of one deal (a lost one's reason labelled from ``workspace``'s
    list when given)."""
    reason = None
    if deal.status == LOST and deal.lost_reason_key and workspace is not None:
        reason = reason_label(deal.lost_reason_key, workspace)
    return DealSummary(
        ref=deal.ref,
        name=deal.name,
        stage=deal.stage,
        status=deal.status,
        value=Money(deal.value, deal.currency) if deal.value is not None else None,
        owner_user_id=owner.slack_user_id if owner else "",
        contact=deal.contact,
        close_date=deal.close_date,
        next_step=deal.next_step,
        next_step_due=deal.next_step_due,
        lost_reason=deal.lost_reason,
        created_at=deal.created_at,
        stage_entered_at=deal.stage_entered_at,
        last_activity_at=deal.last_activity_at,
        lead_source=deal.lead_source,
        lost_reason_label=reason,
    )


def stage_totals(deals: list[Deal]) -> tuple[StageTotal, ...]:
    """Count and value per currency of each stage, in the order the deals come (sorted first)."""
    totals: dict[str, dict[str, int]] = {}
    counts: dict[str, int] = {}
    for deal in deals:
        counts[deal.stage] = counts.get(deal.stage, 0) + 1
        if deal.value is not None:
            by_currency = totals.setdefault(deal.stage, {})
            by_currency[deal.currency] = by_currency.get(deal.currency, 0) + deal.value
    return tuple(
        StageTotal(
            stage,
            counts[stage],
            tuple(Money(v, c) for c, v in sorted(totals.get(stage, {}).items())),
        )
        for stage in counts
    )


def summarize_deal(ctx: CommandContext, deal: Deal) -> DealSummary:
    """Summarize one deal, looking its owner up in the same workspace."""
    owner = queries.get_member(ctx.session, workspace_id=ctx.workspace_id, member_id=deal.owner_id)
    return summarize(deal, owner, ctx.workspace)


def summarize_many(ctx: CommandContext, deals: list[Deal]) -> list[DealSummary]:
    """Summaries of many deals with one owner look-up."""
    owners = queries.members_by_id(
        ctx.session, workspace_id=ctx.workspace_id, ids=sorted({d.owner_id for d in deals})
    )
    return [summarize(deal, owners.get(deal.owner_id), ctx.workspace) for deal in deals]


def deal_history(ctx: CommandContext, deal: Deal) -> list[HistoryItem]:
    """Stage moves, activities and BANT qualifications of a deal, newest first."""
    assert deal.id is not None
    moves = queries.stage_history(ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id)
    activities = queries.deal_activities(
        ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id
    )
    qualifications = queries.bant_history(
        ctx.session, workspace_id=ctx.workspace_id, deal_id=deal.id
    )
    actor_ids = (
        {m.member_id for m in moves}
        | {a.member_id for a in activities}
        | {b.member_id for b in qualifications}
    )
    actors = queries.members_by_id(
        ctx.session, workspace_id=ctx.workspace_id, ids=sorted(actor_ids)
    )

    def who(member_id: int) -> str:
        member = actors.get(member_id)
        return member.slack_user_id if member else ""

    # The move that closed a lost deal names why (only the standing loss: a deal reopens only by
    # undo, which takes its move back too).
    lost = deal.status == LOST and deal.lost_reason_key is not None
    reason = reason_label(deal.lost_reason_key or "", ctx.workspace) if lost else None

    items = (
        [
            HistoryItem(
                at=m.changed_at,
                kind="created" if m.from_stage is None else "stage",
                actor_user_id=who(m.member_id),
                from_stage=m.from_stage,
                to_stage=m.to_stage,
                reason=reason if m.to_stage == LOST else None,
                notes=deal.lost_reason if reason is not None and m.to_stage == LOST else None,
            )
            for m in moves
        ]
        + [
            HistoryItem(
                at=a.occurred_at,
                kind=a.kind,
                actor_user_id=who(a.member_id),
                outcome=a.outcome,
                duration_seconds=a.duration_seconds,
                notes=a.notes,
            )
            for a in activities
        ]
        + [
            HistoryItem(
                at=b.created_at,
                kind="bant",
                actor_user_id=who(b.member_id),
                outcome=b.verdict,
                score=b.score,
            )
            for b in qualifications
        ]
    )
    return sorted(items, key=lambda item: item.at, reverse=True)
