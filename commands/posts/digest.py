"""The weekly digest in a team channel: the team's funnel report for the week it covers.

It is exactly what ``/funnel team <name>`` shows for that week: the same report request
(``commands.reports.request.funnel_report_for``, in the workspace's time zone, the workspace's
report settings) and the same scope a named team resolves to.

Which week: a digest due on or after the team's last work day of the week (a Friday 16:00
digest) covers that week, Monday to Sunday; one due earlier (Monday 08:00) covers the week
before. The post names it. A digest due on a holiday goes out on the next work day, covers the
week it was due for, and says it moved. It names who of the team was away in the week it
covers or will be in the week ahead (their time off), and the reps not acting on their nudges
(who get a weekly summary instead): their manager reads it there rather than being pinged.

Attainment against quota (``commands.reports.standings``) is the month and quarter to date as
of the post, whichever week the digest covers; its chart draws the same. A team that turned
its leaderboard on gets the covered week's (``commands.reports.leaderboard``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.forecasts.rollup import build_rollup
from commands.localtime import DateRange
from commands.posts.forecast import ForecastSetting
from commands.posts.prefs import NudgePrefs
from commands.posts.replies import AwayNote, Digest, MovedFrom
from commands.reports.leaderboard import build_leaderboard
from commands.reports.policy import ReportPolicy, calendar_of
from commands.reports.replies import FunnelView
from commands.reports.request import funnel_report_for
from commands.reports.scopes import ReportScope
from commands.reports.standings import team_standing
from commands.reports.winloss import WinLoss, month_before, win_loss_of_month
from storage import queries, teams, timeoff
from storage.models import Team, Workspace

# How far past the digest's day its "away" line looks: the week the team is about to work.
AWAY_AHEAD = timedelta(days=6)


def build_digest(
    session: Session,
    workspace: Workspace,
    team: Team,
    *,
    now: datetime,
    due_day: date | None = None,
) -> Digest:
    """The digest of ``team`` posted at ``now`` for the digest due on ``due_day`` (default:
    the last digest day up to today): the funnel report of the week it covers, for its reps and
    its managers (their own deals and calls, shown as the managers')."""
    assert workspace.id is not None and team.id is not None
    today = now.astimezone(ZoneInfo(workspace.timezone)).date()
    due = due_day or today - timedelta(days=(today.weekday() - team.digest_weekday) % 7)
    covered = covered_week(due, ReportPolicy.from_workspace(workspace).work_days)
    people = teams.team_people(session, team_ids=[team.id])
    owner_ids = people.member_ids
    report = funnel_report_for(
        session,
        workspace,
        owner_ids=owner_ids,
        manager_ids=people.manager_ids,
        period=covered,
        now=now,
    )
    member_ids = sorted({row.member_id for row in report.activity.calls})
    members = queries.members_by_id(session, workspace_id=workspace.id, ids=member_ids)
    standing = team_standing(session, workspace, team, now=now)
    view = FunnelView(
        report=report,
        scope=ReportScope(
            "team", owner_ids, team_names=(team.name,), manager_ids=people.manager_ids
        ),
        period=covered,
        user_ids={mid: member.slack_user_id for mid, member in members.items()},
        currency=workspace.currency,
        tz_name=workspace.timezone,
        attainment=standing.chart_attainment(today) if standing else None,
    )
    return Digest(
        team_name=team.name,
        funnel=view,
        moved_from=_moved_from(session, workspace, team, due, today),
        away=_away(session, workspace.id, owner_ids, covered.first, today + AWAY_AHEAD),
        not_acting=_not_acting(session, workspace.id, people.rep_ids, now),
        attainment=standing,
        leaderboard=build_leaderboard(session, workspace, team, week=covered, now=now),
        win_loss=_monthly_win_loss(session, workspace, owner_ids, due),
        forecast=build_rollup(session, workspace, team, now=now)
        if ForecastSetting.of(team).on  # a team with its forecast call off has no roll-up
        else None,
    )


def _monthly_win_loss(
    session: Session, workspace: Workspace, owner_ids: Sequence[int], due: date
) -> WinLoss | None:
    """Last month's win/loss, in the monthly edition: the first digest due in a month (due on
    day 1 to 7, as digests come weekly), whichever week it covers. Last month has ended by
    then, whatever the digest's day; a digest moved by a holiday keeps the day it was due."""
    if not is_monthly_edition(due):
        return None
    first, last = month_before(due)
    return win_loss_of_month(session, workspace, owner_ids=owner_ids, first=first, last=last)


def is_monthly_edition(due: date) -> bool:
    """Whether the digest due on ``due`` is the month's first."""
    return due.day <= 7


def _not_acting(
    session: Session, workspace_id: int, rep_ids: Sequence[int], now: datetime
) -> tuple[str, ...]:
    """The team's reps who stopped acting on their nudges and get a weekly summary instead
    (``commands.posts.prefs``), read off their member rows in one statement: their manager
    learns it here, not from a ping."""
    members = queries.members_by_id(session, workspace_id=workspace_id, ids=list(rep_ids))
    return tuple(
        sorted(
            member.slack_user_id
            for member in members.values()
            if NudgePrefs.of(member, at=now).not_acting
        )
    )


def _away(
    session: Session, workspace_id: int, member_ids: Sequence[int], first: date, last: date
) -> tuple[AwayNote, ...]:
    """The team's time off with a day from ``first`` to ``last``: who was away in the week the
    digest covers, and who will be in the days ahead, soonest first."""
    rows = timeoff.time_off_between(
        session, workspace_id=workspace_id, start=first, end=last, member_ids=member_ids
    )
    members = queries.members_by_id(
        session, workspace_id=workspace_id, ids=sorted({row.member_id for row in rows})
    )
    notes = [
        AwayNote(members[row.member_id].slack_user_id, row.first_day, row.last_day, row.note)
        for row in rows
        if row.member_id in members
    ]
    return tuple(sorted(notes, key=lambda note: (note.first, note.last, note.user_id)))


def covered_week(due: date, work_days: tuple[int, ...]) -> DateRange:
    """The week a digest due on ``due`` reports: its own week when it is due on or after the
    week's last work day, else the week before; Monday to Sunday."""
    monday = due - timedelta(days=due.weekday())
    if not work_days or due.weekday() < max(work_days):
        monday -= timedelta(days=7)
    return DateRange(monday, monday + timedelta(days=6))


def _moved_from(
    session: Session, workspace: Workspace, team: Team, due: date, today: date
) -> MovedFrom | None:
    """The day off the digest was due on, when it goes out later because of it."""
    if today <= due:
        return None
    calendar = calendar_of(session, workspace, around=due, team=team, lang=workspace.language)
    off = calendar.day_off(due)
    if off is None or off.kind == "weekend":
        return None
    return MovedFrom(due, off.name)
