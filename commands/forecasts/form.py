"""The rep's forecast: the modal's facts (period, pre-filled figures, weighted pipeline,
accuracy) and its submission, checked like every form and saved as a new ``Forecast`` row.

Pre-filled with the rep's last figures for the period, else those of their latest forecast of
any period, else nothing. Amounts read as anywhere in Corong (``500jt``, ``1,5 miliar``;
``2M`` asks an Indonesian reader which they meant); the commit may not exceed the best case.
"""

from __future__ import annotations

from collections.abc import Mapping

from commands.context import CommandContext
from commands.errors import CommandError, FormErrors, UsageError
from commands.fields import collect_fields
from commands.forecasts.accuracy import accuracy_by_rep
from commands.forecasts.periods import (
    PERIODS,
    ForecastPeriod,
    current_period,
    period_kind_of,
    period_starting,
)
from commands.forecasts.pipeline import weighted_by_rep
from commands.forecasts.replies import ForecastForm, ForecastSaved
from commands.grammar import parse_amount
from commands.grammar.amounts import Amount
from commands.grammar.free_text import check_length
from commands.i18n import Phrase
from commands.i18n.formatting import format_money
from commands.localtime import zone
from storage import forecasts

NOTE_LIMIT = 1000
EXAMPLE = "500jt"


def period_for(ctx: CommandContext, first_day: str = "") -> ForecastPeriod:
    """The period a forecast is for: the one starting ``first_day`` (a button's value) when it
    is a period of the rep's kind, else the one under way."""
    tz = zone(ctx.workspace.timezone, "UTC")
    if first_day:
        named = period_starting(period_kind_of(ctx.session, ctx.member_id), first_day)
        if named is not None:
            return named
    return current_period(ctx.session, ctx.member_id, ctx.now, tz)


def open_forecast(ctx: CommandContext, first_day: str = "") -> ForecastForm:
    """The forecast modal's facts for the caller."""
    period = period_for(ctx, first_day)
    currency = ctx.workspace.currency
    this_period = forecasts.latest_forecasts(
        ctx.session,
        workspace_id=ctx.workspace_id,
        period=period.kind,
        period_start=period.first,
        member_ids=[ctx.member_id],
    ).get(ctx.member_id)
    shown = this_period or forecasts.latest_forecast_of(
        ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id
    )
    prefill: dict[str, str] = {}
    if shown is not None:
        prefill = {
            "commit": format_money(shown.commit, shown.currency, ctx.lang),
            "best_case": format_money(shown.best_case, shown.currency, ctx.lang),
        }
        if this_period is not None and shown.note:
            prefill["note"] = shown.note
    weighted = weighted_by_rep(ctx.session, ctx.workspace, [ctx.member_id], now=ctx.now)
    accuracy = accuracy_by_rep(
        ctx.session, workspace_id=ctx.workspace_id, member_ids=[ctx.member_id], kind=period.kind
    )[ctx.member_id]
    return ForecastForm(
        kind=period.kind,
        first=period.first,
        currency=currency,
        weighted=weighted.get(ctx.member_id, 0),
        prefill=prefill,
        submitted_at=this_period.submitted_at if this_period is not None else None,
        accuracy=accuracy if accuracy.periods else None,
    )


def submit_forecast(
    ctx: CommandContext, values: Mapping[str, str | None], kind: str, first_day: str
) -> ForecastSaved:
    """Check the modal's answers and save them as the caller's newest forecast for the period
    the modal was for; ``FormErrors`` (nothing saved) on any bad field."""
    currency = ctx.workspace.currency

    def money(raw: str) -> int:
        amount: Amount = parse_amount(raw, m_means=ctx.m_means)
        if amount.currency is not None and amount.currency != currency:
            raise UsageError(
                "forecast.currency", example=EXAMPLE, currency=currency, other=amount.currency
            )
        return amount.value

    parsed, errors = collect_fields(
        values,
        {
            "commit": money,
            "best_case": money,
            "note": lambda raw: check_length(
                "forecast_note", raw, NOTE_LIMIT, Phrase("example.note")
            ),
        },
    )
    for name in ("commit", "best_case"):
        if parsed.get(name) is None and name not in errors:
            errors[name] = UsageError(f"forecast.{name}_missing", example=EXAMPLE)
    commit, best_case = parsed.get("commit"), parsed.get("best_case")
    if commit is not None and best_case is not None and commit > best_case:
        errors["commit"] = UsageError(
            "forecast.commit_over_best",
            example=format_money(best_case, currency, ctx.lang),
            commit=format_money(commit, currency, ctx.lang),
            best_case=format_money(best_case, currency, ctx.lang),
        )
    if errors:
        raise FormErrors(errors)
    assert commit is not None and best_case is not None
    period = _submitted_period(ctx, kind, first_day)
    before = forecasts.latest_forecasts(
        ctx.session,
        workspace_id=ctx.workspace_id,
        period=period.kind,
        period_start=period.first,
        member_ids=[ctx.member_id],
    ).get(ctx.member_id)
    weighted = weighted_by_rep(ctx.session, ctx.workspace, [ctx.member_id], now=ctx.now)
    saved = forecasts.add_forecast(
        ctx.session,
        workspace_id=ctx.workspace_id,
        member_id=ctx.member_id,
        period=period.kind,
        period_start=period.first,
        commit=commit,
        best_case=best_case,
        weighted=weighted.get(ctx.member_id, 0),
        currency=currency,
        note=parsed.get("note") or "",
        submitted_at=ctx.now,
    )
    ctx.changed = True  # the App Home shows it
    return ForecastSaved(
        kind=saved.period,
        first=saved.period_start,
        commit=saved.commit,
        best_case=saved.best_case,
        weighted=saved.weighted,
        currency=saved.currency,
        previous_commit=before.commit if before is not None else None,
    )


def _submitted_period(ctx: CommandContext, kind: str, first_day: str) -> ForecastPeriod:
    """The period the modal was opened for, as its metadata says; one that has ended since (or
    metadata that names none) is refused: a forecast is for a period still to come or under
    way."""
    period = period_starting(kind, first_day) if kind in PERIODS else None
    today = ctx.now.astimezone(zone(ctx.workspace.timezone, "UTC")).date()
    if period is None:
        return period_for(ctx)
    if period.last < today:
        raise _ended(period)
    return period


def _ended(period: ForecastPeriod) -> CommandError:
    return UsageError("forecast.period_over", example="/forecast", first=period.first)
