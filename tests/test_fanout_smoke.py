"""The fan-out benchmark still runs: 100 reps' nudges through the rate-limited fake Slack on
SQLite, each rep nudged exactly once, the table printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ["database", "processes", "seconds", "minimum", "ratio", "sent", "duplicated"]


def test_fanout_benchmark_nudges_each_rep_once_and_prints_its_table() -> None:
    done = subprocess.run(
        [sys.executable, "bench/fanout.py", "--quick", "--sqlite-only", "--rate", "200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
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
        "100",
        "0",
        "0",
    )
    assert float(sqlite["seconds"]) >= float(sqlite["minimum"]) > 0
    assert "postgresql: skipped (--sqlite-only)" in lines
