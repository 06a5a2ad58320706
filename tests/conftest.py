"""Shared fixtures: a fresh database per test on SQLite and PostgreSQL, and a manual clock.

PostgreSQL is a throw-away cluster started once per test session (see ``pgcluster``); each test
gets an empty database (one per worker, emptied between tests; see ``ReusedDatabase``), so
tests never see each other's rows.
Without PostgreSQL binaries the PostgreSQL half is skipped, loudly.
"""

from __future__ import annotations

import shutil
import sys
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from storage.db import make_engine
from storage.migrate import upgrade
from tests.clock import ManualClock
from tests.harness import bot, fake_slack  # noqa: F401  (fixtures)
from tests.patience import WRITER_PATIENCE_MS
from tests.pgcluster import PostgresCluster, postgres_binaries_available
from tests.terminal import corong_cli  # noqa: F401  (a fixture)

TEMPLATE_DB = "corong_template"
DATABASES = ("sqlite", "postgresql")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies (migrating once is much faster)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster | None]:
    """One PostgreSQL server for the session, with a migrated template database."""
    if not postgres_binaries_available():
        message = "PostgreSQL 15 binaries not found: PostgreSQL tests are SKIPPED"
        print(f"\n!!! {message} !!!", file=sys.stderr)
        warnings.warn(message, stacklevel=1)
        yield None
        return
    cluster = PostgresCluster()
    cluster.start()
    cluster.create_database(TEMPLATE_DB)
    engine = make_engine(cluster.url(TEMPLATE_DB))
    upgrade(engine)
    engine.dispose()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=DATABASES)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[str]:
    """A fresh, migrated database for one test, on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "corong.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    cluster: PostgresCluster | None = request.getfixturevalue("pg_cluster")
    if cluster is None:
        pytest.skip("PostgreSQL binaries absent")
    reused: ReusedDatabase = request.getfixturevalue("pg_reused")
    yield cluster.url(reused.take())
    reused.give_back()


class ReusedDatabase:
    """One PostgreSQL database per worker, emptied between tests: copying the template for
    every test cost each a CREATE and a DROP DATABASE, a quarter of the suite's time.

    Emptying is TRUNCATE of every table (identities restarted) once the test's sessions are
    closed. A test that changed the schema (a migration test) or left the database unusable
    gets a fresh copy of the template instead, so no test sees another's rows or schema."""

    def __init__(self, cluster: PostgresCluster) -> None:
        self.cluster = cluster
        self.name = ""
        self.signature: list[tuple[object, ...]] = []

    def take(self) -> str:
        if not self.name:
            self.name = f"t_{uuid.uuid4().hex[:12]}"
            self.cluster.create_database(self.name, template=TEMPLATE_DB)
            with self.cluster.connect(self.name) as conn:
                self.signature = _schema_signature(conn)
        return self.name

    def give_back(self) -> None:
        try:
            with self.cluster.connect(self.name) as conn:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                if _schema_signature(conn) == self.signature:
                    tables = [row[0] for row in self.signature if row[0] != "alembic_version"]
                    names = ", ".join(f'"{t}"' for t in dict.fromkeys(tables))
                    conn.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
                    return
        except Exception:  # any trouble: start again from the template
            pass
        self.cluster.drop_database(self.name)
        self.name = ""


def _schema_signature(conn: Any) -> list[tuple[object, ...]]:
    """The tables and columns of ``public``, and the migration the database is at."""
    columns = conn.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    ).fetchall()
    version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return [tuple(row) for row in columns] + [("alembic_version", *v) for v in version]


@pytest.fixture(scope="session")
def pg_reused(pg_cluster: PostgresCluster | None) -> Iterator[ReusedDatabase | None]:
    """This worker's reused PostgreSQL database (see ``ReusedDatabase``)."""
    if pg_cluster is None:
        yield None
        return
    reused = ReusedDatabase(pg_cluster)
    yield reused
    if reused.name:
        pg_cluster.drop_database(reused.name)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url, busy_timeout_ms=WRITER_PATIENCE_MS)
    try:
        yield engine
    finally:
        engine.dispose()
