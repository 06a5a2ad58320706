"""How long ``corong import deals`` takes on a team's whole pipeline, beside the floor.

Run from the repository root::

    python bench/imports.py [--deals 10000] [--json]

It writes a HubSpot-shaped export of ``--deals`` deals (owners by Slack id, amounts in invoice
notation, US dates, a quarter of them won or lost) and imports it into a fresh SQLite file the
way an operator does (``import_deals`` in one unit of work), then imports it again (every row
unchanged). The **floor**, measured in the same run, is the least an import of the same rows can
do: Python's csv module reads the file and one ``executemany`` each inserts the deals, their
moves and their audit entries, with no checking at all. The aim is 10,000 deals in under 30 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, text

from commands.imports.deals import ImportOptions, import_deals
from storage import queries
from storage.db import make_engine, unit_of_work
from storage.migrate import upgrade

AIM_SECONDS = 30.0
OWNERS = [f"U0REP{n:05d}" for n in range(20)]
STAGES = ["Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Contract Sent"]
HEADER = [
    "Record ID",
    "Deal Name",
    "Deal Stage",
    "Amount",
    "Deal currency code",
    "Close Date",
    "Deal owner",
    "Create Date",
    "Date entered current stage",
    "Closed Lost Reason",
]


@dataclass(frozen=True)
class Figures:
    deals: int
    first_import_s: float
    second_import_s: float
    floor_s: float

    @property
    def ratio(self) -> float:
        return self.first_import_s / self.floor_s if self.floor_s else 0.0


def export(deals: int, now: datetime) -> str:
    """A HubSpot-shaped CSV of ``deals`` deals."""
    rng = random.Random(7)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(deals):
        created = now - timedelta(days=rng.randint(5, 200), minutes=rng.randint(0, 600))
        entered = created + (now - created) * rng.random()
        roll = rng.random()
        stage = (
            "Closed Won" if roll < 0.12 else "Closed Lost" if roll < 0.25 else rng.choice(STAGES)
        )
        millions = rng.randint(1, 900)
        writer.writerow(
            [
                10_000 + n,
                f"Deal {n:05d} PT Contoh",
                stage,
                f"Rp {millions}.000.000,-",
                "IDR",
                (now + timedelta(days=rng.randint(-30, 90))).strftime("%m/%d/%Y"),
                rng.choice(OWNERS),
                created.strftime("%m/%d/%Y %I:%M %p"),
                entered.strftime("%m/%d/%Y %I:%M %p"),
                "Price" if stage == "Closed Lost" else "",
            ]
        )
    return out.getvalue()


def fresh_database(directory: Path, name: str) -> Engine:
    engine = make_engine(f"sqlite:///{directory / name}")
    upgrade(engine)
    return engine


def timed_import(engine: Engine, csv_text: str, now: datetime) -> float:
    start = time.perf_counter()
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id="T0BENCH001")
        assert workspace.id is not None
        admin = queries.get_or_create_member(
            session, workspace_id=workspace.id, slack_user_id="U0ADMIN001"
        )
        session.flush()
        import_deals(
            session,
            workspace=workspace,
            member_id=admin.id or 0,
            text=csv_text,
            file_name="bench.csv",
            options=ImportOptions(),
            people=None,
            now=now,
        )
    return time.perf_counter() - start


def timed_floor(engine: Engine, csv_text: str, now: datetime) -> float:
    """The same rows in with no checks: parse, then one executemany per table."""
    start = time.perf_counter()
    rows = list(csv.reader(io.StringIO(csv_text)))[1:]
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspace (slack_team_id, language, currency, timezone, pipeline, "
                "next_deal_number, created_at, version) VALUES ('T0FLOOR001', 'en', 'IDR', "
                "'Asia/Jakarta', 'funnel4', 0, :now, 0)"
            ),  # fmt: skip
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO member (workspace_id, slack_user_id, is_admin, admin_granted, "
                "created_at) VALUES (1, 'U0FLOOR001', false, false, :now)"
            ),  # fmt: skip
            {"now": now},
        )
        deals = [
            {"n": i + 1, "name": row[1], "key": row[1].casefold(), "value": 1_000_000, "now": now}
            for i, row in enumerate(rows)
        ]
        conn.execute(
            text(
                "INSERT INTO deal (workspace_id, number, name, name_key, stage, status, value, "
                "currency, owner_id, created_at, updated_at, stage_entered_at) VALUES (1, :n, "
                ":name, :key, 'lead', 'open', :value, 'IDR', 1, :now, :now, :now)"
            ),  # fmt: skip
            deals,
        )
        conn.execute(
            text(
                "INSERT INTO stagechange (workspace_id, deal_id, member_id, to_stage, changed_at)"
                " VALUES (1, :n, 1, 'lead', :now)"
            ),  # fmt: skip
            deals,
        )
        conn.execute(
            text(
                "INSERT INTO auditentry (workspace_id, member_id, action, deal_id, created_at) "
                "VALUES (1, 1, 'deal.import', :n, :now)"
            ),  # fmt: skip
            deals,
        )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--deals", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    csv_text = export(args.deals, now)
    with tempfile.TemporaryDirectory() as directory:
        floor = timed_floor(fresh_database(Path(directory), "floor.db"), csv_text, now)
        engine = fresh_database(Path(directory), "corong.db")
        first = timed_import(engine, csv_text, now)
        second = timed_import(engine, csv_text, now)
        engine.dispose()
    figures = Figures(args.deals, first, second, floor)
    if args.json:
        print(json.dumps({**asdict(figures), "ratio": figures.ratio, "aim_s": AIM_SECONDS}))
        return 0
    print(f"deals imported:         {figures.deals:,}")
    print(f"first import:           {first:.2f} s (every deal new)")
    print(f"same file again:        {second:.2f} s (every row unchanged)")
    print(f"floor (csv + inserts):  {floor:.2f} s")
    print(f"ratio to the floor:     {figures.ratio:.1f}x")
    met = "met" if first <= AIM_SECONDS * figures.deals / 10_000 else "NOT met"
    print(f"aim: 10,000 deals in under {AIM_SECONDS:.0f} s: {met}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
