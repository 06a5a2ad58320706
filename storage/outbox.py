"""The outbox of scheduled posts: claim a slot, send it, record how it went.

A post is claimed before it is sent by inserting its ``Delivery`` row; the unique key
(workspace, job, target, period) lets exactly one replica insert it, and the loser gets nothing
back (``INSERT ... ON CONFLICT DO NOTHING``, never an error). The winner holds a lease: while it
lasts the row is its alone, and every later write (sent, retry, failed, skipped, progress) is made
only if the row is still leased to the same owner. A sender that dies leaves a ``sending`` row
whose lease runs out; the next claim takes it over with a conditional UPDATE, so again only one
replica wins.

Every function runs inside the caller's transaction and the caller commits. ``owner`` must be
unique per running process (host, pid and a random part, say) and at most 64 characters.

This is the only module that reads or writes the ``delivery`` table: the scheduler, the App Home
and ``corong jobs`` ask it, and name its rows' type (``Delivery``) from here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, delete, exists, func, or_, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from storage.db import insert_unless_present
from storage.models import Delivery, Member

SENDING, SENT, RETRY, FAILED, SKIPPED = "sending", "sent", "retry", "failed", "skipped"
QUEUED = "queued"  # written by the change that earned it (a deal alert), not yet claimed
STATUSES = (QUEUED, SENDING, SENT, RETRY, FAILED, SKIPPED)
ERROR_LENGTH = 200  # Delivery.error's column size
# What ``error`` says on a row that failed for good (``corong jobs status`` shows it as is, the
# admins' App Home sorts it): Slack's own error code when Slack refused the post; GAVE_UP and the
# last failure when a failure worth retrying (a 429, a 5xx, no answer) outlasted the attempts or
# the grace window, the failure starting with CONNECTION (after any "token_refresh_failed:") when
# Slack never answered; or one of Corong's own reasons (CORONG_REASONS).
GAVE_UP = "gave_up:"
CONNECTION = "connection:"
EXPIRED, SENDER_DIED, INTERNAL_ERROR = "expired", "sender_died", "internal_error_in_corong"
OVER_BUDGET = "daily_budget_reached"  # held: the workspace's scheduled posts of the day ran out
CORONG_REASONS = frozenset({EXPIRED, SENDER_DIED, INTERNAL_ERROR, OVER_BUDGET})
# pg_advisory_xact_lock's first key for a workspace's budget count (the second is its id).
_BUDGET_LOCK = 0x434F52
_KEY_COLUMNS = ("workspace_id", "job", "target", "period")


@dataclass(frozen=True)
class SlotKey:
    """What makes a post unique: one per workspace, job, target and period."""

    workspace_id: int
    job: str
    target: str
    period: str


def claim(
    session: Session,
    key: SlotKey,
    *,
    fire_at: datetime,
    now: datetime,
    owner: str,
    lease: timedelta,
) -> Delivery | None:
    """The new ``sending`` row for ``key`` leased to ``owner``, or None when another claim has
    it. A ``sending`` row whose lease ran out (its sender died) is taken over, attempts + 1."""
    values = {
        "workspace_id": key.workspace_id,
        "job": key.job,
        "target": key.target,
        "period": key.period,
        "fire_at": fire_at,
        "status": SENDING,
        "attempts": 1,
        "lease_owner": owner,
        "lease_until": now + lease,
        "created_at": now,
        "updated_at": now,
    }
    dialect = session.get_bind().dialect.name
    statement: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        inserted = postgresql.insert(Delivery).values(values)
        statement = inserted.on_conflict_do_nothing(index_elements=list(_KEY_COLUMNS))
    elif dialect == "sqlite":
        inserted_sqlite = sqlite.insert(Delivery).values(values)
        statement = inserted_sqlite.on_conflict_do_nothing(index_elements=list(_KEY_COLUMNS))
    else:  # pragma: no cover - Corong runs on SQLite and PostgreSQL only
        raise NotImplementedError(f"no outbox claims on {dialect}")
    new_id = session.execute(statement.returning(col(Delivery.id))).scalar_one_or_none()
    if new_id is not None:
        return _load(session, new_id)

    existing = session.exec(
        select(col(Delivery.id)).where(
            Delivery.workspace_id == key.workspace_id,
            Delivery.job == key.job,
            Delivery.target == key.target,
            Delivery.period == key.period,
        )
    ).first()
    if existing is None:  # pragma: no cover - the conflicting row cannot vanish mid-transaction
        return None
    taken = _take(
        session,
        existing,
        and_(col(Delivery.status) == SENDING, col(Delivery.lease_until) < now),
        now=now,
        owner=owner,
        lease=lease,
    )
    return _load(session, existing) if taken else None


def claim_due(
    session: Session,
    *,
    now: datetime,
    owner: str,
    lease: timedelta,
    limit: int,
    except_jobs: Collection[str] = (),
) -> list[Delivery]:
    """Up to ``limit`` rows to send again, leased to ``owner``: retries whose time has come and
    ``sending`` rows whose sender's lease ran out. Two replicas never get the same row. Rows of
    ``except_jobs`` are left to their own claimer (deal alerts go out in batches)."""
    due = _due(now)
    ids = session.exec(
        select(col(Delivery.id))
        .where(due, col(Delivery.job).not_in(tuple(except_jobs)) if except_jobs else true())
        .order_by(col(Delivery.fire_at), col(Delivery.id))
        .limit(limit)
        # PostgreSQL: a row another replica is taking is skipped, not waited for (SQLite
        # serialises writers anyway and ignores the clause).
        .with_for_update(skip_locked=True)
    ).all()
    taken = [
        delivery_id
        for delivery_id in ids
        if delivery_id is not None
        and _take(session, delivery_id, due, now=now, owner=owner, lease=lease)
    ]
    if not taken:
        return []
    return list(
        session.exec(
            select(Delivery)
            .where(col(Delivery.id).in_(taken))
            .order_by(col(Delivery.fire_at), col(Delivery.id))
            .execution_options(populate_existing=True)
        ).all()
    )


def enqueue(session: Session, key: SlotKey, *, now: datetime) -> bool:
    """Queue a post for the next look at the outbox, in the caller's transaction: written with
    the change that earned it, it is lost with that change or kept with it, whatever happens to
    the process after the commit. The key exists once: a post already queued or gone out is not
    queued again (False), while one skipped because it no longer applied is queued anew."""
    values = {
        "workspace_id": key.workspace_id,
        "job": key.job,
        "target": key.target,
        "period": key.period,
        "fire_at": now,
        "status": QUEUED,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "updated_at": now,
    }
    statement = insert_unless_present(session, Delivery, values)
    if session.execute(statement.returning(col(Delivery.id))).scalar_one_or_none() is not None:
        return True
    again = session.execute(
        update(Delivery)
        .where(
            col(Delivery.workspace_id) == key.workspace_id,
            col(Delivery.job) == key.job,
            col(Delivery.target) == key.target,
            col(Delivery.period) == key.period,
            col(Delivery.status) == SKIPPED,
        )
        .values(
            status=QUEUED, fire_at=now, next_attempt_at=now, error=None, attempts=0, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    return _rowcount(again) == 1


def due_queue(
    session: Session, *, job: str, now: datetime, limit: int
) -> dict[tuple[int, str], list[int]]:
    """The ids of ``job``'s rows ready to go, by (workspace, target), oldest first: queued ones
    whose time has come, retries whose time has come, and sends whose sender died."""
    rows = session.exec(
        select(Delivery.id, Delivery.workspace_id, Delivery.target)
        .where(col(Delivery.job) == job, or_(_queued(now), _due(now)))
        .order_by(col(Delivery.created_at), col(Delivery.id))
        .limit(limit)
    ).all()
    groups: dict[tuple[int, str], list[int]] = {}
    for delivery_id, workspace_id, target in rows:
        if delivery_id is not None:
            groups.setdefault((workspace_id, target), []).append(delivery_id)
    return groups


def claim_rows(
    session: Session, ids: Sequence[int], *, now: datetime, owner: str, lease: timedelta
) -> list[Delivery]:
    """Of rows ``due_queue`` found, those still ready, leased to ``owner`` (another replica may
    have taken some meanwhile), in the order given."""
    ready = or_(_queued(now), _due(now))
    taken = [i for i in ids if _take(session, i, ready, now=now, owner=owner, lease=lease)]
    if not taken:
        return []
    loaded = session.exec(
        select(Delivery)
        .where(col(Delivery.id).in_(taken))
        .execution_options(populate_existing=True)
    ).all()
    by_id = {row.id: row for row in loaded}
    return [by_id[i] for i in taken if i in by_id]


def posts_since(
    session: Session, *, workspace_id: int, job: str, target: str, since: datetime
) -> list[datetime]:
    """When each message of ``job`` went to ``target`` at or after ``since``, oldest first (rows
    sent together as one message count once)."""
    rows = session.exec(
        select(func.min(col(Delivery.sent_at)))
        .where(
            col(Delivery.workspace_id) == workspace_id,
            col(Delivery.job) == job,
            col(Delivery.target) == target,
            col(Delivery.status) == SENT,
            col(Delivery.sent_at) >= since,
        )
        .group_by(col(Delivery.channel_id), col(Delivery.message_ts))
    ).all()
    return sorted(moment for moment in rows if moment is not None)


def spend_budget(
    session: Session,
    delivery_id: int,
    *,
    workspace_id: int,
    since: datetime,
    budget: int,
    now: datetime,
) -> bool:
    """Count the post toward its workspace's posts since ``since`` (its day) if fewer than
    ``budget`` were counted; False when the day's budget is spent. A post counted before (a
    retry, the digest's next step) is free. Counts of one workspace queue up (a transaction
    lock on PostgreSQL; SQLite writers queue anyway), so two senders never both take the last
    place."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_BUDGET_LOCK, workspace_id)))
    counted = session.exec(
        select(Delivery.counted_at).where(col(Delivery.id) == delivery_id)
    ).one_or_none()
    if counted is not None:
        return True
    if budget_spent(session, workspace_id=workspace_id, since=since) >= budget:
        return False
    session.execute(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id)
        .values(counted_at=now)
        .execution_options(synchronize_session=False)
    )
    return True


def budget_spent(session: Session, *, workspace_id: int, since: datetime) -> int:
    """How many posts of the workspace counted toward its budget at or after ``since``."""
    return int(
        session.exec(
            select(func.count()).where(
                col(Delivery.workspace_id) == workspace_id, col(Delivery.counted_at) >= since
            )
        ).one()
    )


def held_over_budget(session: Session, *, workspace_id: int, since: datetime) -> int:
    """How many posts of the workspace were held at or after ``since`` for want of budget."""
    return int(
        session.exec(
            select(func.count()).where(
                col(Delivery.workspace_id) == workspace_id,
                col(Delivery.status) == FAILED,
                col(Delivery.error) == OVER_BUDGET,
                col(Delivery.updated_at) >= since,
            )
        ).one()
    )


def mark_sent(
    session: Session,
    delivery_id: int,
    *,
    owner: str,
    now: datetime,
    channel_id: str,
    ts: str,
    payload: Mapping[str, Any] | None = None,
) -> bool:
    """Record that the post went out as message ``ts`` in ``channel_id``; False when ``owner``
    no longer holds the row."""
    values: dict[str, Any] = {
        "status": SENT,
        "channel_id": channel_id,
        "message_ts": ts,
        "sent_at": now,
        "lease_until": None,
        "next_attempt_at": None,
        "error": None,
    }
    if payload is not None:
        values["payload"] = dict(payload)
    return _update_leased(session, delivery_id, owner=owner, now=now, values=values)


def mark_retry(
    session: Session,
    delivery_id: int,
    *,
    owner: str,
    now: datetime,
    error: str,
    next_attempt_at: datetime,
) -> bool:
    """Give the row back to be tried again at ``next_attempt_at`` (a 429 or a 5xx)."""
    values = {
        "status": RETRY,
        "error": _cut(error),
        "next_attempt_at": next_attempt_at,
        "lease_until": None,
    }
    return _update_leased(session, delivery_id, owner=owner, now=now, values=values)


def mark_failed(
    session: Session, delivery_id: int, *, owner: str, now: datetime, error: str
) -> bool:
    """Give up on the row for good (a permanent error, or too many attempts)."""
    values = {"status": FAILED, "error": _cut(error), "next_attempt_at": None, "lease_until": None}
    return _update_leased(session, delivery_id, owner=owner, now=now, values=values)


def mark_skipped(
    session: Session,
    delivery_id: int,
    *,
    owner: str,
    now: datetime,
    reason: str | None = None,
) -> bool:
    """Nothing was posted on purpose (e.g. a nudge with nothing to act on); ``reason`` is kept
    in ``error`` for the operator's eyes."""
    values = {
        "status": SKIPPED,
        "error": _cut(reason) if reason else None,
        "next_attempt_at": None,
        "lease_until": None,
    }
    return _update_leased(session, delivery_id, owner=owner, now=now, values=values)


def save_progress(
    session: Session,
    delivery_id: int,
    *,
    owner: str,
    now: datetime,
    payload: Mapping[str, Any],
    lease_until: datetime | None = None,
    channel_id: str | None = None,
    ts: str | None = None,
) -> bool:
    """Record what a multi-step post has done so far (the digest's summary before its thread
    reply), so a retry continues from there; optionally extend the lease and record the first
    message. The row stays ``sending``."""
    values: dict[str, Any] = {"payload": dict(payload)}
    if lease_until is not None:
        values["lease_until"] = lease_until
    if channel_id is not None:
        values["channel_id"] = channel_id
    if ts is not None:
        values["message_ts"] = ts
    return _update_leased(session, delivery_id, owner=owner, now=now, values=values)


def find(session: Session, key: SlotKey) -> Delivery | None:
    """The row of ``key`` in whatever state it is, or None when nobody claimed it: whether the
    day's nudge carried the forecast ask, or is still being sent."""
    return session.exec(
        select(Delivery).where(
            Delivery.workspace_id == key.workspace_id,
            Delivery.job == key.job,
            Delivery.target == key.target,
            Delivery.period == key.period,
        )
    ).first()


def find_by_message(
    session: Session, *, workspace_id: int, channel_id: str, ts: str
) -> Delivery | None:
    """The delivery that posted message ``ts`` in ``channel_id`` (a click on a nudge's button
    finds what the nudge showed)."""
    return session.exec(
        select(Delivery).where(
            Delivery.workspace_id == workspace_id,
            Delivery.channel_id == channel_id,
            Delivery.message_ts == ts,
        )
    ).first()


def latest_sent(
    session: Session,
    *,
    workspace_id: int,
    job: str,
    target: str,
    period: str | None = None,
) -> Delivery | None:
    """The sent post of ``job`` for ``target`` in ``period``; with no period, the most recently
    sent one of any period."""
    query = select(Delivery).where(
        Delivery.workspace_id == workspace_id,
        Delivery.job == job,
        Delivery.target == target,
        Delivery.status == SENT,
    )
    if period is not None:
        query = query.where(Delivery.period == period)
    return session.exec(
        query.order_by(col(Delivery.sent_at).desc(), col(Delivery.id).desc()).limit(1)
    ).first()


def recent(
    session: Session,
    *,
    workspace_id: int | None = None,
    since: datetime | None = None,
    limit: int = 50,
) -> list[Delivery]:
    """Deliveries newest first (by creation), of one workspace or all, created at or after
    ``since``."""
    query = select(Delivery)
    if workspace_id is not None:
        query = query.where(Delivery.workspace_id == workspace_id)
    if since is not None:
        query = query.where(col(Delivery.created_at) >= since)
    return list(
        session.exec(
            query.order_by(col(Delivery.created_at).desc(), col(Delivery.id).desc()).limit(limit)
        ).all()
    )


def status_counts(
    session: Session, *, since: datetime, workspace_id: int | None = None
) -> dict[tuple[str, str], int]:
    """How many deliveries created at or after ``since`` are in each (job, status):
    what ``corong jobs status`` shows."""
    conditions = [col(Delivery.created_at) >= since]
    if workspace_id is not None:
        conditions.append(col(Delivery.workspace_id) == workspace_id)
    rows = session.exec(
        select(Delivery.job, Delivery.status, func.count())
        .where(*conditions)
        .group_by(col(Delivery.job), col(Delivery.status))
    ).all()
    return {(job, status): int(count) for job, status, count in rows}


def unclaimed(session: Session, keys: Sequence[SlotKey]) -> list[SlotKey]:
    """The keys nobody has claimed yet, in order: every tick of the grace window asks for the
    same morning's slots, and one query per period answers for all of them."""
    periods = {(key.workspace_id, key.job, key.period) for key in keys}
    taken: set[SlotKey] = set()
    for workspace_id, job, period in periods:
        rows = session.exec(
            select(Delivery.target).where(
                col(Delivery.workspace_id) == workspace_id,
                col(Delivery.job) == job,
                col(Delivery.period) == period,
            )
        ).all()
        taken.update(SlotKey(workspace_id, job, target, period) for target in rows)
    return [key for key in keys if key not in taken]


@dataclass(frozen=True)
class Failures:
    """The newest posts that failed for good in a window, and how many failed and how many still
    wait for a retry in all (counted before the limit)."""

    newest: list[Delivery]
    failed: int
    retrying: int


def failures(session: Session, *, workspace_id: int, since: datetime, limit: int) -> Failures:
    """The workspace's posts created at or after ``since`` that failed for good, newest first
    (at most ``limit``), with both totals: what the admins' App Home shows. One statement: the
    totals are window functions over every matching row, computed before the limit."""
    status = col(Delivery.status)
    failed_first = case((status == FAILED, 0), else_=1)
    total_failed = func.sum(case((status == FAILED, 1), else_=0)).over()
    total_retrying = func.sum(case((status == RETRY, 1), else_=0)).over()
    rows = session.exec(
        select(Delivery, total_failed, total_retrying)
        .where(
            col(Delivery.workspace_id) == workspace_id,
            col(Delivery.created_at) >= since,
            status.in_((FAILED, RETRY)),
        )
        .order_by(failed_first, col(Delivery.created_at).desc(), col(Delivery.id).desc())
        .limit(limit)
    ).all()
    if not rows:
        return Failures([], 0, 0)
    return Failures(
        newest=[row for row, _, _ in rows if row.status == FAILED],
        failed=int(rows[0][1] or 0),
        retrying=int(rows[0][2] or 0),
    )


def refused_since_profile(
    *, workspace_id: int, job: str, errors: Collection[str]
) -> ColumnElement[bool]:
    """A condition on ``Member`` for a query that lists members: a ``job`` post to the member
    failed for good with one of ``errors`` after Corong last fetched their profile (or it never
    did). It lets ``storage.posts`` leave out the reps Slack said are gone in the very statement
    that finds the reps to nudge."""
    return exists().where(
        col(Delivery.workspace_id) == workspace_id,
        col(Delivery.job) == job,
        col(Delivery.target) == col(Member.slack_user_id),
        col(Delivery.status) == FAILED,
        col(Delivery.error).in_(tuple(errors)),
        or_(
            col(Member.profile_fetched_at).is_(None),
            col(Delivery.updated_at) > col(Member.profile_fetched_at),
        ),
    )


# --- helpers ----------------------------------------------------------------------------------


def _queued(now: datetime) -> ColumnElement[bool]:
    """Queued rows whose time has come."""
    return and_(col(Delivery.status) == QUEUED, col(Delivery.next_attempt_at) <= now)


def _due(now: datetime) -> ColumnElement[bool]:
    """Rows a claimer may take: retries whose time has come, or sends whose lease ran out."""
    return or_(
        and_(col(Delivery.status) == RETRY, col(Delivery.next_attempt_at) <= now),
        and_(col(Delivery.status) == SENDING, col(Delivery.lease_until) < now),
    )


def _take(
    session: Session,
    delivery_id: int,
    condition: ColumnElement[bool],
    *,
    now: datetime,
    owner: str,
    lease: timedelta,
) -> bool:
    """Lease one row to ``owner`` if it still meets ``condition``; the WHERE decides races."""
    result = session.execute(
        update(Delivery)
        .where(col(Delivery.id) == delivery_id, condition)
        .values(
            status=SENDING,
            attempts=col(Delivery.attempts) + 1,
            lease_owner=owner,
            lease_until=now + lease,
            next_attempt_at=None,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result) == 1


def _update_leased(
    session: Session, delivery_id: int, *, owner: str, now: datetime, values: dict[str, Any]
) -> bool:
    """Write ``values`` only while the row is ``sending`` and leased to ``owner``. An expired
    lease nobody took over still counts: the post it made is real, and recording it beats a
    second post."""
    result = session.execute(
        update(Delivery)
        .where(
            col(Delivery.id) == delivery_id,
            col(Delivery.status) == SENDING,
            col(Delivery.lease_owner) == owner,
        )
        .values(updated_at=now, **values)
        .execution_options(synchronize_session=False)
    )
    if _rowcount(result) != 1:
        return False
    loaded = session.identity_map.get(session.identity_key(Delivery, delivery_id))
    if loaded is not None:
        session.refresh(loaded)  # a Delivery the caller holds shows the new state
    return True


def _load(session: Session, delivery_id: int) -> Delivery | None:
    return session.get(Delivery, delivery_id, populate_existing=True)


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _cut(text: str) -> str:
    return text[:ERROR_LENGTH]


def forget_workspace(session: Session, *, workspace_id: int) -> None:
    """Delete every scheduled post of a workspace that is being erased (the demo's)."""
    session.execute(delete(Delivery).where(col(Delivery.workspace_id) == workspace_id))
