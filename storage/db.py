"""The engine and the unit of work.

SQLite gets WAL, foreign keys and ``BEGIN IMMEDIATE`` so concurrent writers wait for each other
instead of failing; PostgreSQL gets a connection pool sized for a threaded server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlmodel import Session


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url`` configured for Corong's access pattern."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: a read that later upgrades to a write could otherwise
        # fail with "database is locked" instead of waiting its turn.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def database_reachable(engine: Engine) -> bool:
    """True when a trivial query succeeds: what ``/healthz`` reports."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True
