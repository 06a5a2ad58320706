"""How fast the real bot acks slash commands over HTTP, against a bare Bolt app that only acks.

Run from the repository root::

    python bench/ack.py [--seconds 20] [--connections 16] [--quick] [--sqlite-only]
                        [--workers 1,2]

In one run it starts, each in its own process and each served by the product's own stack
(gunicorn, gthread workers with 16 threads each, one unless ``--workers`` says otherwise,
``bot/server.py``):

- ``bare``: a Bolt app with the product's Bolt settings whose ``/call`` and ``/deal`` handlers
  only call ``ack()``: what any Bolt app on this machine costs, the baseline;
- ``sqlite``: the real bot, ``corong run`` (the console script) in HTTP mode against a migrated
  SQLite file;
- ``postgresql``: the same against a database on a throw-away PostgreSQL 15
  (``tests/pgcluster.py``; skipped, saying why, when its binaries are missing or with
  ``--sqlite-only``); with ``--workers 1,2`` once per number of HTTP worker processes
  (``WEB_CONCURRENCY``): ``postgresql`` with one, ``pg-2w`` with two, each on a fresh
  database, and a line saying how throughput scaled from one worker (SQLite always has one).

Each talks to a fake Slack on loopback (``tests/fakeslack``: auth.test at start-up, the App
Home publishes after changes). A load generator in a separate process opens
``--connections`` keep-alive connections, one Slack user each, who are known to the bot already
(profile fetched, so every command is committed and answered in the ack, the path measured).
Each user first adds ``--deals`` deals with the bot's own ``/deal add``, warms up for a moment,
then for ``--seconds`` sends, back to back and each freshly signed as Slack signs it,
``/call D-<n> 5m connected "..."`` and ``/deal move D-<n> <stage>`` in turn over its own deals,
every move to the stage the deal is not in (lead and prospect alternately), so each is a real
move. The same requests go to all three targets.

It prints, per target: requests, errors (a non-200 answer, a dropped connection, or an ack that
does not say the call was logged or the deal moved, e.g. "something went wrong"), throughput,
p50 and p99 ack latency, the ratios to ``bare``, and for the real bot the rows found against the
acks that said they were saved: call activities and stage changes (``lost`` is the difference),
counted as soon as the load ends. It also prints the server's CPU per request (its processes'
CPU time over every request sent, the after-ack work included) and how long the after-ack work
(App Home publishes, coalesced per user) ran on after the load: the run waits up to ``--drain``
seconds for it, so that CPU is the whole cost. Server log lines at ERROR are printed too.
``--quick`` runs 2 seconds per target over 2 deals per user. With ``--requests N`` each user
sends N timed requests instead of sending for ``--seconds``: a fixed amount of work whose counts
do not depend on how fast the machine is, for a smoke test.

Then, with ``--rate`` (20 by default, 0 to skip), each target again with fresh data, the same
requests paced at that many per second across the users (open loop, latency counted from when a
request was due): the latency a busy team actually sees, where the back-to-back run measures
the most the server can take.

Aims (issue): p99 under 50 ms and at least half the bare app's throughput on SQLite, no
errors, nothing lost. With 16 connections always busy, mean latency is 16 / throughput (Little's
law), so the p99 aim also asks for well over 320 requests/s.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func
from sqlmodel import col, select

from storage.db import make_engine, unit_of_work
from storage.migrate import upgrade
from storage.models import Activity, Member, StageChange, Workspace
from tests.fakeslack import FakeSlack
from tests.fakeslack.requests import sign, slash_command_body
from tests.patience import PROCESS_PATIENCE
from tests.processes import clean_env, corong, free_port

TEAM_ID = "T0BENCH001"
CHANNEL_ID = "C0BENCH001"
TIMEZONE = "Asia/Jakarta"
SIGNING_SECRET = "bench-signing-secret-0123456789ab"
TOKEN = "xoxb-bench-token"
EVENTS_PATH = "/slack/events"
STAGES = ("lead", "prospect")  # funnel4's first two: moving between them never needs a BANT
P99_AIM_MS = 50.0
THROUGHPUT_AIM = 0.5
ADDED = re.compile(r"Added (D-\d+)\.")


def user_id(n: int) -> str:
    return f"U0BENCH{n:03d}"


# --- the load generator (its own process) --------------------------------------------------------


@dataclass
class Plan:
    """What the load generator sends, and where."""

    port: int
    connections: int
    deals: int  # per user
    warmup: float  # seconds before the timer
    seconds: float
    replies: bool  # the real bot: each ack must say it saved (the bare app acks empty)
    response_base: str  # response_url prefix on the fake Slack (the bot should not need it)
    rate: float = 0.0  # requests/s across all users (open loop); 0: back to back (closed loop)
    requests: int = 0  # timed requests per user; 0: as many as fit in ``seconds``


class Connection:
    """One keep-alive HTTP/1.1 connection, as small as it gets: the client's own cost is part
    of every latency measured, the same for each target."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self.buffer = sock, b""
        return sock

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def post(self, body: str, headers: dict[str, str]) -> tuple[int, bytes]:
        """POST to the events path; (status, body). A dropped connection raises OSError and is
        reopened on the next request (the request is not resent: it may have been saved)."""
        sock = self.sock or self._connect()
        data = body.encode()
        head = "".join(f"{key}: {value}\r\n" for key, value in headers.items())
        request = (
            f"POST {EVENTS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            "User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)\r\n"
            f"Accept: application/json,*/*\r\n{head}Content-Length: {len(data)}\r\n\r\n"
        ).encode()
        try:
            sock.sendall(request + data)
            return self._response()
        except OSError:
            self.close()
            raise

    def _read_more(self) -> None:
        assert self.sock is not None
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("server closed the connection")
        self.buffer += chunk

    def _response(self) -> tuple[int, bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._read_more()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines[1:])
        }
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._chunked()
        else:
            length = int(headers.get("content-length", "0"))
            while len(self.buffer) < length:
                self._read_more()
            body, self.buffer = self.buffer[:length], self.buffer[length:]
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def _chunked(self) -> bytes:
        parts: list[bytes] = []
        while True:
            while b"\r\n" not in self.buffer:
                self._read_more()
            size_line, self.buffer = self.buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(self.buffer) < size + 2:
                self._read_more()
            chunk, self.buffer = self.buffer[:size], self.buffer[size + 2 :]
            if size == 0:
                return b"".join(parts)
            parts.append(chunk)


def ack_text(body: bytes) -> str:
    """Every text a user would read in an ack message, joined (empty for an empty ack)."""
    if not body.strip():
        return ""
    try:
        message = json.loads(body)
    except ValueError:
        return body.decode(errors="replace")
    parts = [str(message.get("text") or "")]
    for block in message.get("blocks") or []:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(str(text.get("text", "")))
        for item in (block.get("fields") or []) + (block.get("elements") or []):
            text = item.get("text")
            parts.append(str(text.get("text", "")) if isinstance(text, dict) else str(text or ""))
    return "\n".join(parts)


@dataclass
class Tally:
    """One connection's results: the timed requests' latencies, and every saved call or move."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {"call": [], "move": []})
    errors: Counter[str] = field(default_factory=Counter)
    timed_errors: int = 0
    saved: Counter[str] = field(default_factory=Counter)  # whole run, warm-up included
    last_done: float = 0.0


class User:
    """One connection, one Slack user, acting only on the deals they added themselves."""

    def __init__(self, plan: Plan, n: int) -> None:
        self.plan, self.n = plan, n
        self.user = user_id(n)
        self.connection = Connection(plan.port)
        self.deals: list[str] = []
        self.stage: dict[str, str] = {}
        self.tally = Tally()
        self.sequence = 0

    def send(self, command: str, text: str) -> tuple[int, str, float]:
        """One signed slash command as Slack sends it: (status, ack text, seconds)."""
        self.sequence += 1
        body = slash_command_body(
            command,
            text,
            user_id=self.user,
            team_id=TEAM_ID,
            channel_id=CHANNEL_ID,
            user_name=self.user.lower(),
            response_url=f"{self.plan.response_base}{self.user}/{self.sequence}",
        )
        headers = sign(body, SIGNING_SECRET)
        started = time.perf_counter()
        status, reply = self.connection.post(body, headers)
        return status, ack_text(reply), time.perf_counter() - started

    def add_deals(self) -> None:
        """Add this user's deals with the bot's own ``/deal add`` (a failure counts as an error
        and is tried again: an ack that failed saved nothing). The bare app acks empty, so its
        refs are made up (it never reads them)."""
        for k in range(self.plan.deals):
            for _attempt in range(3):
                try:
                    status, text, _ = self.send("/deal", f"add Bench {self.user} {k + 1} 10jt")
                except OSError as error:
                    self._error(False, f"set-up connection: {type(error).__name__}")
                    continue
                found = ADDED.search(text)
                if not self.plan.replies or (status == 200 and found):
                    break
                self._error(False, f"set-up: HTTP {status}: " + " ".join(text.split())[:80])
            else:
                raise RuntimeError(f"/deal add kept failing for {self.user}")
            ref = found.group(1) if found else f"D-{self.n * self.plan.deals + k + 1}"
            self.deals.append(ref)
            self.stage[ref] = STAGES[0]

    def run(self, start: float, timer: float, end: float) -> None:
        """From ``start`` (all users at once), call and move in turn until ``end``; requests
        sent after ``timer`` are measured."""
        time.sleep(max(0.0, start - time.perf_counter()))
        # Paced: each user sends at its share of the rate, staggered, whether or not the last
        # answer came back; latency counts from when the request was due (no coordinated
        # omission: a slow server cannot slow the clock that judges it).
        interval = self.plan.connections / self.plan.rate if self.plan.rate else 0.0
        due = start + interval * self.n / self.plan.connections
        step = timed_sent = 0
        while timed_sent < self.plan.requests if self.plan.requests else time.perf_counter() < end:
            if interval:
                time.sleep(max(0.0, due - time.perf_counter()))
                scheduled, due = due, due + interval
            deal = self.deals[(step // 2) % len(self.deals)]
            kind = "call" if step % 2 == 0 else "move"
            step += 1
            if kind == "call":
                command, text = "/call", f'{deal} 5m connected "bench call {step}"'
                saved = f"Call logged on {deal}."
            else:
                target = STAGES[1] if self.stage[deal] == STAGES[0] else STAGES[0]
                command, text = "/deal", f"move {deal} {target}"
                saved = f"Moved {deal} from "
            timed = time.perf_counter() >= timer
            timed_sent += timed
            try:
                status, reply, seconds = self.send(command, text)
            except OSError as error:
                self._error(timed, f"connection: {type(error).__name__}")
                continue
            if interval:
                seconds = time.perf_counter() - scheduled
            if status != 200:
                self._error(timed, f"HTTP {status}")
            elif self.plan.replies and saved not in reply:
                self._error(timed, "ack: " + " ".join(reply.split())[:90])
                if kind == "move" and "already in" in reply:
                    self.stage[deal] = target
            else:
                self.tally.saved[kind] += 1
                if kind == "move":
                    self.stage[deal] = target
            if timed:
                self.tally.latencies[kind].append(seconds)
                self.tally.last_done = time.perf_counter()

    def _error(self, timed: bool, what: str) -> None:
        self.tally.errors[what] += 1
        self.tally.timed_errors += timed


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (0 < q <= 1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")


def generate_load(plan: Plan) -> dict[str, Any]:
    """Set up each user's deals, warm up, run the timed load; a summary as a dict."""
    users = [User(plan, n) for n in range(plan.connections)]
    setup = [threading.Thread(target=u.add_deals) for u in users]
    for thread in setup:
        thread.start()
    for thread in setup:
        thread.join()
    if plan.replies and any(len(u.deals) != plan.deals for u in users):
        raise RuntimeError("deal set-up failed (see above)")
    for u in users:  # gunicorn drops a keep-alive connection idle for 2 s: start afresh
        u.connection.close()
    start = time.perf_counter() + 0.05
    timer = start + plan.warmup
    end = timer + plan.seconds
    threads = [threading.Thread(target=u.run, args=(start, timer, end)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for u in users:
        u.connection.close()
    by_kind = {
        kind: [latency for u in users for latency in u.tally.latencies[kind]]
        for kind in ("call", "move")
    }
    every = by_kind["call"] + by_kind["move"]
    elapsed = max(u.tally.last_done for u in users) - timer
    errors: Counter[str] = Counter()
    for u in users:
        errors.update(u.tally.errors)
    return {
        "requests": len(every),
        "errors": sum(u.tally.timed_errors for u in users),
        "all_errors": errors.total(),
        "seconds": elapsed,
        "p50_ms": percentile(every, 0.50) * 1000,
        "p99_ms": percentile(every, 0.99) * 1000,
        "by_kind": {
            kind: [len(values), percentile(values, 0.5) * 1000, percentile(values, 0.99) * 1000]
            for kind, values in by_kind.items()
        },
        "sent": sum(u.sequence for u in users),
        "saved_calls": sum(u.tally.saved["call"] for u in users),
        "saved_moves": sum(u.tally.saved["move"] for u in users),
        "error_kinds": dict(errors.most_common(5)),
    }


# --- the bare Bolt app (its own process) ---------------------------------------------------------


def serve_bare(port: int, api_url: str) -> None:
    """A Bolt app that only acks, configured and served as the product's (``bot/app.py``,
    ``bot/server.py``): the same middleware, signature check and gunicorn."""
    from concurrent.futures import ThreadPoolExecutor

    from slack_bolt import Ack, App

    from bot.server import Served, serve_http, wsgi_app
    from bot.slack_client import make_web_client

    def build() -> Served:
        app = App(
            client=make_web_client(TOKEN, api_url),
            signing_secret=SIGNING_SECRET,
            process_before_response=True,
            listener_executor=ThreadPoolExecutor(
                max_workers=16, thread_name_prefix="bare-after-ack"
            ),
        )

        def just_ack(ack: Ack) -> None:
            ack()

        for command in ("/call", "/deal"):
            app.command(command)(just_ack)
        # /healthz answers from an in-memory database: the bare app has no data of its own.
        return Served(wsgi_app(app, make_engine("sqlite://"), signing_secret=SIGNING_SECRET))

    serve_http(build, port, log_level="warning")


# --- the run -------------------------------------------------------------------------------------


@dataclass
class Result:
    target: str
    requests: int
    errors: int  # of the timed requests
    all_errors: int  # set-up and warm-up included
    seconds: float
    p50_ms: float
    p99_ms: float
    by_kind: dict[str, list[float]]
    error_kinds: dict[str, int]
    sent: int  # every request, set-up and warm-up included
    saved_calls: int
    saved_moves: int
    calls_found: int | None = None
    moves_found: int | None = None
    cpu_ms_per_request: float | None = None  # the server's, over every request and its after-ack
    changes: int = 0  # deals added, calls logged, deals moved: each refreshes an App Home
    published: int = 0  # App Home publishes once the after-ack work settled (coalesced per user)
    drain_seconds: float = 0.0  # how long after the load the after-ack work settled
    rate: float = 0.0  # the paced run's requests/s; 0 for the back-to-back run
    log_problems: dict[str, int] = field(default_factory=dict)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def lost(self) -> int | None:
        if self.calls_found is None or self.moves_found is None:
            return None
        return (self.saved_calls - self.calls_found) + (self.saved_moves - self.moves_found)


def prepare_database(url: str, connections: int) -> None:
    """Migrate, and make the bench users known: profile fetched just now, so each command is
    answered in its ack (a first-time user gets an empty ack and a users.info look-up)."""
    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    with unit_of_work(engine) as session:
        workspace = Workspace(slack_team_id=TEAM_ID, name="Bench", timezone=TIMEZONE)
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
            for n in range(connections)
        )
    engine.dispose()


def count_rows(url: str) -> tuple[int, int]:
    """(call activities, stage moves) in the database; a deal's creation is not a move."""
    engine = make_engine(url)
    with unit_of_work(engine, read_only=True) as session:
        calls = session.exec(
            select(func.count()).select_from(Activity).where(Activity.kind == "call")
        ).one()
        moves = session.exec(
            select(func.count())
            .select_from(StageChange)
            .where(col(StageChange.from_stage).is_not(None))
        ).one()
    engine.dispose()
    return int(calls), int(moves)


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) of a process and its children so far (Linux; None elsewhere)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0.0
        for one in [str(pid), *children]:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Server:
    """A server process (gunicorn master and its workers) on a loopback port."""

    def __init__(self, command: list[str], env: dict[str, str], port: int, folder: Path) -> None:
        self.port = port
        self.log_path = folder / f"server-{port}.log"
        self.log = self.log_path.open("w")
        # The working directory holds no .env: only the settings given here apply.
        self.process = subprocess.Popen(
            command, env=env, cwd=folder, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait_healthy(self, timeout: float = PROCESS_PATIENCE) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                url = f"http://127.0.0.1:{self.port}/healthz"
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server did not start:\n{self.log_tail()}")
            time.sleep(0.2)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def problems(self) -> dict[str, int]:
        """What went wrong in the server, counted: ERROR and CRITICAL log lines (without time
        and reference) and the exception each traceback ended in. Nothing should."""
        found: Counter[str] = Counter()
        lines = self.log_path.read_text(errors="replace").splitlines()
        for i, line in enumerate(lines):
            if " ERROR " in line or " CRITICAL " in line:
                message = line.split(" ", 2)[-1]
                found[re.sub(r" ref=.*", "", message)[:150]] += 1
            elif line.startswith("Traceback"):
                ending = next(
                    (x for x in lines[i + 1 :] if x and not x.startswith((" ", "Traceback"))), ""
                )
                found["exception: " + ending.strip()[:140]] += 1
        return dict(found.most_common())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=PROCESS_PATIENCE)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


def run_load(plan: Plan) -> dict[str, Any]:
    """The load generator in its own process, so it never holds a server's GIL."""
    done = subprocess.run(
        [sys.executable, __file__, "--load", json.dumps(asdict(plan))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=plan.seconds + plan.warmup + 300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def run_target(
    target: str,
    database_url: str | None,
    folder: Path,
    args: argparse.Namespace,
    *,
    rate: float = 0.0,
    workers: int = 1,
) -> Result:
    """Start one server (bare when no database), load it, count its rows, stop it. With a
    ``rate``, requests are paced at that many per second instead of sent back to back; the
    real bot runs ``workers`` HTTP worker processes."""
    fake = FakeSlack(team_id=TEAM_ID).start()
    for n in range(args.connections):
        fake.add_user(user_id(n), name=f"rep{n}", real_name=f"rep {n}", tz=TIMEZONE)
    port = free_port()
    if database_url is None:
        command = [sys.executable, __file__, "--bare-server", str(port), fake.api_url]
        env = clean_env()
    else:
        prepare_database(database_url, args.connections)
        command = corong("run")
        env = clean_env(
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=fake.api_url,
            DATABASE_URL=database_url,
            PORT=str(port),
            SCHEDULED_POSTS="false",
            LOG_LEVEL="WARNING",
            WEB_CONCURRENCY=str(workers),
        )
    server = Server(command, env, port, folder)
    try:
        server.wait_healthy()
        plan = Plan(
            port=port,
            connections=args.connections,
            deals=args.deals,
            warmup=args.warmup,
            seconds=args.seconds,
            requests=args.requests,
            replies=database_url is not None,
            response_base=f"{fake.base_url}/response/{TEAM_ID}/bench/",
            rate=rate,
        )
        cpu_before = cpu_seconds(server.process.pid)
        result = Result(target=target, rate=rate, **run_load(plan))
        if database_url is not None:
            # At once: every ack that said "saved" must already be in the database.
            result.calls_found, result.moves_found = count_rows(database_url)
            result.changes = args.connections * args.deals + result.saved_calls
            result.changes += result.saved_moves
            drain_after_ack(fake, result, args.drain)
        cpu_after = cpu_seconds(server.process.pid)
    finally:
        server.stop()
        fake.stop()
    if cpu_before is not None and cpu_after is not None:
        result.cpu_ms_per_request = (cpu_after - cpu_before) * 1000 / max(result.sent, 1)
    result.log_problems = server.problems()
    return result


def drain_after_ack(fake: FakeSlack, result: Result, limit: float) -> None:
    """Wait for the after-ack work still queued (App Home publishes, coalesced per user), so
    the CPU counted is the whole cost of the requests: done once no publish came for 3 s."""
    started = progressed = time.monotonic()
    last = len(fake.calls_to("views.publish"))
    while time.monotonic() - started < limit and time.monotonic() - progressed < 3:
        time.sleep(0.2)
        count = len(fake.calls_to("views.publish"))
        if count > last:
            last, progressed = count, time.monotonic()
    result.published = last
    result.drain_seconds = progressed - started


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None or math.isnan(value) else format(value, spec)


def print_table(results: Sequence[Result]) -> None:
    bare = next((r for r in results if r.target == "bare"), None)
    header = (
        f"{'target':<11}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'tput/bare':>11}{'p99/bare':>9}{'cpu ms/req':>11}"
        f"{'calls exp/found':>16}{'moves exp/found':>16}{'lost':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        ratio = r.throughput / bare.throughput if bare and bare.throughput else None
        p99_ratio = r.p99_ms / bare.p99_ms if bare and bare.p99_ms else None
        calls = f"{r.saved_calls}/{r.calls_found}" if r.calls_found is not None else "-"
        moves = f"{r.saved_moves}/{r.moves_found}" if r.moves_found is not None else "-"
        print(
            f"{r.target:<11}{r.requests:>9}{r.errors:>7}{r.throughput:>8.1f}{r.p50_ms:>8.1f}"
            f"{r.p99_ms:>8.1f}{_fmt(ratio, '.2f'):>11}{_fmt(p99_ratio, '.2f'):>9}"
            f"{_fmt(r.cpu_ms_per_request, '.2f'):>11}{calls:>16}{moves:>16}"
            f"{_fmt(r.lost, 'd'):>5}"
        )
    print()
    print(
        "requests, errors and latencies count the timed requests; calls and moves count every"
        " one saved, set-up and warm-up included"
    )
    print("by command (requests, p50 ms, p99 ms):")
    for r in results:
        parts = [
            f"{kind} {int(n)} {_fmt(p50, '.1f')} {_fmt(p99, '.1f')}"
            for kind, (n, p50, p99) in r.by_kind.items()
        ]
        print(f"  {r.target:<11}" + "   ".join(parts))
    for r in results:
        if r.changes:
            print(
                f"  {r.target}: {r.changes} changes refreshed App Homes with {r.published} "
                f"publishes (coalesced per user); the last {r.drain_seconds:.1f} s after the load"
            )
        for what, count in r.error_kinds.items():
            print(f"  {r.target} error x{count}: {what}")
        for line, count in r.log_problems.items():
            print(f"  {r.target} server log x{count}: {line}")


def print_aims(results: Sequence[Result]) -> bool:
    """Each aim, met or not; True when all are."""
    bare = next(r for r in results if r.target == "bare")
    checks: list[tuple[str, bool, str]] = []
    for r in results:
        if r.target == "bare":
            continue
        checks.append(
            (f"{r.target} p99 < {P99_AIM_MS:.0f} ms", r.p99_ms < P99_AIM_MS, f"{r.p99_ms:.1f} ms")
        )
        if r.target == "sqlite":
            ratio = r.throughput / bare.throughput if bare.throughput else 0.0
            checks.append(
                (
                    f"sqlite throughput >= {THROUGHPUT_AIM}x bare",
                    ratio >= THROUGHPUT_AIM,
                    f"{ratio:.2f}x",
                )
            )
        checks.append((f"{r.target} nothing lost", r.lost == 0, f"lost: {r.lost}"))
    timed, every = sum(r.errors for r in results), sum(r.all_errors for r in results)
    checks.append(
        ("no errors", every == 0, f"{timed} timed, {every - timed} in set-up and warm-up")
    )
    print()
    print("aims:")
    for name, met, value in checks:
        print(f"  {name}: {'met' if met else 'NOT met'} ({value})")
    return all(met for _, met, _ in checks)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="timed load per target")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--deals", type=int, default=4, help="deals per user (connection)")
    parser.add_argument("--warmup", type=float, default=2.0, help="untimed load first (s)")
    parser.add_argument(
        "--drain", type=float, default=60.0, help="most seconds to wait for after-ack work"
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=20.0,
        help="then the same at this steady requests/s (0: skip)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=0,
        help="timed requests per connection, instead of --seconds (a fixed amount of work)",
    )
    parser.add_argument("--quick", action="store_true", help="2 s per target: a smoke test")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument(
        "--workers",
        type=worker_counts,
        default=(1,),
        help="PostgreSQL target once per number of HTTP workers, e.g. 1,2 (default 1)",
    )
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument(
        "--bare-server", nargs=2, metavar=("PORT", "API_URL"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.load:
        print(json.dumps(generate_load(Plan(**json.loads(args.load)))))
        return 0
    if args.bare_server:
        serve_bare(int(args.bare_server[0]), args.bare_server[1])
        return 0
    if args.quick:
        args.seconds, args.warmup, args.drain = 2.0, 0.5, 5.0
        args.deals = min(args.deals, 2)
    timed = f"{args.requests} requests each" if args.requests else f"{args.seconds:g} s"
    print(
        f"{args.connections} connections, {timed} per target after {args.warmup:g} s "
        f"warm-up; /call and /deal move in turn over {args.deals} deals per user"
    )
    # The servers, the load and the fake Slack share this machine: say how busy it already was.
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start")
    results: list[Result] = []
    paced: list[Result] = []

    def run_both(target: str, url: str | None, second_url: str | None, workers: int = 1) -> None:
        results.append(run_target(target, url, folder, args, workers=workers))
        if args.rate:
            paced.append(
                run_target(target, second_url, folder, args, rate=args.rate, workers=workers)
            )

    with tempfile.TemporaryDirectory(prefix="corong-ack-") as name:
        folder = Path(name)
        run_both("bare", None, None)
        run_both("sqlite", f"sqlite:///{folder / 'ack.db'}", f"sqlite:///{folder / 'paced.db'}")
        skipped = "--sqlite-only" if args.sqlite_only else None
        if not args.sqlite_only:
            from tests.pgcluster import PostgresCluster, postgres_binaries_available

            if not postgres_binaries_available() and "CORONG_TEST_POSTGRES_URL" not in os.environ:
                skipped = "PostgreSQL 15 binaries not found, see tests/pgcluster.py"
                print(f"WARNING: postgresql: skipped ({skipped})", file=sys.stderr)
            else:
                with PostgresCluster() as cluster:
                    for workers in args.workers:
                        suffix = "" if workers == 1 else str(workers)
                        cluster.create_database(f"ack{suffix}")
                        cluster.create_database(f"paced{suffix}")
                        run_both(
                            postgresql_target(workers),
                            cluster.url(f"ack{suffix}"),
                            cluster.url(f"paced{suffix}"),
                            workers,
                        )
    print()
    print_table(results)
    print_scaling(results, args.workers)
    print_aims(results)
    if paced:
        print_paced(paced, args.rate)
    if skipped:
        print(f"postgresql: skipped ({skipped})")
    return 0


def worker_counts(text: str) -> tuple[int, ...]:
    """``--workers 1,2``: the numbers of HTTP worker processes to run PostgreSQL with."""
    try:
        counts = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("a comma-separated list of whole numbers") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("each number of workers is at least 1")
    return counts


def postgresql_target(workers: int) -> str:
    """The PostgreSQL row's name: ``postgresql`` with one HTTP worker, ``pg-2w`` with two (short
    enough for the table's first column)."""
    return "postgresql" if workers == 1 else f"pg-{workers}w"


def print_scaling(results: Sequence[Result], worker_counts: Sequence[int]) -> None:
    """How PostgreSQL's throughput scaled with the workers, against one worker's (when run)."""
    by_workers = {n: r for n in worker_counts for r in results if r.target == postgresql_target(n)}
    one = by_workers.get(1)
    if len(by_workers) < 2 or one is None or not one.throughput:
        return
    print()
    parts = [
        f"{r.target} ({n} worker{'s' if n > 1 else ''}) {r.throughput / one.throughput:.2f}x"
        for n, r in by_workers.items()
    ]
    print("postgresql throughput by HTTP workers (WEB_CONCURRENCY): " + ", ".join(parts))


def print_paced(results: Sequence[Result], rate: float) -> None:
    """The same requests at a steady rate: the latency a team sees at that load."""
    print()
    print(f"at a steady {rate:g} requests/s (latency from when each request was due):")
    header = f"{'target':<11}{'requests':>9}{'errors':>7}{'p50 ms':>8}{'p99 ms':>8}{'lost':>5}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.target:<11}{r.requests:>9}{r.errors:>7}{r.p50_ms:>8.1f}{r.p99_ms:>8.1f}"
            f"{_fmt(r.lost, 'd'):>5}"
        )


if __name__ == "__main__":
    sys.exit(main())
