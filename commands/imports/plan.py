"""What importing a file would do: which rows are new deals, which change a deal already here,
which change nothing, and which cannot be imported.

A row finds its deal by the source and its id there; a row without one, by its name and owner.
Only the fields the file has columns for are compared, so a file without a contact column
leaves the contacts as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from commands.deals.resolve import name_key
from commands.errors import UsageError
from commands.imports.rows import DealRow, RowProblem
from storage import imports
from storage.models import Deal

# Row fields compared with a deal's, by the column that carries them.
_COMPARED = {
    "name": "name",
    "value": "value",
    "currency": "currency",
    "owner_id": "owner",
    "contact": "contact",
    "lead_source": "lead_source",
    "close_date": "close_date",
    "next_step": "next_step",
    "next_step_due": "next_step_due",
    "lost_reason": "lost_reason",
    "lost_reason_key": "lost_reason_key",
}


@dataclass(frozen=True)
class Update:
    """A deal already here and what the file changes on it (field -> new value); a new
    ``stage`` or ``status`` is a move."""

    deal: Deal
    row: DealRow
    changes: dict[str, Any]

    @property
    def moves(self) -> bool:
        return "stage" in self.changes or "status" in self.changes


@dataclass
class ImportPlan:
    """The dry run's answer, and what ``apply`` writes."""

    source: str
    new: list[DealRow] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    # (the file's stage text, our stage): how many rows, shown so a wrong guess is seen.
    stages: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def bad_lines(self) -> list[int]:
        return sorted({problem.line for problem in self.problems})


def plan_import(
    session: Session,
    *,
    workspace_id: int,
    source: str,
    rows: Sequence[DealRow],
    problems: Sequence[RowProblem],
    present: frozenset[str],
) -> ImportPlan:
    """Compare the file's good rows with the workspace's deals. ``present`` names the fields
    the file has columns for."""
    plan = ImportPlan(source=source, problems=list(problems))
    unique = _first_of_each(rows, plan)
    by_id: dict[tuple[str, str], Deal] = {}
    for row_source in {row.source or source for row in unique if row.external_id}:
        found = imports.deals_by_external_id(
            session,
            workspace_id=workspace_id,
            source=row_source,
            external_ids=[
                row.external_id
                for row in unique
                if row.external_id and (row.source or source) == row_source
            ],
        )
        by_id.update({(row_source, external_id): deal for external_id, deal in found.items()})
    by_name = imports.deals_by_name(
        session,
        workspace_id=workspace_id,
        name_keys=[name_key(row.name) for row in unique if not row.external_id],
    )
    for row in unique:
        if row.external_id:
            deal = by_id.get((row.source or source, row.external_id))
        else:
            same = by_name.get((name_key(row.name), row.owner_id), [])
            if len(same) > 1:
                refs = ", ".join(d.ref for d in same[:5])
                plan.problems.append(
                    RowProblem(row.line, "name", UsageError("import.name_ambiguous", refs=refs))
                )
                continue
            deal = same[0] if same else None
        if deal is None:
            plan.new.append(row)
            continue
        changes = _changes(deal, row, present)
        if changes:
            plan.updates.append(Update(deal, row, changes))
        else:
            plan.unchanged += 1
    return plan


def _first_of_each(rows: Sequence[DealRow], plan: ImportPlan) -> list[DealRow]:
    """The rows, each deal once: a second row for the same deal is a problem, not an update
    whose order would decide the result."""
    seen: dict[tuple[str, Any], int] = {}
    unique = []
    for row in rows:
        key: tuple[str, Any] = (
            ("id", (row.source, row.external_id))
            if row.external_id
            else ("name", (name_key(row.name), row.owner_id))
        )
        if key in seen:
            error = UsageError("import.duplicate_row", first=seen[key])
            plan.problems.append(RowProblem(row.line, "name", error))
            continue
        seen[key] = row.line
        unique.append(row)
    return unique


def _changes(deal: Deal, row: DealRow, present: frozenset[str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for attribute, column in _COMPARED.items():
        if column not in present:
            continue
        new = getattr(row, attribute)
        if attribute == "currency" and new is None:
            continue  # a value without a currency keeps the deal's
        if new != getattr(deal, attribute):
            changes[attribute] = new
    if changes.get("name") is not None:
        changes["name_key"] = name_key(changes["name"])
    if row.status != deal.status:
        changes["status"] = row.status
    if row.status == "open" and row.stage is not None and row.stage != deal.stage:
        changes["stage"] = row.stage
    return changes


def plain(value: Any) -> Any:
    """A value as JSON keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date | datetime) else value
