"""Golden tests of the funnel report: a small hand-built history whose every metric is worked
out by hand below and asserted exactly, on SQLite and PostgreSQL.

The workspace is in Jakarta (UTC+7, no daylight saving); all times below are Jakarta times.
Weeks (Monday to Sunday):  W0 Nov 2-8 · W1 Nov 9-15 · W2 Nov 16-22 · W3 Nov 23-29 (2026).
The report under test is "last week" = W2, seen on Wednesday Nov 25 06:00 (= Nov 24 23:00 UTC,
so "today" in Jakarta is Nov 25 while it is still Nov 24 in UTC).

Members: A (ayu), B (budi), C (citra) are reps; M (mira) is a manager with no deals or calls.
Stages: lead(0) -> prospect(1) -> potential(2) -> closeable(3) -> won. Values in IDR unless
marked; every deal's creation is a move into its first stage, as /deal add records it.

 deal own value    created       moves (standing unless marked)              activities
 D1   A  100jt    Aug 3 09:00   prospect Aug 10, potential Aug 20,          -
                                closeable Sep 1, won Sep 10 (all 09:00)
 D2   A   20jt    Aug 5 09:00   prospect Aug 12, closeable Aug 15,          -
                                lost Aug 20 (all 09:00)
 D3   A   50jt    Nov 2 09:00   prospect Nov 4, potential Nov 9,            call A Nov 2 13:00
                                closeable Nov 16, won Nov 18 (all 09:00)
 D4   B   30jt    Nov 3 09:00   prospect Nov 5, lost Nov 17 (09:00)         call B Nov 4 09:00
 D5   A   40jt    Nov 9 09:00   prospect Nov 10, potential Nov 12,          call A Nov 9 11:00
                                won Nov 13 (all 09:00)
 D6   B   25jt    Mon Nov 16 09 prospect Nov 18 09:00 (open);               call B Nov 16 15:00,
                                next step due Nov 24                        call B Mon Nov 23 00:30
 D7   C   10jt    Nov 17 09:00  - (open lead)                               -
 D8   A  USD 5000 Nov 18 09:00  prospect Nov 19 12:00, potential Nov 20     call A Nov 19 12:00,
                                09:00 (open); due Nov 25; BANT qualified    call A Nov 20 08:30
 D9   B   60jt    Nov 19 09:00  prospect Nov 19 12:00, closeable Nov 21     call B Nov 19 10:00
                                09:00 (open); BANT nurture, then a
                                "qualified" BANT that was deleted
 D10  C   15jt    Nov 20 09:00  lost Nov 21 09:00                           call C Nov 20 09:30,
                                                                            call C 10:00 DELETED
 D11  A   35jt    Sun Nov 22 21 prospect Tue Nov 24 09:00 (open)            call A Sun Nov 22 23:30
 D12  C   20jt    Tue Nov 24 09 - (open lead)                               -
 D13  A   45jt    Nov 10 09:00  prospect Nov 11 09:00; potential Nov 13     call A Nov 10 10:00,
                                09:00 REVERTED at 10:00 (open, prospect);   meeting A Nov 17 14:00
                                next step due Nov 20
 D14  C   99jt    Nov 17 09:00  prospect 09:03, DELETED at 09:05                 call C Nov 17 09:02
 Another workspace has a deal created Nov 16, won Nov 18 for 77jt, with a call Nov 17: it must
 never show up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from commands.localtime import (
    DateRange,
    Period,
    period_bounds,
    previous_period,
    work_days_in,
)
from commands.pipelines import Pipeline, pipeline_for
from commands.replies import Money
from commands.reports.metrics import (
    DealSample,
    FunnelReport,
    FunnelStage,
    StageTime,
    StageWinRate,
    bottleneck,
    build_funnel_report,
    find_leak,
    stuck_cutoffs,
    weighted_pipeline,
)
from storage.db import unit_of_work
from storage.models import Activity, BantRecord, Deal, Member, StageChange, Workspace
from storage.reports import DealFacts, StageTotal
from storage.stays import fill_stay_starts

JAKARTA = ZoneInfo("Asia/Jakarta")
FUNNEL4 = pipeline_for("funnel4")
NOW = datetime(2026, 11, 25, 6, 0, tzinfo=JAKARTA).astimezone(UTC)
JT = 1_000_000


def wib(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Jakarta wall-clock time of 2026 as aware UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=JAKARTA).astimezone(UTC)


@dataclass
class History:
    """Writes the golden history and remembers ids by name."""

    session: Session
    workspace: Workspace
    members: dict[str, int] = field(default_factory=dict)
    deals: dict[int, Deal] = field(default_factory=dict)

    @property
    def workspace_id(self) -> int:
        assert self.workspace.id is not None
        return self.workspace.id

    def member(self, key: str, name: str, *, admin: bool = False) -> None:
        member = Member(
            workspace_id=self.workspace_id, slack_user_id=f"U0{key}", name=name, is_admin=admin
        )
        self.session.add(member)
        self.session.flush()
        assert member.id is not None
        self.members[key] = member.id

    def deal(
        self,
        number: int,
        owner: str,
        value: int,
        created: datetime,
        moves: list[tuple[str, datetime]] | None = None,
        *,
        currency: str = "IDR",
        reverted: tuple[str, datetime, datetime] | None = None,
        next_step_due: date | None = None,
        deleted_at: datetime | None = None,
    ) -> None:
        """A deal created in ``lead`` at ``created`` that then made ``moves``; ``reverted`` is
        one more move (stage, at, reverted at) that /sales undo took back."""
        path = [("lead", created), *(moves or [])]
        stage, entered = path[-1]
        status = stage if stage in ("won", "lost") else "open"
        deal = Deal(
            workspace_id=self.workspace_id,
            number=number,
            name=f"Deal {number}",
            name_key=f"deal {number}",
            stage=stage,
            status=status,
            value=value,
            currency=currency,
            owner_id=self.members[owner],
            next_step="follow up" if next_step_due else None,
            next_step_due=next_step_due,
            created_at=created,
            updated_at=entered,
            stage_entered_at=entered,
            closed_at=entered if status != "open" else None,
            deleted_at=deleted_at,
        )
        self.session.add(deal)
        self.session.flush()
        assert deal.id is not None
        self.deals[number] = deal
        previous = None
        for to_stage, at in path:
            self._move(deal.id, owner, previous, to_stage, at)
            previous = to_stage
        if reverted:
            to_stage, at, undone = reverted
            self._move(deal.id, owner, stage, to_stage, at, reverted_at=undone)

    def _move(
        self,
        deal_id: int,
        owner: str,
        from_stage: str | None,
        to_stage: str,
        at: datetime,
        *,
        reverted_at: datetime | None = None,
    ) -> None:
        self.session.add(
            StageChange(
                workspace_id=self.workspace_id,
                deal_id=deal_id,
                member_id=self.members[owner],
                from_stage=from_stage,
                to_stage=to_stage,
                changed_at=at,
                reverted_at=reverted_at,
            )
        )

    def activity(
        self, number: int, who: str, at: datetime, *, kind: str = "call", deleted: bool = False
    ) -> None:
        deal = self.deals[number]
        assert deal.id is not None
        self.session.add(
            Activity(
                workspace_id=self.workspace_id,
                deal_id=deal.id,
                member_id=self.members[who],
                kind=kind,
                occurred_at=at,
                outcome="connected",
                deleted_at=at + timedelta(minutes=1) if deleted else None,
            )
        )
        if not deleted and (deal.last_activity_at is None or at > deal.last_activity_at):
            deal.last_activity_at = at

    def bant(
        self, number: int, who: str, verdict: str, at: datetime, *, deleted: bool = False
    ) -> None:
        deal = self.deals[number]
        assert deal.id is not None
        self.session.add(
            BantRecord(
                workspace_id=self.workspace_id,
                deal_id=deal.id,
                member_id=self.members[who],
                budget="confirmed",
                authority="decision_maker",
                need="strong" if verdict == "qualified" else "weak",
                timeline="within_month",
                score=100 if verdict == "qualified" else 78,
                verdict=verdict,
                created_at=at,
                deleted_at=at + timedelta(minutes=5) if deleted else None,
            )
        )


@dataclass(frozen=True)
class Golden:
    engine: Engine
    workspace: Workspace
    members: dict[str, int]


@pytest.fixture
def golden(engine: Engine) -> Iterator[Golden]:
    with unit_of_work(engine) as session:
        workspace = Workspace(slack_team_id="T0GOLDEN", timezone="Asia/Jakarta", currency="IDR")
        session.add(workspace)
        session.flush()
        h = History(session, workspace)
        for key, name in (("A", "ayu"), ("B", "budi"), ("C", "citra")):
            h.member(key, name)
        h.member("M", "mira", admin=True)

        h.deal(1, "A", 100 * JT, wib(8, 3, 9), [
            ("prospect", wib(8, 10, 9)), ("potential", wib(8, 20, 9)),
            ("closeable", wib(9, 1, 9)), ("won", wib(9, 10, 9)),
        ])  # fmt: skip
        h.deal(2, "A", 20 * JT, wib(8, 5, 9), [
            ("prospect", wib(8, 12, 9)), ("closeable", wib(8, 15, 9)), ("lost", wib(8, 20, 9)),
        ])  # fmt: skip
        h.deal(3, "A", 50 * JT, wib(11, 2, 9), [
            ("prospect", wib(11, 4, 9)), ("potential", wib(11, 9, 9)),
            ("closeable", wib(11, 16, 9)), ("won", wib(11, 18, 9)),
        ])  # fmt: skip
        h.activity(3, "A", wib(11, 2, 13))
        h.deal(4, "B", 30 * JT, wib(11, 3, 9), [
            ("prospect", wib(11, 5, 9)), ("lost", wib(11, 17, 9)),
        ])  # fmt: skip
        h.activity(4, "B", wib(11, 4, 9))
        h.deal(5, "A", 40 * JT, wib(11, 9, 9), [
            ("prospect", wib(11, 10, 9)), ("potential", wib(11, 12, 9)), ("won", wib(11, 13, 9)),
        ])  # fmt: skip
        h.activity(5, "A", wib(11, 9, 11))
        h.deal(6, "B", 25 * JT, wib(11, 16, 9), [("prospect", wib(11, 18, 9))],
               next_step_due=date(2026, 11, 24))  # fmt: skip
        h.activity(6, "B", wib(11, 16, 15))
        h.activity(6, "B", wib(11, 23, 0, 30))  # Monday 00:30: next week
        h.deal(7, "C", 10 * JT, wib(11, 17, 9))
        h.deal(8, "A", 5000, wib(11, 18, 9), [
            ("prospect", wib(11, 19, 12)), ("potential", wib(11, 20, 9)),
        ], currency="USD", next_step_due=date(2026, 11, 25))  # fmt: skip
        h.activity(8, "A", wib(11, 19, 12))
        h.activity(8, "A", wib(11, 20, 8, 30))
        h.bant(8, "A", "qualified", wib(11, 19, 12, 30))
        h.deal(9, "B", 60 * JT, wib(11, 19, 9), [
            ("prospect", wib(11, 19, 12)), ("closeable", wib(11, 21, 9)),
        ])  # fmt: skip
        h.activity(9, "B", wib(11, 19, 10))
        h.bant(9, "B", "nurture", wib(11, 19, 11))
        h.bant(9, "B", "qualified", wib(11, 21, 10), deleted=True)
        h.deal(10, "C", 15 * JT, wib(11, 20, 9), [("lost", wib(11, 21, 9))])
        h.activity(10, "C", wib(11, 20, 9, 30))
        h.activity(10, "C", wib(11, 20, 10), deleted=True)
        h.deal(11, "A", 35 * JT, wib(11, 22, 21), [("prospect", wib(11, 24, 9))])
        h.activity(11, "A", wib(11, 22, 23, 30))  # Sunday 23:30: still this week
        h.deal(12, "C", 20 * JT, wib(11, 24, 9))
        h.deal(13, "A", 45 * JT, wib(11, 10, 9), [("prospect", wib(11, 11, 9))],
               reverted=("potential", wib(11, 13, 9), wib(11, 13, 10)),
               next_step_due=date(2026, 11, 20))  # fmt: skip
        h.activity(13, "A", wib(11, 10, 10))
        h.activity(13, "A", wib(11, 17, 14), kind="meeting")
        h.deal(14, "C", 99 * JT, wib(11, 17, 9), [("prospect", wib(11, 17, 9, 3))],
               deleted_at=wib(11, 17, 9, 5))  # fmt: skip
        h.activity(14, "C", wib(11, 17, 9, 2))

        other = Workspace(slack_team_id="T0OTHER", timezone="Asia/Jakarta")
        session.add(other)
        session.flush()
        o = History(session, other)
        o.member("X", "xena")
        o.deal(1, "X", 77 * JT, wib(11, 16, 9), [("won", wib(11, 18, 10))])
        o.activity(1, "X", wib(11, 17, 10))
        members = dict(h.members)
    with engine.begin() as connection:  # moves written here, as a bulk load would: fill them
        fill_stay_starts(connection)
    yield Golden(engine, workspace, members)


def report(
    golden: Golden,
    kind: Period = "last_week",
    *,
    owner_ids: list[int] | None = None,
    pipeline: Pipeline = FUNNEL4,
    **options: Any,
) -> FunnelReport:
    start, end = period_bounds(kind, NOW, JAKARTA)
    with unit_of_work(golden.engine, read_only=True) as session:
        return build_funnel_report(
            session,
            workspace=golden.workspace,
            pipeline=pipeline,
            period_start=start,
            period_end=end,
            now=NOW,
            owner_ids=owner_ids,
            **options,
        )


def refs(deals: tuple[DealFacts, ...]) -> list[str]:
    return [deal.ref for deal in deals]


# --- the workspace report for last week (W2) ----------------------------------------------------


def test_funnel_counts_open_deals_entries_and_cohort_conversion_against_benchmark(
    golden: Golden,
) -> None:
    funnel = report(golden).funnel
    rows = {row.stage: row for row in funnel.stages}
    assert [row.stage for row in funnel.stages] == ["lead", "prospect", "potential", "closeable"]

    # Open now: lead D7 10jt + D12 20jt; prospect D6 25jt + D11 35jt + D13 45jt (D13's move to
    # potential was reverted); potential D8 USD 5,000; closeable D9 60jt. D14 is deleted.
    assert (rows["lead"].open_count, rows["lead"].open_value) == (2, (Money(30 * JT, "IDR"),))
    assert rows["prospect"].open_count == 3
    assert rows["prospect"].open_value == (Money(105 * JT, "IDR"),)
    assert (rows["potential"].open_count, rows["potential"].open_value) == (
        1,
        (Money(5000, "USD"),),
    )
    assert rows["closeable"].open_count == 1
    assert rows["closeable"].open_value == (Money(60 * JT, "IDR"),)

    # Entered during W2 (standing moves, creation included, deleted D14 not):
    # lead: D6, D7, D8, D9, D10, D11 = 6; prospect: D6, D8, D9 = 3; potential: D8 = 1;
    # closeable: D3 (Nov 16), D9 = 2. D11's move on Nov 24 is in W3.
    assert [row.entered for row in funnel.stages] == [6, 3, 1, 2]

    # Cohort: deals created in the 90 days before W2's end (Aug 25 00:00 .. Nov 23 00:00):
    # D3..D11 and D13 = 10 (D1, D2 too old; D12 too new; D14 deleted). Furthest stage reached
    # by Nov 23 00:00: D3 won, D4 prospect, D5 won, D6 prospect, D7 lead, D8 potential,
    # D9 closeable, D10 lead, D11 lead (its Nov 24 move comes after), D13 prospect (the
    # reverted move does not count).
    # reached: lead 10, prospect 7 (D3 D4 D5 D6 D8 D9 D13), potential 4 (D3 D5 D8 D9),
    # closeable 3 (D3 D5 D9: D5 skipped closeable but won), won 2 (D3 D5).
    assert (funnel.cohort_start, funnel.cohort_end) == (wib(8, 25, 0), wib(11, 23, 0))
    assert (funnel.cohort_size, funnel.cohort_won) == (10, 2)
    assert [row.reached for row in funnel.stages] == [10, 7, 4, 3]
    # Conversion: 7/10, 4/7, 3/4, 2/3 (closeable -> won); benchmarks 10:5:3:1 -> 1/2, 3/5, 1/3.
    assert [row.conversion for row in funnel.stages] == [7 / 10, 4 / 7, 3 / 4, 2 / 3]
    assert [row.benchmark for row in funnel.stages] == [5 / 10, 3 / 5, 1 / 3, None]
    # Only prospect -> potential is below its benchmark (0.571 < 0.6): the leak.
    assert funnel.leak == "prospect"


def test_outcomes_count_bookings_win_rate_and_growth_against_previous_week(
    golden: Golden,
) -> None:
    outcomes = report(golden).outcomes
    # Won in W2: D3 (Nov 18, 50jt). Lost in W2: D4 (Nov 17), D10 (Nov 21). The other
    # workspace's 77jt win on Nov 18 is not ours.
    assert (outcomes.won_count, outcomes.won_value) == (1, (Money(50 * JT, "IDR"),))
    assert outcomes.lost_count == 2
    assert outcomes.win_rate == 1 / 3  # 1 won / (1 won + 2 lost)
    # Previous equal period W1 (Nov 9 .. Nov 16): D5 won Nov 13 for 40jt.
    assert (outcomes.previous_start, outcomes.previous_end) == (wib(11, 9, 0), wib(11, 16, 0))
    assert outcomes.previous_won_value == 40 * JT
    assert outcomes.growth == 0.25  # (50jt - 40jt) / 40jt
    assert outcomes.currency == "IDR"


def test_a_quarter_books_against_the_previous_quarter_and_targets_its_work_days(
    golden: Golden,
) -> None:
    quarter = report(golden, "quarter")  # Q4 2026: October to December
    outcomes = quarter.outcomes
    # Won in Q4: D5 (Nov 13, 40jt) and D3 (Nov 18, 50jt); lost: D4 and D10.
    assert (outcomes.won_count, outcomes.won_value) == (2, (Money(90 * JT, "IDR"),))
    assert outcomes.lost_count == 2
    # Q3 (July to September): D1 won Sep 10 for 100jt, so Q4 is 10% down.
    assert (outcomes.previous_start, outcomes.previous_end) == (wib(7, 1, 0), wib(10, 1, 0))
    assert outcomes.previous_won_value == 100 * JT
    assert outcomes.growth == pytest.approx(-0.1)
    # 66 weekdays from 1 October to 31 December: 660 calls per rep at 10 a day.
    assert (quarter.activity.work_days, quarter.activity.calls_target) == (66, 660)
    a, b, c = (golden.members[k] for k in "ABC")
    # Every call of the quarter: A's six (D3, D5, D13, D8 twice, D11), B's four (D4, D6
    # twice, D9), C's one (D10).
    assert [(r.member_id, r.calls) for r in quarter.activity.calls] == [(a, 6), (b, 4), (c, 1)]


def test_a_year_books_against_the_year_before(golden: Golden) -> None:
    year = report(golden, "year")
    outcomes = year.outcomes
    # 2026: D1 (100jt), D5 (40jt), D3 (50jt) won; D2, D4, D10 lost. Nothing in 2025.
    assert (outcomes.won_count, outcomes.won_value) == (3, (Money(190 * JT, "IDR"),))
    assert outcomes.lost_count == 3
    assert (outcomes.previous_start, outcomes.previous_end) == (
        datetime(2025, 1, 1, tzinfo=JAKARTA).astimezone(UTC),
        wib(1, 1, 0),
    )
    assert (outcomes.previous_won_value, outcomes.growth) == (0, None)
    assert (year.activity.work_days, year.activity.calls_target) == (261, 2610)
    # Last year had nothing at all: no bookings, and no growth against 2024's nothing.
    last_year = report(golden, "last_year").outcomes
    assert (last_year.won_count, last_year.lost_count, last_year.growth) == (0, 0, None)


def test_a_range_of_days_books_against_as_many_days_just_before_it(golden: Golden) -> None:
    # Saturday Nov 14 to Friday Nov 20, both whole: no ISO week, so no week before it either.
    days = report(golden, DateRange(date(2026, 11, 14), date(2026, 11, 20)))
    assert (days.period_start, days.period_end) == (wib(11, 14, 0), wib(11, 21, 0))
    outcomes = days.outcomes
    # D3 won Nov 18 (50jt), D4 lost Nov 17; D10's loss on Nov 21 is the day after.
    assert (outcomes.won_count, outcomes.lost_count) == (1, 1)
    # The 7 days before, Nov 7 to 13: D5 won Nov 13 for 40jt.
    assert (outcomes.previous_start, outcomes.previous_end) == (wib(11, 7, 0), wib(11, 14, 0))
    assert (outcomes.previous_won_value, outcomes.growth) == (40 * JT, 0.25)
    # Weekdays Nov 16 to 20: 5, so 50 calls per rep.
    assert (days.activity.work_days, days.activity.calls_target) == (5, 50)


def test_activity_counts_calls_per_rep_against_work_day_target_and_followups(
    golden: Golden,
) -> None:
    activity = report(golden).activity
    a, b, c = (golden.members[k] for k in "ABC")
    # Calls in W2: A: D8 Nov 19, D8 Nov 20, D11 Sun Nov 22 23:30 = 3 (the meeting on D13 is
    # not a call); B: D6 Nov 16, D9 Nov 19 = 2 (D6's Monday 00:30 call is W3); C: D10 Nov 20 =
    # 1 (its deleted call and the call on deleted D14 do not count). M has no calls and no
    # open deals, so is not listed.
    assert [(r.member_id, r.calls) for r in activity.calls] == [(a, 3), (b, 2), (c, 1)]
    # Mon-Fri Nov 16-20 = 5 work days x 10 calls a day.
    assert (activity.work_days, activity.calls_target) == (5, 50)
    # Follow-ups: 7 activities (6 calls + A's meeting) on 6 deals (D6 D8 D9 D10 D11 D13).
    assert (activity.activities, activity.deals_touched) == (7, 6)
    assert activity.followups_per_deal == 7 / 6


def test_speed_medians_for_cycle_time_in_stage_and_lead_response(golden: Golden) -> None:
    speed = report(golden).speed
    # Sales cycle: one deal won in W2, D3, created Nov 2 09:00, won Nov 18 09:00 = 16 days.
    assert (speed.cycle_median_days, speed.cycle_deals) == (16.0, 1)
    # Stays that ended in W2 (entered -> left):
    #   lead:      D6 Nov 16 09 -> Nov 18 09 = 2;  D8 Nov 18 09 -> Nov 19 12 = 27 h = 9/8;
    #              D9 Nov 19 09 -> 12 = 3 h = 1/8;  D10 Nov 20 09 -> Nov 21 09 (lost) = 1
    #              sorted 1/8, 1, 9/8, 2 -> median (1 + 9/8) / 2 = 17/16 days
    #   prospect:  D4 Nov 5 09 -> Nov 17 09 (lost) = 12; D8 Nov 19 12 -> Nov 20 09 = 21 h = 7/8;
    #              D9 Nov 19 12 -> Nov 21 09 = 45 h = 15/8  -> median 15/8
    #   potential: D3 Nov 9 -> Nov 16 = 7;  closeable: D3 Nov 16 -> Nov 18 (won) = 2
    assert speed.stage_times == (
        StageTime("lead", 17 / 16, 4),
        StageTime("prospect", 15 / 8, 3),
        StageTime("potential", 7.0, 1),
        StageTime("closeable", 2.0, 1),
    )
    assert speed.bottleneck == "potential"  # the largest median, 7 days
    # Lead response, deals created in W2: D6 6 h (09:00 -> 15:00), D8 27 h, D9 1 h, D10 0.5 h
    # (its deleted call does not matter), D11 2.5 h (21:00 -> 23:30); D7 has no activity yet.
    # sorted 0.5, 1, 2.5, 6, 27 -> median 2.5 h.
    assert speed.lead_response_median_hours == 2.5
    assert (speed.leads_responded, speed.leads_awaiting_response) == (5, 1)


def test_hygiene_flags_stale_overdue_stuck_uncontacted_and_unqualified_deals(
    golden: Golden,
) -> None:
    hygiene = report(golden).hygiene
    # Stale: open and untouched for 5 work days, since Nov 18 06:00 (Wednesday to Wednesday,
    # the weekend between): D7 never touched, created
    # Nov 17 09:00; D13 last activity the Nov 17 14:00 meeting. (D6 Nov 23, D8 Nov 20,
    # D9 Nov 19, D11 Nov 22, D12 created Nov 24 are fresh.)
    assert refs(hygiene.stale.deals) == ["D-7", "D-13"]
    assert hygiene.stale.total == 2
    # Overdue: next step due before today, Nov 25 in Jakarta: D13 (Nov 20), D6 (Nov 24). In UTC
    # it is still Nov 24, which must not spare D6. D8 is due today: not overdue.
    assert refs(hygiene.overdue.deals) == ["D-13", "D-6"]
    assert hygiene.overdue.total == 2
    # Usual time in stage: stays that ended in the 90 days before now (Aug 27 06:00 ..):
    #   lead:      D3 2, D4 2, D5 1, D6 2, D8 9/8, D9 1/8, D10 1, D11 3/2 (Nov 22 21 -> Nov 24 09),
    #              D13 1 -> sorted 1/8 1 1 1 9/8 3/2 2 2 2 -> median 9/8
    #   prospect:  D3 5, D4 12, D5 2, D8 7/8, D9 15/8 -> median 2
    #   potential: D1 12 (Aug 20 -> Sep 1), D3 7, D5 1 -> median 7
    #   closeable: D1 9 (Sep 1 -> Sep 10), D3 2 -> median 11/2
    # (D1's and D2's earlier stays ended before Aug 27; D13's reverted move is no stay.)
    assert hygiene.stuck_baseline == (
        StageTime("lead", 9 / 8, 9),
        StageTime("prospect", 2.0, 5),
        StageTime("potential", 7.0, 3),
        StageTime("closeable", 5.5, 2),
    )
    # Stuck: in the current stage for more than twice that: lead > 9/4 days: D7 (7 d 21 h),
    # not D12 (21 h); prospect > 4 days: D13 (since Nov 11), D6 (since Nov 18: 6 d 21 h), not
    # D11 (Nov 24); potential > 14: not D8; closeable > 11: not D9. Longest in stage first.
    assert refs(hygiene.stuck.deals) == ["D-13", "D-7", "D-6"]
    assert hygiene.stuck.total == 3
    # Pile-up: 1 of 7 open deals (D9) in closeable = 1/7, not above 0.4.
    assert (hygiene.pile_up_stage, hygiene.pile_up_share, hygiene.pile_up) == (
        "closeable",
        1 / 7,
        False,
    )
    # Not contacted within a day, among deals created in W2: D7 (no activity), D8 (first call
    # after 27 h). D6 (6 h), D9 (1 h), D10 (0.5 h), D11 (2.5 h) were.
    assert refs(hygiene.uncontacted.deals) == ["D-7", "D-8"]
    assert hygiene.uncontacted.total == 2
    # Past qualification (potential, closeable) without a qualifying BANT: D9, whose latest
    # standing BANT is "nurture" (the later "qualified" one was deleted). D8 is qualified.
    assert refs(hygiene.missing_bant.deals) == ["D-9"]
    assert hygiene.missing_bant.total == 1


def test_forecast_weights_open_value_by_historical_stage_win_rate(golden: Golden) -> None:
    forecast = report(golden).forecast
    # Closed deals of all time, by furthest stage: D1 won, D2 lost (closeable), D3 won,
    # D4 lost (prospect), D5 won, D10 lost (lead). Won deals reached every stage.
    #   lead 3/6, prospect 3/5 (D1 D2 D3 D4 D5), potential 3/4 (D1 D2 D3 D5), closeable 3/4.
    assert [(r.stage, r.won, r.closed, r.rate) for r in forecast.win_rates] == [
        ("lead", 3, 6, 0.5),
        ("prospect", 3, 5, 0.6),
        ("potential", 3, 4, 0.75),
        ("closeable", 3, 4, 0.75),
    ]
    # IDR: lead 30jt x 1/2 + prospect 105jt x 3/5 + closeable 60jt x 3/4 = 15 + 63 + 45 = 123jt
    # USD: potential 5,000 x 3/4 = 3,750.
    assert forecast.weighted == (Money(123 * JT, "IDR"), Money(3750, "USD"))
    assert forecast.unweighted_count == 0


def test_win_rates_read_only_deals_closed_in_the_trailing_window(golden: Golden) -> None:
    # The default window is the 365 days before now: all six closed deals above are in it.
    # A 90-day window starts Aug 27 06:00: D2 (lost Aug 20) drops out; D1 (won Sep 10) stays.
    #   lead 3/5 (D1 D3 D4 D5 D10), prospect 3/4, potential 3/3, closeable 3/3.
    forecast = report(golden, win_rate_days=90).forecast
    assert [(r.stage, r.won, r.closed) for r in forecast.win_rates] == [
        ("lead", 3, 5),
        ("prospect", 3, 4),
        ("potential", 3, 3),
        ("closeable", 3, 3),
    ]
    # A window that ends before anything closed leaves every stage without a rate.
    nothing = report(golden, win_rate_days=0).forecast
    assert [r.rate for r in nothing.win_rates] == [None] * 4
    assert nothing.weighted == () and nothing.unweighted_count == 7


# --- period edges, scope, empty ------------------------------------------------------------------


def test_call_late_sunday_in_jakarta_counts_in_that_week_and_early_monday_in_the_next(
    golden: Golden,
) -> None:
    a, b, c = (golden.members[k] for k in "ABC")
    # Sunday Nov 22 23:30 in Jakarta is Nov 22 16:30 UTC: W2 runs to Nov 22 17:00 UTC.
    assert period_bounds("last_week", NOW, JAKARTA) == (wib(11, 16, 0), wib(11, 23, 0))
    assert wib(11, 16, 0) == datetime(2026, 11, 15, 17, 0, tzinfo=UTC)
    last_week = {r.member_id: r.calls for r in report(golden).activity.calls}
    assert last_week[a] == 3  # includes D11's Sunday 23:30 call
    # Monday Nov 23 00:30 in Jakarta (Nov 22 17:30 UTC) is in W3: B's only call this week.
    this_week = report(golden, "week")
    assert [(r.member_id, r.calls) for r in this_week.activity.calls] == [(b, 1), (a, 0), (c, 0)]
    # W3 entries: D12 created (lead) and D11 moved to prospect, both Nov 24.
    assert [row.entered for row in this_week.funnel.stages] == [1, 1, 0, 0]
    # D12, created Nov 24 09:00 with no call, is only 21 h old at now: not flagged yet.
    assert this_week.hygiene.uncontacted == DealSample(0, ())
    assert this_week.speed.leads_awaiting_response == 1


def test_team_report_covers_only_its_members_deals_and_calls(golden: Golden) -> None:
    b = golden.members["B"]
    team = report(golden, owner_ids=[b])
    # B's open deals: D6 prospect 25jt, D9 closeable 60jt -> 1 of 2 in the last stage = 0.5 > 0.4.
    assert [row.open_count for row in team.funnel.stages] == [0, 1, 0, 1]
    assert (team.hygiene.pile_up_share, team.hygiene.pile_up) == (0.5, True)
    # B's W2 outcomes: D4 lost, nothing won; nothing won in W1 either -> no growth.
    assert (team.outcomes.won_count, team.outcomes.lost_count) == (0, 1)
    assert (team.outcomes.win_rate, team.outcomes.growth) == (0.0, None)
    assert [(r.member_id, r.calls) for r in team.activity.calls] == [(b, 2)]
    assert team.activity.followups_per_deal == 1.0  # 2 calls on 2 deals
    # B's cohort: D4 prospect, D6 prospect, D9 closeable -> reached 3, 3, 1, 1; won 0.
    assert [row.reached for row in team.funnel.stages] == [3, 3, 1, 1]
    assert [row.conversion for row in team.funnel.stages] == [1.0, 1 / 3, 1.0, 0.0]
    assert team.funnel.leak == "prospect"  # 1/3 against 3/5
    assert refs(team.hygiene.stuck.deals) == ["D-6"]
    assert refs(team.hygiene.missing_bant.deals) == ["D-9"]
    assert (team.hygiene.stuck.total, team.hygiene.missing_bant.total) == (1, 1)
    # Workspace-wide win rates applied to B's deals: 25jt x 3/5 + 60jt x 3/4 = 15 + 45 = 60jt.
    assert team.forecast.weighted == (Money(60 * JT, "IDR"),)
    # C's W2 moves: D7 and D10 entered lead, D10 left it for lost a day later. D14 entered lead
    # and left it for prospect 3 minutes later, then was deleted: none of it counts.
    c_team = report(golden, owner_ids=[golden.members["C"]])
    assert [row.entered for row in c_team.funnel.stages] == [2, 0, 0, 0]
    assert c_team.speed.stage_times[0] == StageTime("lead", 1.0, 1)
    assert [row.stays for row in c_team.speed.stage_times[1:]] == [0, 0, 0]
    # An empty team has nothing at all.
    nobody = report(golden, owner_ids=[])
    assert nobody.activity.calls == () and nobody.funnel.cohort_size == 0
    assert nobody.outcomes.win_rate is None and nobody.hygiene.pile_up_share is None


def test_other_pipelines_have_no_benchmark_and_so_no_leak(golden: Golden) -> None:
    custom = Pipeline("custom", ("lead", "prospect", "potential", "closeable"))
    funnel = report(golden, pipeline=custom).funnel
    assert [row.benchmark for row in funnel.stages] == [None, None, None, None]
    assert [row.reached for row in funnel.stages] == [10, 7, 4, 3]
    assert funnel.leak is None


def test_a_custom_benchmark_ratio_sets_benchmarks_and_the_leak_on_any_pipeline(
    golden: Golden,
) -> None:
    custom = Pipeline("custom", ("lead", "prospect", "potential", "closeable"))
    # 8:6:3:2 -> lead->prospect 6/8, prospect->potential 3/6, potential->closeable 2/3, none
    # after the last stage. Conversions 7/10, 4/7, 3/4: only lead (0.7 < 0.75) is below.
    funnel = report(golden, pipeline=custom, benchmark_ratio=(8, 6, 3, 2)).funnel
    assert [row.benchmark for row in funnel.stages] == [6 / 8, 3 / 6, 2 / 3, None]
    assert funnel.leak == "lead"
    # A given ratio replaces funnel4's 10:5:3:1 too; a ratio that does not fit is refused.
    funnel4 = report(golden, benchmark_ratio=(4, 2, 1, 1)).funnel
    assert [row.benchmark for row in funnel4.stages] == [0.5, 0.5, 1.0, None]
    with pytest.raises(ValueError):
        report(golden, pipeline=custom, benchmark_ratio=(10, 5, 3))
    with pytest.raises(ValueError):
        report(golden, pipeline=custom, benchmark_ratio=(10, 5, 0, 1))


def test_hygiene_samples_keep_the_full_count_and_the_most_urgent_deals(golden: Golden) -> None:
    hygiene = report(golden, sample_size=1).hygiene
    # Same lists as the full report, cut to the most urgent one, with the full count kept.
    assert hygiene.stale == DealSample(2, hygiene.stale.deals)
    assert refs(hygiene.stale.deals) == ["D-7"]  # idle longest
    assert (hygiene.overdue.total, refs(hygiene.overdue.deals)) == (2, ["D-13"])  # most overdue
    assert (hygiene.stuck.total, refs(hygiene.stuck.deals)) == (3, ["D-13"])  # longest in stage
    assert (hygiene.uncontacted.total, refs(hygiene.uncontacted.deals)) == (2, ["D-7"])  # oldest
    assert (hygiene.missing_bant.total, refs(hygiene.missing_bant.deals)) == (1, ["D-9"])
    # The sample carries each deal's facts, as the full list does.
    d7 = hygiene.stale.deals[0]
    assert (d7.stage, d7.owner_id, d7.value, d7.last_activity_at) == (
        "lead",
        golden.members["C"],
        10 * JT,
        None,
    )
    # A sample of none still counts.
    nothing = report(golden, sample_size=0).hygiene
    assert (nothing.stuck.total, nothing.stuck.deals) == (3, ())
    assert (nothing.uncontacted.total, nothing.uncontacted.deals) == (2, ())


def test_empty_workspace_reports_zeroes_and_no_ratios(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        workspace = Workspace(slack_team_id="T0EMPTY")
        session.add(workspace)
    start, end = period_bounds("month", NOW, JAKARTA)
    with unit_of_work(engine, read_only=True) as session:
        empty = build_funnel_report(
            session,
            workspace=workspace,
            pipeline=FUNNEL4,
            period_start=start,
            period_end=end,
            now=NOW,
        )
    assert [row.conversion for row in empty.funnel.stages] == [None] * 4
    assert empty.funnel.leak is None and empty.speed.bottleneck is None
    assert empty.outcomes.win_rate is None and empty.outcomes.growth is None
    assert empty.speed.cycle_median_days is None and empty.speed.lead_response_median_hours is None
    assert empty.activity.followups_per_deal is None
    assert empty.activity.calls_target == 210  # November 2026 has 21 weekdays
    assert empty.forecast.weighted == () and empty.hygiene.stale == DealSample(0, ())


# --- pure definitions ----------------------------------------------------------------------------


def test_period_bounds_follow_iso_weeks_and_calendar_months_in_local_time() -> None:
    # Now is Wednesday Nov 25 in Jakarta but still Tuesday Nov 24 in UTC.
    assert period_bounds("week", NOW, JAKARTA) == (wib(11, 23, 0), wib(11, 30, 0))
    assert period_bounds("month", NOW, JAKARTA) == (wib(11, 1, 0), wib(12, 1, 0))
    assert period_bounds("last_month", NOW, JAKARTA) == (wib(10, 1, 0), wib(11, 1, 0))
    january = datetime(2027, 1, 1, 0, 30, tzinfo=JAKARTA)
    assert period_bounds("last_month", january, JAKARTA)[0] == wib(12, 1, 0)
    # Previous period: the previous calendar month for a month, the previous week for a week.
    assert previous_period(wib(11, 1, 0), wib(12, 1, 0), JAKARTA) == (
        wib(10, 1, 0),
        wib(11, 1, 0),
    )
    assert previous_period(wib(11, 23, 0), wib(11, 30, 0), JAKARTA) == (
        wib(11, 16, 0),
        wib(11, 23, 0),
    )
    # A week across a daylight-saving change still starts at local midnight.
    berlin = ZoneInfo("Europe/Berlin")
    start, end = period_bounds("week", datetime(2026, 3, 30, 12, tzinfo=berlin), berlin)
    assert start == datetime(2026, 3, 29, 22, tzinfo=UTC)  # Mon Mar 30 00:00 CEST
    assert previous_period(start, end, berlin)[0] == datetime(2026, 3, 22, 23, tzinfo=UTC)


def test_work_days_are_counted_on_local_dates() -> None:
    weekdays = (0, 1, 2, 3, 4)
    assert work_days_in(wib(11, 16, 0), wib(11, 23, 0), JAKARTA, weekdays) == 5
    assert work_days_in(wib(11, 16, 0), wib(11, 23, 0), JAKARTA, (0, 1, 2, 3, 4, 5)) == 6
    assert work_days_in(wib(11, 1, 0), wib(12, 1, 0), JAKARTA, weekdays) == 21
    assert work_days_in(wib(11, 16, 0), wib(11, 16, 0), JAKARTA, weekdays) == 0


def test_stuck_needs_a_median_and_leak_and_bottleneck_break_ties_to_the_earlier_stage() -> None:
    times = (StageTime("lead", None, 0), StageTime("prospect", 1.5, 2))
    assert stuck_cutoffs(times, NOW) == {"prospect": NOW - timedelta(days=3)}
    assert bottleneck((StageTime("lead", 2.0, 1), StageTime("prospect", 2.0, 1))) == "lead"
    # Both miss their benchmark by half: relative shortfall ties, the earlier stage is named.
    rows = (
        FunnelStage("lead", 0, (), 0, 4, 0.25, 0.5),
        FunnelStage("prospect", 0, (), 0, 1, 0.375, 0.75),
        FunnelStage("potential", 0, (), 0, 0, None, 1 / 3),
    )
    assert find_leak(rows) == "lead"


def test_weighted_pipeline_rounds_half_up_and_leaves_out_stages_without_history() -> None:
    rates = (StageWinRate("lead", 1, 2, 0.5), StageWinRate("prospect", 0, 0, None))
    totals = [StageTotal("lead", "IDR", 2, 5), StageTotal("prospect", "IDR", 4, 100)]
    # 5 x 1/2 = 2.5 -> 3 (half up); the prospect deals have no closed history: 4 left out.
    assert weighted_pipeline(totals, rates) == ((Money(3, "IDR"),), 4)
