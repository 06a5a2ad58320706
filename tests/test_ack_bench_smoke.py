"""The ack benchmark still runs: the real bot and the bare app load briefly, on SQLite, every
request answered and every saved call and move found in the database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ack_benchmark_runs_quickly_with_no_errors_and_nothing_lost() -> None:
    done = subprocess.run(
        [sys.executable, "bench/ack.py", "--quick", "--sqlite-only"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
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
    assert list(rows) == ["bare", "sqlite"], done.stdout
    for target, cells in rows.items():
        requests, errors = int(cells[1]), int(cells[2])
        assert requests > 0 and errors == 0, (target, done.stdout)
    sqlite = rows["sqlite"]
    calls, moves, lost = sqlite[-3], sqlite[-2], sqlite[-1]
    for expected_found in (calls, moves):
        expected, found = expected_found.split("/")
        assert int(expected) > 0 and expected == found, done.stdout
    assert lost == "0", done.stdout
    assert rows["bare"][-1] == "-"  # no database behind the bare app: nothing to count
    assert any(line.strip().startswith("no errors: met") for line in lines), done.stdout
    # Then the same at a steady rate: every request answered, nothing lost.
    paced = lines.index("at a steady 20 requests/s (latency from when each request was due):")
    paced_rows = {line.split()[0]: line.split() for line in lines[paced + 3 : paced + 5]}
    assert list(paced_rows) == ["bare", "sqlite"], done.stdout
    assert all(int(cells[1]) > 0 and cells[2] == "0" for cells in paced_rows.values())
    assert paced_rows["sqlite"][-1] == "0" and paced_rows["bare"][-1] == "-"
    assert "postgresql: skipped (--sqlite-only)" in lines
