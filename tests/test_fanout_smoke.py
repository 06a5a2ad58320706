"""The fan-out benchmark still runs: 100 reps' nudges through the rate-limited fake Slack on
SQLite, each rep nudged exactly once, the table printed.

How long the nudges took against the least the limits allow is the benchmark's to report, not
this test's to require: a fast machine may beat the limits' pace, a busy one lag far behind."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.patience import PROCESS_PATIENCE
from tests.processes import run_to_the_end

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["database", "processes", "seconds", "minimum", "ratio", "sent", "duplicated"]
REPS, RATE = 100, 200


def test_fanout_benchmark_nudges_each_rep_once_and_prints_its_table() -> None:
    done = run_to_the_end(
        [sys.executable, "bench/fanout.py", "--quick", "--sqlite-only", "--rate", str(RATE)],
        cwd=ROOT,
        timeout=2 * PROCESS_PATIENCE,  # a bot process starts, sends 200 calls, stops
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:7] == COLUMNS)
    columns = lines[header].split()
    table = [line for line in lines[header + 2 :] if line.strip() and ":" not in line]
    rows = [dict(zip(columns, line.split(), strict=True)) for line in table]
    assert [row["database"] for row in rows] == ["sqlite"]
    (sqlite,) = rows
    assert (sqlite["processes"], sqlite["sent"], sqlite["duplicated"], sqlite["lost"]) == (
        "1",
        str(REPS),
        "0",
        "0",
    )
    assert float(sqlite["minimum"]) == REPS / RATE  # every DM opened and posted to, at the rate
    assert float(sqlite["seconds"]) > 0
    assert "postgresql: skipped (--sqlite-only)" in lines
