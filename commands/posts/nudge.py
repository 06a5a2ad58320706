"""The morning nudge: a rep's own deals that need action today, and snoozing one of them.

``build_nudge`` picks the rep's open deals with a reason to act (``commands.posts.replies``
REASONS), most urgent first, with the previous work day's calls against target; a weekly
summary (``commands.posts.prefs``) looks ahead to the week's end and counts last week's calls.
The reasons follow the funnel report's hygiene definitions (``commands.reports.metrics``),
applied to one rep's deals and seen from the rep's own local day. ``nudge_payload`` is what
the outbox keeps of a sent nudge so that ``redraw_nudge`` can show the same items again, each
marked with what the rep has done about it since. ``snooze_deal`` keeps a deal out of the
nudges for a few days.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands import permissions
from commands.calendar.workdays import Away, WorkCalendar
from commands.context import CommandContext
from commands.deals.bant_scoring import stages_past_qualification
from commands.deals.resolve import resolve_deal
from commands.deals.summaries import summarize_deal, summarize_many
from commands.errors import NotAllowed, UsageError
from commands.grammar.refs import written_ref_number
from commands.localtime import day_bounds, local_midnight, previous_work_day, whole_days, zone
from commands.pipelines import LOST, WON, Pipeline
from commands.posts.prefs import WEEKLY_WHY, note_acted, week_start
from commands.posts.replies import (
    DONE_BANT,
    DONE_CALL,
    DONE_LOST,
    DONE_MOVED,
    DONE_SNOOZED,
    DONE_WON,
    DUE_TODAY,
    DUE_WEEK,
    NO_BANT,
    OVERDUE,
    REASONS,
    STALE,
    STUCK,
    UNCONTACTED,
    ItemOutcome,
    Nudge,
    NudgeItem,
)
from commands.replies import Notice
from commands.reports.metrics import stuck_cutoffs
from commands.reports.policy import ReportPolicy, calendar_of, member_calendar
from commands.reports.yardsticks import WIN_RATE_DAYS, yardsticks_for
from storage import posts, queries
from storage import reports as db
from storage.models import Deal, Workspace

NUDGE_ITEMS_SHOWN = 8
SNOOZE_DAYS = (1, 3, 7)
PAYLOAD_VERSION = 1
DAY = timedelta(days=1)

# What a stored payload may hold; anything outside is tampering or garbage.
_MAX_COUNT = 10_000_000
_MAX_TEXT = 64


# --- rules -----------------------------------------------------------------------------------


def nudge_reasons(
    deal: Deal,
    *,
    day: date,
    now: datetime,
    idle_since: datetime,
    stuck_before: Mapping[str, datetime],
    missing_bant: bool,
    due_by: date | None = None,
) -> tuple[str, ...]:
    """Every reason an open deal needs its owner's action on ``day`` (the owner's local date),
    in REASONS order. As in the funnel report: a deal is uncontacted a full day after creation
    with no activity yet, stuck when it entered its stage before the stage's cutoff, stale when
    untouched (or, never touched, created) before ``idle_since`` (the stale threshold's work
    days before ``now``)."""
    reasons = []
    due = deal.next_step_due
    if due is not None and due < day:
        reasons.append(OVERDUE)
    elif due is not None and due == day:
        reasons.append(DUE_TODAY)
    elif due is not None and due_by is not None and day < due <= due_by:
        reasons.append(DUE_WEEK)  # a weekly summary looks ahead to ``due_by``
    if deal.last_activity_at is None and deal.created_at + DAY <= now:
        reasons.append(UNCONTACTED)
    cutoff = stuck_before.get(deal.stage)
    if cutoff is not None and deal.stage_entered_at < cutoff:
        reasons.append(STUCK)
    if (deal.last_activity_at or deal.created_at) < idle_since:
        reasons.append(STALE)
    if missing_bant:
        reasons.append(NO_BANT)
    return tuple(reasons)


# --- building the nudge ----------------------------------------------------------------------


def workspace_stuck_cutoffs(
    session: Session,
    workspace: Workspace,
    pipeline: Pipeline,
    now: datetime,
    *,
    away: tuple[Away, ...] = (),
) -> dict[str, datetime]:
    """The stuck yardstick of the funnel report's hygiene: per stage, the entry time before
    which a deal is stuck, from today's yardsticks (``commands.reports.yardsticks``). The nudge
    job computes it once per workspace and passes it to ``build_nudge``; a rep's time off
    (``away``) reaches further back for their own deals."""
    assert workspace.id is not None
    policy = ReportPolicy.from_workspace(workspace)
    yardsticks = yardsticks_for(
        session,
        workspace_id=workspace.id,
        tz=zone(workspace.timezone, "UTC"),
        stages=pipeline.stages,
        now=now,
        stay_window_days=policy.cohort_days,
        win_rate_days=WIN_RATE_DAYS,
    )
    tz = zone(workspace.timezone, "UTC")
    calendar = calendar_of(session, workspace, around=now.astimezone(tz).date()).with_away(away)
    return stuck_cutoffs(yardsticks.stage_times, now, calendar, tz)


def _away_within(away: tuple[Away, ...], cutoffs: Mapping[str, datetime]) -> bool:
    """Whether some of a rep's time off falls inside the reach of the stuck cutoffs (their
    cutoffs then differ from the workspace's); time off before every cutoff changes nothing."""
    if not away or not cutoffs:
        return False
    reach = min(cutoffs.values()).date() - DAY
    return any(period.last >= reach for period in away)


@dataclass(frozen=True)
class _Candidate:
    deal: Deal
    reasons: tuple[str, ...]
    overdue_days: int

    def urgency(self) -> tuple[Any, ...]:
        """Most urgent reason first, then most overdue, longest idle, bigger value, number."""
        deal = self.deal
        return (
            REASONS.index(self.reasons[0]),
            -self.overdue_days,
            deal.last_activity_at or deal.created_at,
            -(deal.value or 0),
            deal.number,
        )


def build_nudge(
    ctx: CommandContext,
    *,
    day: date | None = None,
    stuck_cutoffs: Mapping[str, datetime] | None = None,
    weekly: str | None = None,
) -> Nudge | None:
    """The morning nudge of ``ctx.member`` for ``day`` (their local today by default), as of
    ``ctx.now``; None when nothing needs their action (an empty nudge is never sent).
    ``weekly`` (why: ``prefs.CHOSEN`` or ``prefs.NOT_ACTING``) makes it the week's summary: the
    week's most urgent deals, those due later this week included, and last week's calls."""
    day = day or ctx.today
    policy = ReportPolicy.from_workspace(ctx.workspace)
    pipeline = ctx.pipeline
    # The rep's time off is days off for their own deals: stale, stuck and overdue stand still.
    calendar = member_calendar(ctx.session, ctx.workspace, ctx.member_id, today=day)
    if stuck_cutoffs is None or _away_within(calendar.away, stuck_cutoffs):
        stuck_cutoffs = workspace_stuck_cutoffs(
            ctx.session, ctx.workspace, pipeline, ctx.now, away=calendar.away
        )
    deals = [
        deal
        for deal in queries.open_deals(
            ctx.session, workspace_id=ctx.workspace_id, owner_id=ctx.member_id
        )
        if deal.snoozed_until is None or deal.snoozed_until <= day
    ]
    unqualified = _missing_bant_ids(
        ctx, stages_past_qualification(pipeline.name, pipeline.stages), deals
    )
    idle_since = calendar.work_days_ago(ctx.now, policy.stale_days, ctx.tz)
    candidates = []
    for deal in deals:
        reasons = nudge_reasons(
            deal,
            day=day,
            now=ctx.now,
            idle_since=idle_since,
            stuck_before=stuck_cutoffs,
            missing_bant=deal.id in unqualified,
            due_by=week_start(day) + timedelta(days=6) if weekly else None,
        )
        if reasons:
            due = deal.next_step_due
            late = OVERDUE in reasons and due is not None
            overdue = calendar.work_days_late(due, day) if late and due is not None else 0
            candidates.append(_Candidate(deal, reasons, overdue))
    if not candidates:
        return None
    candidates.sort(key=_Candidate.urgency)
    shown = candidates[:NUDGE_ITEMS_SHOWN]
    summaries = summarize_many(ctx, [c.deal for c in shown])
    calls_day, start, end, calls_target = _calls_counted(day, policy, calendar, ctx.tz, weekly)
    calls = db.calls_per_member(
        ctx.session, workspace_id=ctx.workspace_id, owner_ids=[ctx.member_id], start=start, end=end
    )
    return Nudge(
        user_id=ctx.member.slack_user_id,
        day=day,
        items=tuple(
            NudgeItem(
                deal=summary,
                reasons=c.reasons,
                overdue_days=c.overdue_days,
                idle_days=whole_days(c.deal.last_activity_at or c.deal.created_at, ctx.now),
                days_in_stage=whole_days(c.deal.stage_entered_at, ctx.now),
            )
            for c, summary in zip(shown, summaries, strict=True)
        ),
        more=len(candidates) - len(shown),
        calls_day=calls_day,
        calls=calls.get(ctx.member_id, 0),
        calls_target=calls_target,
        move_stages=pipeline.stages,
        weekly=weekly,
    )


def _calls_counted(
    day: date, policy: ReportPolicy, calendar: WorkCalendar, tz: ZoneInfo, weekly: str | None
) -> tuple[date, datetime, datetime, int]:
    """The calls a nudge holds against target: the previous work day's, or for a weekly
    summary last week's (Monday to Sunday, the target times its work days): the first day,
    the UTC bounds and the target."""
    if weekly is None:
        calls_day = previous_work_day(day, policy.work_days)
        start, end = day_bounds(calls_day, tz)
        return calls_day, start, end, policy.calls_per_day
    monday = week_start(day) - timedelta(days=7)
    start, end = local_midnight(monday, tz), local_midnight(monday + timedelta(days=7), tz)
    work_days = calendar.work_days_between(monday - DAY, monday + timedelta(days=6))
    return monday, start, end, policy.calls_per_day * work_days


def _missing_bant_ids(ctx: CommandContext, stages: Sequence[str], deals: list[Deal]) -> set[int]:
    """Ids of the rep's open deals past qualification without a qualifying latest BANT, by the
    reports' own query (one count and one read, only when some deal is past qualification)."""
    past = sum(1 for deal in deals if deal.stage in stages)
    if not past:
        return set()
    sample = db.missing_bant_deals(
        ctx.session,
        workspace_id=ctx.workspace_id,
        owner_ids=[ctx.member_id],
        stages=stages,
        limit=past,
    )
    return {facts.id for facts in sample.deals}


# --- payload and redraw ----------------------------------------------------------------------


def nudge_payload(nudge: Nudge, *, sent_at: datetime) -> dict[str, Any]:
    """What the outbox keeps of a sent nudge (plain JSON): each item's deal ref, its stage when
    sent (to tell a move), reasons and numbers, plus the calls line and ``sent_at`` (to tell
    calls and BANTs logged since)."""
    if sent_at.tzinfo is None:
        raise ValueError("sent_at must be an aware datetime")
    weekly = {"weekly": nudge.weekly} if nudge.weekly else {}  # absent from a daily nudge's
    return {
        **weekly,
        "v": PAYLOAD_VERSION,
        "sent_at": sent_at.astimezone(UTC).isoformat(),
        "day": nudge.day.isoformat(),
        "calls_day": nudge.calls_day.isoformat(),
        "calls": nudge.calls,
        "calls_target": nudge.calls_target,
        "more": nudge.more,
        "items": [
            {
                "ref": item.deal.ref,
                "stage": item.deal.stage,
                "why": list(item.reasons),
                "overdue": item.overdue_days,
                "idle": item.idle_days,
                "in_stage": item.days_in_stage,
            }
            for item in nudge.items
        ],
    }


@dataclass(frozen=True)
class _SentItem:
    number: int
    stage: str
    reasons: tuple[str, ...]
    overdue_days: int
    idle_days: int
    days_in_stage: int


@dataclass(frozen=True)
class _SentNudge:
    sent_at: datetime
    day: date
    calls_day: date
    calls: int
    calls_target: int
    more: int
    items: tuple[_SentItem, ...]
    weekly: str | None = None


def redraw_nudge(ctx: CommandContext, payload: Any) -> Nudge:
    """The nudge as it was sent (same items, order, reasons and numbers), with fresh deal facts
    and what happened to each deal since: closed, moved, BANT recorded, call logged or snoozed
    (the most significant, in that order). Deals deleted, not of this workspace, or since
    given to a rep outside the viewer's reach are dropped: the old owner's nudge must not keep
    showing what the new owner does with it.
    A payload that is not one ``nudge_payload`` could have written raises ``ValueError``."""
    sent = read_nudge_payload(payload)
    numbers = [item.number for item in sent.items]
    found = posts.deals_by_number(ctx.session, workspace_id=ctx.workspace_id, numbers=numbers)
    deals = {
        number: deal for number, deal in found.items() if permissions.may_handle(ctx, deal.owner_id)
    }
    ids = [deal.id for deal in deals.values() if deal.id is not None]
    called = posts.deals_called_since(
        ctx.session, workspace_id=ctx.workspace_id, deal_ids=ids, since=sent.sent_at
    )
    qualified = posts.deals_qualified_since(
        ctx.session, workspace_id=ctx.workspace_id, deal_ids=ids, since=sent.sent_at
    )
    kept = [(item, deals[item.number]) for item in sent.items if item.number in deals]
    summaries = summarize_many(ctx, [deal for _, deal in kept])
    return Nudge(
        user_id=ctx.member.slack_user_id,
        day=sent.day,
        items=tuple(
            NudgeItem(
                deal=summary,
                reasons=item.reasons,
                overdue_days=item.overdue_days,
                idle_days=item.idle_days,
                days_in_stage=item.days_in_stage,
                outcome=item_outcome(
                    deal,
                    sent_stage=item.stage,
                    day=sent.day,
                    called=deal.id in called,
                    qualified=deal.id in qualified,
                ),
            )
            for (item, deal), summary in zip(kept, summaries, strict=True)
        ),
        more=sent.more,
        calls_day=sent.calls_day,
        calls=sent.calls,
        calls_target=sent.calls_target,
        move_stages=ctx.pipeline.stages,
        weekly=sent.weekly,
    )


def item_outcome(
    deal: Deal, *, sent_stage: str, day: date, called: bool, qualified: bool
) -> ItemOutcome | None:
    """What the rep did about a nudged deal, the most significant first: won or lost, moved to
    another stage, a BANT recorded, a call logged, snoozed past the nudge's ``day``."""
    if deal.status == WON:
        return ItemOutcome(DONE_WON)
    if deal.status == LOST:
        return ItemOutcome(DONE_LOST)
    if deal.stage != sent_stage:
        return ItemOutcome(DONE_MOVED, deal.stage)
    if qualified:
        return ItemOutcome(DONE_BANT)
    if called:
        return ItemOutcome(DONE_CALL)
    if deal.snoozed_until is not None and deal.snoozed_until > day:
        return ItemOutcome(DONE_SNOOZED, deal.snoozed_until.isoformat())
    return None


def read_nudge_payload(payload: Any) -> _SentNudge:
    """Check and read a stored payload; ``ValueError`` for anything else."""
    if not isinstance(payload, Mapping):
        raise ValueError("nudge payload: not an object")
    if _whole(payload, "v") != PAYLOAD_VERSION:
        raise ValueError("nudge payload: unknown version")
    items = payload.get("items")
    if not isinstance(items, list) or len(items) > NUDGE_ITEMS_SHOWN:
        raise ValueError("nudge payload: items must be a list of at most a screenful")
    read = tuple(_read_item(item) for item in items)
    if len({item.number for item in read}) != len(read):
        raise ValueError("nudge payload: a deal appears twice")
    weekly = payload.get("weekly")
    if weekly is not None and weekly not in WEEKLY_WHY:
        raise ValueError("nudge payload: weekly is not a reason for a weekly summary")
    return _SentNudge(
        sent_at=_moment(payload, "sent_at"),
        day=_day(payload, "day"),
        calls_day=_day(payload, "calls_day"),
        calls=_whole(payload, "calls"),
        calls_target=_whole(payload, "calls_target"),
        more=_whole(payload, "more"),
        items=read,
        weekly=weekly,
    )


def _read_item(item: Any) -> _SentItem:
    if not isinstance(item, Mapping):
        raise ValueError("nudge payload: an item is not an object")
    ref = _text(item, "ref")
    number = written_ref_number(ref)
    if number is None:
        raise ValueError("nudge payload: bad deal ref")
    why = item.get("why")
    if (
        not isinstance(why, list)
        or not why
        or not all(isinstance(reason, str) and reason in REASONS for reason in why)
        or len(set(why)) != len(why)
    ):
        raise ValueError("nudge payload: bad reasons")
    return _SentItem(
        number=number,
        stage=_text(item, "stage"),
        reasons=tuple(sorted(why, key=REASONS.index)),
        overdue_days=_whole(item, "overdue"),
        idle_days=_whole(item, "idle"),
        days_in_stage=_whole(item, "in_stage"),
    )


def _whole(data: Mapping[str, Any], name: str) -> int:
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_COUNT:
        raise ValueError(f"nudge payload: {name} is not a count")
    return value


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value or len(value) > _MAX_TEXT:
        raise ValueError(f"nudge payload: {name} is not a short text")
    return value


def _day(data: Mapping[str, Any], name: str) -> date:
    try:
        return date.fromisoformat(_text(data, name))
    except ValueError as error:
        raise ValueError(f"nudge payload: {name} is not a date") from error


def _moment(data: Mapping[str, Any], name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_text(data, name))
    except ValueError as error:
        raise ValueError(f"nudge payload: {name} is not a time") from error
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"nudge payload: {name} has no time zone")
    return moment.astimezone(UTC)


# --- snooze ----------------------------------------------------------------------------------


def snooze_deal(ctx: CommandContext, ref: str, days: int) -> Notice:
    """Keep one of the caller's open deals out of their morning nudges for 1, 3 or 7 days: it
    comes back on ``today + days``. A personal display preference, so not audited."""
    if isinstance(days, bool) or not isinstance(days, int) or days not in SNOOZE_DAYS:
        raise UsageError("nudge.snooze_days", days=days)
    deal = resolve_deal(ctx, ref)
    permissions.lock_deal(ctx, deal)
    if deal.owner_id != ctx.member_id:
        raise NotAllowed("nudge.snooze_not_owner", ref=deal.ref, name=deal.name)
    if deal.status != "open":
        raise UsageError("nudge.snooze_closed", ref=deal.ref, name=deal.name, status=deal.status)
    until = ctx.today + timedelta(days=days)
    deal.snoozed_until = until
    note_acted(ctx.member)  # a click on the nudge answers it, audited or not
    ctx.session.flush()
    return Notice(
        "nudge.snoozed", {"ref": deal.ref, "until": until}, deal=summarize_deal(ctx, deal)
    )
