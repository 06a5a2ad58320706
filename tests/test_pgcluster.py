"""The throw-away PostgreSQL server the PostgreSQL tests run against."""

import os
import sys
import warnings
from collections.abc import Iterator
from uuid import uuid4

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from tests.pgcluster import (
    EXTERNAL_URL_ENV,
    PG_BIN_DIR,
    PostgresCluster,
    postgres_binaries_available,
)

USING_EXTERNAL = bool(os.environ.get(EXTERNAL_URL_ENV))


def _skip_loudly_without_postgres() -> None:
    if USING_EXTERNAL or postgres_binaries_available():
        return
    message = (
        f"PostgreSQL 15 server binaries not found in {PG_BIN_DIR} (or no 'postgres' user to run "
        f"them as root): PostgreSQL tests are SKIPPED. Install postgresql-15 or set "
        f"{EXTERNAL_URL_ENV}."
    )
    banner = "!" * 100
    print(f"\n{banner}\nWARNING: {message}\n{banner}", file=sys.__stderr__, flush=True)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    _skip_loudly_without_postgres()
    with PostgresCluster() as pg:
        yield pg


def _unique(prefix: str) -> str:
    return f"{prefix}_{uuid4().hex[:10]}"


def test_serves_postgresql_15_databases_copied_from_a_template(
    cluster: PostgresCluster,
) -> None:
    template, copy = _unique("corong_template"), _unique("corong_copy")
    cluster.create_database(template)
    engine = create_engine(cluster.url(template), poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("create table deal (id serial primary key, name text not null)"))
        conn.execute(text("insert into deal (name) values ('Acme Corp')"))
    engine.dispose()

    cluster.create_database(copy, template=template)
    assert cluster.url(copy).startswith("postgresql+psycopg://")
    engine = create_engine(cluster.url(copy), poolclass=NullPool)
    with engine.connect() as conn:
        version = conn.execute(text("select version()")).scalar_one()
        names = conn.execute(text("select name from deal")).scalars().all()
    engine.dispose()

    assert version.startswith("PostgreSQL 15"), version
    assert names == ["Acme Corp"]

    cluster.drop_database(copy)
    cluster.drop_database(template)
    with psycopg.connect(cluster.url().replace("+psycopg", ""), autocommit=True) as conn:
        left = conn.execute(
            "select datname from pg_database where datname = any(%s)", [[template, copy]]
        ).fetchall()
    assert left == []


def test_drop_database_disconnects_open_sessions(cluster: PostgresCluster) -> None:
    name = _unique("corong_busy")
    cluster.create_database(name)
    engine = create_engine(cluster.url(name), poolclass=NullPool)
    conn = engine.connect()
    try:
        conn.execute(text("select 1"))
        cluster.drop_database(name)  # would fail without WITH (FORCE)
        with pytest.raises(DBAPIError):
            conn.execute(text("select 1"))
    finally:
        conn.invalidate()
        conn.close()
        engine.dispose()
    with psycopg.connect(cluster.url().replace("+psycopg", ""), autocommit=True) as admin:
        assert (
            admin.execute("select 1 from pg_database where datname = %s", [name]).fetchone() is None
        )


@pytest.mark.skipif(USING_EXTERNAL, reason=f"{EXTERNAL_URL_ENV} set: no local server to stop")
def test_runs_without_waiting_for_the_disk_and_stops_at_once_leaving_nothing_behind() -> None:
    _skip_loudly_without_postgres()
    pg = PostgresCluster()
    pg.start()
    tmp_dir, url = pg.tmp_dir, pg.url().replace("+psycopg", "")
    assert tmp_dir is not None and tmp_dir.is_dir()
    client = psycopg.connect(url, autocommit=True)
    try:
        durability = {
            name: client.execute(f"show {name}").fetchone()
            for name in ("fsync", "synchronous_commit", "full_page_writes")
        }
        assert durability == {name: ("off",) for name in durability}
        pg.stop()  # with a session open, which a polite shutdown would wait for
        with pytest.raises(psycopg.OperationalError):
            client.execute("select 1")  # the server did not wait: the session is gone
    finally:
        client.close()

    assert not tmp_dir.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
    pg.stop()  # idempotent


def test_url_before_start_is_a_clear_error() -> None:
    with pytest.raises(RuntimeError, match="start"):
        PostgresCluster(external_url=None).url()
