"""The forecast on the App Home: a manager sees their teams' roll-up, anyone else their own
commit and best case for the period under way (with a button to update them)."""

from __future__ import annotations

from commands.context import CommandContext
from commands.forecasts.accuracy import accuracy_by_rep
from commands.forecasts.form import period_for
from commands.forecasts.pipeline import weighted_by_rep
from commands.forecasts.replies import ForecastHome, MyForecast
from commands.forecasts.rollup import build_rollups
from storage import forecasts, teams


def home_forecast(ctx: CommandContext) -> ForecastHome:
    """The caller's forecast section as of ``ctx.now``."""
    currency = ctx.workspace.currency
    managed = teams.managed_teams(
        ctx.session, workspace_id=ctx.workspace_id, manager_id=ctx.member_id
    )
    if managed:
        rollups = build_rollups(ctx.session, ctx.workspace, managed, now=ctx.now)
        return ForecastHome(currency, rollups=rollups)
    period = period_for(ctx)
    latest = forecasts.latest_forecasts(
        ctx.session,
        workspace_id=ctx.workspace_id,
        period=period.kind,
        period_start=period.first,
        member_ids=[ctx.member_id],
    ).get(ctx.member_id)
    weighted = weighted_by_rep(ctx.session, ctx.workspace, [ctx.member_id], now=ctx.now)
    accuracy = accuracy_by_rep(
        ctx.session, workspace_id=ctx.workspace_id, member_ids=[ctx.member_id], kind=period.kind
    )[ctx.member_id]
    mine = MyForecast(
        kind=period.kind,
        first=period.first,
        commit=latest.commit if latest else None,
        best_case=latest.best_case if latest else None,
        weighted=weighted.get(ctx.member_id, 0),
        currency=currency,
        accuracy=accuracy if accuracy.average is not None else None,
    )
    return ForecastHome(currency, mine=mine)
