"""A small sales history for the report renderers' tests, anchored on any report week.

The workspace is in Jakarta. ``week`` is the Monday of the week the report covers ("the week");
times below are Jakarta times relative to it (day 0 = Monday):

 deal own value  created            moves                          activities
 D-1  ayu  50jt  day 0 09:00        prospect day 1, won day 3      call ayu day 0 10:00
 D-2  budi 20jt  day 1 09:00        lost day 4                     call budi day 2 09:00
 D-3  ayu  30jt  day 2 09:00        - (open lead)                  -
 D-4  budi 40jt  120 days before    prospect the day after (open); -
                                    next step due day 4
 D-5  ayu  25jt  day -7 09:00       won day -4 (the week before)   -

So the week books 1 deal won for Rp 50.000.000 against Rp 25.000.000 the week before (growth
+100%), 1 lost (win rate 50%), a 3-day sales cycle, and lead responses of 1 h and 24 h (median
12.5 h), with D-3 never contacted. Seen from the Wednesday after the week, D-4 is stale and its
next step overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session

from storage.db import unit_of_work
from storage.models import Activity, Deal, Member, StageChange, Workspace
from storage.stays import fill_stay_starts
from storage.teams import add_to_team, create_team

JAKARTA = ZoneInfo("Asia/Jakarta")
JT = 1_000_000


@dataclass
class ReportHistory:
    """What a test needs to find the history again."""

    workspace: Workspace
    members: dict[str, int] = field(default_factory=dict)


def last_monday(now: datetime) -> date:
    """The Monday of the week before the one ``now`` falls in (in Jakarta)."""
    today = now.astimezone(JAKARTA).date()
    return today - timedelta(days=today.weekday() + 7)


def seen_from(week: date) -> datetime:
    """The Wednesday 06:00 after ``week``: when a "last week" report of it is read."""
    return _at(week, 9, 6)


def _at(week: date, day: int, hour: int) -> datetime:
    return datetime.combine(week + timedelta(days=day), time(hour), tzinfo=JAKARTA).astimezone(UTC)


def write_history(
    engine: Engine, week: date, *, team_id: str = "T0REPORT", team: str | None = "Jakarta"
) -> ReportHistory:
    """Write the history above into a fresh workspace; ``team`` (if given) holds ayu alone."""
    with unit_of_work(engine) as session:
        workspace = Workspace(slack_team_id=team_id, timezone="Asia/Jakarta", currency="IDR")
        session.add(workspace)
        session.flush()
        assert workspace.id is not None
        history = ReportHistory(workspace)
        for key, name in (("ayu", "ayu"), ("budi", "budi")):
            member = Member(workspace_id=workspace.id, slack_user_id=f"U0{name.upper()}", name=name)
            session.add(member)
            session.flush()
            assert member.id is not None
            history.members[key] = member.id

        deal = partial(_deal, session, history)
        won = [("prospect", _at(week, 1, 9)), ("won", _at(week, 3, 9))]
        d1 = deal(1, "ayu", 50 * JT, _at(week, 0, 9), won)
        _call(session, history, d1, "ayu", _at(week, 0, 10))
        d2 = deal(2, "budi", 20 * JT, _at(week, 1, 9), [("lost", _at(week, 4, 9))])
        _call(session, history, d2, "budi", _at(week, 2, 9))
        deal(3, "ayu", 30 * JT, _at(week, 2, 9), [])
        old = [("prospect", _at(week, -119, 9))]
        deal(4, "budi", 40 * JT, _at(week, -120, 9), old, next_step_due=week + timedelta(days=4))
        deal(5, "ayu", 25 * JT, _at(week, -7, 9), [("won", _at(week, -4, 9))])
        if team:
            created = create_team(session, workspace_id=workspace.id, name=team)
            add_to_team(session, team=created, member_id=history.members["ayu"])
    with engine.begin() as connection:  # moves written directly: fill their stay starts
        fill_stay_starts(connection)
    return history


def _deal(
    session: Session,
    history: ReportHistory,
    number: int,
    owner: str,
    value: int,
    created: datetime,
    moves: list[tuple[str, datetime]],
    *,
    next_step_due: date | None = None,
) -> Deal:
    """A deal created in ``lead`` that then made ``moves``, with its stage changes."""
    assert history.workspace.id is not None
    path = [("lead", created), *moves]
    stage, entered = path[-1]
    status = stage if stage in ("won", "lost") else "open"
    deal = Deal(
        workspace_id=history.workspace.id,
        number=number,
        name=f"Deal {number}",
        name_key=f"deal {number}",
        stage=stage,
        status=status,
        value=value,
        currency="IDR",
        owner_id=history.members[owner],
        next_step="follow up" if next_step_due else None,
        next_step_due=next_step_due,
        created_at=created,
        updated_at=entered,
        stage_entered_at=entered,
        closed_at=entered if status != "open" else None,
    )
    session.add(deal)
    session.flush()
    assert deal.id is not None
    previous = None
    for to_stage, at in path:
        session.add(
            StageChange(
                workspace_id=history.workspace.id,
                deal_id=deal.id,
                member_id=history.members[owner],
                from_stage=previous,
                to_stage=to_stage,
                changed_at=at,
            )
        )
        previous = to_stage
    return deal


def _call(session: Session, history: ReportHistory, deal: Deal, who: str, at: datetime) -> None:
    assert history.workspace.id is not None and deal.id is not None
    session.add(
        Activity(
            workspace_id=history.workspace.id,
            deal_id=deal.id,
            member_id=history.members[who],
            kind="call",
            occurred_at=at,
            outcome="connected",
        )
    )
    deal.last_activity_at = at
