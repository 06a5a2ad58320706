"""Members' time off: who is away on which days, set with ``/sales away`` or read from a Slack
status (``commands.calendar.away``).

A member has at most one time off on any day: a new one replaces those it overlaps. Ending one
early moves its last day; one that has not begun is simply dropped.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.models import Member, TimeOff

COMMAND, SLACK_STATUS = "command", "slack_status"


def time_off_between(
    session: Session,
    *,
    workspace_id: int,
    start: date,
    end: date,
    member_ids: Collection[int] | None = None,
) -> list[TimeOff]:
    """The workspace's time off with a day in ``[start, end]`` (of ``member_ids`` only, when
    given), by member and first day: one statement for a whole schedule or report."""
    if member_ids is not None and not member_ids:
        return []
    query = select(TimeOff).where(
        col(TimeOff.workspace_id) == workspace_id,
        col(TimeOff.last_day) >= start,
        col(TimeOff.first_day) <= end,
    )
    if member_ids is not None:
        query = query.where(col(TimeOff.member_id).in_(sorted(set(member_ids))))
    return list(session.exec(query.order_by(col(TimeOff.member_id), col(TimeOff.first_day))))


def member_time_off(
    session: Session, *, workspace_id: int, member_id: int, since: date
) -> list[TimeOff]:
    """One member's time off that has not ended before ``since``, soonest first."""
    return list(
        session.exec(
            select(TimeOff)
            .where(
                col(TimeOff.workspace_id) == workspace_id,
                col(TimeOff.member_id) == member_id,
                col(TimeOff.last_day) >= since,
            )
            .order_by(col(TimeOff.first_day))
        )
    )


def set_time_off(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    first: date,
    last: date,
    source: str,
    note: str,
    set_by: int | None,
    now: datetime,
) -> TimeOff:
    """The member is away from ``first`` to ``last``; the time off this overlaps is replaced."""
    session.execute(
        delete(TimeOff).where(
            col(TimeOff.workspace_id) == workspace_id,
            col(TimeOff.member_id) == member_id,
            col(TimeOff.last_day) >= first,
            col(TimeOff.first_day) <= last,
        )
    )
    return add_time_off(
        session,
        workspace_id=workspace_id,
        member_id=member_id,
        first=first,
        last=last,
        source=source,
        note=note,
        set_by=set_by,
        now=now,
    )


def add_time_off(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    first: date,
    last: date,
    source: str,
    note: str,
    set_by: int | None,
    now: datetime,
) -> TimeOff:
    """A new time off of the member, from ``first`` to ``last``, overlapping none of theirs
    (the caller made sure)."""
    row = TimeOff(
        workspace_id=workspace_id,
        member_id=member_id,
        first_day=first,
        last_day=last,
        source=source,
        note=note,
        set_by=set_by,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row


def move_last_day(session: Session, *, row: TimeOff, last: date, note: str, now: datetime) -> None:
    """The time off now ends on ``last`` (a Slack status given a new expiry), noted anew."""
    row.last_day, row.note, row.updated_at = last, note, now
    session.add(row)
    session.flush()


def end_time_off(session: Session, *, row: TimeOff, today: date, now: datetime) -> bool:
    """End the time off before ``today``: True when it had begun (its last day is now the day
    before), False when it had not and is dropped."""
    if row.first_day >= today:
        session.delete(row)
        session.flush()
        return False
    row.last_day, row.updated_at = today - timedelta(days=1), now
    session.add(row)
    session.flush()
    return True


def status_away_users(session: Session, *, workspace_id: int, start: date, end: date) -> set[str]:
    """The Slack user ids of the workspace's members away in ``[start, end]`` by a time off
    from their Slack status: whose status is read again before their nudge."""
    rows = session.exec(
        select(Member.slack_user_id)
        .join(TimeOff, col(TimeOff.member_id) == col(Member.id))
        .where(
            col(TimeOff.workspace_id) == workspace_id,
            col(TimeOff.source) == SLACK_STATUS,
            col(TimeOff.last_day) >= start,
            col(TimeOff.first_day) <= end,
        )
    ).all()
    return set(rows)
