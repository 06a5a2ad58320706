"""The rows of each export: plain text and numbers, dates in the workspace's time zone."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.imports.columns import FIELDS
from storage import exports

KINDS = ("deals", "activities", "bant")
DEAL_COLUMNS = (*FIELDS, "ref")
ACTIVITY_COLUMNS = (
    "deal_ref",
    "deal_name",
    "deal_external_id",
    "member",
    "kind",
    "occurred_at",
    "duration_minutes",
    "outcome",
    "notes",
    "next_step",
    "next_step_due",
)
BANT_COLUMNS = (
    "deal_ref",
    "deal_name",
    "member",
    "created_at",
    "budget",
    "budget_value",
    "budget_currency",
    "authority",
    "authority_name",
    "need",
    "need_pain",
    "timeline",
    "timeline_date",
    "score",
    "verdict",
)

Cell = str | int | None


@dataclass(frozen=True)
class ExportRequest:
    """Which rows: the workspace, a team's reps and managers (None: everyone), a range of
    days."""

    workspace_id: int
    tz: ZoneInfo
    owner_ids: Sequence[int] | None = None
    start: datetime | None = None
    end: datetime | None = None


def columns_of(kind: str) -> tuple[str, ...]:
    return {"deals": DEAL_COLUMNS, "activities": ACTIVITY_COLUMNS, "bant": BANT_COLUMNS}[kind]


def export_rows(session: Session, kind: str, request: ExportRequest) -> Iterator[dict[str, Cell]]:
    """Each row of ``kind`` as {column: value}."""
    if kind == "deals":
        yield from _deals(session, request)
    elif kind == "activities":
        yield from _activities(session, request)
    else:
        yield from _bant(session, request)


def _moment(value: datetime | None, tz: ZoneInfo) -> str | None:
    return value.astimezone(tz).isoformat(timespec="seconds") if value else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _deals(session: Session, request: ExportRequest) -> Iterator[dict[str, Cell]]:
    tz = request.tz
    for deal, owner in exports.deals(
        session,
        workspace_id=request.workspace_id,
        owner_ids=request.owner_ids,
        created_from=request.start,
        created_to=request.end,
    ):
        yield {
            "external_id": deal.external_id,
            "source": deal.source,
            "name": deal.name,
            "value": deal.value,
            "currency": deal.currency,
            "stage": deal.stage,
            "status": deal.status,
            "lost_reason": deal.lost_reason,
            "lost_reason_key": deal.lost_reason_key,
            "owner": owner,
            "contact": deal.contact,
            "company": None,
            "lead_source": deal.lead_source,
            "created": _moment(deal.created_at, tz),
            "stage_entered": _moment(deal.stage_entered_at, tz),
            "close_date": _day(deal.close_date),
            "closed": _moment(deal.closed_at, tz),
            "next_step": deal.next_step,
            "next_step_due": _day(deal.next_step_due),
            "last_activity": _moment(deal.last_activity_at, tz),
            "ref": deal.ref,
        }


def _activities(session: Session, request: ExportRequest) -> Iterator[dict[str, Cell]]:
    for activity, deal, member in exports.activities(
        session,
        workspace_id=request.workspace_id,
        owner_ids=request.owner_ids,
        start=request.start,
        end=request.end,
    ):
        seconds = activity.duration_seconds
        yield {
            "deal_ref": deal.ref,
            "deal_name": deal.name,
            "deal_external_id": deal.external_id,
            "member": member,
            "kind": activity.kind,
            "occurred_at": _moment(activity.occurred_at, request.tz),
            "duration_minutes": round(seconds / 60) if seconds is not None else None,
            "outcome": activity.outcome,
            "notes": activity.notes,
            "next_step": activity.next_step,
            "next_step_due": _day(activity.next_step_due),
        }


def _bant(session: Session, request: ExportRequest) -> Iterator[dict[str, Cell]]:
    for record, deal, member in exports.bant_records(
        session,
        workspace_id=request.workspace_id,
        owner_ids=request.owner_ids,
        start=request.start,
        end=request.end,
    ):
        yield {
            "deal_ref": deal.ref,
            "deal_name": deal.name,
            "member": member,
            "created_at": _moment(record.created_at, request.tz),
            "budget": record.budget,
            "budget_value": record.budget_value,
            "budget_currency": record.budget_currency,
            "authority": record.authority,
            "authority_name": record.authority_name,
            "need": record.need,
            "need_pain": record.need_pain,
            "timeline": record.timeline,
            "timeline_date": _day(record.timeline_date),
            "score": record.score,
            "verdict": record.verdict,
        }
