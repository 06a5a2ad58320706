"""A throw-away PostgreSQL 15 server for tests.

Why: Corong runs on SQLite by default but promises PostgreSQL for teams that outgrow one machine,
with several replicas sharing one database (each scheduled post still goes out exactly once).
Row locks, ``SELECT ... FOR UPDATE SKIP LOCKED``, advisory locks, ``ON CONFLICT``, transactional
DDL in migrations and real concurrency only behave like production on a real server, so those
tests need one. This module gives each test session its own server in a temporary directory,
tuned for speed (no fsync, no full-page writes, trust authentication on 127.0.0.1 only), and
removes every trace of it on ``stop()``.

PostgreSQL refuses to run as root. When the tests run as root (containers, most CI), every
server binary is run as the ``postgres`` system user via ``runuser -u postgres --`` (or
``su postgres`` where ``runuser`` is missing); otherwise the binaries run as the current user.

Set ``CORONG_TEST_POSTGRES_URL`` (for example ``postgresql://postgres:secret@db:5432/postgres``,
a CI service container) to use an existing server instead: nothing is started, ``url()`` points
at that server, and ``stop()`` drops the databases this object created.

Usage::

    with PostgresCluster() as pg:
        pg.create_database("corong_test")
        engine = sqlalchemy.create_engine(pg.url("corong_test"))
"""

from __future__ import annotations

import atexit
import os
import pwd
import shlex
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy.engine import URL, make_url

PG_BIN_DIR = Path("/usr/lib/postgresql/15/bin")
PG_SYSTEM_USER = "postgres"
EXTERNAL_URL_ENV = "CORONG_TEST_POSTGRES_URL"
DRIVER = "postgresql+psycopg"
_BINARIES = ("initdb", "pg_ctl", "postgres")
_SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}
_PORT_ATTEMPTS = 3


def _running_as_root() -> bool:
    return os.geteuid() == 0


def _system_user_exists() -> bool:
    try:
        pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        return False
    return True


def _switch_user_prefix() -> list[str] | None:
    """How to run a command as the postgres user, or None when no tool for it exists."""
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", PG_SYSTEM_USER, "--"]
    su = shutil.which("su")
    if su:
        return [su, PG_SYSTEM_USER, "-s", "/bin/sh", "-c"]
    return None


def postgres_binaries_available(bin_dir: Path = PG_BIN_DIR) -> bool:
    """True when a throw-away server can be started here.

    That needs the PostgreSQL 15 server binaries and, when running as root, a ``postgres``
    system user plus ``runuser`` or ``su`` to become it.
    """
    if not all(os.access(bin_dir / name, os.X_OK) for name in _BINARIES):
        return False
    if _running_as_root():
        return _system_user_exists() and _switch_user_prefix() is not None
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _traversable_by_others(path: Path) -> bool:
    """Whether a user other than the owner can reach entries below ``path``."""
    return all(part.stat().st_mode & stat.S_IXOTH for part in (path, *path.parents))


class PostgresCluster:
    """One PostgreSQL server for the duration of a test session (or a ``with`` block).

    ``start()`` creates and starts it, ``url(dbname)`` gives a SQLAlchemy URL
    (``postgresql+psycopg://postgres@127.0.0.1:<port>/<dbname>``), ``create_database`` /
    ``drop_database`` manage databases, ``stop()`` kills the server and deletes its files.
    """

    def __init__(
        self,
        bin_dir: Path = PG_BIN_DIR,
        start_timeout: float = 30.0,
        external_url: str | None = None,
    ) -> None:
        self.bin_dir = Path(bin_dir)
        self.start_timeout = start_timeout
        external = external_url if external_url is not None else os.environ.get(EXTERNAL_URL_ENV)
        self._external: URL | None = make_url(external).set(drivername=DRIVER) if external else None
        self.tmp_dir: Path | None = None
        self.port: int | None = None
        self._created: list[str] = []
        self._running = False

    # -- properties ------------------------------------------------------------------------

    @property
    def external(self) -> bool:
        """True when an existing server (``CORONG_TEST_POSTGRES_URL``) is used."""
        return self._external is not None

    @property
    def data_dir(self) -> Path:
        return self._require_tmp() / "data"

    @property
    def log_path(self) -> Path:
        return self._require_tmp() / "server.log"

    @property
    def running(self) -> bool:
        return self._running

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Create and start the server (no-op against an external server). Idempotent."""
        if self._running:
            return
        if self.external:
            self._running = True
            return
        if not postgres_binaries_available(self.bin_dir):
            raise RuntimeError(
                f"cannot start PostgreSQL: need {', '.join(_BINARIES)} in {self.bin_dir}"
                + (
                    f" and a '{PG_SYSTEM_USER}' user with runuser or su"
                    if _running_as_root()
                    else ""
                )
                + f", or set {EXTERNAL_URL_ENV}"
            )
        atexit.register(self.stop)
        try:
            self._make_tmp_dir()
            self._run(
                "initdb",
                "-D",
                str(self.data_dir),
                "-A",
                "trust",
                "-U",
                PG_SYSTEM_USER,
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-instructions",
            )
            self._start_server()
        except BaseException:
            self.stop()
            raise
        self._running = True

    def stop(self) -> None:
        """Stop the server at once and delete its directory. Idempotent.

        Against an external server: drop the databases this object created.
        """
        atexit.unregister(self.stop)
        if self.external:
            if self._running:
                for name in reversed(self._created):
                    self.drop_database(name)
            self._running = False
            return
        if self.tmp_dir is not None:
            if (self.data_dir / "postmaster.pid").exists():
                self._run(
                    "pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", "-w", check=False
                )
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
        self.tmp_dir = None
        self.port = None
        self._running = False

    def __enter__(self) -> PostgresCluster:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- databases -------------------------------------------------------------------------

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL (psycopg 3 driver) of database ``dbname`` on this server."""
        return self._url(dbname).render_as_string(hide_password=False)

    def create_database(self, name: str, template: str | None = None) -> None:
        """CREATE DATABASE ``name``, copied from ``template`` when given.

        PostgreSQL copies a template only while nobody else is connected to it: dispose of
        engines (or use NullPool) on the template first.
        """
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self._admin_connection() as conn:
            conn.execute(statement)
        self._created.append(name)

    def drop_database(self, name: str) -> None:
        """DROP DATABASE ``name`` if it exists, disconnecting its sessions (WITH (FORCE))."""
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        with self._admin_connection() as conn:
            conn.execute(statement)
        if name in self._created:
            self._created.remove(name)

    # -- internals -------------------------------------------------------------------------

    def _url(self, dbname: str) -> URL:
        if not self._running:
            raise RuntimeError("PostgresCluster is not running: call start() first")
        if self._external is not None:
            return self._external.set(database=dbname)
        return URL.create(
            DRIVER, username=PG_SYSTEM_USER, host="127.0.0.1", port=self.port, database=dbname
        )

    def _admin_connection(self) -> psycopg.Connection:
        admin_db = (self._external.database if self._external is not None else None) or "postgres"
        return self.connect(admin_db)

    def connect(self, dbname: str) -> psycopg.Connection:
        """An autocommit connection to database ``dbname``, for fixtures' own upkeep."""
        url = self._url(dbname)
        params: dict[str, Any] = {
            "host": url.host,
            "port": url.port,
            "user": url.username,
            "password": url.password,
            "dbname": url.database,
            "connect_timeout": 10,
        }
        params.update({k: v for k, v in url.query.items() if isinstance(v, str)})
        return psycopg.connect(
            autocommit=True, **{k: v for k, v in params.items() if v is not None}
        )

    def _require_tmp(self) -> Path:
        if self.tmp_dir is None:
            raise RuntimeError("PostgresCluster has no directory: call start() first")
        return self.tmp_dir

    def _make_tmp_dir(self) -> None:
        parent = Path(tempfile.gettempdir())
        if _running_as_root() and not _traversable_by_others(parent):
            parent = Path("/tmp")  # the postgres user must reach the directory
        self.tmp_dir = Path(tempfile.mkdtemp(prefix="corong-pg-", dir=parent))
        if _running_as_root():
            user = pwd.getpwnam(PG_SYSTEM_USER)
            os.chown(self.tmp_dir, user.pw_uid, user.pw_gid)

    def _start_server(self) -> None:
        last_log = ""
        for _ in range(_PORT_ATTEMPTS):
            self.port = _free_port()
            settings = {**_SERVER_SETTINGS, "unix_socket_directories": str(self.tmp_dir)}
            options = " ".join(
                f"-c {shlex.quote(f'{key}={value}')}" for key, value in settings.items()
            )
            result = self._run(
                "pg_ctl",
                "start",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_path),
                "-w",
                "-t",
                str(max(1, round(self.start_timeout))),
                "-o",
                f"-p {self.port} {options}",
                check=False,
                timeout=self.start_timeout + 10,
            )
            if result.returncode == 0:
                return
            last_log = self._log_tail()
            if "could not bind" not in last_log and "already in use" not in last_log:
                break  # not a port race: retrying would not help
        raise RuntimeError(
            f"PostgreSQL failed to start or was not ready within {self.start_timeout:g}s "
            f"(port {self.port}, data {self.data_dir}).\n"
            f"pg_ctl output:\n{result.stdout}{result.stderr}\n"
            f"server log tail ({self.log_path}):\n{last_log}"
        )

    def _log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return f"<no server log: {exc}>"
        return "\n".join(text.splitlines()[-lines:])

    def _run(
        self, binary: str, *args: str, check: bool = True, timeout: float = 60.0
    ) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / binary), *args]
        if _running_as_root():
            prefix = _switch_user_prefix()
            assert prefix is not None  # postgres_binaries_available() checked it
            command = [*prefix, shlex.join(command)] if prefix[-1] == "-c" else prefix + command
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C")
        result = subprocess.run(
            command,
            cwd=self.tmp_dir or tempfile.gettempdir(),
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{binary} failed (exit {result.returncode}): {shlex.join(command)}\n"
                f"{result.stdout}{result.stderr}"
            )
        return result
