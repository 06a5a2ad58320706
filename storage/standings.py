"""Per-person sums for attainment tables and the digest's leaderboard: bookings per deal owner,
and calls and meetings per member, over a period.

The funnel report's queries (``storage.reports``) sum a whole scope; these split the same rows
by person, with the same rules for what stands: deals and activities not deleted, activities
on deals not deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, and_, case, func, or_, type_coerce
from sqlmodel import Session, col, select

from storage.models import Activity, Deal
from storage.reports import WON, _live_activities, _live_deals

# A meeting: an activity logged as one (the activities import reads "meeting", "rapat"), or a
# call whose outcome was a meeting booked (``/call acme meeting``).
MEETING_KIND = "meeting"
MEETING_OUTCOME = "meeting_booked"


def won_value_per_owner(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: Sequence[int],
    start: datetime,
    end: datetime,
    currency: str,
) -> dict[int, int]:
    """The value of deals won in ``[start, end)`` in ``currency``, per owner who won any."""
    if not owner_ids:
        return {}
    rows = session.exec(
        select(
            col(Deal.owner_id),
            type_coerce(func.coalesce(func.sum(Deal.value), 0), BigInteger),
        )
        .where(
            col(Deal.closed_at) >= start,
            col(Deal.closed_at) < end,
            Deal.status == WON,
            Deal.currency == currency,
            *_live_deals(workspace_id, owner_ids),
        )
        .group_by(col(Deal.owner_id))
    ).all()
    return {int(owner): int(value) for owner, value in rows}


@dataclass(frozen=True)
class CallsAndMeetings:
    """What one member logged in a period: calls, and meetings (``MEETING_KIND`` activities
    and calls that booked one; such a call counts as both)."""

    calls: int
    meetings: int


def calls_and_meetings(
    session: Session,
    *,
    workspace_id: int,
    member_ids: Sequence[int],
    start: datetime,
    end: datetime,
) -> dict[int, CallsAndMeetings]:
    """Calls and meetings logged in ``[start, end)`` per member who logged either."""
    if not member_ids:
        return {}
    is_call = case((col(Activity.kind) == "call", 1))
    is_meeting = case(
        (
            or_(
                col(Activity.kind) == MEETING_KIND,
                and_(col(Activity.kind) == "call", col(Activity.outcome) == MEETING_OUTCOME),
            ),
            1,
        )
    )
    query = (
        select(col(Activity.member_id), func.count(is_call), func.count(is_meeting))
        .where(*_live_activities(session, workspace_id, member_ids, start, end))
        .group_by(col(Activity.member_id))
    )
    rows = session.connection().execute(query)
    return {
        int(member): CallsAndMeetings(int(calls), int(meetings))
        for member, calls, meetings in rows
        if calls or meetings
    }
