"""How close a rep's commits came to what they booked.

From the results kept when each period ended (``storage.forecasts.keep_result``), over the rep's
last six ended periods of their kind:

    accuracy of a period = booked ÷ commit           (only a period with a commit above 0)
    accuracy             = the average of those periods' accuracies

A period the rep did not forecast (no commit) is shown but left out of the average; with no
period that had a commit there is no accuracy. 1.0 means they booked exactly their commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from storage import forecasts
from storage.models import ForecastResult

PERIODS_READ = 6


@dataclass(frozen=True)
class PeriodResult:
    """One ended period: the last commit (None: none submitted) and what was booked."""

    first: date
    commit: int | None
    booked: int
    currency: str

    @property
    def accuracy(self) -> float | None:
        """booked ÷ commit; None without a commit."""
        return self.booked / self.commit if self.commit else None


@dataclass(frozen=True)
class Accuracy:
    """A rep's recent periods, oldest first, and their average accuracy."""

    kind: str  # "month" or "quarter"
    periods: tuple[PeriodResult, ...]

    @property
    def average(self) -> float | None:
        """The average of booked ÷ commit over the periods that had a commit."""
        shares = [p.accuracy for p in self.periods if p.accuracy is not None]
        return sum(shares) / len(shares) if shares else None


def accuracy_from(kind: str, results: Sequence[ForecastResult]) -> Accuracy:
    """The accuracy of results read newest first (``storage.forecasts.recent_results``)."""
    periods = tuple(
        PeriodResult(r.period_start, r.commit, r.booked, r.currency)
        for r in sorted(results, key=lambda r: r.period_start)
    )
    return Accuracy(kind, periods[-PERIODS_READ:])


def accuracy_by_rep(
    session: Session, *, workspace_id: int, member_ids: Iterable[int], kind: str
) -> dict[int, Accuracy]:
    """Each rep's accuracy over their last six ended periods of ``kind``."""
    results = forecasts.recent_results(
        session, workspace_id=workspace_id, member_ids=member_ids, period=kind, limit=PERIODS_READ
    )
    return {member_id: accuracy_from(kind, rows) for member_id, rows in results.items()}
