"""The engine and the unit of work.

SQLite gets WAL, foreign keys and ``BEGIN IMMEDIATE`` so concurrent writers wait for each other
instead of failing (read-only work begins deferred and never waits for writers). Writers of one
process also queue on a lock before they begin: SQLite's own wait is a sleep-and-retry loop that,
with a dozen threads writing at once, lets some wait seconds and time out while others go first.
PostgreSQL gets a connection pool sized for a threaded server and its after-ack workers.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlmodel import Session

READ_ONLY = "corong_read_only"
# Long enough for a queue of short writes; short enough that a stuck lock surfaces as an error
# well inside Slack's patience rather than a silent timeout.
SQLITE_BUSY_TIMEOUT_MS = 5000
# One queue of writers per SQLite engine (that is, per database file and process), with how long
# a writer waits for its turn. Re-entrant: a unit of work opened inside another fails on SQLite's
# own lock, not here forever.
_sqlite_writers: WeakKeyDictionary[Engine, tuple[threading.RLock, float]] = WeakKeyDictionary()


def make_engine(
    url: str, *, pool_size: int = 20, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS
) -> Engine:
    """An engine for ``url`` configured for Corong's access pattern.

    The pool covers the server's request threads plus the after-ack workers (16 each).
    ``busy_timeout_ms``: how long a SQLite writer waits for its turn before it fails (tests on a
    machine too busy to keep time give it a ceiling instead; see tests/patience.py).
    """
    if url.startswith("sqlite"):
        in_memory = make_url(url).database in (None, "", ":memory:")
        pool = {} if in_memory else {"pool_size": pool_size, "max_overflow": pool_size}
        connect_args = {"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
        engine = create_engine(url, connect_args=connect_args, **pool)
        _configure_sqlite(engine, busy_timeout_ms)
        _sqlite_writers[engine] = (threading.RLock(), busy_timeout_ms / 1000)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        # FULL: a commit we confirmed to a user survives a power cut, not just a crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock up front: a read that later upgrades to a write could otherwise
        # fail with "database is locked" instead of waiting its turn.
        read_only = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


@contextmanager
def unit_of_work(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on any exception.

    ``read_only`` work must not write: on SQLite it does not queue behind writers.
    """
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    turn = nullcontext() if read_only else writer_turn(engine)
    with turn, Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def writer_turn(engine: Engine) -> Iterator[None]:
    """This process's turn to write to ``engine``'s SQLite database, held for the block: the
    writers' queue every unit of work that writes goes through (nothing to wait for elsewhere).
    Raises TimeoutError when the queue did not move within the busy timeout."""
    queue = _sqlite_writers.get(engine)
    if queue is None:
        yield
        return
    writers, timeout = queue
    if not writers.acquire(timeout=timeout):
        raise TimeoutError("SQLite writers' queue did not move within the busy timeout")
    try:
        yield
    finally:
        writers.release()


def database_reachable(engine: Engine) -> bool:
    """True when a trivial query succeeds: what ``/healthz`` reports."""
    try:
        with engine.execution_options(**{READ_ONLY: True}).connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True
