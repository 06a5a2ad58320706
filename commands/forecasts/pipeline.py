"""Each rep's weighted pipeline, as the funnel report weighs it.

The weights are the report's own: each open deal's value times its stage's historical win rate
(``commands.reports.metrics.weighted_pipeline``), the win rates being the workspace's daily
yardsticks (``commands.reports.yardsticks``). Only deals in the workspace currency count, as a
forecast and a quota are in that currency.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.pipelines import pipeline_for
from commands.reports.metrics import weighted_pipeline
from commands.reports.policy import ReportPolicy
from commands.reports.yardsticks import WIN_RATE_DAYS, yardsticks_for
from storage import forecasts
from storage.models import Workspace


def weighted_by_rep(
    session: Session, workspace: Workspace, member_ids: Iterable[int], *, now: datetime
) -> dict[int, int]:
    """Each rep's weighted pipeline now, in the workspace currency (0 with nothing open)."""
    assert workspace.id is not None
    ids = list(member_ids)
    if not ids:
        return {}
    pipeline = pipeline_for(workspace.pipeline, workspace.custom_stages)
    yardsticks = yardsticks_for(
        session,
        workspace_id=workspace.id,
        tz=ZoneInfo(workspace.timezone),
        stages=pipeline.stages,
        now=now,
        stay_window_days=ReportPolicy.from_workspace(workspace).cohort_days,
        win_rate_days=WIN_RATE_DAYS,
    )
    totals = forecasts.open_totals_by_owner(session, workspace_id=workspace.id, owner_ids=ids)
    weighted: dict[int, int] = {}
    for member_id in ids:
        money, _ = weighted_pipeline(totals.get(member_id, []), yardsticks.win_rates)
        weighted[member_id] = sum(m.value for m in money if m.currency == workspace.currency)
    return weighted
