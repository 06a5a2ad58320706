"""The weekly digest in a team channel: the team's funnel report for the week just ended.

It is exactly what ``/funnel team <name> last week`` shows: the same report request
(``commands.reports.request.funnel_report_for``, "last week" in the workspace's time zone, the
workspace's report settings) and the same scope a named team resolves to.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from commands.posts.replies import Digest
from commands.reports.replies import FunnelView
from commands.reports.request import funnel_report_for
from commands.reports.scopes import ReportScope
from storage import queries, teams
from storage.models import Team, Workspace


def build_digest(session: Session, workspace: Workspace, team: Team, *, now: datetime) -> Digest:
    """The digest of ``team`` posted at ``now``: last week's funnel report of its reps."""
    assert workspace.id is not None
    owner_ids = tuple(teams.team_rep_ids(session, team=team))
    report = funnel_report_for(session, workspace, owner_ids=owner_ids, period="last_week", now=now)
    member_ids = sorted({row.member_id for row in report.activity.calls})
    members = queries.members_by_id(session, workspace_id=workspace.id, ids=member_ids)
    view = FunnelView(
        report=report,
        scope=ReportScope("team", owner_ids, team_names=(team.name,)),
        period="last_week",
        user_ids={mid: member.slack_user_id for mid, member in members.items()},
        currency=workspace.currency,
        tz_name=workspace.timezone,
    )
    return Digest(team_name=team.name, funnel=view)
