"""How fast the real bot acks slash commands over HTTP and what each costs in CPU, against a floor
app that does the least a saving bot can do, and a bare Bolt app that only acks.

Run from the repository root::

    python bench/ack.py [--seconds 20] [--connections 16] [--quick] [--sqlite-only]
                        [--workers 1,2] [--rate 100] [--requests N]

In one run it starts, in this order, each in its own process and each served by the product's
own stack (gunicorn, gthread workers with 16 threads each, ``bot/server.py``):

- ``bare``: a Bolt app with the product's Bolt settings whose ``/call`` and ``/deal`` listener
  only calls ``ack()``: what any Bolt app on this machine costs, kept for reference;
- ``floor-sql``: the floor, the same Bolt app whose listener does one INSERT with SQLAlchemy Core
  (``storage.db.make_engine``'s engine, so WAL, ``synchronous=FULL`` and ``BEGIN IMMEDIATE``,
  in the writers' queue, ``storage.db.writer_turn``) into a table of its own and acks a small
  Block Kit reply saying it saved, as Corong's would; on a SQLite file, one process;
- ``work-sql``: the work floor, the floor app doing in the database what ``/call`` and
  ``/deal move`` must do there (find the caller, find the deal, append the call or the move, set
  the deal's fields, append the audit entry) with statements built once, and nothing else; on a
  migrated SQLite file, one process, back to back only. Not an aim: it splits the bot's gap to
  the floor into what its statements cost and what its own Python costs;
- ``sqlite``: the real bot, ``corong run`` (the console script) in HTTP mode against a migrated
  SQLite file, one process;
- then on a throw-away PostgreSQL 15 (``tests/pgcluster.py``; skipped, saying why, when its
  binaries are missing or with ``--sqlite-only``), each on a fresh database of the one cluster:
  ``floor-pg``, the floor with one HTTP worker process per CPU core; ``work-pg``, the work floor
  likewise, locking the deal and (for a move) the settings as the bot does; and the real bot
  once per number of HTTP worker processes in ``--workers`` (``WEB_CONCURRENCY``; 1 and the
  number of cores by default): ``postgresql`` with one, ``pg-2w`` with two, and a line saying
  how throughput scaled from one worker.

Each talks to a fake Slack on loopback (``tests/fakeslack``: auth.test at start-up, and whatever
the work after an ack calls). A load generator in a separate process opens
``--connections`` keep-alive connections, one Slack user each, who are known to the bot already
(profile fetched, so every command is committed and answered in the ack, the path measured).
Each user first adds ``--deals`` deals with ``/deal add``, warms up for a moment, then for
``--seconds`` sends, back to back and each freshly signed as Slack signs it,
``/call D-<n> 5m connected "..."`` and ``/deal move D-<n> <stage>`` in turn over its own deals,
every move to the stage the deal is not in (lead and prospect alternately), so each is a real
move. The same requests go to every target.

It prints, per target: requests, errors (a non-200 answer, a dropped connection, or an ack that
does not say the call was logged or the deal moved, e.g. "something went wrong"; the bare app
acks empty and is not read), throughput, p50 and p99 ack latency, throughput against the floor
on the same database (the bare app against ``floor-sql``) and against the bare app, and for the
real bot and the floors the rows found against the acks that said they were saved: call
activities and stage changes, or the floor's rows of each kind (``lost`` is the difference),
counted as soon as the load ends. It also prints the server's CPU per request (its processes'
CPU time, the PostgreSQL server's not included, over every request sent, set-up, warm-up and the
after-ack work included) and any App Home publishes after the acks (none are expected: the App
Home is built when it is opened) with how long they ran on after the load: the run waits until
none came for 3 s, up to ``--drain`` seconds, so that CPU is the whole cost. Server log lines at
ERROR are printed too. ``--quick`` runs 2 seconds per target over 2 deals per user. With
``--requests N`` each user sends N timed requests instead of sending for ``--seconds``: a fixed
amount of work whose counts do not depend on how fast the machine is, for a smoke test.

Then, with ``--rate`` (100 by default, 0 to skip), each target again with fresh data, the same
requests paced at that many per second across the users (open loop, latency counted from when a
request was due): the latency a busy team actually sees, where the back-to-back run measures
the most the server can take.

Aims (issue), for the real bot on this machine, each printed met, not met or not run:

- CPU per ``/call`` or ``/deal move``, the after-ack work included: at most 2.5 ms on SQLite
  and 3 ms on PostgreSQL (the bot's processes, not PostgreSQL's);
- with 16 connections back to back: p99 at most 50 ms; throughput at least half the floor's on
  the same database with as many worker processes (``sqlite`` against ``floor-sql``, one
  process; the PostgreSQL target with one worker per core, ``pg-2w`` on two cores, against
  ``floor-pg``); every acknowledged write in the database;
- at a steady 100 commands/s: p99 at most 20 ms, SQLite (one process) and PostgreSQL;
- PostgreSQL throughput at least 1.7x from one worker to two;
- no errors, in any target or run.

With 16 connections always busy, mean latency is 16 / throughput (Little's law), so the p99 aim
also asks for well over 320 requests/s.
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
from typing import TYPE_CHECKING, Any, Literal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import col, select

from storage.db import make_engine, unit_of_work, writer_turn
from storage.migrate import upgrade
from storage.models import Activity, Member, StageChange, Workspace
from tests.fakeslack import FakeSlack
from tests.fakeslack.requests import sign, slash_command_body
from tests.patience import PROCESS_PATIENCE
from tests.processes import clean_env, corong, free_port

if TYPE_CHECKING:
    from slack_bolt import Ack, App

TEAM_ID = "T0BENCH001"
CHANNEL_ID = "C0BENCH001"
TIMEZONE = "Asia/Jakarta"
SIGNING_SECRET = "bench-signing-secret-0123456789ab"
TOKEN = "xoxb-bench-token"
EVENTS_PATH = "/slack/events"
STAGES = ("lead", "prospect")  # funnel4's first two: moving between them never needs a BANT
PER_CORE = os.cpu_count() or 1  # HTTP worker processes for "one worker per core"
# The aims (see the module's docstring).
CPU_AIM_MS = {"sqlite": 2.5, "postgresql": 3.0}
P99_AIM_MS = 50.0  # back to back
THROUGHPUT_AIM = 0.5  # of the floor's
PACED_P99_AIM_MS = 20.0
SCALING_AIM = 1.7  # PostgreSQL, two workers against one
FLOOR = {"sqlite": "floor-sql", "postgresql": "floor-pg"}
# The work floors: the floor app doing what /call and /deal move must do in the database.
WORK_FLOOR = {"sqlite": "work-sql", "postgresql": "work-pg"}
Kind = Literal["bare", "floor", "work", "corong"]
# The floor app's one table: a row per command, of its kind ("add", "call" or "move").
FLOOR_ROWS = sa.Table(
    "bench_floor_command",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.String(32), nullable=False),
    sa.Column("user_id", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("text", sa.String(500), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
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
    replies: bool  # the real bot and the floor: each ack must say it saved (bare acks empty)
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


# --- the bare and floor Bolt apps (each its own process) ----------------------------------------


def bench_app(api_url: str, threads_named: str) -> App:
    """A Bolt app with the product's settings (``bot/app.py``): the same client, signature
    check, ack before the after-ack work, and an after-ack pool of 16 threads."""
    from concurrent.futures import ThreadPoolExecutor

    from slack_bolt import App

    from bot.slack_client import make_web_client

    return App(
        client=make_web_client(TOKEN, api_url),
        signing_secret=SIGNING_SECRET,
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(max_workers=16, thread_name_prefix=threads_named),
    )


def serve_bare(port: int, api_url: str) -> None:
    """A Bolt app that only acks, configured and served as the product's (``bot/app.py``,
    ``bot/server.py``): the same middleware, signature check and gunicorn."""
    from bot.server import Served, serve_http, wsgi_app

    def build() -> Served:
        app = bench_app(api_url, "bare-after-ack")

        def just_ack(ack: Ack) -> None:
            ack()

        for command in ("/call", "/deal"):
            app.command(command)(just_ack)
        # /healthz answers from an in-memory database: the bare app has no data of its own.
        return Served(wsgi_app(app, make_engine("sqlite://"), signing_secret=SIGNING_SECRET))

    serve_http(build, port, log_level="warning")


def serve_floor(port: int, api_url: str) -> None:
    """The floor: the bare app whose listener saves each command with one INSERT (SQLAlchemy
    Core, the product's engine and writers' queue) and acks a small Block Kit reply saying so,
    served as the product is with ``WEB_CONCURRENCY`` worker processes against
    ``DATABASE_URL``. The least any bot that saves before it acks can cost on this stack."""
    from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

    from bot.server import Served, serve_http, wsgi_app

    database_url = os.environ["DATABASE_URL"]
    workers = int(os.environ.get("WEB_CONCURRENCY", "1"))

    def build() -> Served:
        engine = make_engine(database_url)  # in each worker, after the fork
        app = bench_app(api_url, "floor-after-ack")

        def one_insert(ack: Ack, command: dict[str, Any]) -> None:
            kind, reply = floor_reply(command["command"], command.get("text", ""))
            if not kind:
                ack(text=reply, response_type="ephemeral")
                return
            row = {
                "team_id": command["team_id"],
                "user_id": command["user_id"],
                "kind": kind,
                "text": command.get("text", "")[:500],
                "created_at": datetime.now(UTC),
            }
            with writer_turn(engine), engine.begin() as connection:
                key = connection.execute(sa.insert(FLOOR_ROWS).values(**row)).inserted_primary_key
            reply = reply.replace("{id}", str(key[0]) if key else "?")
            blocks = [SectionBlock(text=MarkdownTextObject(text=reply))]
            ack(text=reply, blocks=blocks, response_type="ephemeral")

        for name in ("/call", "/deal"):
            app.command(name)(one_insert)
        return Served(wsgi_app(app, engine, signing_secret=SIGNING_SECRET), stop=engine.dispose)

    serve_http(build, port, workers=workers, log_level="warning")


def serve_work_floor(port: int, api_url: str) -> None:
    """The work floor: the floor app, but its listener does in the database what a ``/call`` or
    ``/deal move`` must do there and nothing more, each in one transaction with statements
    built once (SQLAlchemy Core): find the caller (member and workspace, one statement), find
    the deal by number (locked on PostgreSQL; a move also takes the settings' shared lock, as
    the bot does, so a pipeline change waits), append the call or the move, set the deal's
    fields, append the audit entry undo reads. No parsing beyond splitting words, no
    permissions, no Block Kit beyond one section. What the bot's own statements cost on this
    stack, so the gap between it and the bot is the bot's Python."""
    from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
    from sqlmodel import SQLModel

    from bot.server import Served, serve_http, wsgi_app

    database_url = os.environ["DATABASE_URL"]
    workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
    locks = not database_url.startswith("sqlite")
    tables = SQLModel.metadata.tables
    member, workspace, deal = tables["member"], tables["workspace"], tables["deal"]
    find_caller = (
        sa.select(member.c.id, workspace.c.id)
        .join(workspace, member.c.workspace_id == workspace.c.id)
        .where(
            workspace.c.slack_team_id == sa.bindparam("team"),
            member.c.slack_user_id == sa.bindparam("user"),
        )
    )
    find_deal = sa.select(deal.c.id, deal.c.stage, deal.c.stage_entered_at).where(
        deal.c.workspace_id == sa.bindparam("workspace_id"),
        deal.c.number == sa.bindparam("number"),
    )
    settings_shared = sa.select(workspace.c.version).where(
        workspace.c.id == sa.bindparam("workspace_id")
    )
    if locks:
        find_deal = find_deal.with_for_update()
        settings_shared = settings_shared.with_for_update(read=True)
    insert_deal = sa.insert(deal)
    update_deal = sa.update(deal).where(deal.c.id == sa.bindparam("deal_id"))
    insert_activity = sa.insert(tables["activity"])
    insert_move = sa.insert(tables["stagechange"])
    insert_audit = sa.insert(tables["auditentry"])

    def build() -> Served:
        engine = make_engine(database_url)  # in each worker, after the fork
        app = bench_app(api_url, "work-floor-after-ack")

        def write(connection: sa.Connection, command: dict[str, Any], now: datetime) -> str:
            kind, reply = floor_reply(command["command"], command.get("text", ""))
            caller = connection.execute(
                find_caller, {"team": command["team_id"], "user": command["user_id"]}
            ).first()
            if not kind or caller is None:
                return reply
            member_id, workspace_id = caller
            words = command["text"].split()
            ids = {"workspace_id": workspace_id, "member_id": member_id}
            if kind == "add":  # set-up only: "add Bench U0BENCH003 2 10jt"
                number = int(words[2][-3:]) * 1000 + int(words[3])
                values = {"stage": STAGES[0], "status": "open", "value": 10_000_000}
                fields = {"name": f"{words[1]} {words[2]} {words[3]}", "currency": "IDR"}
                deal_id = new_id(connection.execute(
                    insert_deal,
                    {**values, **fields, "name_key": fields["name"].lower(), "number": number,
                     "workspace_id": workspace_id, "owner_id": member_id, "created_at": now,
                     "updated_at": now, "stage_entered_at": now},
                ))  # fmt: skip
                connection.execute(
                    insert_move,
                    {**ids, "deal_id": deal_id, "from_stage": None, "to_stage": STAGES[0],
                     "changed_at": now, "from_entered_at": None},
                )  # fmt: skip
                connection.execute(
                    insert_audit,
                    {**ids, "deal_id": deal_id, "action": "deal_add", "before": None,
                     "after": values, "created_at": now},
                )  # fmt: skip
                return reply.replace("{id}", str(number))
            if kind == "move":
                connection.execute(settings_shared, {"workspace_id": workspace_id})
            number = int(words[0 if kind == "call" else 1].removeprefix("D-"))
            found = connection.execute(
                find_deal, {"workspace_id": workspace_id, "number": number}
            ).first()
            if found is None:
                return f"No deal D-{number}."
            deal_id, stage, entered = found
            if kind == "call":
                activity_id = new_id(connection.execute(
                    insert_activity,
                    {**ids, "deal_id": deal_id, "kind": "call", "occurred_at": now,
                     "duration_seconds": 300, "outcome": "connected",
                     "notes": " ".join(words[3:]), "next_step": None, "next_step_due": None},
                ))  # fmt: skip
                changed = {"last_activity_at": now, "updated_at": now}
                connection.execute(update_deal, {"deal_id": deal_id, **changed})
                connection.execute(
                    insert_audit,
                    {**ids, "deal_id": deal_id, "action": "call", "before": None,
                     "after": {"activity_id": activity_id}, "activity_id": activity_id,
                     "created_at": now},
                )  # fmt: skip
                return reply
            to_stage = words[2]
            move_id = new_id(connection.execute(
                insert_move,
                {**ids, "deal_id": deal_id, "from_stage": stage, "to_stage": to_stage,
                 "changed_at": now, "from_entered_at": entered},
            ))  # fmt: skip
            changed = {"stage": to_stage, "stage_entered_at": now, "updated_at": now}
            connection.execute(update_deal, {"deal_id": deal_id, **changed})
            connection.execute(
                insert_audit,
                {**ids, "deal_id": deal_id, "action": "deal_move", "before": {"stage": stage},
                 "after": {"stage": to_stage}, "stage_change_id": move_id, "created_at": now},
            )  # fmt: skip
            return f"Moved D-{number} from {stage} to {to_stage}."

        def the_work(ack: Ack, command: dict[str, Any]) -> None:
            with writer_turn(engine), engine.begin() as connection:
                reply = write(connection, command, datetime.now(UTC))
            blocks = [SectionBlock(text=MarkdownTextObject(text=reply))]
            ack(text=reply, blocks=blocks, response_type="ephemeral")

        for name in ("/call", "/deal"):
            app.command(name)(the_work)
        return Served(wsgi_app(app, engine, signing_secret=SIGNING_SECRET), stop=engine.dispose)

    serve_http(build, port, workers=workers, log_level="warning")


def new_id(result: sa.CursorResult[Any]) -> int:
    """The primary key of the row an INSERT just added."""
    key = result.inserted_primary_key
    assert key is not None and key[0] is not None
    return int(key[0])


def floor_reply(command: str, text: str) -> tuple[str, str]:
    """(the row's kind, the ack's text) for one of the load's commands, as Corong words it,
    ``{id}`` standing for the new row's; no kind for anything else (nothing saved)."""
    words = text.split()
    if command == "/call" and words:
        return "call", f"Call logged on {words[0]}."
    if command == "/deal" and words[:1] == ["add"]:
        return "add", "Added D-{id}."
    if command == "/deal" and words[:1] == ["move"] and len(words) >= 3:
        ref, to_stage = words[1], words[2]
        from_stage = STAGES[0] if to_stage == STAGES[1] else STAGES[1]
        return "move", f"Moved {ref} from {from_stage} to {to_stage}."
    return "", f"The floor app does not know `{command} {text}`."


# --- the run -------------------------------------------------------------------------------------


@dataclass
class Result:
    target: str
    kind: Kind
    database: str | None  # "sqlite" or "postgresql"; None for the bare app
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
    workers: int = 1  # HTTP worker processes
    changes: int = 0  # deals added, calls logged, deals moved
    published: int = 0  # App Home publishes once the after-ack work settled
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


def prepare_floor(url: str) -> None:
    """The floor app's table, made before its workers start."""
    engine = make_engine(url)
    FLOOR_ROWS.metadata.create_all(engine)
    engine.dispose()


def count_floor_rows(url: str) -> tuple[int, int]:
    """(calls, moves) the floor app saved."""
    engine = make_engine(url)
    kind = FLOOR_ROWS.c.kind
    with engine.connect() as connection:
        rows = connection.execute(sa.select(kind, sa.func.count()).group_by(kind))
        counts = {str(name): int(count) for name, count in rows}
    engine.dispose()
    return counts.get("call", 0), counts.get("move", 0)


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
    kind: Kind,
    database_url: str | None,
    folder: Path,
    args: argparse.Namespace,
    *,
    rate: float = 0.0,
    workers: int = 1,
) -> Result:
    """Start one server (``kind``: the bare app, the floor or the real bot, the last two on
    ``database_url`` with ``workers`` HTTP worker processes), load it, count its rows, stop it.
    With a ``rate``, requests are paced at that many per second instead of sent back to back."""
    fake = FakeSlack(team_id=TEAM_ID).start()
    for n in range(args.connections):
        fake.add_user(user_id(n), name=f"rep{n}", real_name=f"rep {n}", tz=TIMEZONE)
    port = free_port()
    if kind == "bare" or database_url is None:
        command = [sys.executable, __file__, "--bare-server", str(port), fake.api_url]
        env = clean_env()
    elif kind == "floor":
        prepare_floor(database_url)
        command = [sys.executable, __file__, "--floor-server", str(port), fake.api_url]
        env = clean_env(DATABASE_URL=database_url, WEB_CONCURRENCY=str(workers))
    elif kind == "work":
        prepare_database(database_url, args.connections)
        command = [sys.executable, __file__, "--work-server", str(port), fake.api_url]
        env = clean_env(DATABASE_URL=database_url, WEB_CONCURRENCY=str(workers))
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
    database = None
    if database_url is not None:
        database = "sqlite" if database_url.startswith("sqlite") else "postgresql"
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
            replies=kind != "bare",
            response_base=f"{fake.base_url}/response/{TEAM_ID}/bench/",
            rate=rate,
        )
        cpu_before = cpu_seconds(server.process.pid)
        load = run_load(plan)
        result = Result(target=target, kind=kind, database=database, rate=rate, **load)
        result.workers = workers
        # At once: every ack that said "saved" must already be in the database.
        if kind == "floor" and database_url is not None:
            result.calls_found, result.moves_found = count_floor_rows(database_url)
        elif kind == "work" and database_url is not None:
            result.calls_found, result.moves_found = count_rows(database_url)
        elif kind == "corong" and database_url is not None:
            result.calls_found, result.moves_found = count_rows(database_url)
            result.changes = args.connections * args.deals + result.saved_calls
            result.changes += result.saved_moves
            drain_after_ack(fake, result, args.drain)  # the floor and bare apps have none
        cpu_after = cpu_seconds(server.process.pid)
    finally:
        server.stop()
        fake.stop()
    if cpu_before is not None and cpu_after is not None:
        result.cpu_ms_per_request = (cpu_after - cpu_before) * 1000 / max(result.sent, 1)
    result.log_problems = server.problems()
    return result


def drain_after_ack(fake: FakeSlack, result: Result, limit: float) -> None:
    """Wait for any after-ack work still publishing App Homes, so the CPU counted is the whole
    cost of the requests: done once no publish came for 3 s."""
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


def floor_of(r: Result) -> str:
    """The floor a row is compared with: the one on its database (the bare app's: SQLite's)."""
    return FLOOR[r.database or "sqlite"]


def print_table(results: Sequence[Result]) -> None:
    by_target = {r.target: r for r in results}
    bare = by_target.get("bare")
    header = (
        f"{'target':<11}{'requests':>9}{'errors':>7}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'tput/floor':>11}{'tput/bare':>10}{'cpu ms/req':>11}"
        f"{'calls exp/found':>16}{'moves exp/found':>16}{'lost':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        floor = by_target.get(floor_of(r))
        ratio = r.throughput / floor.throughput if floor and floor.throughput else None
        bare_ratio = r.throughput / bare.throughput if bare and bare.throughput else None
        calls = f"{r.saved_calls}/{r.calls_found}" if r.calls_found is not None else "-"
        moves = f"{r.saved_moves}/{r.moves_found}" if r.moves_found is not None else "-"
        print(
            f"{r.target:<11}{r.requests:>9}{r.errors:>7}{r.throughput:>8.1f}{r.p50_ms:>8.1f}"
            f"{r.p99_ms:>8.1f}{_fmt(ratio, '.2f'):>11}{_fmt(bare_ratio, '.2f'):>10}"
            f"{_fmt(r.cpu_ms_per_request, '.2f'):>11}{calls:>16}{moves:>16}"
            f"{_fmt(r.lost, 'd'):>5}"
        )
    print()
    print(
        "requests, errors and latencies count the timed requests; calls and moves count every"
        " one saved, set-up and warm-up included"
    )
    print(
        f"tput/floor: against {FLOOR['sqlite']} (one process) on SQLite and the bare app, against"
        f" {FLOOR['postgresql']} ({PER_CORE} worker{'s' if PER_CORE > 1 else ''}, one per core)"
        " on PostgreSQL; tput/bare for reference"
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
                f"  {r.target}: {r.changes} changes, {r.published} App Home publishes after the"
                f" acks, the last {r.drain_seconds:.1f} s after the load"
            )
        for what, count in r.error_kinds.items():
            print(f"  {r.target} error x{count}: {what}")
        for line, count in r.log_problems.items():
            print(f"  {r.target} server log x{count}: {line}")


@dataclass(frozen=True)
class Aim:
    name: str
    met: bool | None  # None: not run
    value: str  # what was measured, or why it was not run


def measured(
    name: str, value: float | None, limit: float, shown: str, why: str, *, at_least: bool = False
) -> Aim:
    """An aim on one figure (``value`` at most ``limit``, or at least it); not run without it."""
    if value is None or math.isnan(value):
        return Aim(name, None, why)
    return Aim(name, value >= limit if at_least else value <= limit, shown.format(value))


def print_aims(
    results: Sequence[Result],
    paced: Sequence[Result],
    *,
    corong_targets: Sequence[str],
    rate: float,
    skipped: str | None,
) -> bool:
    """Each aim, met, not met or not run (and why); True when none was missed."""
    by_target = {r.target: r for r in results}
    paced_by_target = {r.target: r for r in paced}
    per_core = postgresql_target(PER_CORE)

    def why(*targets: str) -> str:
        """Why a target an aim needs did not run."""
        missing = [t for t in targets if t not in by_target]
        if skipped and any(t != "sqlite" and t != FLOOR["sqlite"] for t in missing):
            return f"not run: {skipped}"
        return f"not run: {', '.join(missing)} not in this run" if missing else "not measured"

    aims: list[Aim] = []
    for target in corong_targets:
        database = "sqlite" if target == "sqlite" else "postgresql"
        r = by_target.get(target)
        cpu_aim = CPU_AIM_MS[database]
        aims.append(
            measured(
                f"{target} CPU per request <= {cpu_aim:g} ms",
                r.cpu_ms_per_request if r else None,
                cpu_aim,
                "{:.2f} ms",
                why(target),
            )
        )
        aims.append(
            measured(
                f"{target} p99 <= {P99_AIM_MS:.0f} ms back to back",
                r.p99_ms if r else None,
                P99_AIM_MS,
                "{:.1f} ms",
                why(target),
            )
        )
        if target in ("sqlite", per_core):
            floor = by_target.get(FLOOR[database])
            ratio = r.throughput / floor.throughput if r and floor and floor.throughput else None
            aims.append(
                measured(
                    f"{target} throughput >= {THROUGHPUT_AIM:g}x {FLOOR[database]}",
                    ratio,
                    THROUGHPUT_AIM,
                    "{:.2f}x",
                    why(target, FLOOR[database]),
                    at_least=True,
                )
            )
        p = paced_by_target.get(target)
        if r is None:
            aims.append(Aim(f"{target} nothing lost", None, why(target)))
        else:
            lost = [r.lost, *([p.lost] if p else [])]
            shown = f"lost: {r.lost}" + (f", {p.lost} paced" if p else "")
            aims.append(Aim(f"{target} nothing lost", all(n == 0 for n in lost), shown))
        aims.append(
            measured(
                f"{target} p99 <= {PACED_P99_AIM_MS:.0f} ms at a steady {rate or 100:g}/s",
                p.p99_ms if p else None,
                PACED_P99_AIM_MS,
                "{:.1f} ms",
                why(target) if rate else "not run: --rate 0",
            )
        )
    if per_core not in corong_targets:
        aims.append(
            Aim(
                f"{per_core} throughput >= {THROUGHPUT_AIM:g}x {FLOOR['postgresql']}",
                None,
                f"not run: {skipped}" if skipped else f"not run: --workers without {PER_CORE}",
            )
        )
    one, two = by_target.get(postgresql_target(1)), by_target.get(postgresql_target(2))
    aims.append(
        measured(
            f"postgresql throughput >= {SCALING_AIM:g}x from 1 to 2 workers",
            two.throughput / one.throughput if one and two and one.throughput else None,
            SCALING_AIM,
            "{:.2f}x",
            why(postgresql_target(1), postgresql_target(2)),
            at_least=True,
        )
    )
    every_run = [*results, *paced]
    timed, every = sum(r.errors for r in every_run), sum(r.all_errors for r in every_run)
    shown = f"{timed} timed, {every - timed} in set-up and warm-up, every target and run"
    aims.append(Aim("no errors", every == 0, shown))
    print()
    print("aims:")
    for aim in aims:
        status = "not run" if aim.met is None else "met" if aim.met else "NOT met"
        value = aim.value.removeprefix("not run: ") if aim.met is None else aim.value
        print(f"  {aim.name}: {status} ({value})")
    return all(aim.met is not False for aim in aims)


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
        default=100.0,
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
        default=tuple(sorted({1, PER_CORE})),
        help="PostgreSQL target once per number of HTTP workers, e.g. 1,2 (default 1 and one"
        f" per core: 1,{PER_CORE})",
    )
    parser.add_argument("--load", help=argparse.SUPPRESS)
    parser.add_argument(
        "--bare-server", nargs=2, metavar=("PORT", "API_URL"), help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--floor-server", nargs=2, metavar=("PORT", "API_URL"), help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--work-server", nargs=2, metavar=("PORT", "API_URL"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.load:
        print(json.dumps(generate_load(Plan(**json.loads(args.load)))))
        return 0
    if args.bare_server:
        serve_bare(int(args.bare_server[0]), args.bare_server[1])
        return 0
    if args.floor_server:
        serve_floor(int(args.floor_server[0]), args.floor_server[1])
        return 0
    if args.work_server:
        serve_work_floor(int(args.work_server[0]), args.work_server[1])
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

    def run_both(
        target: str, kind: Kind, url: str | None, second_url: str | None, workers: int = 1
    ) -> None:
        results.append(run_target(target, kind, url, folder, args, workers=workers))
        if args.rate:
            paced.append(
                run_target(target, kind, second_url, folder, args, rate=args.rate, workers=workers)
            )

    with tempfile.TemporaryDirectory(prefix="corong-ack-") as name:
        folder = Path(name)

        def sqlite_file(stem: str) -> str:
            return f"sqlite:///{folder / stem}.db"

        run_both("bare", "bare", None, None)
        run_both(FLOOR["sqlite"], "floor", sqlite_file("floor"), sqlite_file("floor-paced"))
        results.append(run_target(WORK_FLOOR["sqlite"], "work", sqlite_file("work"), folder, args))
        run_both("sqlite", "corong", sqlite_file("ack"), sqlite_file("paced"))
        skipped = "--sqlite-only" if args.sqlite_only else None
        if not args.sqlite_only:
            from tests.pgcluster import PostgresCluster, postgres_binaries_available

            if not postgres_binaries_available() and "CORONG_TEST_POSTGRES_URL" not in os.environ:
                skipped = "PostgreSQL 15 binaries not found, see tests/pgcluster.py"
                print(f"WARNING: postgresql: skipped ({skipped})", file=sys.stderr)
            else:
                with PostgresCluster() as cluster:
                    # Each target on fresh databases of the one cluster.
                    cluster.create_database("floor")
                    cluster.create_database("floor_paced")
                    run_both(
                        FLOOR["postgresql"],
                        "floor",
                        cluster.url("floor"),
                        cluster.url("floor_paced"),
                        PER_CORE,
                    )
                    cluster.create_database("work")
                    results.append(
                        run_target(
                            WORK_FLOOR["postgresql"],
                            "work",
                            cluster.url("work"),
                            folder,
                            args,
                            workers=PER_CORE,
                        )
                    )
                    for workers in args.workers:
                        suffix = "" if workers == 1 else str(workers)
                        cluster.create_database(f"ack{suffix}")
                        cluster.create_database(f"paced{suffix}")
                        run_both(
                            postgresql_target(workers),
                            "corong",
                            cluster.url(f"ack{suffix}"),
                            cluster.url(f"paced{suffix}"),
                            workers,
                        )
    print()
    print_table(results)
    print_against_work(results)
    print_scaling(results, args.workers)
    if paced:
        print_paced(paced, args.rate)
    print_aims(
        results,
        paced,
        corong_targets=["sqlite", *(postgresql_target(n) for n in args.workers)],
        rate=args.rate,
        skipped=skipped,
    )
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


def print_against_work(results: Sequence[Result]) -> None:
    """The bot's throughput against its work floor on the same database and workers: how much
    of the gap to the floor is the bot's own Python rather than the statements it must run."""
    by_target = {r.target: r for r in results}
    pairs = [
        (r, by_target.get(WORK_FLOOR[r.database]))
        for r in results
        if r.kind == "corong" and r.database is not None
    ]
    parts = [
        f"{r.target} {r.throughput / work.throughput:.2f}x {work.target}"
        for r, work in pairs
        if work is not None and work.workers == r.workers and work.throughput
    ]
    if parts:
        print()
        print("throughput against the work floor (same statements, no bot): " + ", ".join(parts))


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
    header = (
        f"{'target':<11}{'requests':>9}{'errors':>7}{'p50 ms':>8}{'p99 ms':>8}"
        f"{'cpu ms/req':>11}{'lost':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.target:<11}{r.requests:>9}{r.errors:>7}{r.p50_ms:>8.1f}{r.p99_ms:>8.1f}"
            f"{_fmt(r.cpu_ms_per_request, '.2f'):>11}{_fmt(r.lost, 'd'):>5}"
        )


if __name__ == "__main__":
    sys.exit(main())
