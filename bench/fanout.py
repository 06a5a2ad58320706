"""How fast the morning nudges reach 1,000 reps through Slack's rate limits, and that each rep
gets exactly one.

Run from the repository root::

    python bench/fanout.py [--reps 1000] [--rate 25] [--sqlite-only] [--quick] [--verbose]

It builds one workspace whose reps all have an overdue next step (so every rep is owed a nudge)
and starts a fake Slack on loopback that enforces rate limits the way Slack does: over the limit
it answers HTTP 429 with ``Retry-After``. ``conversations.open`` and ``chat.postMessage`` each
allow ``--rate`` calls per second (Slack's tiers, sped up so the run takes seconds, not the
twenty minutes a real workspace's first morning would), and one post per second per channel.
The bot's real deliverer then sends the morning's nudges, and the run prints:

- the time to deliver them all against the least the limits allow (every rep's DM has to be
  opened and posted to: reps / rate seconds), and the ratio (aim: within 1.2x);
- sent / duplicated / lost, counted from what the fake Slack received (aim: 1000 / 0 / 0), and
  how many 429s it answered;
- on PostgreSQL, the same with two bot processes sharing the database, as two replicas would.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine

from bot.config import Settings
from bot.posts.scheduler import deliverer_for
from storage.db import make_engine, unit_of_work
from storage.migrate import upgrade
from storage.models import Deal, Member, Workspace
from tests.fakeslack import FakeSlack
from tests.patience import WRITER_PATIENCE_MS

TEAM_ID = "T0BENCH001"
TIMEZONE = "Asia/Jakarta"
DAY = date(2026, 11, 24)  # a Tuesday
NOW = datetime.combine(DAY, clock_time(8, 31), tzinfo=ZoneInfo(TIMEZONE)).astimezone(UTC)
TOKEN = "xoxb-bench-token"


def rep_id(n: int) -> str:
    return f"U0REP{n:05d}"


def build_workspace(engine: Engine, reps: int) -> None:
    """One workspace; each rep owns one deal whose next step was due yesterday."""
    created = NOW - timedelta(days=3)
    with unit_of_work(engine) as session:
        workspace = Workspace(slack_team_id=TEAM_ID, name="Bench", timezone=TIMEZONE)
        session.add(workspace)
        session.flush()
        assert workspace.id is not None
        members = [
            Member(
                workspace_id=workspace.id,
                slack_user_id=rep_id(n),
                name=f"rep {n}",
                locale="en-US" if n % 2 else "id-ID",
                timezone=TIMEZONE,
                profile_fetched_at=created,
            )
            for n in range(reps)
        ]
        session.add_all(members)
        session.flush()
        for n, member in enumerate(members):
            assert member.id is not None  # flushed above
            session.add(
                Deal(
                    workspace_id=workspace.id,
                    number=n + 1,
                    name=f"Deal {n + 1}",
                    name_key=f"deal {n + 1}",
                    stage="lead",
                    currency="IDR",
                    value=50_000_000,
                    owner_id=member.id,
                    next_step="call back",
                    next_step_due=DAY - timedelta(days=1),
                    created_at=created,
                    updated_at=created,
                    stage_entered_at=created,
                    last_activity_at=created,
                )
            )
        workspace.next_deal_number = reps


def settings_for(database_url: str, api_url: str) -> Settings:
    return Settings(
        _env_file=None,
        slack_bot_token=TOKEN,
        slack_api_url=api_url,
        database_url=database_url,
    )


def deliver(database_url: str, api_url: str) -> dict[str, int]:
    """One bot process at 08:31: once told to go, send every due nudge; its counts.

    Its SQLite writers wait their turn as long as it takes: the product's few seconds bound a
    queue of short writes, which sixteen sending threads on a machine too busy to keep time can
    outlast; what this run measures is Slack's limits and that each rep is nudged once."""
    import bot.posts.compose  # noqa: F401  (everything a running bot has loaded already)

    engine = make_engine(database_url, busy_timeout_ms=WRITER_PATIENCE_MS)
    deliverer = deliverer_for(settings_for(database_url, api_url), engine, clock=lambda: NOW)
    print("ready", flush=True)
    sys.stdin.readline()
    report = deliverer.run_due()
    engine.dispose()
    return {"sent": report.sent, "taken": report.taken, "failed": report.failed}


@dataclass
class Result:
    database: str
    processes: int
    seconds: float
    minimum: float
    sent: int
    duplicated: int
    lost: int
    rate_limited: int

    @property
    def ratio(self) -> float:
        return self.seconds / self.minimum


def run(
    database: str,
    database_url: str,
    *,
    reps: int,
    rate: int,
    processes: int,
    verbose: bool = False,
) -> Result:
    engine = make_engine(database_url)
    upgrade(engine)
    build_workspace(engine, reps)
    engine.dispose()
    fake = FakeSlack(team_id=TEAM_ID).start()
    fake.enforce_rate_limits({"conversations.open": rate, "chat.postMessage": rate})
    try:
        # The bot runs in its own processes, beside Slack rather than inside it; the clock
        # starts once they are up (imports and connections made), as a running bot would be.
        workers = [
            subprocess.Popen(
                [sys.executable, __file__, "--worker", database_url, fake.api_url]
                + (["--verbose"] if verbose else []),
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(processes)
        ]
        for worker in workers:
            assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
        started = time.monotonic()
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        for worker in workers:
            worker.communicate(timeout=600)
            if worker.returncode != 0:
                raise RuntimeError("a bot process failed")
        seconds = time.monotonic() - started
        per_rep = Counter(
            call.args.get("channel")
            for call in fake.calls_to("chat.postMessage")
            if call.status == 200 and call.response.get("ok")
        )
        opened = {
            call.response["channel"]["id"]: call.args.get("users")
            for call in fake.calls_to("conversations.open")
            if call.response.get("ok")
        }
        reps_posted = Counter(opened.get(channel, channel) for channel in per_rep.elements())
        assert not fake.violations, fake.violations[:3]
    finally:
        fake.stop()
    return Result(
        database,
        processes,
        seconds,
        minimum=reps / rate,
        sent=len(reps_posted),
        duplicated=sum(count - 1 for count in reps_posted.values()),
        lost=sum(1 for n in range(reps) if rep_id(n) not in reps_posted),
        rate_limited=fake.rate_limited,
    )


def print_table(results: Sequence[Result]) -> None:
    header = (
        f"{'database':<11}{'processes':>10}{'seconds':>9}{'minimum':>9}{'ratio':>7}"
        f"{'sent':>7}{'duplicated':>11}{'lost':>6}{'429s':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.database:<11}{r.processes:>10}{r.seconds:>9.2f}{r.minimum:>9.2f}{r.ratio:>7.2f}"
            f"{r.sent:>7}{r.duplicated:>11}{r.lost:>6}{r.rate_limited:>7}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--rate", type=int, default=25, help="calls per second per method")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="log each 429 the bot meets")
    parser.add_argument("--quick", action="store_true", help="100 reps: a smoke test")
    parser.add_argument(
        "--worker", nargs=2, metavar=("DATABASE_URL", "API_URL"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.worker:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
        logging.getLogger("corong.rate").setLevel(logging.INFO if args.verbose else logging.WARNING)
        print(json.dumps(deliver(*args.worker)))
        return 0
    reps = 100 if args.quick else args.reps
    print(f"{reps} reps, {args.rate} calls/s per method, one post per second per channel")
    results = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'fanout.db'}"
        results.append(
            run("sqlite", url, reps=reps, rate=args.rate, processes=1, verbose=args.verbose)
        )
    skipped = "--sqlite-only" if args.sqlite_only else None
    if not args.sqlite_only:
        from tests.pgcluster import PostgresCluster, postgres_binaries_available

        if not postgres_binaries_available():
            skipped = "PostgreSQL 15 binaries not found"
        else:
            with PostgresCluster() as cluster:
                for processes in (1, 2):
                    name = f"fanout{processes}"
                    cluster.create_database(name)
                    results.append(
                        run(
                            "postgresql",
                            cluster.url(name),
                            reps=reps,
                            rate=args.rate,
                            processes=processes,
                            verbose=args.verbose,
                        )
                    )
    print_table(results)
    if skipped:
        print(f"postgresql: skipped ({skipped})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
