"""Asking for a funnel report: which workspace, whose deals, which period, with which settings.

The glue between a request (the ``corong report`` command, the shell, ``/funnel``) and
``build_funnel_report``: it finds the workspace, turns a team or a rep into owner ids, a period
name into bounds in the workspace's time zone, and applies the workspace's report settings, so
every surface builds the very same report from the same words.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.calendar.lookup import time_off_reaching
from commands.errors import NotFound, UsageError
from commands.localtime import Period, PeriodKind, period_bounds
from commands.pipelines import pipeline_for
from commands.reports.format import ReportMember, display_names
from commands.reports.metrics import FunnelReport, build_funnel_report
from commands.reports.periods import date_range
from commands.reports.policy import ReportPolicy, calendar_of
from storage import queries, teams
from storage.models import Member, Workspace
from storage.workspaces import list_workspaces

# The period names a terminal user types, and the engine's name for each.
PERIODS: dict[str, PeriodKind] = {
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "last-week": "last_week",
    "last-month": "last_month",
    "last-quarter": "last_quarter",
    "last-year": "last_year",
}
DEFAULT_PERIOD = "week"


def requested_period(name: str | None, first: str | None, last: str | None) -> Period:
    """The period a terminal request names: ``--period NAME`` (this week when none), or the
    days ``--from FIRST --to LAST``, both included. The two ways exclude each other, and a
    range needs both ends: a half-given request is refused rather than guessed."""
    if first is None and last is None:
        return PERIODS[name or DEFAULT_PERIOD]
    if name is not None:
        raise UsageError("report.range_or_period")
    if first is None or last is None:
        raise UsageError("report.range_needs_both")
    return date_range(first, last)


@dataclass(frozen=True)
class ReportSubject:
    """Whose deals a report covers (``owner_ids``, None for the whole workspace) and the name a
    title gives them (a team's name, a rep's name, or None for the workspace); a team's
    ``manager_ids`` (None: decided by role, ``funnel_report_for``)."""

    owner_ids: tuple[int, ...] | None
    team: str | None = None
    rep: str | None = None
    manager_ids: tuple[int, ...] | None = None


def find_report_workspace(session: Session, slack_team_id: str | None) -> Workspace:
    """The workspace a terminal report is about: the one named, or the database's only one (a
    database usually serves one Slack workspace, so the operator should not have to say)."""
    if slack_team_id:
        found = queries.find_workspace(session, slack_team_id=slack_team_id)
        if found is not None:
            return found
    known = list_workspaces(session)
    names = ", ".join(w.slack_team_id for w in known)
    if slack_team_id:
        raise NotFound("report.unknown_workspace", workspace=slack_team_id, workspaces=names or "-")
    if not known:
        raise NotFound("report.no_workspace")
    if len(known) > 1:
        raise UsageError("report.several_workspaces", workspaces=names)
    return known[0]


def report_scope(
    session: Session, workspace: Workspace, *, team: str | None = None, rep: str | None = None
) -> ReportSubject:
    """The deals of a team's reps and managers, of one rep (by Slack user id), or of the whole
    workspace."""
    assert workspace.id is not None
    if team:
        found = teams.team_by_name(session, workspace_id=workspace.id, name=team)
        if found is None:
            known = teams.list_teams(session, workspace_id=workspace.id)
            if not known:
                raise NotFound("report.no_teams", team=team)
            raise NotFound("report.unknown_team", team=team, teams=", ".join(t.name for t in known))
        assert found.id is not None
        people = teams.team_people(session, team_ids=[found.id])
        return ReportSubject(people.member_ids, team=found.name, manager_ids=people.manager_ids)
    if rep:
        member = find_rep(session, workspace.id, rep)
        assert member.id is not None
        return ReportSubject((member.id,), rep=member.name or member.slack_user_id)
    return ReportSubject(None)


def find_rep(session: Session, workspace_id: int, rep: str) -> Member:
    """The member an operator names with ``--rep``: a Slack user id, or a name when only one
    member has it."""
    member = queries.find_member(session, workspace_id=workspace_id, slack_user_id=rep)
    if member is not None:
        return member
    named = queries.members_named(session, workspace_id=workspace_id, name=rep)
    if len(named) == 1:
        return named[0]
    if named:
        raise NotFound(
            "report.rep_ambiguous", rep=rep, users=", ".join(m.slack_user_id for m in named)
        )
    raise NotFound("report.unknown_rep", rep=rep)


def funnel_report_for(
    session: Session,
    workspace: Workspace,
    *,
    owner_ids: Sequence[int] | None,
    period: Period,
    now: datetime,
    manager_ids: Collection[int] | None = None,
) -> FunnelReport:
    """The funnel report every surface shows: ``period`` in the workspace's time zone, its
    pipeline, and the report settings its admin chose (``ReportPolicy``).

    ``manager_ids`` are the managers among the people it covers: a team report's are the
    team's (``teams.team_people``); otherwise (None) they are whoever manages a team and is
    a rep of none, so a manager's own calls are never counted as a rep's."""
    assert workspace.id is not None
    if manager_ids is None:
        manager_ids = teams.managers_not_reps(session, workspace_id=workspace.id, among=owner_ids)
    tz = ZoneInfo(workspace.timezone)
    start, end = period_bounds(period, now, tz)
    pipeline = pipeline_for(workspace.pipeline, workspace.custom_stages)
    policy = ReportPolicy.from_workspace(workspace)
    today = now.astimezone(tz).date()
    calendar = calendar_of(session, workspace, around=today)
    away = time_off_reaching(session, workspace.id, today=today, member_ids=owner_ids)
    return build_funnel_report(
        session,
        workspace=workspace,
        calendar=calendar,
        away=away,
        pipeline=pipeline,
        period_start=start,
        period_end=end,
        now=now,
        owner_ids=owner_ids,
        manager_ids=manager_ids,
        **policy.engine_kwargs(pipeline),
    )


def report_members(session: Session, report: FunnelReport) -> dict[int, ReportMember]:
    """Everyone a report mentions (the reps it is about, reps with calls, owners of listed
    deals), by member id, with their Slack user id and name: what renderers and the JSON show
    instead of bare ids."""
    hygiene = report.hygiene
    ids = {row.member_id for row in report.activity.calls} | set(report.owner_ids or ())
    for sample in (
        hygiene.stale,
        hygiene.overdue,
        hygiene.stuck,
        hygiene.uncontacted,
        hygiene.missing_bant,
    ):
        ids |= {deal.owner_id for deal in sample.deals}
    members = queries.members_by_id(session, workspace_id=report.workspace_id, ids=sorted(ids))
    return {
        mid: ReportMember(mid, member.slack_user_id, member.name or member.slack_user_id)
        for mid, member in members.items()
    }


def member_names(session: Session, report: FunnelReport) -> dict[int, str]:
    """Display names of everyone a report mentions, by member id (``report_members``)."""
    return display_names(report_members(session, report))
