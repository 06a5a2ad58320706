"""How long the funnel report takes on a large organisation, against a plain SQL baseline.

Run from the repository root::

    python bench/reports.py [--scale 1] [--quick] [--sqlite-only]

It builds one synthetic workspace (200 reps in 20 teams of 10, 100,000 deals, 2,000,000
activities, their stage history and BANT records, spread over two years) in a fresh SQLite file
and a throw-away PostgreSQL (``tests/pgcluster.py``, skipped with the reason when its binaries
are missing), then times two reports: a weekly team report (one team of 10 reps, last week) and
a monthly workspace report (last month). Each is the median of a few warm runs of
``build_funnel_report``, next to a baseline measured in the same run: one plain SQL aggregate
over the same period's rows for the same scope (count of the activities and of the stage changes
in the period), the least any report of that period has to read. Then three times more history
is added before those two years (the same rows inside the period, and nothing new open) and both
are timed again: the report should cost about the same, because it reads the period's rows, not
the whole history.

``--scale`` multiplies every count; ``--quick`` divides them by 20 and runs fewer repeats, for a
smoke test in seconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Connection, Engine, Table, func, select, text
from sqlmodel import Session, SQLModel, col

from commands.localtime import PeriodKind, period_bounds
from commands.pipelines import pipeline_for
from commands.reports.metrics import build_funnel_report
from storage.db import make_engine, unit_of_work
from storage.migrate import upgrade
from storage.models import (
    Activity,
    Deal,
    Member,
    StageChange,
    Team,
    TeamMember,
    Workspace,
)
from storage.teams import team_rep_ids

TIMEZONE = "Asia/Jakarta"
NOW = datetime(2026, 11, 25, 6, 0, tzinfo=ZoneInfo(TIMEZONE)).astimezone(UTC)
EPOCH = timedelta(days=730)  # 1x history: the two years before NOW
REPS, TEAM_SIZE = 200, 10
DEALS, ACTIVITIES = 100_000, 2_000_000  # per epoch (1x)
STAGES = pipeline_for("funnel4").stages
ADVANCE = (0.5, 0.6, 0.34, 0.5)  # chance a deal moves on from each stage (the last: won)
DWELL_DAYS = (3.0, 6.0, 9.0, 7.0)  # mean days in each stage
STALLED = 0.06  # recent deals nobody closes: they stay open, untouched (stale, stuck)
CHUNK = 5_000  # deals generated and loaded at a time


# --- the synthetic organisation -----------------------------------------------------------------


@dataclass
class Rows:
    """One chunk of rows, as tuples in each table's column order below."""

    deals: list[tuple[Any, ...]] = field(default_factory=list)
    changes: list[tuple[Any, ...]] = field(default_factory=list)
    activities: list[tuple[Any, ...]] = field(default_factory=list)
    bants: list[tuple[Any, ...]] = field(default_factory=list)


DEAL_COLUMNS = (
    "id", "workspace_id", "number", "name", "name_key", "stage", "status", "value", "currency",
    "owner_id", "next_step", "next_step_due", "created_at", "updated_at", "stage_entered_at",
    "last_activity_at", "closed_at", "deleted_at",
)  # fmt: skip
CHANGE_COLUMNS = (
    "workspace_id", "deal_id", "member_id", "from_stage", "to_stage", "changed_at", "reverted_at",
    "from_entered_at",
)  # fmt: skip
ACTIVITY_COLUMNS = (
    "workspace_id", "deal_id", "member_id", "kind", "occurred_at", "duration_seconds", "outcome",
    "deleted_at",
)  # fmt: skip
BANT_COLUMNS = (
    "workspace_id", "deal_id", "member_id", "budget", "authority", "need", "timeline", "score",
    "verdict", "created_at",
)  # fmt: skip


@dataclass
class Generator:
    """Deterministic deals with their moves, calls and BANT, created evenly over one epoch.

    A deal moves lead -> prospect -> potential -> closeable -> won, leaving each stage after an
    exponential dwell with the ``ADVANCE`` chance of moving on, else it is lost (or, when
    recent, stalls open). Activities fall between creation and close, the first within hours.
    Nothing of an older epoch is open now or touches the last year.
    """

    workspace_id: int
    member_ids: Sequence[int]
    seed: int
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def chunks(self, *, epoch: int, deals: int, activities: int, first_id: int) -> Iterator[Rows]:
        end = NOW - EPOCH * epoch
        span = EPOCH.total_seconds()
        created = sorted(end - timedelta(seconds=self.rng.random() * span) for _ in range(deals))
        per_deal = activities / deals
        for offset in range(0, deals, CHUNK):
            rows = Rows()
            for i, at in enumerate(created[offset : offset + CHUNK], start=offset):
                self._deal(rows, first_id + i, at, per_deal, recent=epoch == 0)
            rows.activities.sort(key=lambda row: row[4])
            yield rows

    def _deal(self, rows: Rows, deal_id: int, created: datetime, per_deal: float, *, recent: bool):
        rng, ws = self.rng, self.workspace_id
        owner = rng.choice(self.member_ids)
        path, stalled = self._path(created, recent=recent)
        moves = [(stage, at) for stage, at in path if at <= NOW]
        stage, entered = moves[-1]
        status = stage if stage in ("won", "lost") else "open"
        closed_at = entered if status != "open" else None
        busy_until = min(closed_at or NOW, created + timedelta(days=20) if stalled else NOW)
        last_activity = self._activities(rows, deal_id, owner, created, busy_until, per_deal)
        previous, previous_at = None, None
        for to_stage, at in moves:
            rows.changes.append((ws, deal_id, owner, previous, to_stage, at, None, previous_at))
            previous, previous_at = to_stage, at
        if rng.random() < 0.01 and status == "open":  # a move taken back with /sales undo
            at = min(entered + timedelta(hours=1), NOW)
            undone = at + timedelta(minutes=5)
            rows.changes.append((ws, deal_id, owner, stage, "lost", at, undone, entered))
        self._bant(rows, deal_id, owner, moves)
        due = None
        if status == "open" and rng.random() < 0.7:
            due = NOW.date() + timedelta(days=rng.randint(-20, 14))
        updated = max(entered, last_activity or entered)
        deleted = updated + timedelta(hours=1) if rng.random() < 0.003 else None
        rows.deals.append((
            deal_id, ws, deal_id, f"Deal {deal_id}", f"deal {deal_id}", stage, status,
            rng.randrange(5, 500) * 1_000_000, "USD" if rng.random() < 0.05 else "IDR", owner,
            "follow up" if due else None, due, created, updated, entered, last_activity,
            closed_at, deleted,
        ))  # fmt: skip

    def _path(self, created: datetime, *, recent: bool) -> tuple[list[tuple[str, datetime]], bool]:
        """The deal's moves, some possibly after NOW (cut off by the caller), and whether it
        stalled: left open with no close to come."""
        rng, at, index = self.rng, created, 0
        path = [(STAGES[0], created)]
        while True:
            at += timedelta(days=rng.expovariate(1 / DWELL_DAYS[index]))
            if rng.random() < ADVANCE[index]:
                if index == len(STAGES) - 1:
                    return [*path, ("won", at)], False
                index += 2 if index < 2 and rng.random() < 0.05 else 1
                path.append((STAGES[index], at))
            elif recent and rng.random() < STALLED:
                return path, True
            else:
                return [*path, ("lost", at)], False

    def _activities(
        self,
        rows: Rows,
        deal_id: int,
        owner: int,
        created: datetime,
        until: datetime,
        per_deal: float,
    ) -> datetime | None:
        """Calls, meetings and emails on the deal; returns its last standing one."""
        rng, ws = self.rng, self.workspace_id
        count = max(0, round(rng.gauss(per_deal, per_deal / 3)))
        if until <= created or count == 0:
            return None
        first = min(created + timedelta(hours=rng.expovariate(1 / 6)), until)
        window = (until - first).total_seconds()
        last = None
        for n in range(count):
            at = first + timedelta(seconds=rng.random() * window) if n else first
            who = owner if rng.random() < 0.95 else rng.choice(self.member_ids)
            roll = rng.random()
            kind = "call" if roll < 0.8 else "meeting" if roll < 0.9 else "email"
            deleted = at + timedelta(minutes=2) if rng.random() < 0.01 else None
            rows.activities.append(
                (ws, deal_id, who, kind, at, rng.randrange(60, 3600), "connected", deleted)
            )
            if deleted is None and (last is None or at > last):
                last = at
        return last

    def _bant(
        self, rows: Rows, deal_id: int, owner: int, moves: Sequence[tuple[str, datetime]]
    ) -> None:
        """Most deals that got past prospect were qualified on the way; some were not."""
        into = [at for stage, at in moves if stage in STAGES[2:]]
        if not into or self.rng.random() > 0.8:
            return
        verdict = "qualified" if self.rng.random() < 0.85 else "nurture"
        score = 80 if verdict == "qualified" else 55
        at = into[0] - timedelta(hours=1)
        rows.bants.append((
            self.workspace_id, deal_id, owner, "confirmed", "decision_maker", "strong",
            "within_month", score, verdict, at,
        ))  # fmt: skip


# --- loading --------------------------------------------------------------------------------


Loader = Callable[[Engine, Table, Sequence[str], list[tuple[Any, ...]]], None]


def load_executemany(
    engine: Engine, table: Table, columns: Sequence[str], rows: list[tuple]
) -> None:
    """One executemany of a plain INSERT, each value first converted by its column type's own
    bind processor (what SQLAlchemy core does per row, done once per column here)."""
    if not rows:
        return
    compiled = table.insert().compile(dialect=engine.dialect, column_keys=list(columns))
    # The statement lists its columns in the table's order, whatever order ``columns`` has.
    order = [list(columns).index(key) for key in (compiled.positiontup or columns)]
    processors = [table.c[columns[i]].type.bind_processor(engine.dialect) for i in order]
    converted = [
        tuple(row[i] if f is None else f(row[i]) for f, i in zip(processors, order, strict=True))
        for row in rows
    ]
    with engine.begin() as conn:
        conn.exec_driver_sql(compiled.string, converted)


def load_copy(engine: Engine, table: Table, columns: Sequence[str], rows: list[tuple]) -> None:
    """COPY through psycopg: PostgreSQL's bulk path, several times faster than INSERTs."""
    if not rows:
        return
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection  # psycopg's own connection
        assert connection is not None, "the pooled connection is open"
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        connection.commit()
    finally:
        raw.close()


@dataclass
class Org:
    """What the benchmark needs to know about the organisation it built."""

    workspace: Workspace
    team: Team
    member_ids: list[int]
    next_deal_id: int = 1
    deals: int = 0
    activities: int = 0
    changes: int = 0


def create_org(engine: Engine) -> Org:
    """The workspace, its reps (plus one admin) and teams of ``TEAM_SIZE`` reps."""
    with unit_of_work(engine) as session:
        workspace = Workspace(slack_team_id="T0BENCH", timezone=TIMEZONE, currency="IDR")
        session.add(workspace)
        session.flush()
        assert workspace.id is not None
        members = [
            Member(workspace_id=workspace.id, slack_user_id=f"U{n:07d}", name=f"rep {n}")
            for n in range(REPS)
        ]
        session.add_all([*members, Member(workspace_id=workspace.id, slack_user_id="UADMIN")])
        session.flush()
        member_ids = [m.id for m in members if m.id is not None]
        teams = []
        for n, first in enumerate(range(0, REPS, TEAM_SIZE)):
            team = Team(workspace_id=workspace.id, name=f"Team {n}", name_key=f"team {n}")
            session.add(team)
            session.flush()
            assert team.id is not None
            session.add_all(
                TeamMember(team_id=team.id, member_id=m) for m in member_ids[first : first + 10]
            )
            teams.append(team)
    return Org(workspace, teams[0], member_ids)


def add_history(engine: Engine, org: Org, loader: Loader, *, epoch: int, scale: float) -> float:
    """Load one epoch of history (two years ending ``epoch`` epochs before NOW); seconds."""
    started = time.perf_counter()
    assert org.workspace.id is not None
    deals, activities = max(1, round(DEALS * scale)), round(ACTIVITIES * scale)
    generator = Generator(org.workspace.id, org.member_ids, seed=epoch)
    tables = (
        (_table("deal"), DEAL_COLUMNS, "deals"),
        (_table("stagechange"), CHANGE_COLUMNS, "changes"),
        (_table("activity"), ACTIVITY_COLUMNS, "activities"),
        (_table("bantrecord"), BANT_COLUMNS, "bants"),
    )
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            _autovacuum(conn, enabled=False)
    chunks = generator.chunks(
        epoch=epoch, deals=deals, activities=activities, first_id=org.next_deal_id
    )
    for rows in chunks:
        for table, columns, name in tables:
            loader(engine, table, columns, getattr(rows, name))
        org.deals += len(rows.deals)
        org.activities += len(rows.activities)
        org.changes += len(rows.changes)
    org.next_deal_id += deals
    with unit_of_work(engine) as session:
        workspace = session.get(Workspace, org.workspace.id)
        assert workspace is not None
        workspace.next_deal_number = org.next_deal_id - 1
    if engine.dialect.name == "postgresql":
        # What autovacuum does after a bulk load: statistics for the planner, a visibility map
        # (index-only scans). Autovacuum itself stays off during the load: its ANALYZE would
        # hold back the rows loaded meanwhile from being marked visible to all.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
            _autovacuum(conn, enabled=True)
        # Deal ids were given explicitly: move the sequence past them, as a real load would.
        with engine.begin() as conn:
            conn.execute(text("SELECT setval('deal_id_seq', (SELECT max(id) FROM deal))"))
    return time.perf_counter() - started


BULK_TABLES = ("deal", "stagechange", "activity", "bantrecord")


def _table(name: str) -> Table:
    """A table of the schema by name, typed as the Core table the loaders take."""
    return SQLModel.metadata.tables[name]


def _autovacuum(conn: Connection, *, enabled: bool) -> None:
    for name in BULK_TABLES:
        conn.execute(text(f"ALTER TABLE {name} SET (autovacuum_enabled = {str(enabled).lower()})"))


# --- timing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One report to time: who it is about and which period."""

    label: str
    kind: PeriodKind
    team: bool


SCENARIOS = (
    Scenario("team week", "last_week", team=True),
    Scenario("workspace month", "last_month", team=False),
)


@dataclass(frozen=True)
class Result:
    database: str
    history: str
    scenario: str
    period_rows: int
    report_ms: float
    baseline_ms: float

    @property
    def ratio(self) -> float:
        return self.report_ms / self.baseline_ms if self.baseline_ms else float("inf")


def baseline_rows(
    session: Session, workspace_id: int, owner_ids: list[int] | None, start: datetime, end: datetime
) -> int:
    """The baseline: one plain aggregate over the period's rows of the scope, the activities
    its reps logged and the stage changes of its deals (standing ones), counted together."""
    activities = select(func.count()).where(
        col(Activity.workspace_id) == workspace_id,
        col(Activity.occurred_at) >= start,
        col(Activity.occurred_at) < end,
        col(Activity.deleted_at).is_(None),
    )
    changes = (
        select(func.count())
        .select_from(StageChange)
        .join(Deal, col(Deal.id) == col(StageChange.deal_id))
        .where(
            col(StageChange.workspace_id) == workspace_id,
            col(StageChange.changed_at) >= start,
            col(StageChange.changed_at) < end,
            col(StageChange.reverted_at).is_(None),
        )
    )
    if owner_ids is not None:
        activities = activities.where(col(Activity.member_id).in_(owner_ids))
        changes = changes.where(col(Deal.owner_id).in_(owner_ids))
    total = session.scalar(select(activities.scalar_subquery() + changes.scalar_subquery()))
    return int(total or 0)


def median_ms(run: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` runs after one warm-up run, in milliseconds."""
    run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(engine: Engine, org: Org, database: str, history: str, repeats: int) -> list[Result]:
    """Time each scenario's report and its baseline, in the same run."""
    workspace = org.workspace
    assert workspace.id is not None
    tz = ZoneInfo(workspace.timezone)
    pipeline = pipeline_for("funnel4")
    with unit_of_work(engine, read_only=True) as session:
        team_ids = team_rep_ids(session, team=org.team)
    results = []
    for scenario in SCENARIOS:
        start, end = period_bounds(scenario.kind, NOW, tz)
        owner_ids = team_ids if scenario.team else None

        def report(start: datetime = start, end: datetime = end, owners: Any = owner_ids) -> None:
            with unit_of_work(engine, read_only=True) as session:
                build_funnel_report(
                    session,
                    workspace=workspace,
                    pipeline=pipeline,
                    period_start=start,
                    period_end=end,
                    now=NOW,
                    owner_ids=owners,
                )

        def baseline(start: datetime = start, end: datetime = end, owners: Any = owner_ids) -> int:
            with unit_of_work(engine, read_only=True) as session:
                return baseline_rows(session, workspace.id or 0, owners, start, end)

        rows = baseline()
        report_ms = median_ms(report, repeats)
        baseline_ms = median_ms(baseline, repeats)
        results.append(Result(database, history, scenario.label, rows, report_ms, baseline_ms))
        print(f"  {database} {history} {scenario.label}: report {report_ms:.0f} ms", flush=True)
    return results


def run_database(
    database: str, url: str, loader: Loader, *, scale: float, repeats: int
) -> list[Result]:
    """Build the organisation on one database, time at 1x, add 3x older history, time again."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        org = create_org(engine)
        results = []
        for history, epochs in (("1x", range(1)), ("4x", range(1, 4))):
            seconds = sum(add_history(engine, org, loader, epoch=e, scale=scale) for e in epochs)
            print(
                f"{database} {history}: loaded in {seconds:.0f} s, now {org.deals:,} deals, "
                f"{org.activities:,} activities, {org.changes:,} stage changes",
                flush=True,
            )
            results += measure(engine, org, database, history, repeats)
        return results
    finally:
        engine.dispose()


def print_table(results: Sequence[Result]) -> None:
    header = (
        f"{'database':<11}{'history':<9}{'report':<17}{'rows in period':>15}"
        f"{'report ms':>11}{'baseline ms':>13}{'ratio':>8}"
    )
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.database:<11}{r.history:<9}{r.scenario:<17}{r.period_rows:>15,}"
            f"{r.report_ms:>11.1f}{r.baseline_ms:>13.1f}{r.ratio:>8.1f}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every row count")
    parser.add_argument("--quick", action="store_true", help="1/20 of the rows, fewer repeats")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args(argv)
    scale = args.scale / 20 if args.quick else args.scale
    repeats = 3 if args.quick else 7
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="corong-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        results += run_database("sqlite", url, load_executemany, scale=scale, repeats=repeats)
    if args.sqlite_only:
        print("postgresql: skipped (--sqlite-only)")
    else:
        results += run_postgresql(scale=scale, repeats=repeats)
    print_table(results)
    return 0


def run_postgresql(*, scale: float, repeats: int) -> list[Result]:
    from tests.pgcluster import PostgresCluster, postgres_binaries_available

    if not postgres_binaries_available():
        print("postgresql: skipped, PostgreSQL 15 binaries not found (see tests/pgcluster.py)")
        return []
    with PostgresCluster() as cluster:
        cluster.create_database("corong_bench")
        return run_database(
            "postgresql",
            cluster.url("corong_bench"),
            load_copy,
            scale=scale,
            repeats=repeats,
        )


if __name__ == "__main__":
    sys.exit(main())
