"""The scheduler's daily upkeep: each workspace's yardsticks for its new day, the forecast
results of periods that ended, and the query planner's statistics.

Runs every ``UPKEEP_EVERY`` in the process that sends the scheduled posts. A workspace whose
local day has begun since the last run gets that day's yardsticks built
(``commands.reports.yardsticks``), so the day's first report, nudge or digest reads them
instead of building them; snapshots older than ``KEEP_YARDSTICKS`` are forgotten. The planner's
statistics are refreshed at the first run (a start-up, which is when migrations ran) and once a
day after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from commands.localtime import zone
from commands.pipelines import pipeline_for
from commands.posts.forecast_results import keep_ended_results
from commands.reports.policy import ReportPolicy
from commands.reports.yardsticks import WIN_RATE_DAYS, keep_todays_yardsticks
from storage.db import refresh_statistics, unit_of_work
from storage.workspaces import list_workspaces
from storage.yardsticks import forget_yardsticks

log = logging.getLogger("corong.upkeep")

UPKEEP_EVERY = timedelta(minutes=15)
STATISTICS_EVERY = timedelta(days=1)
KEEP_YARDSTICKS = timedelta(days=7)


class Upkeep:
    """The upkeep job of one process; remembers when it last refreshed the statistics."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime]) -> None:
        self.engine = engine
        self.clock = clock
        self.statistics_at: datetime | None = None

    def run(self) -> int:
        """One pass; how many workspaces' yardsticks it built. Errors are logged, and the next
        run tries again."""
        now = self.clock()
        built = 0
        try:
            built = self.keep_yardsticks(now)
            self.keep_forecast_results(now)
            if self.statistics_at is None or now - self.statistics_at >= STATISTICS_EVERY:
                refresh_statistics(self.engine)
                self.statistics_at = now
        except (SQLAlchemyError, TimeoutError):
            log.exception("upkeep: the run failed; the next one retries")
        return built

    def keep_forecast_results(self, now: datetime) -> int:
        """Each workspace's forecast results of the month and quarter that ended last, kept
        once (``commands.posts.forecast_results``); how many rows were kept now."""
        with unit_of_work(self.engine, read_only=True) as session:
            workspaces = list_workspaces(session)
        kept = 0
        for workspace in workspaces:
            with unit_of_work(self.engine) as session:
                kept += keep_ended_results(session, workspace, now)
        if kept:
            log.info("upkeep: %d forecast results of ended periods kept", kept)
        return kept

    def keep_yardsticks(self, now: datetime) -> int:
        with unit_of_work(self.engine, read_only=True) as session:
            workspaces = list_workspaces(session)
        built = 0
        for workspace in workspaces:
            assert workspace.id is not None
            policy = ReportPolicy.from_workspace(workspace)
            with unit_of_work(self.engine, read_only=True) as session:
                built += keep_todays_yardsticks(
                    session,
                    workspace_id=workspace.id,
                    tz=zone(workspace.timezone, "UTC"),
                    stages=pipeline_for(workspace.pipeline, workspace.custom_stages).stages,
                    now=now,
                    stay_window_days=policy.cohort_days,
                    win_rate_days=WIN_RATE_DAYS,
                )
        with unit_of_work(self.engine) as session:
            forget_yardsticks(session, before=(now - KEEP_YARDSTICKS).date())
        if built:
            log.info("upkeep: yardsticks of a new day built for %d workspaces", built)
        return built
