"""What the forecast wing answers, as plain values (``bot.blocks.forecast`` draws them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from commands.forecasts.accuracy import Accuracy
from commands.replies import Reply


@dataclass(frozen=True)
class ForecastForm(Reply):
    """``/forecast``: the modal asking the rep's commit and best case for ``kind`` starting
    ``first``, pre-filled (``prefill``: commit, best_case, note as typed text)."""

    kind: str  # "month" or "quarter"
    first: date
    currency: str
    weighted: int  # the rep's weighted pipeline now
    prefill: dict[str, str] = field(default_factory=dict)
    submitted_at: datetime | None = None  # when this period's figures shown were submitted
    accuracy: Accuracy | None = None


@dataclass(frozen=True)
class ForecastSaved(Reply):
    """A forecast submitted: its figures, and the commit it replaced this period (if any)."""

    kind: str
    first: date
    commit: int
    best_case: int
    weighted: int
    currency: str
    previous_commit: int | None = None


@dataclass(frozen=True)
class RepLine:
    """One rep's line of the roll-up; ``commit`` and ``best_case`` None: not submitted.
    ``change``: commit now minus the latest one submitted before this week (None: "new", or
    not submitted)."""

    name: str
    user_id: str
    commit: int | None
    best_case: int | None
    weighted: int
    booked: int
    quota: int | None
    change: int | None
    accuracy: float | None
    away: bool = False

    @property
    def submitted(self) -> bool:
        return self.commit is not None


@dataclass(frozen=True)
class TeamRollup:
    """A team's reps and their total for the team's current period."""

    name: str
    kind: str
    first: date
    reps: tuple[RepLine, ...]
    total: RepLine  # sums of the submitted figures; the team's own quota when it has one


@dataclass(frozen=True)
class ForecastRollup(Reply):
    """``/forecast team``: the roll-up of the teams the reader looks after."""

    teams: tuple[TeamRollup, ...]
    currency: str


@dataclass(frozen=True)
class MyForecast:
    """A rep's own forecast for the period under way, as the App Home shows it."""

    kind: str
    first: date
    commit: int | None
    best_case: int | None
    weighted: int
    currency: str
    accuracy: Accuracy | None = None


@dataclass(frozen=True)
class ForecastHome:
    """The App Home's forecast section: a manager's teams' roll-up, or the rep's own."""

    currency: str
    rollups: tuple[TeamRollup, ...] = ()
    mine: MyForecast | None = None
