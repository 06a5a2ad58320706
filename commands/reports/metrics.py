"""The funnel report: every KPI and hygiene signal a manager reads, as plain values.

``build_funnel_report`` runs the aggregate queries of ``storage.reports`` for a workspace, a team
or a rep (``owner_ids``) over a period and turns them into a frozen ``FunnelReport`` that
``/funnel``, ``/pipeline``, the App Home and the weekly digest render. Each metric is defined by
the docstring of the function that computes it; those definitions are what the README quotes.

Conventions: periods are half-open ``[start, end)`` in aware UTC, with edges at midnight in the
workspace time zone (``period_bounds``); "now" facts (open deals, hygiene) are as of ``now``;
durations are medians, in days (24 h) or hours; ratios are floats, ``None`` when undefined.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.calendar.workdays import Away, WorkCalendar, weekdays_only
from commands.deals.bant_scoring import stages_past_qualification
from commands.localtime import previous_period, work_days_in
from commands.pipelines import LOST, WON, Pipeline
from commands.replies import Money
from commands.reports.yardsticks import (
    WIN_RATE_DAYS,
    StageTime,
    StageWinRate,
    Yardsticks,
    stage_times,
    yardsticks_for,
)
from storage import reports as db
from storage.models import Workspace
from storage.reports import DealFacts, LeadTouch, OpenDeals, Sample, StageTotal

DAY = timedelta(days=1)
# Industry ratio of leads : prospects : potential : closeable deals quoted for funnel4.
FUNNEL4_RATIO = (10, 5, 3, 1)


# --- dataclasses ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStage:
    """One open stage of the funnel."""

    stage: str
    open_count: int  # open deals in this stage now
    open_value: tuple[Money, ...]  # their value, per currency
    entered: int  # moves into this stage during the period (creation included)
    reached: int  # cohort deals that reached this stage
    conversion: float | None  # cohort reached(next) / reached(this); next of the last is won
    benchmark: float | None  # the benchmark for that conversion, if the pipeline has one


@dataclass(frozen=True)
class Funnel:
    """The funnel section: per open stage, plus the cohort conversion is measured on."""

    stages: tuple[FunnelStage, ...]
    cohort_start: datetime  # cohort: deals created in [cohort_start, cohort_end)
    cohort_end: datetime
    cohort_size: int
    cohort_won: int  # cohort deals won by cohort_end
    leak: str | None  # stage furthest below its benchmark


@dataclass(frozen=True)
class Outcomes:
    """Bookings, losses, win rate and growth for the period."""

    won_count: int
    won_value: tuple[Money, ...]
    lost_count: int
    win_rate: float | None
    currency: str  # the workspace currency growth is measured in
    previous_start: datetime
    previous_end: datetime
    previous_won_value: int  # bookings in ``currency`` in the previous period
    growth: float | None


@dataclass(frozen=True)
class RepCalls:
    """Calls one member logged in the period; a manager's are shown as theirs, not a rep's."""

    member_id: int
    calls: int
    manager: bool = False  # a manager's own calls: in the totals, not held to the rep target


@dataclass(frozen=True)
class ActivityStats:
    """Calls per rep against target, and follow-ups per deal."""

    calls: tuple[RepCalls, ...]  # the reps, most calls first, then the managers likewise
    work_days: int
    calls_target: int  # per rep for the whole period
    activities: int
    deals_touched: int
    followups_per_deal: float | None

    @property
    def rep_calls(self) -> tuple[RepCalls, ...]:
        """The reps' rows: the ones "N of M reps at target" counts (managers are only shown)."""
        return tuple(row for row in self.calls if not row.manager)


@dataclass(frozen=True)
class Speed:
    """Sales cycle, time in stage with the bottleneck, and lead response time."""

    cycle_median_days: float | None
    cycle_deals: int
    stage_times: tuple[StageTime, ...]
    bottleneck: str | None
    lead_response_median_hours: float | None
    leads_responded: int
    leads_awaiting_response: int


@dataclass(frozen=True)
class DealSample:
    """The deals with one hygiene signal: how many there are (``total``) and the first
    ``sample_size`` of them, most urgent first (``deals``). A digest shows a few and says how
    many more; a workspace with thousands of stale deals costs no more to report."""

    total: int
    deals: tuple[DealFacts, ...]


@dataclass(frozen=True)
class Hygiene:
    """Pipeline hygiene signals as of the report's ``now``; samples most urgent first."""

    stale: DealSample
    overdue: DealSample
    stuck: DealSample
    stuck_baseline: tuple[StageTime, ...]  # the usual time in each stage stuck is judged by
    pile_up_stage: str
    pile_up_share: float | None
    pile_up: bool
    uncontacted: DealSample
    missing_bant: DealSample


@dataclass(frozen=True)
class Forecast:
    """The weighted pipeline per currency and the win rates it used."""

    weighted: tuple[Money, ...]
    win_rates: tuple[StageWinRate, ...]
    unweighted_count: int  # open deals in a stage with no closed history (left out)


@dataclass(frozen=True)
class FunnelReport:
    """Everything ``/funnel``, ``/pipeline``, the App Home and the digest render."""

    workspace_id: int
    pipeline: Pipeline
    owner_ids: tuple[int, ...] | None
    period_start: datetime
    period_end: datetime
    now: datetime
    funnel: Funnel
    outcomes: Outcomes
    activity: ActivityStats
    speed: Speed
    hygiene: Hygiene
    forecast: Forecast


# --- periods --------------------------------------------------------------------------------


# --- metric definitions ---------------------------------------------------------------------


def money_by_currency(amounts: Iterable[tuple[str, int]]) -> tuple[Money, ...]:
    """Sum ``(currency, value)`` pairs per currency, sorted by currency; zero totals dropped."""
    totals: dict[str, int] = defaultdict(int)
    for currency, value in amounts:
        totals[currency] += value
    return tuple(Money(v, c) for c, v in sorted(totals.items()) if v)


def benchmark_conversions(
    pipeline: Pipeline, ratio: Sequence[float] | None = None
) -> tuple[float | None, ...]:
    """Benchmark conversion from each open stage to the next, from a benchmark ratio of deals
    per open stage (``ratio``, one positive number a stage, like 10:5:3:1): stage i -> i+1 is
    ratio[i+1] / ratio[i]; the last stage (-> won) has none. Without a ratio, ``funnel4``
    follows the industry 10 leads : 5 prospects : 3 potential : 1 closeable (5/10, 3/5, 1/3)
    and other pipelines have no benchmark (None). A ratio of the wrong length or with a number
    that is not positive is a ValueError."""
    stages = len(pipeline.stages)
    if ratio is None:
        if pipeline.name != "funnel4" or stages != len(FUNNEL4_RATIO):
            return (None,) * stages
        ratio = FUNNEL4_RATIO
    if len(ratio) != stages or not all(n > 0 for n in ratio):
        raise ValueError(f"benchmark ratio needs {stages} positive numbers, got {tuple(ratio)}")
    steps = zip(ratio, ratio[1:], strict=False)
    return (*(b / a for a, b in steps), None)


def cohort_reached(reach: Mapping[tuple[int, str], int], stage_count: int) -> tuple[int, ...]:
    """Reached(i) for each open stage and then for won: cohort deals that reached stage ``i``.
    A deal reached stage ``i`` when it has a standing move into stage ``i`` or any later stage,
    or was won; so reached never grows along the funnel."""
    furthest: dict[int, int] = defaultdict(int)
    for (index, _status), n in reach.items():
        furthest[index] += n
    return tuple(
        sum(n for index, n in furthest.items() if index >= i) for i in range(stage_count + 1)
    )


def conversion(reached_here: int, reached_next: int) -> float | None:
    """Stage-to-stage conversion over the cohort: reached(next) / reached(this); None when no
    cohort deal reached this stage."""
    return reached_next / reached_here if reached_here else None


def find_leak(stages: Sequence[FunnelStage]) -> str | None:
    """The leak: the stage whose conversion falls furthest below its benchmark, measured
    relative to the benchmark (shortfall = 1 - conversion / benchmark, so missing a 1/3 step by
    a tenth weighs as much as missing a 1/2 step by a tenth of it). Stages without a conversion
    or a benchmark are skipped; None when no stage is below; ties go to the earlier stage."""
    worst, worst_shortfall = None, 0.0
    for row in stages:
        if row.conversion is None or not row.benchmark:
            continue
        shortfall = 1 - row.conversion / row.benchmark
        if shortfall > worst_shortfall:
            worst, worst_shortfall = row.stage, shortfall
    return worst


def win_rate(won: int, lost: int) -> float | None:
    """Win rate: deals won / deals closed (won + lost) in the period; None when none closed."""
    closed = won + lost
    return won / closed if closed else None


def growth(current: int, previous: int) -> float | None:
    """Growth of bookings: (this period's won value - previous period's) / previous period's,
    in the workspace currency; None when the previous period booked nothing."""
    return (current - previous) / previous if previous else None


def calls_target(per_day: int, work_days: int) -> int:
    """Calls target per rep for a period: the daily target times the period's work days."""
    return per_day * work_days


def followups_per_deal(activities: int, deals: int) -> float | None:
    """Follow-ups per deal ("persistence"): activities of any kind logged in the period divided
    by the number of deals they were about; None when there were none."""
    return activities / deals if deals else None


def _days(delta: timedelta) -> float:
    return delta.total_seconds() / 86400


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def sales_cycle_days(cycles: Sequence[tuple[datetime, datetime]]) -> float | None:
    """Sales cycle: the median, over deals won in the period, of days from creation to won."""
    return _median([_days(won - created) for created, won in cycles])


def bottleneck(times: Sequence[StageTime]) -> str | None:
    """The bottleneck: the stage with the largest median time in stage (the earlier on a tie);
    None when no stay ended in the period."""
    best: StageTime | None = None
    for row in times:
        if row.median_days is not None and (
            best is None or row.median_days > (best.median_days or 0)
        ):
            best = row
    return best.stage if best else None


def lead_response_hours(leads: Sequence[LeadTouch]) -> tuple[float | None, int, int]:
    """Lead response time ("promptness"): the median hours from a deal's creation to its first
    logged activity, over deals created in the period that have one. Returns that median, how
    many deals it covers and how many created in the period have no activity yet."""
    hours = [lead.response_seconds / 3600 for lead in leads if lead.response_seconds is not None]
    return _median(hours), len(hours), len(leads) - len(hours)


UTC_ZONE = ZoneInfo("UTC")


def stuck_cutoffs(
    times: Sequence[StageTime],
    now: datetime,
    calendar: WorkCalendar | None = None,
    tz: ZoneInfo = UTC_ZONE,
) -> dict[str, datetime]:
    """A deal is stuck when it has been in its current stage more than twice that stage's
    median time in stage, and at least a work day: it entered the stage before
    now - max(2 x median, 1 work day). The median is in calendar days (weekends in it), so the
    reach is pushed back only by the holidays and company days off in between
    (``WorkCalendar.reach_back``): a Lebaran week does not make every deal stuck. The work
    day's floor keeps a stage that deals usually leave within hours (a median near 0) from
    calling a deal stuck on its first work day there. Stages without a median have no cutoff
    (nothing in them is stuck)."""
    calendar = calendar or weekdays_only(tuple(range(7)))
    floor = calendar.work_days_ago(now, 1, tz)
    return {
        row.stage: min(calendar.reach_back(now, 2 * row.median_days, tz), floor)
        for row in times
        if row.median_days is not None
    }


@dataclass(frozen=True)
class OwnerCutoffs:
    """The "days" rules of the few owners whose time off moves them: their own stale cutoff
    (``idle_since``) and stuck cutoffs per stage, only where they differ from everyone's."""

    idle_since: Mapping[int, datetime] = field(default_factory=dict)
    entered_before: Mapping[int, Mapping[str, datetime]] = field(default_factory=dict)


def owner_cutoffs(
    away: Mapping[int, tuple[Away, ...]],
    *,
    now: datetime,
    tz: ZoneInfo,
    calendar: WorkCalendar,
    stale_days: int,
    times: Sequence[StageTime],
) -> OwnerCutoffs:
    """Each owner's stale and stuck cutoffs with their time off (``away``) counted as days off,
    like holidays: a rep back from two weeks' leave finds the deals they left as stale as they
    were when they left, not all stale at once. Kept only where they differ from the
    calendar's own, so a report's queries grow by a term per owner on leave, not per owner."""
    everyone_idle = calendar.work_days_ago(now, stale_days, tz)
    everyone_stuck = stuck_cutoffs(times, now, calendar, tz)
    # Time off ending before every cutoff is out of every rule's reach: it changes nothing.
    reach = min([everyone_idle, *everyone_stuck.values()]).astimezone(tz).date() - DAY
    idle: dict[int, datetime] = {}
    stuck: dict[int, dict[str, datetime]] = {}
    for owner, periods in away.items():
        if all(period.last < reach for period in periods):
            continue
        theirs = calendar.with_away(periods)
        own_idle = theirs.work_days_ago(now, stale_days, tz)
        if own_idle != everyone_idle:
            idle[owner] = own_idle
        own_stuck = stuck_cutoffs(times, now, theirs, tz)
        if own_stuck != everyone_stuck:
            stuck[owner] = own_stuck
    return OwnerCutoffs(idle, stuck)


def uncontacted_leads(leads: Sequence[LeadTouch]) -> list[int]:
    """New leads not contacted within a day: deals created in the period with no activity in
    the 24 h after creation (none at all, or the first later), oldest first, as deal ids. A
    deal younger than 24 h at the report's "now" is not counted yet: it still has time."""
    day = DAY.total_seconds()
    return [
        lead.deal_id
        for lead in leads
        if lead.day_old and (lead.response_seconds is None or lead.response_seconds > day)
    ]


def pile_up_share(open_counts: Mapping[str, int], last_stage: str) -> float | None:
    """Late-stage pile-up: the share of open deals that sit in the last open stage; None when
    nothing is open. Flagged when above the threshold (default 0.4)."""
    total = sum(open_counts.values())
    return open_counts.get(last_stage, 0) / total if total else None


def weighted_pipeline(
    open_totals: Sequence[StageTotal], rates: Sequence[StageWinRate]
) -> tuple[tuple[Money, ...], int]:
    """Weighted pipeline: the sum over open deals of value x its stage's historical win rate,
    per currency, rounded half up to whole units. Deals in a stage without a win rate are left
    out and counted (second value)."""
    by_stage = {row.stage: row for row in rates}
    totals: dict[str, Fraction] = defaultdict(Fraction)
    unweighted = 0
    for total in open_totals:
        rate = by_stage.get(total.stage)
        if rate is None or not rate.closed:
            unweighted += total.count
            continue
        totals[total.currency] += Fraction(total.value * rate.won, rate.closed)
    money = tuple(
        Money(math.floor(value + Fraction(1, 2)), cur)
        for cur, value in sorted(totals.items())
        if value
    )
    return money, unweighted


# --- the report -----------------------------------------------------------------------------


def build_funnel_report(
    session: Session,
    *,
    workspace: Workspace,
    pipeline: Pipeline,
    period_start: datetime,
    period_end: datetime,
    now: datetime,
    owner_ids: Sequence[int] | None = None,
    manager_ids: Collection[int] = (),
    cohort_days: int = 90,
    stale_days: int = 5,
    calls_per_day_target: int = 10,
    work_days: Sequence[int] = (0, 1, 2, 3, 4),
    pile_up_threshold: float = 0.4,
    sample_size: int = 10,
    benchmark_ratio: Sequence[float] | None = None,
    win_rate_days: int = WIN_RATE_DAYS,
    calendar: WorkCalendar | None = None,
    away: Mapping[int, tuple[Away, ...]] | None = None,
) -> FunnelReport:
    """The funnel report of ``workspace`` for ``[period_start, period_end)``, with "now" facts
    (open deals, hygiene) as of ``now``. ``owner_ids`` narrows it to a team or a rep: their
    deals, and the calls and follow-ups they logged; historical win rates stay workspace-wide
    (deals closed in the ``win_rate_days`` before ``now``). ``manager_ids`` are the managers
    among the people it covers: their calls count in every total and are listed as theirs,
    but the per-rep calls target is not theirs (``RepCalls.manager``).
    Each hygiene list keeps its total and its ``sample_size`` most urgent deals;
    ``benchmark_ratio`` (deals per open stage, like 10:5:3:1) sets the conversion benchmarks
    (``benchmark_conversions``). ``calendar`` says which days are work days for the "days"
    rules (stale after ``stale_days`` work days, stuck); without one, ``work_days`` alone.
    ``away`` is the owners' time off (``commands.calendar.lookup.time_off_reaching``): days
    off for their own deals' stale and stuck rules (``owner_cutoffs``).
    """
    assert workspace.id is not None
    calendar = calendar or weekdays_only(tuple(work_days))
    db.tune_for_reports(session)
    scope = _Scope(session, workspace.id, owner_ids, period_start, period_end)
    tz = ZoneInfo(workspace.timezone)
    leads = db.first_activities(session, **scope.period, now=now)
    times = stage_times(db.stay_days_by_stage(session, **scope.period), pipeline.stages)
    yardsticks = yardsticks_for(
        session,
        workspace_id=workspace.id,
        tz=tz,
        stages=pipeline.stages,
        now=now,
        stay_window_days=cohort_days,
        win_rate_days=win_rate_days,
    )
    owners = owner_cutoffs(
        away or {},
        now=now,
        tz=tz,
        calendar=calendar,
        stale_days=stale_days,
        times=yardsticks.stage_times,
    )
    open_now = db.open_deals_now(
        session,
        **scope.who,
        idle_since=calendar.work_days_ago(now, stale_days, tz),
        today=now.astimezone(tz).date(),
        entered_before=stuck_cutoffs(yardsticks.stage_times, now, calendar, tz),
        bant_stages=stages_past_qualification(pipeline.name, pipeline.stages),
        idle_since_by_owner=owners.idle_since,
        entered_before_by_owner=owners.entered_before,
    )
    open_totals = open_now.totals
    return FunnelReport(
        workspace_id=workspace.id,
        pipeline=pipeline,
        owner_ids=tuple(owner_ids) if owner_ids is not None else None,
        period_start=period_start,
        period_end=period_end,
        now=now,
        funnel=_funnel(scope, pipeline, open_totals, cohort_days, benchmark_ratio),
        outcomes=_outcomes(scope, workspace.currency, tz),
        activity=_activity(scope, open_now, tz, calls_per_day_target, work_days, manager_ids),
        speed=_speed(scope, times, leads),
        hygiene=_hygiene(
            scope,
            pipeline,
            open_now,
            leads,
            yardsticks,
            now=now,
            tz=tz,
            stale_days=stale_days,
            calendar=calendar,
            owners=owners,
            pile_up_threshold=pile_up_threshold,
            sample_size=sample_size,
        ),
        forecast=_forecast(open_totals, yardsticks),
    )


@dataclass(frozen=True)
class _Scope:
    """Who and when a report is about, as the keyword arguments the queries take."""

    session: Session
    workspace_id: int
    owner_ids: Sequence[int] | None
    start: datetime
    end: datetime

    @property
    def who(self) -> dict[str, Any]:
        return {"workspace_id": self.workspace_id, "owner_ids": self.owner_ids}

    @property
    def period(self) -> dict[str, Any]:
        return {**self.who, "start": self.start, "end": self.end}


def _funnel(
    scope: _Scope,
    pipeline: Pipeline,
    open_totals: Sequence[StageTotal],
    cohort_days: int,
    benchmark_ratio: Sequence[float] | None,
) -> Funnel:
    """Open deals now, entries in the period, and conversion over the trailing cohort: deals
    created in the ``cohort_days`` days before the period's end, with their moves up to then
    (so a past period's report does not change as those deals move on)."""
    stages = pipeline.stages
    entered = db.stage_entries(scope.session, **scope.period)
    cohort_start = scope.end - timedelta(days=cohort_days)
    reach = db.stage_reach(
        scope.session,
        **scope.who,
        stages=stages,
        created_start=cohort_start,
        created_end=scope.end,
        changes_before=scope.end,
    )
    reached = cohort_reached(reach, len(stages))
    benchmarks = benchmark_conversions(pipeline, benchmark_ratio)
    rows = tuple(
        FunnelStage(
            stage=stage,
            open_count=sum(t.count for t in open_totals if t.stage == stage),
            open_value=money_by_currency(
                (t.currency, t.value) for t in open_totals if t.stage == stage
            ),
            entered=entered.get(stage, 0),
            reached=reached[i],
            conversion=conversion(reached[i], reached[i + 1]),
            benchmark=benchmarks[i],
        )
        for i, stage in enumerate(stages)
    )
    return Funnel(
        stages=rows,
        cohort_start=cohort_start,
        cohort_end=scope.end,
        cohort_size=sum(reach.values()),
        cohort_won=reached[-1],
        leak=find_leak(rows),
    )


def _outcomes(scope: _Scope, currency: str, tz: ZoneInfo) -> Outcomes:
    closed = db.closed_by_outcome(scope.session, **scope.period)
    previous_start, previous_end = previous_period(scope.start, scope.end, tz)
    before = db.closed_by_outcome(
        scope.session, **scope.who, start=previous_start, end=previous_end
    )
    won = [row for row in closed if row.status == WON]
    won_count = sum(row.count for row in won)
    lost_count = sum(row.count for row in closed if row.status == LOST)
    booked = sum(row.value for row in won if row.currency == currency)
    booked_before = sum(
        row.value for row in before if row.status == WON and row.currency == currency
    )
    return Outcomes(
        won_count=won_count,
        won_value=money_by_currency((row.currency, row.value) for row in won),
        lost_count=lost_count,
        win_rate=win_rate(won_count, lost_count),
        currency=currency,
        previous_start=previous_start,
        previous_end=previous_end,
        previous_won_value=booked_before,
        growth=growth(booked, booked_before),
    )


def _activity(
    scope: _Scope,
    open_now: OpenDeals,
    tz: ZoneInfo,
    calls_per_day_target: int,
    work_days: Sequence[int],
    manager_ids: Collection[int],
) -> ActivityStats:
    """Calls per rep: every member with a call in the period or an open deal now (within the
    scope), zero calls included; the reps first, then the managers (``manager_ids``), each
    most calls first."""
    logged = db.activity_per_member(scope.session, **scope.period)
    calls = {member: done.calls for member, done in logged.items() if done.calls}
    people = set(calls) | set(open_now.owner_ids)
    days = work_days_in(scope.start, scope.end, tz, work_days)
    activities = sum(done.activities for done in logged.values())
    touched = db.deals_touched(scope.session, **scope.period) if activities else 0
    managers = frozenset(manager_ids)
    rows = sorted(
        (RepCalls(m, calls.get(m, 0), manager=m in managers) for m in people),
        key=lambda r: (r.manager, -r.calls, r.member_id),
    )
    return ActivityStats(
        calls=tuple(rows),
        work_days=days,
        calls_target=calls_target(calls_per_day_target, days),
        activities=activities,
        deals_touched=touched,
        followups_per_deal=followups_per_deal(activities, touched),
    )


def _speed(
    scope: _Scope,
    times: tuple[StageTime, ...],
    leads: Sequence[LeadTouch],
) -> Speed:
    cycles = db.won_cycles(scope.session, **scope.period)
    response, responded, awaiting = lead_response_hours(leads)
    return Speed(
        cycle_median_days=sales_cycle_days(cycles),
        cycle_deals=len(cycles),
        stage_times=times,
        bottleneck=bottleneck(times),
        lead_response_median_hours=response,
        leads_responded=responded,
        leads_awaiting_response=awaiting,
    )


def _hygiene(
    scope: _Scope,
    pipeline: Pipeline,
    open_now: OpenDeals,
    leads: Sequence[LeadTouch],
    yardsticks: Yardsticks,
    *,
    now: datetime,
    tz: ZoneInfo,
    stale_days: int,
    calendar: WorkCalendar,
    owners: OwnerCutoffs,
    pile_up_threshold: float,
    sample_size: int,
) -> Hygiene:
    """Signals as of ``now``. Stuck is judged against the workspace's usual time in each stage
    (``yardsticks``: the median over all stays that ended in the cohort length before today's
    local midnight), a steadier yardstick than one period's or one rep's few stays. Each list
    is counted with the open deals (``open_now``) and cut to ``sample_size`` in the database
    (uncontacted: see ``_uncontacted``)."""
    session, who = scope.session, scope.who
    baseline = yardsticks.stage_times
    counts: dict[str, int] = defaultdict(int)
    for total in open_now.totals:
        counts[total.stage] += total.count
    last_stage = pipeline.stages[-1]
    share = pile_up_share(counts, last_stage)
    return Hygiene(
        stale=_sample(
            db.stale_deals(
                session,
                **who,
                limit=sample_size,
                idle_since=calendar.work_days_ago(now, stale_days, tz),
                total=open_now.stale,
                idle_since_by_owner=owners.idle_since,
            )
        ),
        overdue=_sample(
            db.overdue_deals(
                session,
                **who,
                limit=sample_size,
                today=now.astimezone(tz).date(),
                total=open_now.overdue,
            )
        ),
        stuck=_sample(
            db.stuck_deals(
                session,
                **who,
                limit=sample_size,
                entered_before=stuck_cutoffs(baseline, now, calendar, tz),
                total=open_now.stuck,
                entered_before_by_owner=owners.entered_before,
            )
        ),
        stuck_baseline=baseline,
        pile_up_stage=last_stage,
        pile_up_share=share,
        pile_up=share is not None and share > pile_up_threshold,
        uncontacted=_uncontacted(scope, leads, sample_size),
        missing_bant=_sample(
            db.missing_bant_deals(
                session,
                **who,
                limit=sample_size,
                stages=stages_past_qualification(pipeline.name, pipeline.stages),
                total=open_now.missing_bant,
            )
        ),
    )


def _sample(sample: Sample) -> DealSample:
    return DealSample(sample.total, tuple(sample.deals))


def _uncontacted(scope: _Scope, leads: Sequence[LeadTouch], sample_size: int) -> DealSample:
    """Counted over the period's leads, which the lead response median reads anyway; only the
    sample's deal facts are fetched."""
    deal_ids = uncontacted_leads(leads)
    sample = db.deal_facts(
        scope.session, workspace_id=scope.workspace_id, deal_ids=deal_ids[: max(sample_size, 0)]
    )
    return DealSample(len(deal_ids), tuple(sample))


def _forecast(open_totals: Sequence[StageTotal], yardsticks: Yardsticks) -> Forecast:
    """Win rates come from the whole workspace's deals closed in the ``win_rate_days`` before
    today's local midnight (``yardsticks``), whoever the report is about: a rep's own few
    closed deals would make a noisy yardstick, and a trailing year follows how the team sells
    today (and costs the same to read however long the history grows)."""
    rates = yardsticks.win_rates
    weighted, unweighted = weighted_pipeline(open_totals, rates)
    return Forecast(weighted=weighted, win_rates=rates, unweighted_count=unweighted)
