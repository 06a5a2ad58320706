"""Query functions. Every one takes the workspace it is scoped to; none trusts an id alone."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import bindparam, case, delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from storage.db import READ_ONLY
from storage.models import (
    Activity,
    AuditEntry,
    BantRecord,
    Deal,
    Member,
    PendingChoice,
    StageChange,
    Workspace,
)


def get_or_create_workspace(session: Session, *, slack_team_id: str) -> Workspace:
    """The workspace for a Slack team id, created with default settings on first contact."""
    found = session.exec(select(Workspace).where(Workspace.slack_team_id == slack_team_id)).first()
    if found is not None:
        return found
    try:
        with session.begin_nested():
            workspace = Workspace(slack_team_id=slack_team_id)
            session.add(workspace)
    except IntegrityError:  # another request created it first
        return session.exec(select(Workspace).where(Workspace.slack_team_id == slack_team_id)).one()
    return workspace


def find_workspace(session: Session, *, slack_team_id: str) -> Workspace | None:
    """The workspace of a Slack team id, or None if Corong never heard from it."""
    return session.exec(select(Workspace).where(Workspace.slack_team_id == slack_team_id)).first()


def member_by_name(session: Session, *, workspace_id: int, name: str) -> Member | None:
    """A member whose cached Slack name is exactly ``name`` (case-insensitive), if only one."""
    rows = members_named(session, workspace_id=workspace_id, name=name)
    return rows[0] if len(rows) == 1 else None


def members_named(session: Session, *, workspace_id: int, name: str) -> list[Member]:
    """The members whose cached Slack name is ``name`` (case-insensitive), by Slack id."""
    return list(
        session.exec(
            select(Member)
            .where(
                Member.workspace_id == workspace_id,
                func.lower(col(Member.name)) == name.casefold(),
            )
            .order_by(col(Member.slack_user_id))
        )
    )


def get_or_create_member(
    session: Session, *, workspace_id: int, slack_user_id: str, name: str | None = None
) -> Member:
    """The member for a Slack user id in this workspace, created on first contact."""
    query = select(Member).where(
        Member.workspace_id == workspace_id, Member.slack_user_id == slack_user_id
    )
    found = session.exec(query).first()
    if found is not None:
        if name and not found.name:
            found.name = name
        return found
    try:
        with session.begin_nested():
            member = Member(workspace_id=workspace_id, slack_user_id=slack_user_id, name=name)
            session.add(member)
    except IntegrityError:
        return session.exec(query).one()
    return member


def find_member(session: Session, *, workspace_id: int, slack_user_id: str) -> Member | None:
    """A member of this workspace by Slack user id, or None."""
    return session.exec(
        select(Member).where(
            Member.workspace_id == workspace_id, Member.slack_user_id == slack_user_id
        )
    ).first()


def remember_nudge(
    session: Session,
    *,
    workspace_id: int,
    slack_user_id: str,
    day: date,
    channel_id: str,
    ts: str,
    sent_at: datetime,
    unanswered_before: datetime,
) -> None:
    """Record on the member row the nudge they were sent at ``sent_at`` for their local ``day``,
    counting the nudge before it as unanswered unless they acted on it (``nudge_acted``) or it
    went out after ``unanswered_before`` (no time to act): one statement, the row's old values
    read where it is written."""
    answered = col(Member.nudge_acted)
    unanswered = (col(Member.nudge_sent_at) <= unanswered_before) & answered.is_(False)
    session.execute(
        update(Member)
        .where(col(Member.workspace_id) == workspace_id, col(Member.slack_user_id) == slack_user_id)
        .values(
            nudge_day=day,
            nudge_channel_id=channel_id,
            nudge_ts=ts,
            nudges_ignored=case((unanswered, col(Member.nudges_ignored) + 1), else_=0),
            nudge_sent_at=sent_at,
            nudge_acted=False,
        )
    )


def get_member(session: Session, *, workspace_id: int, member_id: int) -> Member | None:
    """A member by primary key, only if it belongs to this workspace."""
    member = session.get(Member, member_id)
    return member if member is not None and member.workspace_id == workspace_id else None


def allocate_deal_number(session: Session, *, workspace_id: int) -> int:
    """The next deal number of the workspace; atomic across threads, processes and replicas."""
    result = session.execute(
        update(Workspace)
        .where(col(Workspace.id) == workspace_id)
        .values(next_deal_number=col(Workspace.next_deal_number) + 1)
        .returning(col(Workspace.next_deal_number))
    )
    return int(result.scalar_one())


# Built once: every command that names a deal by its ref runs it.
_DEAL_BY_NUMBER = select(Deal).where(
    Deal.workspace_id == bindparam("workspace_id"),
    Deal.number == bindparam("number"),
    col(Deal.deleted_at).is_(None),
)
# A change finds its deal and locks it in one statement; the row read is the locked one.
_DEAL_BY_NUMBER_LOCKED = _DEAL_BY_NUMBER.with_for_update().execution_options(populate_existing=True)


def deal_by_number(
    session: Session, *, workspace_id: int, number: int, lock: bool = False
) -> Deal | None:
    """A live deal by its number within this workspace; with ``lock``, held for a change until
    commit (``lock_deal`` then has nothing left to do)."""
    params = {"workspace_id": workspace_id, "number": number}
    if not lock or _holds_database_lock(session):
        return session.exec(_DEAL_BY_NUMBER, params=params).first()
    deal = session.exec(_DEAL_BY_NUMBER_LOCKED, params=params).first()
    if deal is not None:
        _held(session).deals.add(deal.id)
    return deal


def deal_by_id(session: Session, *, workspace_id: int, deal_id: int) -> Deal | None:
    """A live deal by primary key, only if it belongs to this workspace."""
    deal = session.get(Deal, deal_id)
    if deal is None or deal.workspace_id != workspace_id or deal.deleted_at is not None:
        return None
    return deal


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_deals(
    session: Session,
    *,
    workspace_id: int,
    name_key: str,
    limit: int = 26,
    owner_ids: Collection[int] | None = None,
) -> list[Deal]:
    """Live deals whose name contains ``name_key`` (already normalised), open ones first.

    ``owner_ids`` limits the search to the deals the caller may handle (None: everyone's).
    """
    query = _name_matches(workspace_id, name_key, owner_ids)
    query = query.order_by(
        col(Deal.status) != "open", col(Deal.name_key) != name_key, col(Deal.number).desc()
    ).limit(limit)
    return list(session.exec(query).all())


def longest_name_match(
    session: Session,
    *,
    workspace_id: int,
    name_keys: Sequence[str],
    owner_ids: Collection[int] | None = None,
) -> int:
    """How many of ``name_keys`` (already normalised; each is the one before it plus a word)
    some live deal's name contains, counting from the first: 0 when none does. One scan of the
    deals containing the first, where each key used to cost a count of its own."""
    if not name_keys:
        return 0
    patterns = [_like_pattern(key) for key in name_keys]
    words = case(
        *(
            (col(Deal.name_key).like(pattern, escape="\\"), size)
            for size, pattern in reversed(list(enumerate(patterns, start=1)))
        ),
        else_=0,
    )
    query = select(func.max(words)).where(
        Deal.workspace_id == workspace_id,
        col(Deal.deleted_at).is_(None),
        col(Deal.name_key).like(patterns[0], escape="\\"),
    )
    if owner_ids is not None:
        query = query.where(col(Deal.owner_id).in_(list(owner_ids)))
    return int(session.exec(query).one() or 0)


def _name_matches(
    workspace_id: int, name_key: str, owner_ids: Collection[int] | None
) -> SelectOfScalar[Deal]:
    query = select(Deal).where(
        Deal.workspace_id == workspace_id,
        col(Deal.deleted_at).is_(None),
        col(Deal.name_key).like(_like_pattern(name_key), escape="\\"),
    )
    if owner_ids is not None:
        query = query.where(col(Deal.owner_id).in_(list(owner_ids)))
    return query


def open_deals(
    session: Session,
    *,
    workspace_id: int,
    owner_id: int | None = None,
    stages: Sequence[str] | None = None,
    owner_ids: Sequence[int] | None = None,
) -> list[Deal]:
    """Open deals of the workspace, optionally of one owner (or several) or some stages."""
    query = select(Deal).where(
        Deal.workspace_id == workspace_id,
        Deal.status == "open",
        col(Deal.deleted_at).is_(None),
    )
    if owner_id is not None:
        query = query.where(Deal.owner_id == owner_id)
    if owner_ids is not None:
        query = query.where(col(Deal.owner_id).in_(list(owner_ids)))
    if stages:
        query = query.where(col(Deal.stage).in_(list(stages)))
    return list(session.exec(query.order_by(col(Deal.number))).all())


def stage_history(session: Session, *, workspace_id: int, deal_id: int) -> list[StageChange]:
    """A deal's stage moves that still stand, oldest first."""
    return list(
        session.exec(
            select(StageChange)
            .where(
                StageChange.workspace_id == workspace_id,
                StageChange.deal_id == deal_id,
                col(StageChange.reverted_at).is_(None),
            )
            .order_by(col(StageChange.changed_at), col(StageChange.id))
        ).all()
    )


def deal_activities(session: Session, *, workspace_id: int, deal_id: int) -> list[Activity]:
    """A deal's logged activities that still stand, oldest first."""
    return list(
        session.exec(
            select(Activity)
            .where(
                Activity.workspace_id == workspace_id,
                Activity.deal_id == deal_id,
                col(Activity.deleted_at).is_(None),
            )
            .order_by(col(Activity.occurred_at), col(Activity.id))
        ).all()
    )


def latest_undoable(session: Session, *, workspace_id: int, member_id: int) -> AuditEntry | None:
    """The member's most recent change still standing (undos themselves excluded)."""
    return session.exec(
        select(AuditEntry)
        .where(
            AuditEntry.workspace_id == workspace_id,
            AuditEntry.member_id == member_id,
            col(AuditEntry.undone_at).is_(None),
            AuditEntry.action != "undo",
        )
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    ).first()


def mark_undone(session: Session, *, entry_id: int, when: datetime) -> bool:
    """Mark an audit entry undone; False when another request undid it first."""
    result = session.exec(
        update(AuditEntry)
        .where(col(AuditEntry.id) == entry_id, col(AuditEntry.undone_at).is_(None))
        .values(undone_at=when)
    )
    return result.rowcount == 1


def members_of(session: Session, *, workspace_id: int) -> list[Member]:
    """Every member of the workspace Corong has met."""
    return list(session.exec(select(Member).where(Member.workspace_id == workspace_id)).all())


def members_by_id(session: Session, *, workspace_id: int, ids: Sequence[int]) -> dict[int, Member]:
    """Members of this workspace keyed by id, for rendering names in lists and history."""
    if not ids:
        return {}
    rows = session.exec(
        select(Member).where(Member.workspace_id == workspace_id, col(Member.id).in_(list(ids)))
    ).all()
    return {member.id: member for member in rows if member.id is not None}


def save_pending_choice(
    session: Session, choice: PendingChoice, *, forget_before: datetime
) -> None:
    """Keep a command that waits for a pick, forgetting pickers older than ``forget_before``."""
    session.execute(delete(PendingChoice).where(col(PendingChoice.created_at) < forget_before))
    session.add(choice)
    session.flush()


def take_pending_choice(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    token: str,
    when: datetime,
    not_before: datetime,
) -> PendingChoice | None:
    """Claim a pending command of this member; None if unknown, foreign, used or too old."""
    result = session.exec(
        update(PendingChoice)
        .where(
            col(PendingChoice.token) == token,
            col(PendingChoice.workspace_id) == workspace_id,
            col(PendingChoice.member_id) == member_id,
            col(PendingChoice.used_at).is_(None),
            col(PendingChoice.created_at) >= not_before,
        )
        .values(used_at=when)
    )
    if result.rowcount != 1:
        return None
    return session.get(PendingChoice, token)


def changed_after(session: Session, *, workspace_id: int, deal_id: int, entry_id: int) -> bool:
    """Whether anyone changed the deal after audit entry ``entry_id`` (and it still stands)."""
    later = session.exec(
        select(AuditEntry.id)
        .where(
            AuditEntry.workspace_id == workspace_id,
            AuditEntry.deal_id == deal_id,
            col(AuditEntry.id) > entry_id,
            AuditEntry.action != "undo",
            col(AuditEntry.undone_at).is_(None),
        )
        .limit(1)
    ).first()
    return later is not None


def lock_deal(session: Session, deal: Deal) -> None:
    """Re-read the deal and hold its row until commit, so concurrent changes queue up.

    PostgreSQL takes a row lock (several replicas may be writing), once per unit of work;
    SQLite already holds the database write lock for the whole unit of work, so what it read is
    current.
    """
    if _holds_database_lock(session):
        return
    held = _held(session)
    if deal.id not in held.deals:
        session.refresh(deal, with_for_update=True)
        held.deals.add(deal.id)


# The workspace's settings version, read under a shared lock.
_WORKSPACE_VERSION_SHARED = (
    select(Workspace.version).where(Workspace.id == bindparam("id")).with_for_update(read=True)
)


def lock_workspace(session: Session, workspace: Workspace, *, exclusive: bool) -> None:
    """Keep the workspace settings from changing until commit, and make sure they are current.

    Stage moves take a shared lock; a pipeline switch takes an exclusive one and so waits for
    moves in flight (and they for it), so no deal lands in a stage the pipeline no longer has.
    The shared lock reads only the settings' version: the settings are read again only when it
    moved since the caller's were loaded.
    """
    if _holds_database_lock(session):
        return
    held = _held(session)
    if held.workspace == "exclusive" or (held.workspace == "shared" and not exclusive):
        return
    if exclusive:
        session.refresh(workspace, with_for_update=True)
    else:
        version = session.exec(_WORKSPACE_VERSION_SHARED, params={"id": workspace.id}).one()
        if version != workspace.version:
            session.refresh(workspace)
    held.workspace = "exclusive" if exclusive else "shared"


@dataclass
class _HeldLocks:
    """The row locks the current transaction holds (they last until it ends)."""

    transaction: object
    deals: set[int | None] = field(default_factory=set)
    workspace: str | None = None  # "shared" or "exclusive"


def _holds_database_lock(session: Session) -> bool:
    """SQLite write units begin IMMEDIATE: nobody else can change a row until they end."""
    bind = session.get_bind()
    return bind.dialect.name == "sqlite" and not bind.get_execution_options().get(READ_ONLY)


def _held(session: Session) -> _HeldLocks:
    transaction = session.get_transaction()
    held = session.info.get(_HeldLocks)
    if held is None or held.transaction is not transaction:
        held = session.info[_HeldLocks] = _HeldLocks(transaction)
    return held


def latest_bant(session: Session, *, workspace_id: int, deal_id: int) -> BantRecord | None:
    """The deal's current BANT qualification: its latest submission still standing."""
    return session.exec(
        select(BantRecord)
        .where(
            BantRecord.workspace_id == workspace_id,
            BantRecord.deal_id == deal_id,
            col(BantRecord.deleted_at).is_(None),
        )
        .order_by(col(BantRecord.id).desc())
        .limit(1)
    ).first()


def bant_history(session: Session, *, workspace_id: int, deal_id: int) -> list[BantRecord]:
    """The deal's BANT submissions that still stand, oldest first."""
    return list(
        session.exec(
            select(BantRecord)
            .where(
                BantRecord.workspace_id == workspace_id,
                BantRecord.deal_id == deal_id,
                col(BantRecord.deleted_at).is_(None),
            )
            .order_by(col(BantRecord.id))
        ).all()
    )


def bant_count(session: Session, *, workspace_id: int, deal_id: int) -> int:
    """How many BANT submissions of the deal still stand (its qualification history)."""
    return session.exec(
        select(func.count())
        .select_from(BantRecord)
        .where(
            BantRecord.workspace_id == workspace_id,
            BantRecord.deal_id == deal_id,
            col(BantRecord.deleted_at).is_(None),
        )
    ).one()


def deals_missing_bant(session: Session, *, workspace_id: int, stages: Sequence[str]) -> list[Deal]:
    """Open deals in ``stages`` (those past qualification) whose latest BANT is not qualified.

    What the reports and the morning nudges flag as "moved past qualification without BANT".
    """
    latest = (
        select(BantRecord.deal_id, func.max(BantRecord.id).label("last_id"))
        .where(BantRecord.workspace_id == workspace_id, col(BantRecord.deleted_at).is_(None))
        .group_by(col(BantRecord.deal_id))
        .subquery()
    )
    qualified = (
        select(BantRecord.deal_id)
        .join(latest, col(BantRecord.id) == latest.c.last_id)
        .where(BantRecord.verdict == "qualified")
    )
    return list(
        session.exec(
            select(Deal)
            .where(
                Deal.workspace_id == workspace_id,
                Deal.status == "open",
                col(Deal.deleted_at).is_(None),
                col(Deal.stage).in_(list(stages)),
                col(Deal.id).not_in(qualified),
            )
            .order_by(col(Deal.number))
        ).all()
    )
