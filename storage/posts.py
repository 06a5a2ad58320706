"""The queries behind the scheduled posts (``commands.posts``), as ``storage.reports`` is for the
funnel report: who a morning nudge may go to, what a team's standup lists, and what a rep has
done about a nudge since it was sent.

Each function reads a whole team or a whole nudge in one statement, whatever its size (the
scheduler's tick and the nudge's redraw are measured by their statement count), and is scoped to
the workspace like the rest of storage.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists
from sqlmodel import Session, col, select

from storage import outbox
from storage.models import Activity, BantRecord, Deal, Member, StageChange, Team, TeamMember


@dataclass(frozen=True)
class DealMove:
    """One standing stage change of a live deal: whose deal it is, which one, from where to where
    (``from_stage`` None: the deal was created)."""

    owner_id: int
    number: int
    name: str
    from_stage: str | None
    to_stage: str


def nudge_recipients(
    session: Session, *, workspace_id: int, job: str, gone_errors: Collection[str]
) -> list[Member]:
    """The members who own at least one open deal, by id; except a member a ``job`` post to
    whom failed with one of ``gone_errors`` (Slack's word for a deactivated account) since their
    profile was last fetched, so an admin is not told of the same departure every morning."""
    owns_open_deal = exists().where(
        col(Deal.owner_id) == col(Member.id),
        col(Deal.workspace_id) == workspace_id,
        col(Deal.status) == "open",
        col(Deal.deleted_at).is_(None),
    )
    gone = outbox.refused_since_profile(workspace_id=workspace_id, job=job, errors=gone_errors)
    return list(
        session.exec(
            select(Member)
            .where(Member.workspace_id == workspace_id, owns_open_deal, ~gone)
            .order_by(col(Member.id))
        ).all()
    )


def team_reps(
    session: Session, *, workspace_id: int, jobs: Collection[str], gone_errors: Collection[str]
) -> list[tuple[Team, Member]]:
    """Every rep of a team with their team, in one statement: whom the forecast call asks. A
    rep a post of one of ``jobs`` told Corong is gone (``gone_errors``, since their profile was
    last fetched) is left out, as for the nudge."""
    gone = [
        outbox.refused_since_profile(workspace_id=workspace_id, job=job, errors=gone_errors)
        for job in jobs
    ]
    query = (
        select(Team, Member)
        .join(TeamMember, col(TeamMember.team_id) == col(Team.id))
        .join(Member, col(Member.id) == col(TeamMember.member_id))
        .where(Team.workspace_id == workspace_id, TeamMember.role == "rep")
    )
    for condition in gone:
        query = query.where(~condition)
    rows = session.exec(query.order_by(col(Team.id), col(Member.id))).all()
    return [(team, member) for team, member in rows]


def follow_ups_due(
    session: Session, *, workspace_id: int, owner_ids: Collection[int], day: date
) -> list[Deal]:
    """The open deals of these owners whose next step is due on or before ``day``, most overdue
    first (then by number): a standup's plans for the whole team."""
    return list(
        session.exec(
            select(Deal)
            .where(
                Deal.workspace_id == workspace_id,
                col(Deal.owner_id).in_(list(owner_ids)),
                Deal.status == "open",
                col(Deal.deleted_at).is_(None),
                col(Deal.next_step_due) <= day,
            )
            .order_by(col(Deal.next_step_due), col(Deal.number))
        ).all()
    )


def stage_moves(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: Collection[int],
    start: datetime,
    end: datetime,
) -> list[DealMove]:
    """The standing stage changes in ``[start, end)`` of live deals these members own, in the
    order they happened: a standup's "yesterday" for the whole team."""
    rows = session.exec(
        select(  # type: ignore[call-overload]  # five columns: SQLModel types select() up to four
            col(Deal.owner_id),
            col(Deal.number),
            col(Deal.name),
            col(StageChange.from_stage),
            col(StageChange.to_stage),
        )
        .join(Deal, col(Deal.id) == col(StageChange.deal_id))
        .where(
            StageChange.workspace_id == workspace_id,
            col(StageChange.changed_at) >= start,
            col(StageChange.changed_at) < end,
            col(StageChange.reverted_at).is_(None),
            Deal.workspace_id == workspace_id,
            col(Deal.deleted_at).is_(None),
            col(Deal.owner_id).in_(list(owner_ids)),
        )
        .order_by(col(StageChange.changed_at), col(StageChange.id))
    ).all()
    return [DealMove(*row) for row in rows]


def deals_by_number(
    session: Session, *, workspace_id: int, numbers: Iterable[int]
) -> dict[int, Deal]:
    """The workspace's live deals with these numbers, keyed by number: the deals a sent nudge
    listed (no statement when there are none)."""
    wanted = sorted(set(numbers))
    if not wanted:
        return {}
    rows = session.exec(
        select(Deal).where(
            Deal.workspace_id == workspace_id,
            col(Deal.number).in_(wanted),
            col(Deal.deleted_at).is_(None),
        )
    ).all()
    return {deal.number: deal for deal in rows}


def deals_called_since(
    session: Session, *, workspace_id: int, deal_ids: Collection[int], since: datetime
) -> set[int]:
    """Which of these deals have a standing call logged after ``since`` (a nudged deal the rep
    has called about)."""
    if not deal_ids:
        return set()
    rows = session.exec(
        select(Activity.deal_id)
        .where(
            Activity.workspace_id == workspace_id,
            col(Activity.deal_id).in_(list(deal_ids)),
            col(Activity.occurred_at) > since,
            col(Activity.deleted_at).is_(None),
            Activity.kind == "call",
        )
        .distinct()
    ).all()
    return set(rows)


def deals_qualified_since(
    session: Session, *, workspace_id: int, deal_ids: Collection[int], since: datetime
) -> set[int]:
    """Which of these deals have a standing BANT recorded after ``since`` (a nudged deal the rep
    has qualified)."""
    if not deal_ids:
        return set()
    rows = session.exec(
        select(BantRecord.deal_id)
        .where(
            BantRecord.workspace_id == workspace_id,
            col(BantRecord.deal_id).in_(list(deal_ids)),
            col(BantRecord.created_at) > since,
            col(BantRecord.deleted_at).is_(None),
        )
        .distinct()
    ).all()
    return set(rows)
