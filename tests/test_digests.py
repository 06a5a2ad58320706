"""The weekly digest is ``/funnel team <name> last week``, on SQLite and PostgreSQL.

The history is ``tests.report_history``'s, for the week of Monday 2026-11-16 in Jakarta; team
Jakarta holds Ayu alone. The digest goes out on the Monday after, at 08:00 Jakarta time. For
Ayu's deals that week: D-1 won for Rp 50.000.000 after 3 days (a call an hour after it was
added), nothing lost; the week before D-5 was won for Rp 25.000.000, so growth is +100%; D-3,
added on Wednesday, was never called.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from commands.context import Invocation, open_context
from commands.grammar import tokenize
from commands.localtime import DateRange
from commands.posts.digest import build_digest
from commands.replies import Money
from commands.reports.funnel import run_funnel
from commands.reports.metrics import RepCalls
from storage import teams
from storage.db import unit_of_work
from tests.report_history import JAKARTA, JT, write_history

WEEK = date(2026, 11, 16)
POSTED = datetime(2026, 11, 23, 8, 0, tzinfo=JAKARTA).astimezone(UTC)


def test_the_digest_is_what_funnel_team_last_week_shows(engine: Engine) -> None:
    history = write_history(engine, WEEK)
    assert history.workspace.id is not None
    with unit_of_work(engine) as session:
        team = teams.team_by_name(session, workspace_id=history.workspace.id, name="jakarta")
        assert team is not None
        team.timezone = "America/New_York"  # the team's schedule zone: weeks stay the workspace's
        digest = build_digest(session, history.workspace, team, now=POSTED)
        ctx = open_context(session, Invocation("T0REPORT", "U0AYU", POSTED))
        ctx.member.is_admin = True  # team reports are for managers and admins
        asked = run_funnel(ctx, tokenize("last week team Jakarta"))

    assert digest.team_name == "Jakarta"
    # A Monday digest covers the week before: the very report /funnel shows for last week.
    assert digest.funnel == replace(asked, period=DateRange(WEEK, date(2026, 11, 22)))
    view = digest.funnel
    assert view.scope.kind == "team" and view.scope.team_names == ("Jakarta",)
    assert view.scope.owner_ids == (history.members["ayu"],)
    report = view.report
    assert report.period_start == datetime(2026, 11, 16, tzinfo=JAKARTA)
    assert report.period_end == datetime(2026, 11, 23, tzinfo=JAKARTA)
    assert report.outcomes.won_count == 1 and report.outcomes.lost_count == 0
    assert report.outcomes.won_value == (Money(50 * JT, "IDR"),)
    assert report.outcomes.previous_won_value == 25 * JT
    assert report.outcomes.growth == 1.0
    assert report.activity.calls == (RepCalls(history.members["ayu"], 1),)
    assert view.user_ids == {history.members["ayu"]: "U0AYU"}
    assert [deal.ref for deal in report.hygiene.uncontacted.deals] == ["D-3"]


def test_a_digest_due_on_the_weeks_last_work_day_covers_that_week(engine: Engine) -> None:
    history = write_history(engine, WEEK)
    assert history.workspace.id is not None
    friday = datetime(2026, 11, 20, 16, 0, tzinfo=JAKARTA).astimezone(UTC)
    with unit_of_work(engine) as session:
        team = teams.team_by_name(session, workspace_id=history.workspace.id, name="jakarta")
        assert team is not None
        team.digest_weekday, team.digest_time = 4, "16:00"
        digest = build_digest(session, history.workspace, team, now=friday)
    # Friday 16:00: Monday 16 to Sunday 22 November, the week the team just worked.
    assert digest.funnel.period == DateRange(WEEK, date(2026, 11, 22))
    assert digest.funnel.report.period_start == datetime(2026, 11, 16, tzinfo=JAKARTA)
    assert digest.moved_from is None


def test_a_team_without_reps_gets_an_empty_digest_like_funnel_would_show(engine: Engine) -> None:
    history = write_history(engine, WEEK, team=None)
    assert history.workspace.id is not None
    with unit_of_work(engine) as session:
        empty = teams.create_team(session, workspace_id=history.workspace.id, name="Nobody")
        digest = build_digest(session, history.workspace, empty, now=POSTED)
        ctx = open_context(session, Invocation("T0REPORT", "U0AYU", POSTED))
        ctx.member.is_admin = True
        asked = run_funnel(ctx, tokenize("last week team Nobody"))

    assert digest.funnel == replace(asked, period=DateRange(WEEK, date(2026, 11, 22)))
    assert digest.funnel.scope.owner_ids == ()
    assert digest.funnel.report.outcomes.won_count == 0
    assert digest.funnel.report.activity.calls == ()
