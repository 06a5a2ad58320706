"""``corong run`` with several HTTP workers (WEB_CONCURRENCY) on PostgreSQL, as an operator runs
it: the console script, gunicorn, a throw-away PostgreSQL and a fake Slack on loopback.

Signed slash commands, sent as Slack sends them over several concurrent connections, are all
answered and saved with no error, served by both workers; exactly one worker runs the scheduled
posts, and when it is killed another takes over; with SCHEDULED_POSTS=false none waits for
them. Every wait is on a log line or an answer, with a generous ceiling; nothing here measures
speed.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from bot.cli import _http_worker
from bot.config import Settings
from bot.posts.scheduler_lock import SchedulerLock
from storage.db import make_engine, unit_of_work
from storage.models import Activity, Deal, Member, StageChange, Workspace
from tests.conftest import TEMPLATE_DB
from tests.fakeslack import FakeSlack, sign, slash_command_body
from tests.pgcluster import PostgresCluster
from tests.processes import clean_env, corong, free_port

SECRET = "workers-signing-secret"
TIMEZONE = "Asia/Jakarta"
CONNECTIONS = 8  # concurrent connections, one Slack user each
DEALS = 2  # per user
COMMANDS = 1000  # /call and /deal move in turn, across all users
REQUESTS_PER_CONNECTION = 10  # then the connection is closed and another opened, as Slack does
CEILING = 60.0  # seconds: the most any one wait may take; none should come near it

SENDS = re.compile(r"scheduled posts: this process \(pid (\d+)\) sends them")
STANDS_BY = re.compile(r"scheduled posts: another worker sends them; this one \(pid (\d+)\)")
BOOTED = re.compile(r"Booting worker with pid: (\d+)")
SERVED = re.compile(r"HTTP worker \(pid (\d+)\) stops; it served (\d+) requests from Slack")


def user_id(n: int) -> str:
    return f"U0WORKER{n:02d}"


@pytest.fixture
def postgres_url(pg_cluster: PostgresCluster | None) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database (this file is about PostgreSQL only)."""
    if pg_cluster is None:
        pytest.skip("PostgreSQL binaries absent")
    name = f"w_{uuid.uuid4().hex[:12]}"
    pg_cluster.create_database(name, template=TEMPLATE_DB)
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    for n in range(CONNECTIONS):
        fake.add_user(user_id(n), team_id=fake.team_id, name=f"rep{n}", locale="en-US")
    try:
        yield fake
        fake.assert_no_violations()
    finally:
        fake.stop()


def know_the_reps(url: str, team_id: str) -> None:
    """The reps' profiles are fresh, so every command is saved and confirmed in its ack."""
    engine = make_engine(url)
    now = datetime.now(UTC)
    with unit_of_work(engine) as session:
        workspace = Workspace(slack_team_id=team_id, name="Workers", timezone=TIMEZONE)
        session.add(workspace)
        session.flush()
        assert workspace.id is not None
        session.add_all(
            Member(
                workspace_id=workspace.id,
                slack_user_id=user_id(n),
                name=f"rep {n}",
                locale="en-US",
                timezone=TIMEZONE,
                profile_fetched_at=now,
            )
            for n in range(CONNECTIONS)
        )
    engine.dispose()


@dataclass
class Run:
    """``corong run`` in its own process group (gunicorn's master and workers), logging to a
    file the test reads."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines()

    def pids(self, pattern: re.Pattern[str]) -> list[int]:
        """The pid in each log line matching ``pattern``, in order."""
        return [int(m.group(1)) for line in self.lines() if (m := pattern.search(line))]

    def at_the_lock(self) -> list[int]:
        """The workers that logged sending the scheduled posts or standing by to."""
        return self.pids(SENDS) + self.pids(STANDS_BY)

    def wait_for(self, what: str, check: Callable[[], bool]) -> None:
        deadline = time.monotonic() + CEILING
        while not check():
            if self.process.poll() is not None:
                raise AssertionError(f"corong run exited while waiting for {what}:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {CEILING:.0f} s:\n{self.tail()}")
            time.sleep(0.05)

    def healthy(self) -> bool:
        try:
            url = f"http://127.0.0.1:{self.port}/healthz"
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def tail(self, count: int = 60) -> str:
        return "\n".join(self.lines()[-count:])

    def stop(self) -> int:
        """SIGTERM to the master, as an orchestrator stops it; its exit status."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                return self.process.wait(timeout=CEILING)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
                raise AssertionError(f"corong run did not stop:\n{self.tail()}") from None
        return self.process.returncode


@pytest.fixture
def start_run(tmp_path: Path, fake: FakeSlack) -> Iterator[Callable[..., Run]]:
    runs: list[Run] = []

    def start(database_url: str, **env: str) -> Run:
        port = free_port()
        log = tmp_path / f"run-{port}.log"
        settings = clean_env(
            SLACK_BOT_TOKEN="xoxb-test-token",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake.api_url,
            DATABASE_URL=database_url,
            PORT=str(port),
            LOG_LEVEL="INFO",
            **env,
        )
        with log.open("w") as out:
            process = subprocess.Popen(
                corong("run"),
                env=settings,
                cwd=tmp_path,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: nothing outlives the test
            )
        run = Run(process, port, log)
        runs.append(run)
        run.wait_for("answer on /healthz", run.healthy)
        return run

    try:
        yield start
    finally:
        for run in runs:
            if run.process.poll() is None:
                os.killpg(run.process.pid, signal.SIGKILL)
                run.process.wait(timeout=10)


# --- Slack's side: users sending commands over their own connections ---------------------------


@dataclass
class Rep:
    """One Slack user on one connection at a time, acting on the deals they added."""

    n: int
    port: int
    team_id: str
    response_base: str
    connection: http.client.HTTPConnection | None = None
    used: int = 0
    stage: dict[str, str] = field(default_factory=dict)
    saved: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def send(self, command: str, text: str) -> tuple[int, str]:
        """A signed slash command over keep-alive; after REQUESTS_PER_CONNECTION a new
        connection (each one is accepted by whichever worker is free to take it)."""
        if self.connection is None or self.used == REQUESTS_PER_CONNECTION:
            if self.connection is not None:
                self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=CEILING)
            self.used = 0
        self.used += 1
        body = slash_command_body(
            command,
            text,
            user_id=user_id(self.n),
            team_id=self.team_id,
            user_name=f"rep{self.n}",
            response_url=f"{self.response_base}{self.n}/{self.used}",
        )
        self.connection.request("POST", "/slack/events", body=body, headers=sign(body, SECRET))
        response = self.connection.getresponse()
        reply = response.read()
        return response.status, (json.loads(reply).get("text", "") if reply.strip() else "")

    def add_deals(self) -> None:
        for k in range(DEALS):
            status, text = self.send("/deal", f"add Workers {self.n}-{k} 10jt")
            added = re.search(r"Added (D-\d+)\.", text)
            if status != 200 or added is None:
                self.errors.append(f"/deal add: HTTP {status}: {text[:80]}")
                continue
            self.stage[added.group(1)] = "lead"

    def call_and_move(self, count: int) -> None:
        deals = sorted(self.stage)
        for step in range(count):
            deal = deals[(step // 2) % len(deals)]
            if step % 2 == 0:
                kind, command, text = "call", "/call", f'{deal} 5m connected "call {step}"'
                saved = f"Call logged on {deal}."
            else:
                target = "prospect" if self.stage[deal] == "lead" else "lead"
                kind, command, text = "move", "/deal", f"move {deal} {target}"
                saved = f"Moved {deal} from "
            try:
                status, reply = self.send(command, text)
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(f"{command}: {type(error).__name__}: {error}")
                self.connection = None
                continue
            if status != 200 or saved not in reply:
                self.errors.append(f"{command} {text}: HTTP {status}: {reply[:80]}")
                continue
            self.saved[kind] += 1
            if kind == "move":
                self.stage[deal] = target

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def send_commands(run: Run, fake: FakeSlack, total: int) -> tuple[Counter[str], list[str]]:
    """Every rep adds their deals, then ``total`` /call and /deal move commands go out over
    CONNECTIONS concurrent connections; -> (saved per kind, errors)."""
    reps = [
        Rep(n, run.port, fake.team_id, f"{fake.base_url}/response/{fake.team_id}/w/")
        for n in range(CONNECTIONS)
    ]

    def work(rep: Rep) -> None:
        try:
            rep.add_deals()
            rep.call_and_move(total // CONNECTIONS + (rep.n < total % CONNECTIONS))
        except Exception as error:  # reported with the rest, not lost on its thread
            rep.errors.append(f"{type(error).__name__}: {error}")
        finally:
            rep.close()

    threads = [threading.Thread(target=work, args=(rep,)) for rep in reps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=CEILING * 3)
    assert not any(thread.is_alive() for thread in threads), "the load did not finish"
    saved: Counter[str] = Counter()
    for rep in reps:
        saved.update(rep.saved)
    return saved, [error for rep in reps for error in rep.errors]


def stored(url: str) -> tuple[int, int, int]:
    """(deals, call activities, stage moves) in the database; a deal's creation is no move."""
    engine = make_engine(url)
    with unit_of_work(engine, read_only=True) as session:
        deals = session.exec(select(func.count()).select_from(Deal)).one()
        calls = session.exec(
            select(func.count()).select_from(Activity).where(Activity.kind == "call")
        ).one()
        moves = session.exec(
            select(func.count())
            .select_from(StageChange)
            .where(col(StageChange.from_stage).is_not(None))
        ).one()
    engine.dispose()
    return int(deals), int(calls), int(moves)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --- the tests ------------------------------------------------------------------------------


def test_two_workers_answer_a_thousand_commands_with_no_error_and_save_every_one(
    postgres_url: str, fake: FakeSlack, start_run: Callable[..., Run]
) -> None:
    know_the_reps(postgres_url, fake.team_id)
    run = start_run(postgres_url, WEB_CONCURRENCY="2")
    # One worker runs the scheduled posts, the other stands by.
    run.wait_for("two workers at the scheduler lock", lambda: len(run.at_the_lock()) == 2)

    saved, errors = send_commands(run, fake, COMMANDS)

    assert errors == []
    assert saved["call"] + saved["move"] == COMMANDS
    # Every acknowledged write is in the database, counted as soon as the load ends.
    assert stored(postgres_url) == (CONNECTIONS * DEALS, saved["call"], saved["move"])
    booted = run.pids(BOOTED)
    assert len(booted) == 2
    assert len(run.pids(SENDS)) == 1 and run.pids(SENDS)[0] in booted
    assert run.pids(STANDS_BY) == [pid for pid in booted if pid not in run.pids(SENDS)]

    assert run.stop() == 0
    served = {int(m.group(1)): int(m.group(2)) for m in map(SERVED.search, run.lines()) if m}
    assert set(served) == set(booted), run.tail()
    assert all(count > 0 for count in served.values()), served  # both workers served
    assert sum(served.values()) == CONNECTIONS * DEALS + COMMANDS
    problems = [line for line in run.lines() if " ERROR " in line or "Traceback" in line]
    assert problems == [], "\n".join(run.lines())


def test_when_the_worker_sending_scheduled_posts_is_killed_another_takes_over(
    postgres_url: str, fake: FakeSlack, start_run: Callable[..., Run]
) -> None:
    know_the_reps(postgres_url, fake.team_id)
    run = start_run(postgres_url, WEB_CONCURRENCY="2")
    run.wait_for("two workers at the scheduler lock", lambda: len(run.at_the_lock()) == 2)
    (sender,) = run.pids(SENDS)
    (standby,) = run.pids(STANDS_BY)

    os.kill(sender, signal.SIGKILL)

    # gunicorn forks a worker in its place; the one waiting, or the new one, takes over.
    run.wait_for("a new worker", lambda: len(run.pids(BOOTED)) == 3)
    replacement = run.pids(BOOTED)[-1]
    run.wait_for(
        "a worker taking over, and the new one at the lock",
        lambda: len(run.pids(SENDS)) == 2 and replacement in run.at_the_lock(),
    )
    first, then = run.pids(SENDS)  # exactly one more sender, and not the dead one
    assert first == sender and then in (standby, replacement) and alive(then)
    # The bot still answers and saves, on the workers it has now.
    saved, errors = send_commands(run, fake, 100)
    assert errors == [] and saved["call"] + saved["move"] == 100
    assert stored(postgres_url) == (CONNECTIONS * DEALS, saved["call"], saved["move"])
    assert run.pids(SENDS) == [sender, then]
    assert run.stop() == 0


def test_with_scheduled_posts_off_a_worker_never_waits_for_the_lock() -> None:
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-test-token",
        slack_signing_secret="secret",
        database_url="sqlite://",
        scheduled_posts=False,
    )
    with SchedulerLock.made() as lock:
        served = _http_worker(settings, lock)
        try:
            served.start(lambda: True)  # what gunicorn calls once the worker is up
            assert not any(t.name == "corong-scheduler-lock" for t in threading.enumerate())
        finally:
            served.stop()
