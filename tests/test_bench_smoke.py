"""The report benchmark still runs: a tiny organisation on SQLite, the table of each report and
the daily yardsticks against their fair baselines printed, then the aims."""

from __future__ import annotations

import json
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
    reports = [("team", "week"), ("rep", "week"), ("workspace", "month"), ("daily", "yardsticks")]
    assert [tuple(row[:4]) for row in rows[: 2 * len(reports)]] == [
        ("sqlite", history, *report) for history in ("1x", "4x") for report in reports
    ]
    table = rows[: 2 * len(reports)]
    assert all(float(row[-2]) > 0 for row in table)  # a ratio report / fair baseline on each row
    assert any(line.split()[:2] == ["aims", "(CPU"] for line in lines)  # ceilings: full scale
    assert "postgresql: skipped (--sqlite-only)" in lines


def test_import_benchmark_runs_and_prints_its_figures() -> None:
    done = run_to_the_end(
        [sys.executable, "bench/imports.py", "--deals", "300", "--json"],
        cwd=ROOT,
        timeout=PROCESS_PATIENCE,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["deals"] == 300
    assert figures["first_import_s"] > 0 and figures["floor_s"] > 0
    assert figures["second_import_s"] > 0
