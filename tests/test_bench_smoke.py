"""The report benchmark still runs: a tiny organisation on SQLite, the table printed."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.patience import PROCESS_PATIENCE
from tests.processes import run_to_the_end

ROOT = Path(__file__).resolve().parent.parent


def test_report_benchmark_runs_quickly_and_prints_its_table() -> None:
    done = run_to_the_end(
        [sys.executable, "bench/reports.py", "--quick", "--sqlite-only", "--scale", "0.25"],
        cwd=ROOT,
        timeout=2 * PROCESS_PATIENCE,  # builds a small history, times the reports, exits
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(
        i for i, line in enumerate(lines) if line.split()[:3] == ["database", "history", "report"]
    )
    rows = [line.split() for line in lines[header + 2 :] if line.strip()]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("sqlite", "1x", "team"),
        ("sqlite", "1x", "workspace"),
        ("sqlite", "4x", "team"),
        ("sqlite", "4x", "workspace"),
    ]
    assert all(float(row[-1]) > 0 for row in rows)  # a ratio report / baseline on each row
    assert "postgresql: skipped (--sqlite-only)" in lines
