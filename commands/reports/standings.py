"""Attainment as of now, for the App Home and the weekly digest: a rep's own against their
quota, a team's against the team's, and each of its people's.

The month and the quarter under way are measured from their first day up to ``now`` (the App
Home's opening, the digest's posting, not the week a digest covers), with the pace its work
days give (``commands.reports.attainment.measure``, the workspace's calendar). A team's
bookings are its reps' and managers', as its ``/funnel`` counts them; its table lists every rep
(a quota or not) and the managers who have a quota of their own or booked this month.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.calendar.workdays import WorkCalendar
from commands.context import CommandContext
from commands.localtime import local_midnight
from commands.reports.attainment import (
    PERIOD_KINDS,
    Attainment,
    measure,
    period_around,
    quota_amount,
)
from commands.reports.policy import calendar_of
from storage import queries, quotas, standings, teams
from storage.models import Quota, Team, Workspace

TEAMS_SHOWN = 4  # a manager's teams on the App Home; the rest are counted


@dataclass(frozen=True)
class Standing:
    """The month's and the quarter's attainment under way, each None without its quota."""

    month: Attainment | None = None
    quarter: Attainment | None = None

    def __bool__(self) -> bool:
        return self.month is not None or self.quarter is not None


@dataclass(frozen=True)
class PersonStanding:
    """One person in a team's table: booked this month and this quarter, against their own
    quotas."""

    user_id: str
    name: str
    manager: bool  # a manager's own bookings: marked "(manager)"
    booked_month: int
    booked_quarter: int
    standing: Standing


@dataclass(frozen=True)
class TeamStanding:
    """A team's attainment (against the team's quota) and its people's."""

    name: str
    currency: str
    standing: Standing
    people: tuple[PersonStanding, ...]  # best month attainment first; no quota last, by name

    def shows(self) -> bool:
        """Whether anything here is measured: a team quota or anyone's."""
        return bool(self.standing) or any(person.standing for person in self.people)

    def chart_attainment(self, today: date) -> Attainment | None:
        """What the digest's funnel chart draws: the team's month to date (its quarter's
        without a month quota), as of the post like the digest's lines, not of the week the
        chart covers."""
        att = self.standing.month or self.standing.quarter
        return replace(att, to_date=today) if att else None


@dataclass(frozen=True)
class HomeStanding:
    """The App Home's attainment: the caller's own, and a manager's teams'."""

    own: Standing
    teams: tuple[TeamStanding, ...] = ()  # the teams they manage that have a quota set
    teams_more: int = 0  # more such teams than shown
    manager: bool = False  # manages a team: told how to set quotas when none is


class _Measurer:
    """Measures bookings against quotas as of one moment: the quotas in force, the calendar
    and the period bounds read once."""

    def __init__(self, session: Session, workspace: Workspace, now: datetime) -> None:
        assert workspace.id is not None
        self.session, self.workspace, self.now = session, workspace, now
        self.tz = ZoneInfo(workspace.timezone)
        self.today = now.astimezone(self.tz).date()
        self.rows: list[Quota] = quotas.quotas_in_force(
            session, workspace_id=workspace.id, on=self.today
        )
        self.bounds = {kind: period_around(kind, self.today) for kind in PERIOD_KINDS}

    @cached_property
    def calendar(self) -> WorkCalendar:
        """The workspace's, read only when a quota is to be measured."""
        return calendar_of(self.session, self.workspace, around=self.today)

    def booked(self, kind: str, owner_ids: Sequence[int]) -> dict[int, int]:
        """Won value in the workspace currency, per owner, in the period so far (nothing is won
        after now; a deal won this very second counts)."""
        assert self.workspace.id is not None
        first, last = self.bounds[kind]
        return standings.won_value_per_owner(
            self.session,
            workspace_id=self.workspace.id,
            owner_ids=owner_ids,
            start=local_midnight(first, self.tz),
            end=local_midnight(last + timedelta(days=1), self.tz),
            currency=self.workspace.currency,
        )

    def standing(
        self,
        booked: dict[str, int],
        *,
        member_id: int | None = None,
        team_ids: Sequence[int] = (),
    ) -> Standing:
        measured: dict[str, Attainment] = {}
        for kind in PERIOD_KINDS:
            quota = quota_amount(self.rows, kind, member_id=member_id, team_ids=team_ids)
            if quota is None:
                continue
            first, last = self.bounds[kind]
            measured[kind] = measure(
                kind=kind,
                quota=quota,
                currency=self.workspace.currency,
                booked=booked[kind],
                first=first,
                last=last,
                today=self.today,
                calendar=self.calendar,
            )
        return Standing(measured.get("month"), measured.get("quarter"))

    def own(self, member_id: int) -> Standing:
        if not any(row.member_id == member_id for row in self.rows):
            return Standing()
        booked = {kind: self.booked(kind, [member_id]).get(member_id, 0) for kind in PERIOD_KINDS}
        return self.standing(booked, member_id=member_id)

    def team(self, team: Team) -> TeamStanding:
        assert team.id is not None and self.workspace.id is not None
        people = teams.team_people(self.session, team_ids=[team.id])
        owners = people.member_ids
        booked = {kind: self.booked(kind, owners) for kind in PERIOD_KINDS}
        totals = {kind: sum(booked[kind].values()) for kind in PERIOD_KINDS}
        members = queries.members_by_id(
            self.session, workspace_id=self.workspace.id, ids=list(owners)
        )
        rows = []
        for member_id in owners:
            member = members.get(member_id)
            if member is None:
                continue
            own = {kind: booked[kind].get(member_id, 0) for kind in PERIOD_KINDS}
            standing = self.standing(own, member_id=member_id)
            manager = member_id in people.manager_ids
            if manager and not standing and not own["month"]:
                continue  # a manager who does not sell this month
            rows.append(
                PersonStanding(
                    user_id=member.slack_user_id,
                    name=member.name or member.slack_user_id,
                    manager=manager,
                    booked_month=own["month"],
                    booked_quarter=own["quarter"],
                    standing=standing,
                )
            )
        return TeamStanding(
            name=team.name,
            currency=self.workspace.currency,
            standing=self.standing(totals, team_ids=[team.id]),
            people=tuple(sorted(rows, key=_table_order)),
        )


def _table_order(person: PersonStanding) -> tuple[bool, float, str, str]:
    """Best month attainment first (the quarter's when only that is set); no quota last; ties
    and the unmeasured by name."""
    att = person.standing.month or person.standing.quarter
    return (att is None, -(att.attainment if att else 0.0), person.name.casefold(), person.user_id)


def team_standing(
    session: Session, workspace: Workspace, team: Team, *, now: datetime
) -> TeamStanding | None:
    """A team's attainment as of ``now`` (the digest's), or None when no quota is set for it
    or any of its people."""
    found = _Measurer(session, workspace, now).team(team)
    return found if found.shows() else None


def home_standing(ctx: CommandContext) -> HomeStanding | None:
    """The caller's attainment as of now, and each team they manage: None when there is
    nothing to show a rep (no quota of theirs)."""
    measurer = _Measurer(ctx.session, ctx.workspace, ctx.now)
    own = measurer.own(ctx.member_id)
    managed = teams.managed_teams(
        ctx.session, workspace_id=ctx.workspace_id, manager_id=ctx.member_id
    )
    measured = [found for team in managed if (found := measurer.team(team)).shows()]
    if not own and not managed:
        return None
    return HomeStanding(
        own=own,
        teams=tuple(measured[:TEAMS_SHOWN]),
        teams_more=max(0, len(measured) - TEAMS_SHOWN),
        manager=bool(managed),
    )
