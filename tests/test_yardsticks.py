"""The daily yardsticks (``commands.reports.yardsticks``): stuck and the forecast's win rates
are judged against the stays and closes before today's local midnight, built once a day and
kept, on SQLite and PostgreSQL.

The workspace is in Jakarta (UTC+7). Deals D1 and D2 each sat 2 days in ``lead`` (early
November), so a lead is stuck after 4 days; D3 has been a lead since Nov 20 and is stuck. On
Wednesday Nov 25 at 11:00 two more deals leave ``lead`` after 20 days each: the median becomes
11 days and D3 is no longer stuck, but only from Thursday: stays that end today count from
tomorrow, so every report of one day judges by the same yardstick.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from bot.posts.upkeep import Upkeep
from commands.pipelines import pipeline_for
from commands.reports.metrics import FunnelReport, build_funnel_report
from storage import yardsticks as kept
from storage.db import unit_of_work
from storage.models import Deal, Member, StageChange, Workspace, Yardstick
from tests.statements import recorded_statements

JAKARTA = ZoneInfo("Asia/Jakarta")
FUNNEL4 = pipeline_for("funnel4")


def wib(day: int, hour: int, month: int = 11) -> datetime:
    """A Jakarta wall-clock time of 2026 as aware UTC."""
    return datetime(2026, month, day, hour, tzinfo=JAKARTA).astimezone(UTC)


class Pipeline:
    """Writes deals and their moves into one workspace."""

    def __init__(
        self, session: Session, *, slack_team_id: str = "T0YARD", tz: str = "Asia/Jakarta"
    ):
        self.session = session
        self.workspace = Workspace(slack_team_id=slack_team_id, timezone=tz)
        session.add(self.workspace)
        session.flush()
        assert self.workspace.id is not None
        self.workspace_id = self.workspace.id
        rep = Member(workspace_id=self.workspace_id, slack_user_id=f"U{slack_team_id}")
        session.add(rep)
        session.flush()
        assert rep.id is not None
        self.rep_id = rep.id
        self.number = 0

    def deal(self, created: datetime, moves: list[tuple[str, datetime]]) -> Deal:
        """A deal created in ``lead`` that then made ``moves``."""
        self.number += 1
        path = [("lead", created), *moves]
        stage, entered = path[-1]
        status = stage if stage in ("won", "lost") else "open"
        deal = Deal(
            workspace_id=self.workspace_id,
            number=self.number,
            name=f"Deal {self.number}",
            name_key=f"deal {self.number}",
            stage=stage,
            status=status,
            value=10_000_000,
            currency="IDR",
            owner_id=self.rep_id,
            created_at=created,
            updated_at=entered,
            stage_entered_at=entered,
            closed_at=entered if status != "open" else None,
        )
        self.session.add(deal)
        self.session.flush()
        assert deal.id is not None
        self.move(deal, path)
        return deal

    def move(self, deal: Deal, path: list[tuple[str, datetime]]) -> None:
        assert deal.id is not None
        previous: tuple[str, datetime] | None = None
        for stage, at in path:
            self.session.add(
                StageChange(
                    workspace_id=self.workspace_id,
                    deal_id=deal.id,
                    member_id=self.rep_id,
                    from_stage=previous[0] if previous else None,
                    to_stage=stage,
                    changed_at=at,
                    from_entered_at=previous[1] if previous else None,
                )
            )
            previous = (stage, at)
        self.session.flush()

    def leave_lead(self, deal: Deal, at: datetime, to_stage: str = "prospect") -> None:
        """``deal`` moves on from ``lead`` at ``at`` (as /deal move records it)."""
        assert deal.id is not None
        self.session.add(
            StageChange(
                workspace_id=self.workspace_id,
                deal_id=deal.id,
                member_id=self.rep_id,
                from_stage="lead",
                to_stage=to_stage,
                changed_at=at,
                from_entered_at=deal.stage_entered_at,
            )
        )
        deal.stage, deal.stage_entered_at = to_stage, at
        if to_stage in ("won", "lost"):
            deal.status, deal.closed_at = to_stage, at
        self.session.add(deal)
        self.session.flush()


@pytest.fixture
def history(engine: Engine) -> Iterator[tuple[int, dict[str, Deal]]]:
    """The workspace of the module's story, before Wednesday's moves."""
    with unit_of_work(engine) as session:
        pipeline = Pipeline(session)
        deals = {
            "D1": pipeline.deal(wib(1, 9), [("prospect", wib(3, 9)), ("won", wib(6, 9))]),
            "D2": pipeline.deal(wib(2, 9), [("prospect", wib(4, 9)), ("lost", wib(7, 9))]),
            "D3": pipeline.deal(wib(20, 9), []),
            "D4": pipeline.deal(wib(5, 11), []),
            "D5": pipeline.deal(wib(5, 11), []),
        }
        workspace_id = pipeline.workspace_id
    yield workspace_id, deals


def report(engine: Engine, workspace_id: int, now: datetime, **settings: int) -> FunnelReport:
    """This week's workspace report as of ``now``, read only, as every surface builds it."""
    with unit_of_work(engine, read_only=True) as session:
        workspace = session.get(Workspace, workspace_id)
        assert workspace is not None
        return build_funnel_report(
            session,
            workspace=workspace,
            pipeline=FUNNEL4,
            period_start=wib(23, 0),
            period_end=wib(30, 0),
            now=now,
            **settings,  # type: ignore[arg-type]
        )


def wednesdays_moves(engine: Engine, workspace_id: int, deals: dict[str, Deal]) -> None:
    """D4 and D5 leave lead after 20 days, at 11:00: D4 to prospect, D5 won."""
    with unit_of_work(engine) as session:
        pipeline = Pipeline.__new__(Pipeline)
        pipeline.session, pipeline.workspace_id = session, workspace_id
        pipeline.rep_id = deals["D4"].owner_id
        for name, to_stage in (("D4", "prospect"), ("D5", "won")):
            deal = session.get(Deal, deals[name].id)
            assert deal is not None
            pipeline.leave_lead(deal, wib(25, 11), to_stage)


def stuck_refs(found: FunnelReport) -> list[str]:
    return [deal.ref for deal in found.hygiene.stuck.deals]


def lead_median(found: FunnelReport) -> float | None:
    return next(t.median_days for t in found.hygiene.stuck_baseline if t.stage == "lead")


def lead_win_rate(found: FunnelReport) -> tuple[int, int]:
    rate = next(r for r in found.forecast.win_rates if r.stage == "lead")
    return rate.won, rate.closed


def test_stays_and_closes_of_today_count_from_tomorrow(
    engine: Engine, history: tuple[int, dict[str, Deal]]
) -> None:
    workspace_id, deals = history
    morning = report(engine, workspace_id, wib(25, 10))
    assert lead_median(morning) == 2.0
    assert stuck_refs(morning) == ["D-4", "D-5", "D-3"]  # longest in stage first
    assert lead_win_rate(morning) == (1, 2)  # D1 won, D2 lost

    wednesdays_moves(engine, workspace_id, deals)
    afternoon = report(engine, workspace_id, wib(25, 15))
    assert lead_median(afternoon) == 2.0  # the day's yardstick holds all day
    assert lead_win_rate(afternoon) == (1, 2)
    assert stuck_refs(afternoon) == ["D-3"]  # what is stuck now is read live

    thursday = report(engine, workspace_id, wib(26, 9))
    assert lead_median(thursday) == 11.0  # median of 2, 2, 20, 20 days
    assert stuck_refs(thursday) == []  # D3: 6 days in lead, under 22
    assert lead_win_rate(thursday) == (2, 3)  # D5 won yesterday
    assert thursday.forecast.win_rates[0].rate == pytest.approx(2 / 3)


def test_a_days_yardsticks_are_built_once_then_read(
    engine: Engine, history: tuple[int, dict[str, Deal]]
) -> None:
    workspace_id, _ = history

    def stays_read(statements: list[str]) -> int:
        return sum("from_entered_at" in s and "stagechange.changed_at >=" in s for s in statements)

    with recorded_statements(engine) as first:
        built = report(engine, workspace_id, wib(25, 10))
    with recorded_statements(engine) as second:
        read = report(engine, workspace_id, wib(25, 16))
    assert stays_read(first) == 2  # the week's stays, and the 90 days' for the yardstick
    assert stays_read(second) == 1  # only the week's
    assert not any("INSERT INTO yardstick" in s for s in second)
    assert read.hygiene.stuck_baseline == built.hygiene.stuck_baseline
    assert read.forecast == built.forecast
    with Session(engine) as session:
        rows = session.exec(select(col(Yardstick.as_of), col(Yardstick.stay_window_days))).all()
    assert [(row[0].isoformat(), row[1]) for row in rows] == [("2026-11-25", 90)]


def test_a_changed_window_is_measured_anew_at_once(
    engine: Engine, history: tuple[int, dict[str, Deal]]
) -> None:
    workspace_id, _ = history
    assert lead_median(report(engine, workspace_id, wib(25, 10))) == 2.0
    # An admin shortens the cohort to 10 days: no stay ended in the 10 days before midnight.
    shorter = report(engine, workspace_id, wib(25, 11), cohort_days=10)
    assert lead_median(shorter) is None
    assert stuck_refs(shorter) == []  # no yardstick, nothing is stuck
    with Session(engine) as session:
        windows = session.exec(select(Yardstick.stay_window_days).order_by(col(Yardstick.id)))
        assert list(windows) == [90, 10]


def test_two_replicas_building_the_same_day_keep_the_first(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        workspace_id = Pipeline(session).workspace_id
    measure: dict[str, Any] = {
        "workspace_id": workspace_id,
        "as_of": date(2026, 11, 25),
        "stages": "\n".join(FUNNEL4.stages),
        "stay_window_days": 90,
        "win_rate_days": 365,
    }
    first = {"lead": {"median_days": 2.0, "stays": 2, "won": 1, "closed": 2}}
    second = {"lead": {"median_days": 3.0, "stays": 3, "won": 1, "closed": 3}}
    for figures in (first, second):
        with unit_of_work(engine, read_only=True) as session:
            assert kept.keep_yardstick(session, **measure, figures=figures, built_at=wib(25, 1))
    with unit_of_work(engine, read_only=True) as session:
        assert kept.find_yardstick(session, **measure) == first
        assert session.exec(select(func.count()).select_from(Yardstick)).one() == 1


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_upkeep_builds_each_workspaces_new_day_and_forgets_old_ones(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        jakarta = Pipeline(session).workspace_id
        new_york = Pipeline(session, slack_team_id="T0NYC", tz="America/New_York").workspace_id
    clock = Clock(wib(25, 10))  # Nov 25 in Jakarta, Nov 24 22:00 in New York
    upkeep = Upkeep(engine, clock=clock)

    def days() -> list[tuple[int, str]]:
        with Session(engine) as session:
            rows = session.exec(select(col(Yardstick.workspace_id), col(Yardstick.as_of))).all()
        return sorted((workspace, day.isoformat()) for workspace, day in rows)

    assert upkeep.run() == 2
    assert days() == [(jakarta, "2026-11-25"), (new_york, "2026-11-24")]
    assert upkeep.run() == 0  # nothing new: neither day has turned
    clock.now = wib(25, 13)  # midnight has passed in New York only
    assert upkeep.run() == 1
    assert days()[-1] == (new_york, "2026-11-25")
    clock.now = wib(25, 13) + timedelta(days=9)
    assert upkeep.run() == 2
    assert days() == [(jakarta, "2026-12-04"), (new_york, "2026-12-04")]  # a week kept at most


def test_the_upkeep_refreshes_the_planners_statistics(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        Pipeline(session).deal(wib(1, 9), [("prospect", wib(3, 9))])
    Upkeep(engine, clock=Clock(wib(25, 10))).run()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            analyzed = connection.execute(
                text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'deal'")
            ).scalar_one()
        else:
            analyzed = connection.execute(
                text("SELECT count(*) FROM pg_stat_user_tables"
                     " WHERE relname = 'deal' AND last_analyze IS NOT NULL")
            ).scalar_one()  # fmt: skip
    assert analyzed > 0


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_report_runs_without_jit_compilation_and_leaves_the_connection_as_it_was(
    engine: Engine, history: tuple[int, dict[str, Deal]]
) -> None:
    workspace_id, _ = history
    with unit_of_work(engine, read_only=True) as session:
        workspace = session.get(Workspace, workspace_id)
        assert workspace is not None
        build_funnel_report(
            session,
            workspace=workspace,
            pipeline=FUNNEL4,
            period_start=wib(23, 0),
            period_end=wib(30, 0),
            now=wib(25, 10),
        )
        assert session.execute(text("SHOW jit")).scalar_one() == "off"
    with unit_of_work(engine, read_only=True) as session:
        assert session.execute(text("SHOW jit")).scalar_one() == "on"
