"""The work calendar of a workspace or one of its teams, and its members' time off, read from
the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, timedelta

from sqlmodel import Session

from commands.calendar.workdays import Away, WorkCalendar
from storage import calendar, timeoff
from storage.models import Team, Workspace

# The company's own days are few; a window this wide around today holds every one that matters.
_SPAN = 400


def work_calendar(
    session: Session,
    workspace: Workspace,
    *,
    around: date,
    work_weekdays: Collection[int],
    team: Team | None = None,
    lang: str = "en",
) -> WorkCalendar:
    """The calendar ``team`` (or, without one, the workspace) works by near ``around``: its
    weekly work days (the report settings' ``work_days``), the team's or workspace's country,
    the company's own days."""
    assert workspace.id is not None
    rows = calendar.company_days(
        session,
        workspace_id=workspace.id,
        start=date.fromordinal(around.toordinal() - _SPAN),
        end=date.fromordinal(around.toordinal() + _SPAN),
    )
    country = (team.holiday_country if team is not None else None) or workspace.holiday_country
    return WorkCalendar(
        work_weekdays=frozenset(work_weekdays),
        country=country,
        lang=lang,
        own_days={row.day: (row.name, row.works) for row in rows},
    )


def time_off(
    session: Session,
    workspace_id: int,
    *,
    start: date,
    end: date,
    member_ids: Collection[int] | None = None,
) -> dict[int, tuple[Away, ...]]:
    """Each member's time off with a day in ``[start, end]`` (of ``member_ids`` only, when
    given), soonest first, in one query: what ``WorkCalendar.with_away`` takes."""
    found: dict[int, list[Away]] = defaultdict(list)
    for row in timeoff.time_off_between(
        session, workspace_id=workspace_id, start=start, end=end, member_ids=member_ids
    ):
        found[row.member_id].append(Away(row.first_day, row.last_day, row.note))
    return {member_id: tuple(periods) for member_id, periods in found.items()}


def time_off_reaching(
    session: Session,
    workspace_id: int,
    *,
    today: date,
    member_ids: Collection[int] | None = None,
) -> dict[int, tuple[Away, ...]]:
    """The time off that may move a "days" rule as of ``today``: every day off a stale, stuck
    or overdue count can reach back over (as far as the company's own days are read)."""
    return time_off(
        session,
        workspace_id,
        start=today - timedelta(days=_SPAN),
        end=today,
        member_ids=member_ids,
    )
