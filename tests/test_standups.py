"""The standup post, on SQLite and PostgreSQL.

The workspace is in Jakarta (UTC+7) but team "Growth" works from New York (UTC-5 in November),
so its day edges are New York midnights. The standup is built on Tuesday 2026-11-24 at 13:00 in
New York (18:00 UTC, already Wednesday 01:00 in Jakarta): its "today" is Tuesday Nov 24 and the
previous work day Monday Nov 23, from 05:00 UTC on Nov 23 to 05:00 UTC on Nov 24.

Reps: Ayu, Budi and Citra; Mira manages the team (no line of her own); Dewi is in no team.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from commands.posts.replies import StageMove
from commands.posts.standup import MOVES_SHOWN, PLAN_SHOWN, build_standup
from storage import teams
from storage.db import unit_of_work
from storage.models import Activity, Deal, Member, StageChange, Team, Workspace

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 13, 0, tzinfo=NEW_YORK).astimezone(UTC)  # Tuesday
TODAY = date(2026, 11, 24)
MONDAY_START = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 00:00 in New York
MONDAY_END = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
JT = 1_000_000


@dataclass
class Office:
    """A workspace with one team and shorthands for deals, calls and moves."""

    session: Session
    workspace: Workspace
    team: Team
    members: dict[str, int] = field(default_factory=dict)
    deals: int = 0

    @classmethod
    def create(cls, session: Session) -> Office:
        workspace = Workspace(slack_team_id="T0STANDUP", timezone="Asia/Jakarta")
        session.add(workspace)
        session.flush()
        assert workspace.id is not None
        team = teams.create_team(session, workspace_id=workspace.id, name="Growth")
        team.timezone = "America/New_York"
        office = cls(session, workspace, team)
        # Created out of name order: the standup lists reps by name all the same.
        for name, role in (
            ("citra", teams.REP),
            ("mira", teams.MANAGER),
            ("ayu", teams.REP),
            ("dewi", None),
            ("Budi", teams.REP),
        ):
            member = Member(workspace_id=workspace.id, slack_user_id=f"U0{name.upper()}", name=name)
            session.add(member)
            session.flush()
            assert member.id is not None
            office.members[name.casefold()] = member.id
            if role:
                teams.add_to_team(session, team=team, member_id=member.id, role=role)
        return office

    def deal(
        self,
        owner: str,
        *,
        due: date | None = None,
        status: str = "open",
        deleted: bool = False,
        created: datetime | None = None,
    ) -> Deal:
        assert self.workspace.id is not None
        self.deals += 1
        created = created or NOW - timedelta(days=30)
        deal = Deal(
            workspace_id=self.workspace.id,
            number=self.deals,
            name=f"Deal {self.deals}",
            name_key=f"deal {self.deals}",
            stage="lead" if status == "open" else status,
            status=status,
            value=10 * JT,
            currency="IDR",
            owner_id=self.members[owner],
            next_step="call back" if due else None,
            next_step_due=due,
            created_at=created,
            updated_at=created,
            stage_entered_at=created,
            deleted_at=NOW if deleted else None,
        )
        self.session.add(deal)
        self.session.flush()
        return deal

    def call(self, deal: Deal, at: datetime, *, who: str | None = None) -> None:
        assert self.workspace.id is not None and deal.id is not None
        self.session.add(
            Activity(
                workspace_id=self.workspace.id,
                deal_id=deal.id,
                member_id=self.members[who] if who else deal.owner_id,
                kind="call",
                occurred_at=at,
            )
        )
        self.session.flush()

    def move(
        self,
        deal: Deal,
        from_stage: str | None,
        to_stage: str,
        at: datetime,
        *,
        reverted: bool = False,
        by: str | None = None,
    ) -> None:
        assert self.workspace.id is not None and deal.id is not None
        self.session.add(
            StageChange(
                workspace_id=self.workspace.id,
                deal_id=deal.id,
                member_id=self.members[by] if by else deal.owner_id,
                from_stage=from_stage,
                to_stage=to_stage,
                changed_at=at,
                reverted_at=at + timedelta(minutes=5) if reverted else None,
            )
        )
        self.session.flush()


@pytest.fixture
def office(engine: Engine) -> Iterator[Office]:
    with unit_of_work(engine) as session:
        yield Office.create(session)


def test_each_rep_gets_todays_plan_most_overdue_first(office: Office) -> None:
    office.deal("ayu", due=TODAY)  # D-1
    office.deal("ayu", due=TODAY - timedelta(days=3))  # D-2
    office.deal("ayu", due=TODAY + timedelta(days=1))  # D-3: tomorrow (already today in Jakarta)
    office.deal("ayu", due=TODAY - timedelta(days=1))  # D-4
    office.deal("ayu", due=TODAY - timedelta(days=5), status="won")  # D-5: closed
    office.deal("ayu", due=TODAY - timedelta(days=5), deleted=True)  # D-6: deleted
    office.deal("ayu")  # D-7: no next step
    office.deal("dewi", due=TODAY)  # D-8: not in the team
    for days in range(7):  # D-9 .. D-15: Citra has more than fit
        office.deal("citra", due=TODAY - timedelta(days=days))

    standup = build_standup(office.session, office.workspace, office.team, now=NOW)

    assert standup is not None
    assert (standup.team_name, standup.day, standup.since) == ("Growth", TODAY, date(2026, 11, 23))
    assert [rep.user_id for rep in standup.reps] == ["U0AYU", "U0BUDI", "U0CITRA"]
    ayu, budi, citra = standup.reps
    assert [deal.ref for deal in ayu.plan] == ["D-2", "D-4", "D-1"]
    assert ayu.plan_more == 0
    assert ayu.plan[0].next_step_due == TODAY - timedelta(days=3)
    assert (budi.plan, budi.plan_more, budi.calls, budi.moves) == ((), 0, 0, ())
    assert PLAN_SHOWN == 5
    assert [deal.ref for deal in citra.plan] == ["D-15", "D-14", "D-13", "D-12", "D-11"]
    assert citra.plan_more == 2


def test_calls_are_counted_on_the_previous_work_day_in_the_teams_time_zone(
    office: Office,
) -> None:
    ayu_deal = office.deal("ayu")
    budi_deal = office.deal("budi")
    office.call(ayu_deal, MONDAY_START - timedelta(minutes=1))  # Sunday 23:59 in New York
    office.call(ayu_deal, MONDAY_START)
    office.call(ayu_deal, MONDAY_END - timedelta(minutes=1))  # Monday 23:59 (Tuesday in Jakarta)
    office.call(ayu_deal, MONDAY_END)  # Tuesday: today, not yesterday
    office.call(budi_deal, MONDAY_START + timedelta(hours=10))
    office.call(budi_deal, MONDAY_START + timedelta(hours=11), who="dewi")  # Dewi's call

    standup = build_standup(office.session, office.workspace, office.team, now=NOW)

    assert standup is not None
    assert [rep.calls for rep in standup.reps] == [2, 1, 0]


def test_moves_of_the_previous_work_day_leave_out_undone_ones(office: Office) -> None:
    created = MONDAY_START + timedelta(hours=1)
    deal = office.deal("ayu", created=created)  # D-1, added on Monday
    office.move(deal, None, "lead", created)
    office.move(deal, "lead", "prospect", MONDAY_START + timedelta(hours=2))
    office.move(deal, "prospect", "potential", MONDAY_START + timedelta(hours=3), reverted=True)
    office.move(deal, "prospect", "closeable", MONDAY_START + timedelta(hours=4), by="mira")
    office.move(deal, "closeable", "won", MONDAY_END)  # Tuesday: not yesterday's
    old = office.deal("ayu")  # D-2
    office.move(old, "lead", "prospect", MONDAY_START - timedelta(minutes=1))  # Sunday
    gone = office.deal("ayu", deleted=True)  # D-3
    office.move(gone, "lead", "prospect", MONDAY_START + timedelta(hours=5))
    outsider = office.deal("dewi")  # D-4
    office.move(outsider, "lead", "prospect", MONDAY_START + timedelta(hours=5))
    busy = office.deal("budi")  # D-5
    stages = ["lead", "prospect", "potential", "closeable", "prospect", "potential", "closeable"]
    for hour, (before, after) in enumerate(zip(stages, stages[1:], strict=False)):
        office.move(busy, before, after, MONDAY_START + timedelta(hours=hour + 8))

    standup = build_standup(office.session, office.workspace, office.team, now=NOW)

    assert standup is not None
    ayu, budi, citra = standup.reps
    assert ayu.moves == (
        StageMove("D-1", "Deal 1", None, "lead"),
        StageMove("D-1", "Deal 1", "lead", "prospect"),
        StageMove("D-1", "Deal 1", "prospect", "closeable"),
    )
    assert ayu.moves_more == 0
    assert MOVES_SHOWN == 5
    assert [(m.from_stage, m.to_stage) for m in budi.moves] == list(
        zip(stages[:5], stages[1:6], strict=True)
    )
    assert budi.moves_more == 1
    assert (citra.moves, citra.moves_more) == ((), 0)


def test_on_a_monday_the_standup_looks_back_to_friday(office: Office) -> None:
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=NEW_YORK).astimezone(UTC)
    friday = datetime(2026, 11, 20, 18, 0, tzinfo=NEW_YORK).astimezone(UTC)
    saturday = datetime(2026, 11, 21, 10, 0, tzinfo=NEW_YORK).astimezone(UTC)
    deal = office.deal("citra")
    office.call(deal, friday)
    office.call(deal, saturday)
    office.move(deal, "lead", "prospect", friday)

    standup = build_standup(office.session, office.workspace, office.team, now=monday)

    assert standup is not None
    assert (standup.day, standup.since) == (date(2026, 11, 23), date(2026, 11, 20))
    citra = standup.reps[2]
    assert citra.calls == 1
    assert citra.moves == (StageMove("D-1", "Deal 1", "lead", "prospect"),)


def test_a_team_without_its_own_time_zone_uses_the_workspaces(office: Office) -> None:
    office.team.timezone = None
    # 18:00 UTC on Tuesday is Wednesday 01:00 in Jakarta: yesterday there is Tuesday.
    deal = office.deal("ayu", due=date(2026, 11, 25))
    office.call(deal, datetime(2026, 11, 24, 3, 0, tzinfo=UTC))  # Tuesday 10:00 in Jakarta

    standup = build_standup(office.session, office.workspace, office.team, now=NOW)

    assert standup is not None
    assert (standup.day, standup.since) == (date(2026, 11, 25), date(2026, 11, 24))
    assert [d.ref for d in standup.reps[0].plan] == ["D-1"]
    assert standup.reps[0].calls == 1


def test_a_team_with_no_reps_gets_no_standup(office: Office) -> None:
    assert office.workspace.id is not None
    empty = teams.create_team(office.session, workspace_id=office.workspace.id, name="Managers")
    teams.add_to_team(office.session, team=empty, member_id=office.members["mira"], role="manager")

    assert build_standup(office.session, office.workspace, empty, now=NOW) is None
