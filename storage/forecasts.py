"""Reps' forecasts and their kept results.

A rep may submit a forecast for a period as often as they like; the latest submission counts.
"Last week's figures" are the latest submitted before a moment (the start of this week), which
is how the roll-up shows the change since. Once a period has ended its result (the last commit
beside what was booked) is kept once, by the first replica to get there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import BigInteger, type_coerce
from sqlmodel import Session, col, func, select

from storage.db import insert_unless_present
from storage.models import Deal, Forecast, ForecastResult
from storage.reports import StageTotal


def add_forecast(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    period: str,
    period_start: date,
    commit: int,
    best_case: int,
    weighted: int,
    currency: str,
    note: str,
    submitted_at: datetime,
) -> Forecast:
    """Record a submission; earlier ones stay as history."""
    forecast = Forecast(
        workspace_id=workspace_id,
        member_id=member_id,
        period=period,
        period_start=period_start,
        commit=commit,
        best_case=best_case,
        weighted=weighted,
        currency=currency,
        note=note,
        submitted_at=submitted_at,
    )
    session.add(forecast)
    session.flush()
    return forecast


def latest_forecasts(
    session: Session,
    *,
    workspace_id: int,
    period: str,
    period_start: date,
    member_ids: Iterable[int] | None = None,
    before: datetime | None = None,
) -> dict[int, Forecast]:
    """Each rep's latest forecast for the period (submitted before ``before``, when given),
    by member id; reps who have not submitted are absent."""
    query = select(Forecast).where(
        Forecast.workspace_id == workspace_id,
        Forecast.period == period,
        Forecast.period_start == period_start,
    )
    if member_ids is not None:
        query = query.where(col(Forecast.member_id).in_(list(member_ids)))
    if before is not None:
        query = query.where(col(Forecast.submitted_at) < before)
    latest: dict[int, Forecast] = {}
    for row in session.exec(query.order_by(col(Forecast.submitted_at), col(Forecast.id))).all():
        latest[row.member_id] = row  # later rows replace earlier ones
    return latest


def latest_forecast_of(
    session: Session, *, workspace_id: int, member_id: int, before: datetime | None = None
) -> Forecast | None:
    """A rep's most recent forecast for any period: what a new one is pre-filled from."""
    query = select(Forecast).where(
        Forecast.workspace_id == workspace_id, Forecast.member_id == member_id
    )
    if before is not None:
        query = query.where(col(Forecast.submitted_at) < before)
    return session.exec(
        query.order_by(col(Forecast.submitted_at).desc(), col(Forecast.id).desc()).limit(1)
    ).first()


def keep_result(
    session: Session,
    *,
    workspace_id: int,
    member_id: int,
    period: str,
    period_start: date,
    period_end: date,
    commit: int | None,
    best_case: int | None,
    booked: int,
    currency: str,
    kept_at: datetime,
) -> bool:
    """Keep a rep's result for an ended period once; False when it was kept already."""
    statement = insert_unless_present(
        session,
        ForecastResult,
        {
            "workspace_id": workspace_id,
            "member_id": member_id,
            "period": period,
            "period_start": period_start,
            "period_end": period_end,
            "commit": commit,
            "best_case": best_case,
            "booked": booked,
            "currency": currency,
            "kept_at": kept_at,
        },
    )
    # RETURNING, not rowcount: PostgreSQL's driver does not report an INSERT's rowcount here.
    inserted = session.execute(statement.returning(col(ForecastResult.id))).first()
    return inserted is not None


def recent_results(
    session: Session,
    *,
    workspace_id: int,
    member_ids: Iterable[int],
    period: str,
    limit: int = 6,
) -> dict[int, list[ForecastResult]]:
    """Each rep's kept results for their last ``limit`` ended periods, newest first."""
    ids = list(member_ids)
    rows = session.exec(
        select(ForecastResult)
        .where(
            ForecastResult.workspace_id == workspace_id,
            ForecastResult.period == period,
            col(ForecastResult.member_id).in_(ids),
        )
        .order_by(col(ForecastResult.period_start).desc())
    ).all()
    by_member: dict[int, list[ForecastResult]] = {mid: [] for mid in ids}
    for row in rows:
        if len(by_member[row.member_id]) < limit:
            by_member[row.member_id].append(row)
    return by_member


def open_totals_by_owner(
    session: Session, *, workspace_id: int, owner_ids: Iterable[int]
) -> dict[int, list[StageTotal]]:
    """Each rep's open deals now, per stage and currency (count and summed value): what their
    weighted pipeline is read from, in one statement for a whole team."""
    ids = list(owner_ids)
    totals: dict[int, list[StageTotal]] = {owner: [] for owner in ids}
    if not ids:
        return totals
    rows = session.exec(
        select(  # type: ignore[call-overload]  # five columns
            Deal.owner_id,
            Deal.stage,
            Deal.currency,
            func.count(),
            type_coerce(func.coalesce(func.sum(Deal.value), 0), BigInteger),
        )
        .where(
            col(Deal.workspace_id) == workspace_id,
            col(Deal.owner_id).in_(ids),
            col(Deal.status) == "open",
            col(Deal.deleted_at).is_(None),
        )
        .group_by(col(Deal.owner_id), col(Deal.stage), col(Deal.currency))
        .order_by(col(Deal.owner_id), col(Deal.stage), col(Deal.currency))
    ).all()
    for owner, stage, currency, count, value in rows:
        totals[owner].append(StageTotal(stage, currency, int(count), int(value)))
    return totals


def booked_by_owner(
    session: Session,
    *,
    workspace_id: int,
    owner_ids: Iterable[int],
    currency: str,
    start: datetime,
    end: datetime,
) -> dict[int, int]:
    """What each rep booked in ``[start, end)``: the value of their deals won then, in
    ``currency`` (deals in another currency are not added in); reps with none have 0."""
    ids = list(owner_ids)
    booked = dict.fromkeys(ids, 0)
    if not ids:
        return booked
    rows = session.exec(
        select(Deal.owner_id, type_coerce(func.coalesce(func.sum(Deal.value), 0), BigInteger))
        .where(
            col(Deal.workspace_id) == workspace_id,
            col(Deal.owner_id).in_(ids),
            col(Deal.status) == "won",
            col(Deal.currency) == currency,
            col(Deal.closed_at) >= start,
            col(Deal.closed_at) < end,
            col(Deal.deleted_at).is_(None),
        )
        .group_by(col(Deal.owner_id))
    ).all()
    for owner, value in rows:
        booked[owner] = int(value)
    return booked


def kept_member_ids(
    session: Session, *, workspace_id: int, period: str, period_start: date
) -> set[int]:
    """The reps whose result for the period is kept already: what is left to keep after it
    ended."""
    return set(
        session.exec(
            select(ForecastResult.member_id).where(
                ForecastResult.workspace_id == workspace_id,
                ForecastResult.period == period,
                ForecastResult.period_start == period_start,
            )
        ).all()
    )
