"""``corong import deals``: a CSV file in, the workspace's deals out, all or nothing.

The file is read whole before anything is written: recognised (``columns``), every line read
(``rows``), compared with the deals here (``plan``). Then, unless it is a dry run or a line is
bad (and ``skip_bad`` was not asked for), the plan is written (``apply``) in the caller's unit of
work. Whoever calls this commits, or rolls back when nothing was written, since finding an
owner may have added a member.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.errors import UsageError
from commands.imports.apply import apply_plan
from commands.imports.cells import DAY_FIRST, MONTH_FIRST, date_order
from commands.imports.columns import (
    AUTO,
    HUBSPOT,
    SALESFORCE,
    ColumnMap,
    detect_source,
    map_columns,
    parse_mapping,
)
from commands.imports.owners import OwnerResolver, People, parse_owner_mapping
from commands.imports.plan import ImportPlan, plan_import
from commands.imports.rows import DealRow, RowProblem, RowReader
from commands.imports.stages import parse_stage_mapping
from commands.pipelines import pipeline_for
from storage.models import ImportBatch, Workspace

MAX_ROWS = 100_000
# US-made CRMs write 10/01/2026 month first unless the account says otherwise.
_DATE_HABIT = {HUBSPOT: MONTH_FIRST, SALESFORCE: MONTH_FIRST}


@dataclass(frozen=True)
class ImportOptions:
    """What the operator asked for besides the file."""

    source: str = AUTO
    columns: Sequence[str] = ()  # --map "Column=field"
    stages: Sequence[str] = ()  # --stage "Theirs=ours"
    owners: Sequence[str] = ()  # --owner "Text=U123"
    date_order: str | None = None  # dmy | mdy; else read from the file
    dry_run: bool = False
    skip_bad: bool = False


@dataclass
class ImportResult:
    """What the import found, and what it wrote (``batch`` None: nothing)."""

    plan: ImportPlan
    columns: ColumnMap
    date_order: str
    lines: int
    batch: ImportBatch | None = None
    wrote: bool = field(default=False)


def parse_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each record with the line it starts on. Comma, semicolon (a spreadsheet
    saved in Indonesian or most European locales) or tab separated."""
    sample = text[:20_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError("import.empty_file", example="corong import template") from None
    except csv.Error as error:
        raise UsageError("import.bad_csv", line=1, reason=str(error)) from None
    records: list[tuple[int, list[str]]] = []
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((start, cells))
                if len(records) > MAX_ROWS:
                    raise UsageError("import.too_many_rows", limit=MAX_ROWS)
            start = reader.line_num + 1
    except csv.Error as error:
        raise UsageError("import.bad_csv", line=start, reason=str(error)) from None
    return header, records


def decode_file(raw: bytes) -> str | None:
    """A CSV file's text: UTF-8 (with or without a byte order mark), else the Windows encoding
    Excel still saves "CSV" in; None when it is neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def import_deals(
    session: Session,
    *,
    workspace: Workspace,
    member_id: int,
    text: str,
    file_name: str,
    options: ImportOptions,
    people: People | None,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Read, check and (unless told not to or a line is bad) write the file's deals."""
    assert workspace.id is not None
    header, records = parse_csv(text)
    source = options.source if options.source != AUTO else detect_source(header)
    if source is None:
        raise UsageError(
            "import.unknown_source",
            example="--source hubspot",
            headers=", ".join(h.strip() for h in header[:12]),
        )
    columns = map_columns(header, source, parse_mapping(options.columns))
    pipeline = pipeline_for(workspace.pipeline, workspace.custom_stages)
    tz = ZoneInfo(workspace.timezone)
    order = options.date_order or date_order(
        _dated_cells(columns, records), _DATE_HABIT.get(source, DAY_FIRST)
    )
    reader = RowReader(
        columns=columns,
        pipeline=pipeline,
        tz=tz,
        date_order=order,
        stage_overrides=parse_stage_mapping(options.stages, pipeline),
        owners=OwnerResolver(
            session, workspace.id, people, overrides=parse_owner_mapping(options.owners)
        ),
    )
    rows: list[DealRow] = []
    problems: list[RowProblem] = []
    stages: Counter[tuple[str, str]] = Counter()
    for done, (line, cells) in enumerate(records, start=1):
        read = reader.read(line, cells)
        if isinstance(read, list):
            problems.extend(read)
        else:
            rows.append(read)
            stages[(_stage_text(columns, cells), read.stage or read.status)] += 1
        if progress is not None:
            progress(done)
    plan = plan_import(
        session,
        workspace_id=workspace.id,
        source=source,
        rows=rows,
        problems=problems,
        present=frozenset(columns.fields),
    )
    plan.stages = stages
    result = ImportResult(plan=plan, columns=columns, date_order=order, lines=len(records))
    if options.dry_run or (plan.problems and not options.skip_bad):
        return result
    if plan.problems:  # skip_bad: only the good rows, and none of a bad line
        bad = set(plan.bad_lines)
        plan.new = [row for row in plan.new if row.line not in bad]
        plan.updates = [u for u in plan.updates if u.row.line not in bad]
    if plan.new or plan.updates:
        result.batch = apply_plan(
            session,
            workspace=workspace,
            member_id=member_id,
            plan=plan,
            file_name=file_name,
            now=now,
            tz=tz,
        )
        result.wrote = True
    return result


def _stage_text(columns: ColumnMap, cells: Sequence[str]) -> str:
    places = columns.fields.get("stage", ())
    return cells[places[0]].strip() if places and places[0] < len(cells) else ""


def _dated_cells(columns: ColumnMap, records: Sequence[tuple[int, list[str]]]) -> Iterator[str]:
    """Every date cell of the file: what tells day-first from month-first."""
    places = [p for name in _DATED for p in columns.fields.get(name, ())]
    for _, cells in records:
        for place in places:
            if place < len(cells):
                yield cells[place]


_DATED = ("created", "stage_entered", "close_date", "closed", "next_step_due", "last_activity")
