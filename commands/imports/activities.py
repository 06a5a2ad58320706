"""``corong import activities``: a month (or a year) of calls, meetings and notes in, on the
deals already here, all or nothing like deals.

Each line names its deal by ref (``D-12``), by its id in the system it came from, or by its
exact name; who did it (else the deal's owner); what (call, meeting, email, note); when; and
optionally how long, the outcome, notes and the next step. The same line twice is one
activity; importing the file again adds nothing. A deal's "last touched" and next step move
forward to its newest imported activity, so stale deals stop being stale and nudges ask for
the next step the file gave. One import is one change that undo takes back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.deals.call import outcome_for
from commands.deals.resolve import name_key
from commands.errors import CommandError, UsageError
from commands.grammar import parse_duration
from commands.i18n import Phrase
from commands.imports.cells import DAY_FIRST, date_order, read_date, read_time, text_reader
from commands.imports.columns import normalise_header
from commands.imports.deals import parse_csv
from commands.imports.owners import OwnerResolver, People, parse_owner_mapping
from commands.imports.plan import plain
from commands.imports.rows import RowProblem
from storage import changes, imports
from storage.models import Deal, ImportBatch, Workspace

T = TypeVar("T")
ACTIVITY_ACTION = "activity.import"
KINDS = {
    "call": "call",
    "phone call": "call",
    "telepon": "call",
    "meeting": "meeting",
    "rapat": "meeting",
    "pertemuan": "meeting",
    "email": "email",
    "e-mail": "email",
    "note": "note",
    "catatan": "note",
    "task": "note",
}
ACTIVITY_FIELDS = (
    "deal_ref", "deal_external_id", "deal_name", "member", "kind", "occurred_at",
    "duration_minutes", "outcome", "notes", "next_step", "next_step_due",
)  # fmt: skip
_HEADERS = {
    **{f.replace("_", " "): f for f in ACTIVITY_FIELDS},
    "deal": "deal_ref",
    "deal id": "deal_external_id",
    "associated deal": "deal_name",
    "deal title": "deal_name",
    "opportunity": "deal_name",
    "opportunity name": "deal_name",
    "owner": "member",
    "activity owner": "member",
    "assigned to": "member",
    "rep": "member",
    "type": "kind",
    "activity type": "kind",
    "date": "occurred_at",
    "activity date": "occurred_at",
    "due date": "occurred_at",
    "duration": "duration_minutes",
    "call duration": "duration_minutes",
    "outcome": "outcome",
    "call outcome": "outcome",
    "subject": "notes",
    "note": "notes",
    "comments": "notes",
    "next step": "next_step",
}
_REF = re.compile(r"^[dD]-?(\d{1,9})$")
_HMS = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2})$")
_LIMITS = {"notes": 2000, "next_step": 500}


@dataclass(frozen=True)
class ActivityRow:
    line: int
    deal: Deal
    member_id: int
    kind: str
    occurred_at: datetime
    duration_seconds: int | None
    outcome: str | None
    notes: str | None
    next_step: str | None
    next_step_due: date | None

    @property
    def key(self) -> tuple[int, int, str, datetime]:
        return (self.deal.id or 0, self.member_id, self.kind, self.occurred_at)


@dataclass
class ActivityImport:
    """What the file holds and what was written (``batch`` None: nothing)."""

    lines: int
    new: list[ActivityRow] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    date_order: str = DAY_FIRST
    batch: ImportBatch | None = None

    @property
    def bad_lines(self) -> list[int]:
        return sorted({problem.line for problem in self.problems})


def import_activities(
    session: Session,
    *,
    workspace: Workspace,
    member_id: int,
    text: str,
    file_name: str,
    people: People | None,
    now: datetime,
    owners: Sequence[str] = (),
    dates: str | None = None,
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ActivityImport:
    """Read and check every line, then (unless told not to or a line is bad) write."""
    assert workspace.id is not None
    header, records = parse_csv(text)
    places = {
        field: position
        for position, name in reversed(list(enumerate(header)))
        if (field := _HEADERS.get(normalise_header(name))) is not None
    }
    if "occurred_at" not in places or not {"deal_ref", "deal_external_id", "deal_name"} & set(
        places
    ):
        raise UsageError(
            "import.activity_columns",
            example="deal_ref,member,kind,occurred_at",
            headers=", ".join(h.strip() for h in header) or "-",
        )
    tz = ZoneInfo(workspace.timezone)
    order = dates or date_order(
        (cells[p] for _, cells in records for f in ("occurred_at", "next_step_due")
         if (p := places.get(f)) is not None and p < len(cells)),
        DAY_FIRST,
    )  # fmt: skip
    result = ActivityImport(lines=len(records), date_order=order)
    deals = _DealFinder(session, workspace.id, records, places)
    resolver = OwnerResolver(session, workspace.id, people, overrides=parse_owner_mapping(owners))
    rows: list[ActivityRow] = []
    for line, cells in records:
        read = _read(line, cells, places, header, deals, resolver, tz, order, now)
        if isinstance(read, list):
            result.problems.extend(read)
        else:
            rows.append(read)
    known = imports.activity_keys(session, deal_ids=[row.deal.id or 0 for row in rows])
    seen: set[tuple[int, int, str, datetime]] = set()
    for row in rows:
        if row.key in known or row.key in seen:
            result.unchanged += 1
        else:
            seen.add(row.key)
            result.new.append(row)
    if dry_run or (result.problems and not skip_bad) or not result.new:
        return result
    result.batch = _apply(session, workspace.id, member_id, file_name, result.new, now)
    return result


class _DealFinder:
    """The deals a file names, read in a few statements for the whole file."""

    def __init__(
        self, session: Session, workspace_id: int, records: Sequence[tuple[int, list[str]]],
        places: dict[str, int],
    ) -> None:  # fmt: skip
        def column(name: str) -> list[str]:
            place = places.get(name)
            return [c[place].strip() for _, c in records if place is not None and place < len(c)]

        numbers = [int(m[1]) for text in column("deal_ref") if (m := _REF.match(text))]
        self.by_number = imports.deals_by_number(
            session, workspace_id=workspace_id, numbers=numbers
        )
        self.by_external = imports.deals_by_any_external_id(
            session,
            workspace_id=workspace_id,
            external_ids=[t for t in column("deal_external_id") if t],
        )
        named = imports.deals_by_name(
            session,
            workspace_id=workspace_id,
            name_keys=[name_key(t) for t in column("deal_name") if t],
        )
        self.by_name: dict[str, list[Deal]] = {}
        for (key, _), found in named.items():
            self.by_name.setdefault(key, []).extend(found)

    def find(self, ref: str, external_id: str, name: str) -> Deal:
        if ref:
            match = _REF.match(ref)
            deal = self.by_number.get(int(match[1])) if match else None
            if deal is None:
                raise UsageError("import.activity_deal_unknown", example="D-12", text=ref)
            return deal
        if external_id:
            found = self.by_external.get(external_id, [])
            if len(found) == 1:
                return found[0]
            key = "import.activity_deal_ambiguous" if found else "import.activity_deal_unknown"
            raise UsageError(key, example="D-12", text=external_id)
        found = self.by_name.get(name_key(name), []) if name else []
        if len(found) == 1:
            return found[0]
        key = "import.activity_deal_ambiguous" if found else "import.activity_deal_unknown"
        raise UsageError(key, example="D-12", text=name or "-")


def _read(
    line: int,
    cells: Sequence[str],
    places: dict[str, int],
    header: Sequence[str],
    deals: _DealFinder,
    owners: OwnerResolver,
    tz: ZoneInfo,
    order: str,
    now: datetime,
) -> ActivityRow | list[RowProblem]:
    problems: list[RowProblem] = []

    def cell(name: str) -> str:
        place = places.get(name)
        return cells[place].strip() if place is not None and place < len(cells) else ""

    def read(name: str, reader: Callable[[str], T], blank: T) -> T:
        text = cell(name)
        if not text:
            return blank
        try:
            return reader(text)
        except CommandError as error:
            column = header[places[name]].strip() if name in places else name
            problems.append(RowProblem(line, column, error))
            return blank

    deal_column = next(
        (f for f in ("deal_ref", "deal_external_id", "deal_name") if cell(f)), "deal_ref"
    )
    deal = read(
        deal_column,
        lambda _: deals.find(cell("deal_ref"), cell("deal_external_id"), cell("deal_name")),
        None,
    )
    if deal is None and not cell(deal_column):
        problems.append(
            RowProblem(
                line, deal_column, UsageError("import.activity_deal_missing", example="D-12")
            )
        )
    member = read("member", owners.member, None)
    kind = read("kind", _kind, "call")
    occurred = read("occurred_at", lambda t: _past(read_time(t, order, tz), now, t), None)
    if occurred is None and not cell("occurred_at"):
        problems.append(
            RowProblem(
                line,
                "occurred_at",
                UsageError("import.activity_when_missing", example="2026-11-02 10:00"),
            )
        )
    row_values: dict[str, Any] = {
        "duration_seconds": read("duration_minutes", _duration, None),
        "outcome": read("outcome", _outcome, None),
        "notes": read("notes", text_reader(_LIMITS["notes"]), None),
        "next_step": read("next_step", text_reader(_LIMITS["next_step"]), None),
        "next_step_due": read("next_step_due", lambda t: read_date(t, order), None),
    }
    if problems or deal is None or occurred is None:
        return problems
    return ActivityRow(
        line=line,
        deal=deal,
        member_id=(member.id or 0) if member is not None else deal.owner_id,
        kind=kind,
        occurred_at=occurred,
        **row_values,
    )


def _kind(text: str) -> str:
    kind = KINDS.get(" ".join(text.casefold().split()))
    if kind is None:
        raise UsageError(
            "import.activity_kind",
            example=Phrase("example.activity_kind"),
            text=text,
            kinds=Phrase("example.activity_kinds"),
        )
    return kind


def _past(moment: datetime | None, now: datetime, text: str) -> datetime | None:
    if moment is not None and moment > now:
        raise UsageError("import.activity_future", example="2026-11-02 10:00", text=text)
    return moment


def _duration(text: str) -> int:
    """Minutes (``20``), a call length as typed (``20m``, ``1h5m``) or ``00:20:00``."""
    match = _HMS.match(text)
    if match:
        seconds = int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3])
        return parse_duration(f"{seconds // 60}:{seconds % 60:02d}")
    return parse_duration(text)


def _outcome(text: str) -> str:
    outcome = outcome_for(text.strip().replace(" ", "-"))
    if outcome is None:
        raise UsageError(
            "import.activity_outcome",
            example=Phrase("example.outcome"),
            text=text,
            outcomes=Phrase("example.outcomes"),
        )
    return outcome


def _apply(
    session: Session,
    workspace_id: int,
    member_id: int,
    file_name: str,
    rows: Sequence[ActivityRow],
    now: datetime,
) -> ImportBatch:
    batch = ImportBatch(
        workspace_id=workspace_id,
        member_id=member_id,
        kind="activities",
        source="csv",
        file_name=file_name[-200:],
        created=len(rows),
        updated=0,
        created_at=now,
    )
    import_id = imports.add_import(session, batch)
    ids = imports.insert_activities(
        session,
        [
            {
                "workspace_id": workspace_id,
                "deal_id": row.deal.id,
                "member_id": row.member_id,
                "kind": row.kind,
                "occurred_at": row.occurred_at,
                "duration_seconds": row.duration_seconds,
                "outcome": row.outcome,
                "notes": row.notes,
                "next_step": row.next_step,
                "next_step_due": row.next_step_due,
                "deleted_at": None,
            }
            for row in rows
        ],
    )
    entries, before_by_deal = [], _move_deals_forward(session, rows, now)
    for activity_id, row in zip(ids, rows, strict=True):
        deal_id = row.deal.id or 0
        entries.append(
            {
                "workspace_id": workspace_id,
                "member_id": member_id,
                "action": ACTIVITY_ACTION,
                "deal_id": deal_id,
                "activity_id": activity_id,
                "stage_change_id": None,
                "before": before_by_deal.pop(deal_id, None),
                "after": None,
                "created_at": now,
                "undone_at": None,
                "undo_of_id": None,
                "import_id": import_id,
            }
        )
    imports.insert_audit_entries(session, entries)
    return batch


def _move_deals_forward(
    session: Session, rows: Sequence[ActivityRow], now: datetime
) -> dict[int, dict[str, Any]]:
    """Each deal's last activity (and, from a newer activity, its next step) moved to the
    file's newest; the fields as they were, by deal, for undo."""
    newest: dict[int, ActivityRow] = {}
    for row in rows:
        current = newest.get(row.deal.id or 0)
        if current is None or row.occurred_at > current.occurred_at:
            newest[row.deal.id or 0] = row
    before: dict[int, dict[str, Any]] = {}
    for deal_id, row in newest.items():
        deal = row.deal
        if deal.last_activity_at is not None and deal.last_activity_at >= row.occurred_at:
            continue
        values: dict[str, Any] = {"last_activity_at": row.occurred_at}
        if row.next_step and deal.status == "open":
            values.update(next_step=row.next_step, next_step_due=row.next_step_due)
        before[deal_id] = {name: plain(getattr(deal, name)) for name in values}
        changes.update_deal(session, deal, **values)
    return before
