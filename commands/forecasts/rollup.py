"""The forecast roll-up of a team: each rep's commit and best case for the team's period beside
their weighted pipeline, bookings, quota and accuracy, and the team's total.

Per rep, for the team's period under way (month or quarter, in the workspace's time zone):

- commit, best case: their latest submission for the period (none: not submitted);
- change: that commit minus their latest one submitted before this week began (Monday 00:00),
  "new" when they had none before this week;
- weighted pipeline: now (``commands.forecasts.pipeline``); booked: deals won in the period, in
  the workspace currency; quota: the one in force on the period's last day, or today for the
  period under way (``storage.quotas``); accuracy: ``commands.forecasts.accuracy``.

The team's total adds up its reps' figures (commit and best case of those who submitted; the
change of those who had a commit before this week); its quota is the team's own when it has
one, else the sum of its reps' quotas; its accuracy is, per ended period, the reps' booked ÷
their commits (reps who had one), averaged over those periods.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.forecasts.accuracy import Accuracy, accuracy_by_rep
from commands.forecasts.periods import ForecastPeriod, period_containing, week_start
from commands.forecasts.pipeline import weighted_by_rep
from commands.forecasts.replies import RepLine, TeamRollup
from commands.localtime import zone
from storage import forecasts, queries, quotas, teams, timeoff
from storage.models import Forecast, Member, Team, Workspace


def team_period(team: Team, today: date) -> ForecastPeriod:
    """The team's forecast period under way on ``today``."""
    return period_containing(team.forecast_period, today)


def build_rollups(
    session: Session, workspace: Workspace, team_list: Sequence[Team], *, now: datetime
) -> tuple[TeamRollup, ...]:
    """The roll-up of each team, in the order given."""
    return tuple(build_rollup(session, workspace, team, now=now) for team in team_list)


def build_rollup(
    session: Session, workspace: Workspace, team: Team, *, now: datetime
) -> TeamRollup:
    """One team's roll-up as of ``now``."""
    assert workspace.id is not None and team.id is not None
    tz = zone(workspace.timezone, "UTC")
    today = now.astimezone(tz).date()
    period = team_period(team, today)
    rep_ids = teams.team_rep_ids(session, team=team)
    members = queries.members_by_id(session, workspace_id=workspace.id, ids=rep_ids)
    reps = sorted(members.values(), key=lambda m: (_name(m).casefold(), m.id or 0))
    ids = [m.id for m in reps if m.id is not None]
    figures = _Figures.read(session, workspace, period, ids, now=now, tz=tz)
    in_force = quotas.quotas_in_force(
        session, workspace_id=workspace.id, on=min(today, period.last)
    )
    rep_quota = {q.member_id: q.amount for q in in_force if q.period == period.kind and q.member_id}
    team_quota = next(
        (q.amount for q in in_force if q.period == period.kind and q.team_id == team.id), None
    )
    away = {
        row.member_id
        for row in timeoff.time_off_between(
            session, workspace_id=workspace.id, start=today, end=today, member_ids=ids
        )
    }
    lines = tuple(
        figures.line(member, rep_quota.get(member.id or 0), away=member.id in away)
        for member in reps
    )
    quotas_of_reps = [line.quota for line in lines if line.quota is not None]
    total_quota = team_quota if team_quota is not None else (sum(quotas_of_reps) or None)
    total = RepLine(
        name=team.name,
        user_id="",
        commit=_sum_given(line.commit for line in lines),
        best_case=_sum_given(line.best_case for line in lines),
        weighted=sum(line.weighted for line in lines),
        booked=sum(line.booked for line in lines),
        quota=total_quota,
        change=_sum_given(line.change for line in lines),
        accuracy=team_accuracy([figures.accuracy[i] for i in ids]),
    )
    return TeamRollup(team.name, period.kind, period.first, lines, total)


class _Figures:
    """Everything the roll-up reads about some reps for one period, in a few statements."""

    def __init__(
        self,
        now_forecasts: dict[int, Forecast],
        last_week: dict[int, Forecast],
        weighted: dict[int, int],
        booked: dict[int, int],
        accuracy: dict[int, Accuracy],
    ) -> None:
        self.now_forecasts = now_forecasts
        self.last_week = last_week
        self.weighted = weighted
        self.booked = booked
        self.accuracy = accuracy

    @classmethod
    def read(
        cls,
        session: Session,
        workspace: Workspace,
        period: ForecastPeriod,
        ids: list[int],
        *,
        now: datetime,
        tz: ZoneInfo,
    ) -> _Figures:
        assert workspace.id is not None
        which: dict[str, Any] = {
            "workspace_id": workspace.id,
            "period": period.kind,
            "period_start": period.first,
            "member_ids": ids,
        }
        start, end = period.bounds(tz)
        return cls(
            forecasts.latest_forecasts(session, **which),
            forecasts.latest_forecasts(session, **which, before=week_start(now, tz)),
            weighted_by_rep(session, workspace, ids, now=now),
            forecasts.booked_by_owner(
                session,
                workspace_id=workspace.id,
                owner_ids=ids,
                currency=workspace.currency,
                start=start,
                end=end,
            ),
            accuracy_by_rep(session, workspace_id=workspace.id, member_ids=ids, kind=period.kind),
        )

    def line(self, member: Member, quota: int | None, *, away: bool) -> RepLine:
        member_id = member.id or 0
        latest = self.now_forecasts.get(member_id)
        before = self.last_week.get(member_id)
        change = latest.commit - before.commit if latest and before else None
        return RepLine(
            name=_name(member),
            user_id=member.slack_user_id,
            commit=latest.commit if latest else None,
            best_case=latest.best_case if latest else None,
            weighted=self.weighted.get(member_id, 0),
            booked=self.booked.get(member_id, 0),
            quota=quota,
            change=change,
            accuracy=self.accuracy[member_id].average if member_id in self.accuracy else None,
            away=away,
        )


def team_accuracy(accuracies: Sequence[Accuracy]) -> float | None:
    """Per ended period, the reps' booked ÷ their commits (reps who had a commit), averaged
    over the periods with any commit."""
    committed: dict[date, int] = defaultdict(int)
    booked: dict[date, int] = defaultdict(int)
    for accuracy in accuracies:
        for period in accuracy.periods:
            if period.commit:
                committed[period.first] += period.commit
                booked[period.first] += period.booked
    shares = [booked[first] / committed[first] for first in committed]
    return sum(shares) / len(shares) if shares else None


def _sum_given(values: Iterable[int | None]) -> int | None:
    """The sum of the figures given; None when none is."""
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _name(member: Member) -> str:
    return member.name or member.slack_user_id
