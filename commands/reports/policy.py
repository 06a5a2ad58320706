"""The funnel report's settings an admin may change, as one plain value.

They are stored as JSON in ``Workspace.report_policy`` (NULL until an admin changes one) and
become the keyword arguments of ``commands.reports.metrics.build_funnel_report``. Each stored key
is read on its own: a missing or broken one falls back to its default without losing the others.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlmodel import Session

from commands.calendar.lookup import time_off_reaching, work_calendar
from commands.calendar.workdays import WorkCalendar
from commands.pipelines import Pipeline
from commands.reports.metrics import FUNNEL4_RATIO
from storage.models import Team, Workspace

# Inclusive bounds an admin may choose from; outside them a report stops meaning anything.
CALLS_PER_DAY = (1, 200)
STALE_DAYS = (1, 90)
PILE_UP_THRESHOLD = (0.05, 1.0)
COHORT_DAYS = (7, 365)
MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)


@dataclass(frozen=True)
class ReportPolicy:
    """Targets, hygiene thresholds and the benchmark the funnel report is measured against."""

    calls_per_day: int = 10  # calls a rep should log each work day
    stale_days: int = 5  # an open deal untouched this many work days is stale
    pile_up_threshold: float = 0.4  # warn above this share of open deals in the last stage
    cohort_days: int = 90  # conversions are measured on deals created this many days back
    work_days: tuple[int, ...] = MONDAY_TO_FRIDAY  # Monday 0 .. Sunday 6, ascending
    benchmark: tuple[float, ...] | None = None  # deals per open stage, like 10:5:3:1

    def __post_init__(self) -> None:
        for name, (low, high) in (
            ("calls_per_day", CALLS_PER_DAY),
            ("stale_days", STALE_DAYS),
            ("cohort_days", COHORT_DAYS),
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"{name} must be a whole number from {low} to {high}")
        share_low, share_high = PILE_UP_THRESHOLD
        if not share_low <= self.pile_up_threshold <= share_high:
            raise ValueError(f"pile_up_threshold must be from {share_low} to {share_high}")
        days = self.work_days
        if not days or list(days) != sorted(set(days)) or not set(days) <= set(range(7)):
            raise ValueError("work_days must be distinct weekdays 0-6 in ascending order")
        problem = None if self.benchmark is None else benchmark_problem(self.benchmark)
        if problem is not None:
            raise ValueError(f"benchmark: {problem}")

    def as_json(self) -> dict[str, Any]:
        """What ``Workspace.report_policy`` stores (and the audit log records)."""
        return {
            "calls_per_day": self.calls_per_day,
            "stale_days": self.stale_days,
            "pile_up_threshold": self.pile_up_threshold,
            "cohort_days": self.cohort_days,
            "work_days": list(self.work_days),
            "benchmark": [_tidy(n) for n in self.benchmark] if self.benchmark else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> ReportPolicy:
        """The stored policy; each missing or invalid key keeps its default."""
        policy = cls()
        if not isinstance(data, Mapping):
            return policy
        for name, read in _READERS.items():
            if name not in data:
                continue
            try:
                policy = replace(policy, **{name: read(data[name])})
            except (TypeError, ValueError):
                continue
        return policy

    @classmethod
    def from_workspace(cls, workspace: Workspace) -> ReportPolicy:
        """The workspace's settings (defaults until an admin changes them)."""
        return cls.from_json(workspace.report_policy)

    def benchmark_fits(self, pipeline: Pipeline) -> bool:
        """Whether the saved benchmark has one number per open stage of ``pipeline``; after a
        pipeline switch it may not, and is then ignored rather than misapplied."""
        return self.benchmark is not None and len(self.benchmark) == len(pipeline.stages)

    def benchmark_for(self, pipeline: Pipeline) -> tuple[float, ...] | None:
        """The ratio the report compares ``pipeline`` with: the saved one when it fits, else the
        pipeline's default (if it has one)."""
        if self.benchmark is not None and self.benchmark_fits(pipeline):
            return self.benchmark
        return default_benchmark(pipeline)

    def engine_kwargs(self, pipeline: Pipeline) -> dict[str, Any]:
        """Keyword arguments for ``build_funnel_report`` on ``pipeline``. A benchmark that does
        not fit the pipeline is left out, so the engine's own default applies."""
        kwargs: dict[str, Any] = {
            "cohort_days": self.cohort_days,
            "stale_days": self.stale_days,
            "calls_per_day_target": self.calls_per_day,
            "work_days": self.work_days,
            "pile_up_threshold": self.pile_up_threshold,
        }
        if self.benchmark_fits(pipeline):
            kwargs["benchmark_ratio"] = self.benchmark
        return kwargs


def default_benchmark(pipeline: Pipeline) -> tuple[float, ...] | None:
    """The engine's benchmark when none is set: the industry 10:5:3:1 for ``funnel4``, none for
    other pipelines (as ``commands.reports.metrics.benchmark_conversions`` decides)."""
    if pipeline.name == "funnel4" and len(pipeline.stages) == len(FUNNEL4_RATIO):
        return tuple(float(n) for n in FUNNEL4_RATIO)
    return None


def benchmark_problem(ratio: Sequence[float]) -> str | None:
    """Why ``ratio`` cannot be a benchmark, or None. Every number must be positive, and no
    stage may expect more deals than the one before it: a funnel only narrows, and a wider
    step would demand a conversion above 100%."""
    if not ratio:
        return "no numbers"
    if not all(math.isfinite(n) and n > 0 for n in ratio):
        return "every number must be positive"
    if any(later > earlier for earlier, later in zip(ratio, ratio[1:], strict=False)):
        return "a later stage cannot expect more deals than an earlier one"
    return None


def _tidy(number: float) -> int | float:
    """10.0 stored as 10: the JSON reads as an admin typed it."""
    return int(number) if float(number).is_integer() else number


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a number")
    return float(value)


def _weekdays(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list | tuple):
        raise TypeError("not a list of weekdays")
    return tuple(sorted({_whole(day) for day in value}))


def _ratio(value: Any) -> tuple[float, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise TypeError("not a list of numbers")
    return tuple(_number(n) for n in value)


_READERS: dict[str, Callable[[Any], Any]] = {
    "calls_per_day": _whole,
    "stale_days": _whole,
    "pile_up_threshold": _number,
    "cohort_days": _whole,
    "work_days": _weekdays,
    "benchmark": _ratio,
}


def calendar_of(
    session: Session,
    workspace: Workspace,
    *,
    around: date,
    team: Team | None = None,
    lang: str = "en",
) -> WorkCalendar:
    """The work calendar the report settings' ``work_days`` and the public holidays of the
    workspace's (or ``team``'s) country make: what every "days" rule and the schedule count."""
    return work_calendar(
        session,
        workspace,
        around=around,
        work_weekdays=ReportPolicy.from_workspace(workspace).work_days,
        team=team,
        lang=lang,
    )


def member_calendar(
    session: Session, workspace: Workspace, member_id: int, *, today: date
) -> WorkCalendar:
    """The workspace's calendar as one member works by it: their time off are days off too
    (``WorkCalendar.with_away``), for the "days" rules on their own deals."""
    assert workspace.id is not None
    away = time_off_reaching(session, workspace.id, today=today, member_ids=(member_id,))
    return calendar_of(session, workspace, around=today).with_away(away.get(member_id, ()))
