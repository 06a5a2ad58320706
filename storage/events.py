"""Events API deliveries, claimed once: Slack retries an event it thinks went unanswered (up to
three times, the same ``event_id`` each time), and every replica sharing the database must
recognise the retry.

An attempt claims the event by inserting its ``HandledEvent`` row (``INSERT ... ON CONFLICT DO
NOTHING``: of two replicas racing, one inserts and the other gets nothing back, never an
error), handles it, and then marks it finished, or releases it when handling failed so that
Slack's next retry is handled afresh. A row left unfinished by an attempt that died is taken
over, with a conditional UPDATE, once its lease is over. Rows older than a day are deleted by
the claims themselves, so the table stays small without a job of its own.

Every function runs inside the caller's transaction and the caller commits; a claim must be
committed before the event is handled, so other replicas see it.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Result, delete, update
from sqlmodel import Session, col, select

from storage.db import insert_unless_present
from storage.models import HandledEvent

KEEP_FOR = timedelta(days=1)  # Slack's last retry comes about five minutes after the first try
EVENT_TYPE_LENGTH = 64  # HandledEvent.event_type's column size


class Claim(enum.Enum):
    """What a delivery of an event should do."""

    HANDLE = "handle"  # the first delivery, or a retry after an attempt that died or failed
    HANDLED = "handled"  # handled already: acknowledge and do nothing
    IN_PROGRESS = "in progress"  # another attempt is at work on it right now


def claim(
    session: Session,
    event_id: str,
    *,
    event_type: str,
    team_id: str | None,
    attempt: str,
    now: datetime,
    lease: timedelta,
) -> Claim:
    """Claim ``event_id`` for ``attempt`` (unique per delivery, at most 32 characters).

    HANDLE when this attempt now holds it: nobody had it, or the attempt that had it died (its
    lease of ``lease`` ran out before it finished). Also forgets events claimed over a day ago.
    """
    forget_before(session, now - KEEP_FOR)
    values = {
        "event_id": event_id,
        "event_type": event_type[:EVENT_TYPE_LENGTH],
        "team_id": team_id,
        "claimed_by": attempt,
        "claimed_at": now,
    }
    statement = insert_unless_present(session, HandledEvent, values)
    inserted = session.execute(statement.returning(col(HandledEvent.event_id))).first()
    if inserted is not None:
        return Claim.HANDLE

    row = session.exec(
        select(
            col(HandledEvent.finished_at),
            col(HandledEvent.claimed_at),
            col(HandledEvent.claimed_by),
        ).where(HandledEvent.event_id == event_id)
    ).first()
    if row is None:  # pragma: no cover - the conflicting row cannot vanish mid-transaction
        return Claim.IN_PROGRESS
    finished_at, claimed_at, holder = row
    if finished_at is not None:
        return Claim.HANDLED
    if claimed_at + lease > now:
        return Claim.IN_PROGRESS
    # The holder died: take the row over, unless another replica just did (the WHERE decides).
    taken = session.execute(
        update(HandledEvent)
        .where(
            col(HandledEvent.event_id) == event_id,
            col(HandledEvent.finished_at).is_(None),
            col(HandledEvent.claimed_by) == holder,
        )
        .values(claimed_by=attempt, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return Claim.HANDLE if _rowcount(taken) == 1 else Claim.IN_PROGRESS


def finish(session: Session, event_id: str, *, attempt: str, now: datetime) -> bool:
    """Record that ``attempt`` handled the event; False when another attempt has it now."""
    done = session.execute(
        update(HandledEvent)
        .where(col(HandledEvent.event_id) == event_id, col(HandledEvent.claimed_by) == attempt)
        .values(finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(done) == 1


def release(session: Session, event_id: str, *, attempt: str) -> bool:
    """Give the event up after handling failed, so Slack's next retry is handled afresh."""
    gone = session.execute(
        delete(HandledEvent)
        .where(
            col(HandledEvent.event_id) == event_id,
            col(HandledEvent.claimed_by) == attempt,
            col(HandledEvent.finished_at).is_(None),
        )
        .execution_options(synchronize_session=False)
    )
    return _rowcount(gone) == 1


def forget_before(session: Session, cutoff: datetime) -> int:
    """Delete the events claimed before ``cutoff``; how many went."""
    gone = session.execute(
        delete(HandledEvent)
        .where(col(HandledEvent.claimed_at) < cutoff)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(gone)


def _rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE touched (SQLModel types its result as a plain Result)."""
    return cast("CursorResult[Any]", result).rowcount
