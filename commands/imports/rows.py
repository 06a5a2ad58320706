"""One line of an export as a deal, or every reason it cannot be one.

A row is read whole: each bad cell becomes a ``RowProblem`` (line, column, what to do) and
reading goes on, so one run lists every problem in the file instead of the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from commands.deals.lost_reasons import key_of, legacy_key, words_of
from commands.deals.resolve import check_deal_name
from commands.errors import CommandError, UsageError
from commands.grammar.free_text import clean_text
from commands.i18n import Text
from commands.imports.cells import (
    read_amount,
    read_currency,
    read_date,
    read_status,
    read_time,
    text_reader,
)
from commands.imports.columns import ColumnMap
from commands.imports.owners import OwnerResolver
from commands.imports.stages import stage_for
from commands.pipelines import CLOSED_STAGES, LOST, Pipeline, stage_phrase

T = TypeVar("T")
_SOURCE = re.compile(r"^[a-z][a-z0-9_-]{0,15}$")
NAME_EXAMPLE = "Acme Corp"
_LIMITS = {
    "contact": 200,
    "next_step": 500,
    "lost_reason": 500,
    "lost_reason_key": 64,
    "external_id": 100,
    "lead_source": 64,
}


@dataclass(frozen=True)
class RowProblem:
    """Why line ``line`` cannot be imported: the column and the message (a catalog key)."""

    line: int
    column: str
    error: CommandError


@dataclass(frozen=True)
class DealRow:
    """A deal as the file describes it, every value read and checked."""

    line: int
    name: str
    # The open stage the deal is in, or was in before it closed (None when the file does not
    # say: a HubSpot "Closed won" row).
    stage: str | None
    status: str  # open, won or lost
    owner_id: int
    external_id: str | None = None
    source: str | None = None  # where external_id comes from, when not the file's source
    value: int | None = None
    currency: str | None = None
    contact: str | None = None
    lead_source: str | None = None  # where the lead came from, as the file says
    lost_reason: str | None = None
    lost_reason_key: str | None = None
    created: datetime | None = None
    stage_entered: datetime | None = None
    close_date: date | None = None
    closed: datetime | None = None
    next_step: str | None = None
    next_step_due: date | None = None
    last_activity: datetime | None = None

    @property
    def closed_stage(self) -> str | None:
        return self.status if self.status in CLOSED_STAGES else None


def _source(text: str) -> str:
    """A source name as deals keep it: ``HubSpot`` -> ``hubspot``."""
    source = text.strip().casefold()
    if not _SOURCE.match(source):
        raise UsageError("import.bad_source", example="hubspot", text=text.strip())
    return source


@dataclass(frozen=True)
class RowReader:
    """Reads lines of one file against one workspace."""

    columns: ColumnMap
    pipeline: Pipeline
    tz: ZoneInfo
    date_order: str
    stage_overrides: Mapping[str, str]
    owners: OwnerResolver

    def read(self, line: int, cells: Sequence[str]) -> DealRow | list[RowProblem]:
        problems: list[RowProblem] = []

        def cell(field: str) -> str:
            places = self.columns.fields.get(field, ())
            values = [cells[p].strip() for p in places if p < len(cells) and cells[p].strip()]
            return values[0] if values else ""

        def read(field: str, reader: Callable[[str], T], blank: T) -> T:
            text = cell(field)
            if not text:
                return blank
            try:
                return reader(text)
            except CommandError as error:
                problems.append(RowProblem(line, self.columns.column_of(field) or field, error))
                return blank

        name = read("name", lambda t: check_deal_name(clean_text(t) or "", NAME_EXAMPLE), "")
        if not name and not any(p.column == self.columns.column_of("name") for p in problems):
            problems.append(self._missing(line, "name", "import.name_missing", NAME_EXAMPLE))
        status = read("status", read_status, None)
        stage_text = cell("stage")
        stage = read("stage", self._stage, None)
        closed_stage = stage if stage in CLOSED_STAGES else None
        if not stage_text and status not in CLOSED_STAGES:
            problems.append(
                self._missing(
                    line, "stage", "import.stage_missing", stage_phrase(self.pipeline.first)
                )
            )
        if closed_stage and status and status != "open" and status != closed_stage:
            problems.append(
                RowProblem(
                    line,
                    self.columns.column_of("status") or "status",
                    UsageError(
                        "import.status_conflict",
                        example=stage_phrase(closed_stage),
                        stage=stage_text,
                    ),
                )
            )
        outcome = status if status in CLOSED_STAGES else closed_stage
        owner = read("owner", self.owners.member, None)
        if owner is None and not cell("owner"):
            problems.append(self._missing(line, "owner", "import.owner_missing", "U0123ABCD"))
        currency = read("currency", read_currency, None)
        amount = read("value", lambda t: read_amount(t, currency), None)
        moment = self._moment
        lost = outcome == LOST
        lost_reason = read("lost_reason", self._text("lost_reason"), None) if lost else None
        key = read("lost_reason_key", self._text("lost_reason_key"), None) if lost else None
        row = DealRow(
            line=line,
            name=name,
            stage=stage if stage not in CLOSED_STAGES else None,
            status=outcome or "open",
            owner_id=(owner.id or 0) if owner is not None else 0,
            external_id=read("external_id", self._text("external_id"), None),
            source=read("source", _source, None),
            value=amount.value if amount else None,
            currency=(amount.currency if amount else None) or currency,
            contact=read("contact", self._text("contact"), None) or self._company(cell),
            lead_source=read("lead_source", self._text("lead_source"), None),
            lost_reason=lost_reason,
            # A lost deal keeps its reason: the key exported, else the one its words name.
            lost_reason_key=(key_of(words_of(key)) if key else legacy_key(lost_reason))
            if lost
            else None,
            created=read("created", moment, None),
            stage_entered=read("stage_entered", moment, None),
            close_date=read("close_date", self._date, None),
            closed=read("closed", moment, None) if outcome else None,
            next_step=read("next_step", self._text("next_step"), None) if not outcome else None,
            next_step_due=read("next_step_due", self._date, None) if not outcome else None,
            last_activity=read("last_activity", moment, None),
        )
        return problems or row

    def _stage(self, text: str) -> str:
        return stage_for(
            text, pipeline=self.pipeline, source=self.columns.source, overrides=self.stage_overrides
        )

    def _moment(self, text: str) -> datetime | None:
        return read_time(text, self.date_order, self.tz)

    def _date(self, text: str) -> date | None:
        return read_date(text, self.date_order)

    def _text(self, field: str) -> Callable[[str], str | None]:
        return text_reader(_LIMITS[field])

    def _company(self, cell: Callable[[str], str]) -> str | None:
        company = clean_text(cell("company"))
        return company[:200] if company else None

    def _missing(self, line: int, field: str, key: str, example: Text) -> RowProblem:
        column = self.columns.column_of(field) or field
        return RowProblem(line, column, UsageError(key, example=example))
