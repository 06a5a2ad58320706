"""The work calendar of a workspace or one of its teams, read from the database."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlmodel import Session

from commands.calendar.workdays import WorkCalendar
from storage import calendar
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
