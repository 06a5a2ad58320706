"""Shared fixtures: a fresh database per test on SQLite and PostgreSQL, and a manual clock.

PostgreSQL is a throw-away cluster started once per test session (see ``pgcluster``); each test
gets its own database copied from a migrated template, so tests never see each other's rows.
Without PostgreSQL binaries the PostgreSQL half is skipped, loudly.
"""

from __future__ import annotations

import shutil
import sys
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

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
    name = f"t_{uuid.uuid4().hex[:12]}"
    cluster.create_database(name, template=TEMPLATE_DB)
    try:
        yield cluster.url(name)
    finally:
        cluster.drop_database(name)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url, busy_timeout_ms=WRITER_PATIENCE_MS)
    try:
        yield engine
    finally:
        engine.dispose()
