"""Forecast accuracy's figures, kept when a period ends: each rep's last commit and best case
for the month or quarter beside what they booked in it.

Run by the daily upkeep (``bot.posts.upkeep``). Once a month (or quarter) has ended in the
workspace's time zone, each rep of a team forecasting by it gets one row
(``storage.forecasts.keep_result``, insert-once, so two replicas keep it once): their latest
forecast submitted before the period ended, or none (``commit`` None: accuracy says "no
forecast"), and booked, the value of their deals won in the period in the workspace's currency,
read by the funnel report's own query (``storage.reports.closed_by_outcome``), so it is what
``/funnel`` shows for them. A period in which nobody in the workspace forecast (before the
forecast call was in use) keeps nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from commands.localtime import local_midnight, zone
from commands.pipelines import WON
from commands.posts.forecast import PERIODS, ForecastSetting, period_end, previous_period_start
from storage import forecasts, reports, teams
from storage.models import Workspace


def keep_ended_results(session: Session, workspace: Workspace, now: datetime) -> int:
    """Keep the results of the month and quarter that ended last, for every rep not kept yet;
    how many rows this call kept (0 once they are all kept)."""
    assert workspace.id is not None
    tz = zone(None, workspace.timezone)
    today = now.astimezone(tz).date()
    by_period: dict[str, set[int]] = {period: set() for period in PERIODS}
    for member_id, team in teams.rep_teams(session, workspace_id=workspace.id).items():
        by_period[ForecastSetting.of(team).period].add(member_id)
    kept = 0
    for period in PERIODS:
        first = previous_period_start(today, period)
        last = period_end(first, period)
        start, end = local_midnight(first, tz), local_midnight(last + timedelta(days=1), tz)
        submitted = forecasts.latest_forecasts(
            session, workspace_id=workspace.id, period=period, period_start=first, before=end
        )
        if not submitted:  # nobody forecast that period: the call was not in use yet
            continue
        done = forecasts.kept_member_ids(
            session, workspace_id=workspace.id, period=period, period_start=first
        )
        for member_id in sorted((by_period[period] | set(submitted)) - done):
            closed = reports.closed_by_outcome(
                session, workspace_id=workspace.id, owner_ids=(member_id,), start=start, end=end
            )
            booked = sum(
                row.value
                for row in closed
                if row.status == WON and row.currency == workspace.currency
            )
            forecast = submitted.get(member_id)
            kept += forecasts.keep_result(
                session,
                workspace_id=workspace.id,
                member_id=member_id,
                period=period,
                period_start=first,
                period_end=last,
                commit=forecast.commit if forecast is not None else None,
                best_case=forecast.best_case if forecast is not None else None,
                booked=booked,
                currency=workspace.currency,
                kept_at=now,
            )
    return kept
