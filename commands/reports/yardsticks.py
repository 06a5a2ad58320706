"""The slow yardsticks every report, nudge and digest judges by, built once a day.

Two figures per open stage, both workspace-wide whoever a report is about (a rep's own few
deals would make a noisy yardstick):

- the usual time in the stage: the median stay over the stays that ended in the
  ``stay_window_days`` (the report's cohort days, 90 by default) before today's local midnight;
  a deal is stuck when it has sat in its stage for more than twice that (``stuck_cutoffs``);
- the stage's win rate: among the deals closed in the ``win_rate_days`` (365) before today's
  local midnight that reached the stage, the share won; the forecast's weights.

Both read a quarter's moves and a year's closed deals, and both move little within a day, so
they are kept per local day (``storage.yardsticks``): the scheduler builds each workspace's
shortly after its midnight, and the first reader builds it when the scheduler has not. Stays
and closes of today count from tomorrow.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.localtime import local_midnight
from commands.pipelines import LOST, WON
from storage import reports as db
from storage import yardsticks as kept

# The forecast's window: a trailing year follows how the team sells today.
WIN_RATE_DAYS = 365


@dataclass(frozen=True)
class StageTime:
    """Median days deals spent in one stage, over the stays that ended in a window."""

    stage: str
    median_days: float | None
    stays: int  # finished stays the median is taken over


@dataclass(frozen=True)
class StageWinRate:
    """A stage's historical win rate: won / closed among deals that reached it."""

    stage: str
    won: int
    closed: int
    rate: float | None


@dataclass(frozen=True)
class Yardsticks:
    """A workspace's yardsticks as of a local day (``as_of``), whose midnight (``window_end``,
    UTC) ends both windows."""

    as_of: date
    window_end: datetime
    stage_times: tuple[StageTime, ...]
    win_rates: tuple[StageWinRate, ...]


def stage_times(
    days_by_stage: Mapping[str, Sequence[float]], stages: Sequence[str]
) -> tuple[StageTime, ...]:
    """Time in stage: for each open stage, the median days of the stays in it that ended in a
    window. A stay runs from the move into the stage to the deal's next move (another stage,
    won or lost); deals still in a stage are not counted until they leave it."""
    rows = []
    for stage in stages:
        days = days_by_stage.get(stage, ())
        rows.append(StageTime(stage, float(statistics.median(days)) if days else None, len(days)))
    return tuple(rows)


def stage_win_rates(
    reach: Mapping[tuple[int, str], int], stages: Sequence[str]
) -> tuple[StageWinRate, ...]:
    """A stage's historical win rate: among the workspace's deals closed in the trailing window
    that reached the stage (as in the funnel), the share won; None when none closed."""
    rows = []
    for i, stage in enumerate(stages):
        won = sum(n for (index, status), n in reach.items() if status == WON and index >= i)
        lost = sum(n for (index, status), n in reach.items() if status == LOST and index >= i)
        closed = won + lost
        rows.append(StageWinRate(stage, won, closed, won / closed if closed else None))
    return tuple(rows)


def yardsticks_for(
    session: Session,
    *,
    workspace_id: int,
    tz: ZoneInfo,
    stages: Sequence[str],
    now: datetime,
    stay_window_days: int,
    win_rate_days: int,
) -> Yardsticks:
    """Today's yardsticks (today in ``tz``): the kept ones, else built now and kept."""
    as_of = now.astimezone(tz).date()
    measure = _measure(workspace_id, as_of, stages, stay_window_days, win_rate_days)
    figures = kept.find_yardstick(session, **measure)
    if figures is not None and all(stage in figures for stage in stages):
        return _from_figures(figures, stages, as_of, local_midnight(as_of, tz))
    built = build_yardsticks(
        session,
        workspace_id=workspace_id,
        tz=tz,
        stages=stages,
        as_of=as_of,
        stay_window_days=stay_window_days,
        win_rate_days=win_rate_days,
    )
    kept.keep_yardstick(session, **measure, figures=_as_figures(built), built_at=now)
    return built


def build_yardsticks(
    session: Session,
    *,
    workspace_id: int,
    tz: ZoneInfo,
    stages: Sequence[str],
    as_of: date,
    stay_window_days: int,
    win_rate_days: int,
) -> Yardsticks:
    """The yardsticks as of ``as_of``'s local midnight, from the stays and closed deals."""
    end = local_midnight(as_of, tz)
    db.tune_for_reports(session)
    stays = db.stay_days_by_stage(
        session,
        workspace_id=workspace_id,
        owner_ids=None,
        start=end - timedelta(days=stay_window_days),
        end=end,
    )
    reach = db.stage_reach(
        session,
        workspace_id=workspace_id,
        owner_ids=None,
        stages=stages,
        closed_start=end - timedelta(days=win_rate_days),
        closed_end=end,
        statuses=(WON, LOST),
    )
    return Yardsticks(as_of, end, stage_times(stays, stages), stage_win_rates(reach, stages))


def keep_todays_yardsticks(
    session: Session,
    *,
    workspace_id: int,
    tz: ZoneInfo,
    stages: Sequence[str],
    now: datetime,
    stay_window_days: int,
    win_rate_days: int,
) -> bool:
    """Build and keep today's yardsticks unless they are kept already (the scheduler's daily
    job); True when this call built them."""
    as_of = now.astimezone(tz).date()
    measure = _measure(workspace_id, as_of, stages, stay_window_days, win_rate_days)
    if kept.find_yardstick(session, **measure) is not None:
        return False
    built = build_yardsticks(
        session,
        workspace_id=workspace_id,
        tz=tz,
        stages=stages,
        as_of=as_of,
        stay_window_days=stay_window_days,
        win_rate_days=win_rate_days,
    )
    return kept.keep_yardstick(session, **measure, figures=_as_figures(built), built_at=now)


def _measure(
    workspace_id: int,
    as_of: date,
    stages: Sequence[str],
    stay_window_days: int,
    win_rate_days: int,
) -> dict[str, Any]:
    """What identifies a snapshot: the workspace, the day and the way of measuring."""
    return {
        "workspace_id": workspace_id,
        "as_of": as_of,
        "stages": "\n".join(stages),
        "stay_window_days": stay_window_days,
        "win_rate_days": win_rate_days,
    }


def _as_figures(yardsticks: Yardsticks) -> dict[str, Any]:
    rates = {row.stage: row for row in yardsticks.win_rates}
    return {
        time.stage: {
            "median_days": time.median_days,
            "stays": time.stays,
            "won": rates[time.stage].won,
            "closed": rates[time.stage].closed,
        }
        for time in yardsticks.stage_times
    }


def _from_figures(
    figures: Mapping[str, Any], stages: Sequence[str], as_of: date, end: datetime
) -> Yardsticks:
    times, rates = [], []
    for stage in stages:
        row = figures[stage]
        median = row["median_days"]
        times.append(StageTime(stage, None if median is None else float(median), int(row["stays"])))
        won, closed = int(row["won"]), int(row["closed"])
        rates.append(StageWinRate(stage, won, closed, won / closed if closed else None))
    return Yardsticks(as_of, end, tuple(times), tuple(rates))
