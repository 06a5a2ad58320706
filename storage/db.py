"""The engine and the unit of work.

SQLite gets WAL, foreign keys and ``BEGIN IMMEDIATE`` so concurrent writers wait for each other
instead of failing (read-only work begins deferred and never waits for writers). Writers of one
process also queue on a lock before they begin: SQLite's own wait is a sleep-and-retry loop that,
with a dozen threads writing at once, lets some wait seconds and time out while others go first.
PostgreSQL gets a connection pool sized for a threaded server and its after-ack workers, whose
connections are checked only after sitting idle (``_ping_when_idle``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

from storage.writers import WritersQueue

READ_ONLY = "corong_read_only"
# session.info key: the engine a unit of work was opened on (a read-only one's bind is a copy
# with options), for work that must write on the side (``storage.yardsticks``).
ENGINE = "corong_engine"
# Long enough for a queue of short writes; short enough that a stuck lock surfaces as an error
# well inside Slack's patience rather than a silent timeout.
SQLITE_BUSY_TIMEOUT_MS = 5000
# SQLITE_SYNCHRONOUS: what each setting is called in SQLite's PRAGMA.
SQLITE_SYNCHRONOUS = {"full": "FULL", "normal": "NORMAL"}
# PostgreSQL connections are replaced after this long (before any server or proxy timeout) and
# pinged before use only after sitting idle this long.
POOL_RECYCLE_SECONDS = 30 * 60
PING_AFTER_IDLE_SECONDS = 10.0
_LAST_USED = "corong_last_used"
# One queue of writers per SQLite engine (that is, per database file and process), with how long
# a writer waits for its turn. Re-entrant: a unit of work opened inside another fails on SQLite's
# own lock, not here forever.
_sqlite_writers: WeakKeyDictionary[Engine, tuple[WritersQueue, float]] = WeakKeyDictionary()


def make_engine(
    url: str,
    *,
    pool_size: int = 20,
    busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
    sqlite_synchronous: str = "full",
) -> Engine:
    """An engine for ``url`` configured for Corong's access pattern.

    The pool covers the server's request threads plus the after-ack workers (16 each).
    ``busy_timeout_ms``: how long a SQLite writer waits for its turn before it fails (tests on a
    machine too busy to keep time give it a ceiling instead; see tests/patience.py).
    ``sqlite_synchronous``: ``full`` (a commit confirmed to a user survives a power cut, not
    just a crash) or ``normal`` (it survives a crash; about 0.25 ms less CPU per command here).
    """
    if sqlite_synchronous not in SQLITE_SYNCHRONOUS:
        raise ValueError(f"sqlite_synchronous must be one of {', '.join(SQLITE_SYNCHRONOUS)}")
    if url.startswith("sqlite"):
        in_memory = make_url(url).database in (None, "", ":memory:")
        pool = {} if in_memory else {"pool_size": pool_size, "max_overflow": pool_size}
        connect_args = {"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
        engine = create_engine(url, connect_args=connect_args, **pool)
        _configure_sqlite(engine, busy_timeout_ms, sqlite_synchronous)
        _sqlite_writers[engine] = (WritersQueue(), busy_timeout_ms / 1000)
        return engine
    engine = create_engine(
        url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=POOL_RECYCLE_SECONDS
    )
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection is still alive before use only when it sat idle for a while.

    A connection in steady use was alive a moment ago; one idle for longer may have been closed
    by the server, a proxy or a failover, so it is pinged first and, if dead, replaced (the
    pool tries another when a checkout raises ``DisconnectionError``). Pinging every checkout
    (``pool_pre_ping``) cost every command a round trip."""

    @event.listens_for(engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info[_LAST_USED] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _on_checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        last_used = record.info.get(_LAST_USED)
        if last_used is None or time.monotonic() - last_used < PING_AFTER_IDLE_SECONDS:
            return  # new, or in use a moment ago
        try:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            dbapi_connection.rollback()  # end the ping's own transaction
        except Exception as error:
            raise DisconnectionError(f"idle connection found dead: {error}") from error


def _configure_sqlite(engine: Engine, busy_timeout_ms: int, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS[synchronous]}")
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
    with turn, Session(bind, expire_on_commit=False, info={ENGINE: engine}) as session:
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


def refresh_statistics(engine: Engine) -> None:
    """Bring the query planner's statistics up to date (``ANALYZE``). SQLite keeps none of its
    own: without them it picks an index by its shape alone, and a team's report walks the
    whole workspace's deals where its reps' would do (docs/benchmarks.md). PostgreSQL's
    autovacuum does this too; one more sampled pass a day costs little."""
    with writer_turn(engine), engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def database_reachable(engine: Engine) -> bool:
    """True when a trivial query succeeds: what ``/healthz`` reports."""
    try:
        with engine.execution_options(**{READ_ONLY: True}).connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        return False
    return True


def insert_unless_present(
    session: Session, model: Any, values: dict[str, Any]
) -> postgresql.Insert | sqlite.Insert:
    """An INSERT of ``values`` into ``model``'s table that does nothing when a row with the same
    key is there already, in this session's dialect: how a claim is taken once across
    replicas (an outbox slot, an event, a day's yardsticks)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model).values(values).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(model).values(values).on_conflict_do_nothing()
    raise NotImplementedError(f"Corong runs on SQLite and PostgreSQL, not {dialect}")
