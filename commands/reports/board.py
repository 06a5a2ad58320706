"""``/pipeline``: open deals by stage with value, age and staleness, most urgent first.

``/pipeline`` (mine), ``/pipeline @budi``, ``/pipeline team [name]``, ``/pipeline all``. Stages
come in pipeline order; within a stage the deal that most needs a call comes first: an overdue
next step (most overdue first), then stale deals (longest untouched first), then the rest by
how long they have sat, bigger values first on ties. Pages of ``PAGE_SIZE``; the stage totals
and the counts of stale and overdue deals always cover the whole scope.
"""

from __future__ import annotations

from datetime import date, datetime

from commands.calendar.lookup import time_off_reaching
from commands.calendar.workdays import WorkCalendar
from commands.context import CommandContext
from commands.deals.summaries import stage_totals, summarize_many
from commands.grammar import Token
from commands.i18n import Phrase
from commands.localtime import whole_days
from commands.replies import DealSummary
from commands.reports.policy import ReportPolicy, calendar_of
from commands.reports.replies import BoardRow, PipelineBoard
from commands.reports.scopes import parse_scope, scope_managers
from storage import queries
from storage.models import Deal

PAGE_SIZE = 20
EXAMPLE = Phrase("example.pipeline_team")  # /pipeline team


def board_row(
    deal: Deal,
    summary: DealSummary,
    now: datetime,
    today: date,
    idle_since: datetime,
    calendar: WorkCalendar,
    *,
    manager_owner: bool = False,
) -> BoardRow:
    """A deal's place on the board as of ``now``: age in stage, idleness (stale when untouched
    since before ``idle_since``), and how many work days its next step is late."""
    last_touch = deal.last_activity_at or deal.created_at
    due = deal.next_step_due
    overdue = calendar.work_days_late(due, today) if due else 0
    return BoardRow(
        deal=summary,
        days_in_stage=whole_days(deal.stage_entered_at, now),
        idle_days=whole_days(last_touch, now),
        overdue_days=overdue,
        stale=last_touch < idle_since,
        contacted=deal.last_activity_at is not None,
        manager_owner=manager_owner,
    )


def urgency_key(row: BoardRow) -> tuple[int, ...]:
    """Sort key within a stage: overdue first, then stale, then longest idle, bigger first."""
    value = row.deal.value.value if row.deal.value is not None else 0
    return (-int(row.overdue_days > 0), -row.overdue_days, -int(row.stale), -row.idle_days, -value)


def run_pipeline(ctx: CommandContext, tokens: list[Token], *, offset: int = 0) -> PipelineBoard:
    """The board for the scope the tokens name (the caller's own deals by default)."""
    scope = parse_scope(ctx, tokens, example=EXAMPLE)
    stale_days = ReportPolicy.from_workspace(ctx.workspace).stale_days
    calendar = calendar_of(ctx.session, ctx.workspace, around=ctx.today)
    idle_since = calendar.work_days_ago(ctx.now, stale_days, ctx.tz)
    deals = (
        []
        if scope.owner_ids == ()
        else queries.open_deals(
            ctx.session, workspace_id=ctx.workspace_id, owner_ids=scope.owner_ids
        )
    )
    # An owner's time off is days off for their deals' stale and overdue counts.
    away = time_off_reaching(
        ctx.session, ctx.workspace_id, today=ctx.today, member_ids=scope.owner_ids
    )
    theirs = {owner: calendar.with_away(periods) for owner, periods in away.items()}
    idle = {owner: cal.work_days_ago(ctx.now, stale_days, ctx.tz) for owner, cal in theirs.items()}
    summaries = summarize_many(ctx, deals)
    managers = scope_managers(ctx, scope) if deals and scope.kind != "mine" else frozenset()
    rows = [
        board_row(
            deal,
            summary,
            ctx.now,
            ctx.today,
            idle.get(deal.owner_id, idle_since),
            theirs.get(deal.owner_id, calendar),
            manager_owner=deal.owner_id in managers,
        )
        for deal, summary in zip(deals, summaries, strict=True)
    ]
    pipeline = ctx.pipeline
    ordered = sorted(
        zip(deals, rows, strict=True),
        key=lambda pair: (pipeline.index(pair[0].stage), urgency_key(pair[1]), pair[0].number),
    )
    last_page = max(0, (len(ordered) - 1) // PAGE_SIZE * PAGE_SIZE)
    offset = max(0, min(offset, last_page))  # a stale "next" shows the last page, whole
    page = tuple(row for _deal, row in ordered[offset : offset + PAGE_SIZE])
    return PipelineBoard(
        scope=scope,
        rows=page,
        total=len(deals),
        offset=offset,
        page_size=PAGE_SIZE,
        stage_totals=stage_totals([deal for deal, _row in ordered]),
        stale_count=sum(1 for row in rows if row.stale),
        overdue_count=sum(1 for row in rows if row.overdue_days),
        stale_days=stale_days,
    )
