"""Replaying the demo's story through the commands, each event at its own time, in one unit
of work: the demo is there whole or not at all.

Forecasts go through the modal's own submission (``commands.forecasts.form``), and each ended
month's results are kept when the story reaches the next month, as the daily upkeep keeps them
(``commands.posts.forecast_results``), so forecast accuracy has a history."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.context import member_context
from commands.deals.bant import submit_bant
from commands.demo.cast import DEMO_NAME, DEMO_TEAM_ID, HEAD, TEAMS, Person
from commands.demo.story import NOT_A_DEAL, Event, story
from commands.dispatch import execute
from commands.errors import CommandError
from commands.forecasts.form import submit_forecast
from commands.forecasts.periods import period_containing
from commands.posts.forecast_results import keep_ended_results
from commands.replies import Notice
from storage import exports, queries, teams
from storage.models import Member, Workspace
from storage.workspaces import erase_workspace

TIMEZONE = "Asia/Jakarta"
CALLS_A_DAY = 2


@dataclass(frozen=True)
class DemoSummary:
    """What ``corong demo`` made."""

    team_id: str
    teams: int
    reps: int
    deals: Counter[str]  # by status
    calls: int


def build_demo(session: Session, *, now: datetime) -> DemoSummary:
    """Erase the demo workspace if it exists and build it again, as of ``now``."""
    erase_workspace(session, slack_team_id=DEMO_TEAM_ID)
    workspace = queries.get_or_create_workspace(session, slack_team_id=DEMO_TEAM_ID)
    workspace.name, workspace.timezone = DEMO_NAME, TIMEZONE
    session.flush()
    members = _people(session, workspace, now)
    _teams(session, workspace, members)
    events = story(now, ZoneInfo(TIMEZONE))
    # Field reps here make a few calls a day, not the default ten: the report's target says so.
    head = member_context(session, workspace, members[HEAD.user_id], now=events[0].at)
    execute(head, "/sales", f"targets calls:{CALLS_A_DAY}")
    refs: dict[int, str] = {}
    tally: Counter[str] = Counter()
    month = events[0].at.astimezone(ZoneInfo(TIMEZONE)).month
    for event in events:
        if event.at.astimezone(ZoneInfo(TIMEZONE)).month != month:  # a month ended: upkeep
            keep_ended_results(session, workspace, event.at)
            month = event.at.astimezone(ZoneInfo(TIMEZONE)).month
        if _replay(session, workspace, members[event.rep.user_id], event, refs):
            tally[event.command] += 1
    keep_ended_results(session, workspace, now)
    everything = exports.deals(
        session, workspace_id=workspace.id or 0, owner_ids=None, created_from=None, created_to=None
    )
    deals = Counter(deal.status for deal, _ in everything)
    return DemoSummary(
        team_id=DEMO_TEAM_ID,
        teams=len(TEAMS),
        reps=sum(len(team.reps) for team in TEAMS),
        deals=deals,
        calls=tally["/call"],
    )


def _people(session: Session, workspace: Workspace, now: datetime) -> dict[str, Member]:
    assert workspace.id is not None
    people: list[Person] = [HEAD]
    for team in TEAMS:
        people += [team.manager, *team.reps]
    members = {}
    for person in people:
        member = queries.get_or_create_member(
            session, workspace_id=workspace.id, slack_user_id=person.user_id, name=person.name
        )
        member.locale, member.timezone = person.locale, TIMEZONE
        member.is_admin = person is HEAD
        member.profile_fetched_at = now
        members[person.user_id] = member
    session.flush()
    return members


def _teams(session: Session, workspace: Workspace, members: dict[str, Member]) -> None:
    assert workspace.id is not None
    for demo in TEAMS:
        team = teams.create_team(session, workspace_id=workspace.id, name=demo.name)
        team.channel_id = demo.channel_id
        for rep in demo.reps:
            teams.add_to_team(session, team=team, member_id=members[rep.user_id].id or 0)
        for manager in (demo.manager, HEAD):
            teams.add_to_team(
                session, team=team, member_id=members[manager.user_id].id or 0, role=teams.MANAGER
            )


def _replay(
    session: Session, workspace: Workspace, member: Member, event: Event, refs: dict[int, str]
) -> bool:
    """Run one event as its rep, at its time; False if the command refused it (the story may
    ask for a move a rule forbids: the demo then shows what the rule left)."""
    ctx = member_context(session, workspace, member, now=event.at.astimezone(ZoneInfo("UTC")))
    try:
        if event.command == "/forecast":
            commit, best_case, *note = event.text.split(" ", 2)
            period = period_containing("month", event.at.astimezone(ZoneInfo(TIMEZONE)).date())
            values = {"commit": commit, "best_case": best_case, "note": note[0] if note else None}
            submit_forecast(ctx, values, period.kind, period.first.isoformat())
            return True
        if event.deal == NOT_A_DEAL:
            execute(ctx, event.command, event.text)
            return True
        if event.command == "/bant":
            ref = refs[event.deal]
            deal = queries.deal_by_number(
                session, workspace_id=ctx.workspace_id, number=int(ref.removeprefix("D-"))
            )
            if deal is None:
                return False
            budget, authority, need, timeline = event.text.split()
            submit_bant(
                ctx,
                deal.id,
                {"budget": budget, "authority": authority, "need": need, "timeline": timeline},
            )
            return True
        if event.deal not in refs and not event.text.startswith("add "):
            return False
        reply = execute(ctx, event.command, event.text.format(ref=refs.get(event.deal, "")))
    except CommandError:
        return False
    if isinstance(reply, Notice) and event.text.startswith("add "):
        refs[event.deal] = str(reply.params["ref"])
    return True
