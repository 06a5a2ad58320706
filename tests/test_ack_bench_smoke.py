"""The ack benchmark still runs: the bare app, the floor app, the work floor and the real bot load
briefly, on SQLite, every request answered and every call and move the floors or the bot said
they saved found in the database.

It runs a fixed amount of work (``--requests``), so the counts below are the same on any
machine; how fast the acks came (the aims on latency and throughput) is the benchmark's to
report, not this test's to require."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.patience import PROCESS_PATIENCE
from tests.processes import run_to_the_end

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS, REQUESTS = 4, 4  # each connection: two calls and two moves, timed
TIMED = CONNECTIONS * REQUESTS
# Fourteen processes start and stop in turn (seven servers, seven load generators): seconds on an
# idle machine, each given a process's patience on a busy one.
CEILING = 14 * PROCESS_PATIENCE
SAVING = ("floor-sql", "work-sql", "sqlite")  # the targets that save what they ack
PACED = ("floor-sql", "sqlite")  # the work floor runs back to back only


def test_ack_benchmark_answers_every_request_with_no_errors_and_nothing_lost() -> None:
    done = run_to_the_end(
        [
            sys.executable,
            "bench/ack.py",
            "--quick",
            "--sqlite-only",
            "--connections",
            str(CONNECTIONS),
            "--requests",
            str(REQUESTS),
        ],
        cwd=ROOT,
        timeout=CEILING,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["target", "requests"])
    rows = {}
    for line in lines[header + 2 :]:
        if not line.strip():
            break
        cells = line.split()
        rows[cells[0]] = cells
    assert list(rows) == ["bare", *SAVING], done.stdout
    for target, cells in rows.items():
        requests, errors = int(cells[1]), int(cells[2])
        assert (requests, errors) == (TIMED, 0), (target, done.stdout)
    for target in SAVING:
        calls, moves, lost = rows[target][-3:]
        for expected_found in (calls, moves):  # the timed half of each, plus any in the warm-up
            expected, found = expected_found.split("/")
            assert int(expected) >= TIMED // 2 and expected == found, (target, done.stdout)
        assert lost == "0", (target, done.stdout)
    assert rows["bare"][-1] == "-"  # no database behind the bare app: nothing to count
    assert any(line.strip().startswith("no errors: met") for line in lines), done.stdout
    # Then the same at a steady rate: every request answered, nothing lost.
    paced = lines.index("at a steady 100 requests/s (latency from when each request was due):")
    paced_rows = {line.split()[0]: line.split() for line in lines[paced + 3 : paced + 6]}
    assert list(paced_rows) == ["bare", *PACED], done.stdout
    assert all(cells[1:3] == [str(TIMED), "0"] for cells in paced_rows.values()), done.stdout
    assert all(paced_rows[target][-1] == "0" for target in PACED), done.stdout
    assert paced_rows["bare"][-1] == "-"
    assert "postgresql: skipped (--sqlite-only)" in lines
