"""Who is calling: their member row and their workspace's settings, in one statement.

Every command starts here. The member row is read each time (profile, admin flag, today's
nudge); the workspace's settings change rarely, so each process keeps the ones it last read,
per engine, and the same statement reads the workspace's ``version``: when it moved (an admin
changed a setting, here or on another replica), the settings are read again. A stale copy is
never used.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Pool, and_, bindparam, event, inspect
from sqlalchemy.orm import Mapper, make_transient_to_detached
from sqlmodel import Session, col, select

from storage.models import Member, Workspace

# Workspace columns whose change is not a change of settings: deal numbers are handed out by
# an UPDATE of their own, and the version is what moves.
_NOT_SETTINGS = frozenset({"next_deal_number", "version"})

# Keyed by the engine's pool: a read-only unit of work binds a copy of the engine that shares it.
_copies: WeakKeyDictionary[Pool, dict[str, Workspace]] = WeakKeyDictionary()
_copies_lock = threading.Lock()

# Built once: constructing a statement costs more than running this one (issue: the request path).
_CALLER = (
    select(col(Workspace.id), col(Workspace.version), Member)
    .select_from(Workspace)
    .outerjoin(
        Member,
        and_(
            col(Member.workspace_id) == Workspace.id,
            col(Member.slack_user_id) == bindparam("slack_user_id"),
        ),
    )
    .where(col(Workspace.slack_team_id) == bindparam("slack_team_id"))
)


def find_caller(
    session: Session, *, slack_team_id: str, slack_user_id: str
) -> tuple[Workspace | None, Member | None]:
    """The workspace of ``slack_team_id`` and its member ``slack_user_id``, either None when
    Corong has not met them. One statement; the workspace comes from this process's copy
    when its version is current."""
    row = session.exec(
        _CALLER, params={"slack_team_id": slack_team_id, "slack_user_id": slack_user_id}
    ).first()
    if row is None:
        return None, None
    workspace_id, version, member = row
    assert workspace_id is not None
    return _workspace(session, slack_team_id, workspace_id, version), member


def _workspace(session: Session, slack_team_id: str, workspace_id: int, version: int) -> Workspace:
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    with _copies_lock:
        copies = _copies.setdefault(engine.pool, {})
        kept = copies.get(slack_team_id)
    if kept is not None and kept.id == workspace_id and kept.version == version:
        # A session-bound copy of this process's copy: no statement, and the command may
        # change it (an admin's setting) without touching what other requests read.
        return session.merge(kept, load=False)
    loaded = session.get(Workspace, workspace_id, populate_existing=True)
    assert loaded is not None
    copy = Workspace(**{name: getattr(loaded, name) for name in Workspace.model_fields})
    make_transient_to_detached(copy)
    with _copies_lock:
        copies[slack_team_id] = copy
    return loaded


@event.listens_for(Workspace, "before_update")
def _count_settings_change(
    _mapper: Mapper[Workspace], _connection: object, target: Workspace
) -> None:
    """Any change of a setting moves the version, in the same UPDATE, so every process's copy
    of the settings is read again on its next command."""
    state = inspect(target)
    changed = any(
        state.attrs[name].history.has_changes()
        for name in Workspace.model_fields
        if name not in _NOT_SETTINGS
    )
    if changed:
        target.version = Workspace.version + 1  # the SQL expression: version + 1
