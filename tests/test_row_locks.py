"""PostgreSQL's row locks and pooled connections, as several replicas meet them.

SQLite's writers hold the whole database for their unit of work (``BEGIN IMMEDIATE``), so
what these tests check there is already true by construction: they run on PostgreSQL only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from storage import callers, db, queries
from storage.db import make_engine, unit_of_work
from storage.models import Deal, Workspace
from tests.statements import recorded_statements

TEAM = "T0LOCKS001"
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture
def pg(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite's writers hold the whole database for their unit of work")
    return engine


@pytest.fixture
def other_replica(pg: Engine) -> Iterator[Engine]:
    """A second process's engine on the same database."""
    other = make_engine(pg.url.render_as_string(hide_password=False))
    try:
        yield other
    finally:
        other.dispose()


def _deal(engine: Engine) -> tuple[int, int]:
    """A workspace with one member and their deal D-1: (workspace id, deal id)."""
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        member = queries.get_or_create_member(
            session, workspace_id=workspace.id, slack_user_id="U0BUDI0001"
        )
        assert member.id is not None
        deal = Deal(
            workspace_id=workspace.id,
            number=1,
            name="Acme",
            name_key="acme",
            stage="lead",
            currency="IDR",
            owner_id=member.id,
            created_at=NOW,
            updated_at=NOW,
            stage_entered_at=NOW,
        )
        session.add(deal)
        session.flush()
        assert deal.id is not None
        return workspace.id, deal.id


def _cannot_lock_at_once(session: Session, statement: str, **params: object) -> bool:
    """True when ``statement`` (taking a lock) would have to wait for someone else's lock."""
    session.execute(text("SET LOCAL lock_timeout = '50ms'"))
    try:
        session.execute(text(statement), params)
    except DBAPIError as error:
        return "lock timeout" in str(error.orig)
    return False


def test_a_change_locks_its_deal_in_the_lookup_itself(pg: Engine, other_replica: Engine) -> None:
    workspace_id, deal_id = _deal(pg)
    with unit_of_work(pg) as session:
        with recorded_statements(pg) as statements:
            deal = queries.deal_by_number(session, workspace_id=workspace_id, number=1, lock=True)
            assert deal is not None
            queries.lock_deal(session, deal)  # already held: nothing more to read
        # Another replica's change of the same deal waits until this one commits.
        with unit_of_work(other_replica) as theirs:
            assert _cannot_lock_at_once(
                theirs, "SELECT id FROM deal WHERE id = :id FOR UPDATE", id=deal_id
            )
            theirs.rollback()
    assert len(statements) == 1 and "FOR UPDATE" in statements[0]
    with unit_of_work(other_replica) as theirs:  # committed: free again
        assert not _cannot_lock_at_once(
            theirs, "SELECT id FROM deal WHERE id = :id FOR UPDATE", id=deal_id
        )


def test_a_lookup_without_a_change_in_view_locks_nothing(pg: Engine, other_replica: Engine) -> None:
    workspace_id, deal_id = _deal(pg)
    with unit_of_work(pg) as session:
        assert queries.deal_by_number(session, workspace_id=workspace_id, number=1) is not None
        with unit_of_work(other_replica) as theirs:
            assert not _cannot_lock_at_once(
                theirs, "SELECT id FROM deal WHERE id = :id FOR UPDATE", id=deal_id
            )


def test_a_move_sees_a_pipeline_switched_after_its_caller_was_read(
    pg: Engine, other_replica: Engine
) -> None:
    workspace_id, _ = _deal(pg)
    with unit_of_work(pg) as session:
        workspace, _member = callers.find_caller(
            session, slack_team_id=TEAM, slack_user_id="U0BUDI0001"
        )
        assert workspace is not None and workspace.pipeline == "funnel4"
        # Meanwhile an admin on another replica switches the pipeline, and commits.
        with unit_of_work(other_replica) as theirs:
            switched = theirs.get(Workspace, workspace_id)
            assert switched is not None
            switched.pipeline = "seven-step"
        queries.lock_workspace(session, workspace, exclusive=False)
        assert workspace.pipeline == "seven-step"
        # The shared lock holds further switches off until this unit of work ends.
        with unit_of_work(other_replica) as theirs:
            assert _cannot_lock_at_once(
                theirs, "SELECT id FROM workspace WHERE id = :id FOR UPDATE", id=workspace_id
            )
            theirs.rollback()


def test_an_idle_connection_the_server_dropped_is_replaced_before_use(
    pg: Engine, other_replica: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with unit_of_work(pg, read_only=True) as session:  # a connection now idle in the pool
        session.execute(text("SELECT 1"))

    def server_drops_idle_connections() -> None:
        with other_replica.connect() as admin:
            admin.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        other_replica.dispose()  # its own connection was not spared by the next round

    # Used a moment ago: not pinged, so a dropped connection fails its first statement...
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 3600.0)
    server_drops_idle_connections()
    with pytest.raises(DBAPIError), unit_of_work(pg, read_only=True) as session:
        session.execute(text("SELECT 1"))
    # ...while one idle past the threshold is pinged first and replaced if dead: no error.
    with unit_of_work(pg, read_only=True) as session:  # a fresh connection back in the pool
        session.execute(text("SELECT 1"))
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)
    server_drops_idle_connections()
    with unit_of_work(pg, read_only=True) as session:
        assert session.execute(text("SELECT 1")).scalar_one() == 1
