"""Writing an export's rows: CSV for spreadsheets (and ``corong import``), JSON lines for
scripts."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from commands.exports.tables import Cell

FORMATS = ("csv", "jsonl")


def write_rows(
    rows: Iterable[dict[str, Cell]], columns: Sequence[str], out: TextIO, format: str
) -> int:
    """Write the rows to ``out``; how many. CSV has a header row, even with no rows."""
    count = 0
    if format == "jsonl":
        for row in rows:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
        count += 1
    return count
