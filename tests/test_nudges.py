"""The morning nudge, its redraw after a click, and snoozing, on SQLite and PostgreSQL.

The workspace is in Jakarta (UTC+7) and so is Ayu, the rep whose nudge is built. Unless a test
says otherwise the nudge fires on Monday 2026-11-23 at 07:00 Jakarta time (00:00 UTC), so her
"today" is Monday Nov 23, "yesterday" Sunday Nov 22 and the previous work day Friday Nov 20.
The workspace keeps its default report settings: 10 calls a day, stale after 7 days, work days
Monday to Friday, funnel4 (lead -> prospect -> potential -> closeable; prospect is where a deal
is qualified, so potential and closeable need a qualifying BANT).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from commands.context import CommandContext, Invocation, open_context
from commands.deals.call import CallDraft, log_call
from commands.deals.deal import close_deal, move_deal
from commands.errors import CommandError, NotAllowed
from commands.pipelines import LOST, WON, pipeline_for
from commands.posts.nudge import (
    NUDGE_ITEMS_SHOWN,
    build_nudge,
    nudge_payload,
    redraw_nudge,
    snooze_deal,
    workspace_stuck_cutoffs,
)
from commands.posts.replies import (
    DONE_BANT,
    DONE_CALL,
    DONE_LOST,
    DONE_MOVED,
    DONE_SNOOZED,
    DONE_WON,
    DUE_TODAY,
    NO_BANT,
    OVERDUE,
    STALE,
    STUCK,
    UNCONTACTED,
    ItemOutcome,
    Nudge,
)
from commands.reports.metrics import StageTime, stuck_cutoffs
from commands.reports.policy import ReportPolicy
from commands.reports.request import funnel_report_for
from storage import teams
from storage.db import unit_of_work
from storage.models import Activity, AuditEntry, BantRecord, Deal, Member, StageChange, Workspace

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 11, 23, 7, 0, tzinfo=JAKARTA).astimezone(UTC)  # Monday
TODAY = date(2026, 11, 23)
RECENT = NOW - timedelta(hours=1)
JT = 1_000_000
TEAM = "T0NUDGE"
FUNNEL4 = pipeline_for("funnel4")


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    """A Jakarta wall-clock time in November 2026, as aware UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=JAKARTA).astimezone(UTC)


@dataclass
class World:
    """A workspace with reps Ayu and Budi, and shorthands to give them deals and history."""

    session: Session
    workspace: Workspace
    members: dict[str, Member] = field(default_factory=dict)

    @classmethod
    def create(cls, session: Session, *, team_id: str = TEAM) -> World:
        workspace = Workspace(slack_team_id=team_id, timezone="Asia/Jakarta", currency="IDR")
        session.add(workspace)
        session.flush()
        world = cls(session, workspace)
        for name in ("ayu", "budi", "rina"):
            member = Member(
                workspace_id=world.workspace_id,
                slack_user_id=f"U0{name.upper()}",
                name=name,
                timezone="Asia/Jakarta",
            )
            session.add(member)
            session.flush()
            world.members[name] = member
        return world

    @property
    def workspace_id(self) -> int:
        assert self.workspace.id is not None
        return self.workspace.id

    def member_id(self, who: str) -> int:
        member_id = self.members[who].id
        assert member_id is not None
        return member_id

    def deal(
        self,
        number: int,
        *,
        owner: str = "ayu",
        stage: str = "lead",
        created: datetime | None = None,
        touched: datetime | None = RECENT,
        entered: datetime | None = None,
        due: date | None = None,
        value: int | None = 10 * JT,
        status: str = "open",
        snoozed: date | None = None,
        deleted: bool = False,
    ) -> Deal:
        """A deal as it stands now (created two days ago and touched an hour ago by default)."""
        created = created or NOW - timedelta(days=2)
        deal = Deal(
            workspace_id=self.workspace_id,
            number=number,
            name=f"Deal {number}",
            name_key=f"deal {number}",
            stage=stage,
            status=status,
            value=value,
            currency="IDR",
            owner_id=self.member_id(owner),
            next_step="follow up" if due else None,
            next_step_due=due,
            created_at=created,
            updated_at=created,
            stage_entered_at=entered or created,
            last_activity_at=touched,
            closed_at=NOW - timedelta(days=1) if status != "open" else None,
            deleted_at=NOW - timedelta(hours=3) if deleted else None,
            snoozed_until=snoozed,
        )
        self.session.add(deal)
        self.workspace.next_deal_number = max(self.workspace.next_deal_number, number)
        self.session.flush()
        return deal

    def call(self, deal: Deal, at: datetime, *, who: str = "ayu", deleted: bool = False) -> None:
        assert deal.id is not None
        self.session.add(
            Activity(
                workspace_id=self.workspace_id,
                deal_id=deal.id,
                member_id=self.member_id(who),
                kind="call",
                occurred_at=at,
                outcome="connected",
                deleted_at=at if deleted else None,
            )
        )
        self.session.flush()

    def bant(self, deal: Deal, verdict: str, at: datetime, *, deleted: bool = False) -> None:
        assert deal.id is not None
        self.session.add(
            BantRecord(
                workspace_id=self.workspace_id,
                deal_id=deal.id,
                member_id=self.member_id("ayu"),
                budget="allocated",
                authority="decision_maker",
                need="strong",
                timeline="within_month",
                score=90 if verdict == "qualified" else 50,
                verdict=verdict,
                created_at=at,
                deleted_at=at if deleted else None,
            )
        )
        self.session.flush()

    def ctx(self, who: str = "ayu", now: datetime = NOW) -> CommandContext:
        return open_context(self.session, Invocation(TEAM, f"U0{who.upper()}", now))


@pytest.fixture
def world(engine: Engine) -> Iterator[World]:
    """One unit of work for the whole test: what it writes, the nudge reads."""
    with unit_of_work(engine) as session:
        yield World.create(session)


@pytest.fixture
def world_with_a_deal(world: World) -> World:
    world.deal(1, due=TODAY)
    return world


def refs(nudge: Nudge | None) -> list[str]:
    assert nudge is not None
    return [item.deal.ref for item in nudge.items]


# --- reasons -----------------------------------------------------------------------------------


def test_each_reason_appears_exactly_when_it_applies(world: World) -> None:
    world.deal(1, due=TODAY - timedelta(days=1))  # due yesterday: overdue
    world.deal(2, due=TODAY)  # due today
    world.deal(3, due=TODAY + timedelta(days=1))  # due tomorrow: nothing yet
    world.deal(4, created=NOW - timedelta(hours=24), touched=None)  # a full day, untouched
    world.deal(5, created=NOW - timedelta(hours=23, minutes=59), touched=None)  # still has time
    month_ago = NOW - timedelta(days=30)
    world.deal(6, created=month_ago, touched=NOW - timedelta(days=7))  # exactly 7 days: not stale
    world.deal(7, created=month_ago, touched=NOW - timedelta(days=7, minutes=1))  # stale
    world.deal(8, stage="potential")  # past qualification, no BANT at all
    qualified = world.deal(9, stage="potential")
    world.bant(qualified, "qualified", NOW - timedelta(days=1))
    requalified = world.deal(10, stage="closeable")  # its latest BANT is only "nurture"
    world.bant(requalified, "qualified", NOW - timedelta(days=3))
    world.bant(requalified, "nurture", NOW - timedelta(days=1))
    undone = world.deal(11, stage="potential")  # the qualifying BANT was undone
    world.bant(undone, "nurture", NOW - timedelta(days=3))
    world.bant(undone, "qualified", NOW - timedelta(days=1), deleted=True)
    world.deal(12, stage="prospect", entered=NOW - timedelta(days=9))  # BANT not needed yet
    world.deal(13, stage="prospect", entered=NOW - timedelta(days=10, minutes=1))  # stuck

    nudge = build_nudge(world.ctx(), stuck_cutoffs={"prospect": NOW - timedelta(days=10)})

    assert nudge is not None
    assert {item.deal.ref: item.reasons for item in nudge.items} == {
        "D-1": (OVERDUE,),
        "D-2": (DUE_TODAY,),
        "D-4": (UNCONTACTED,),
        "D-7": (STALE,),
        "D-8": (NO_BANT,),
        "D-10": (NO_BANT,),
        "D-11": (NO_BANT,),
        "D-13": (STUCK,),
    }
    assert refs(nudge) == ["D-1", "D-2", "D-4", "D-13", "D-7", "D-8", "D-10", "D-11"]
    items = {item.deal.ref: item for item in nudge.items}
    assert items["D-1"].overdue_days == 1
    assert items["D-2"].overdue_days == 0
    assert items["D-7"].idle_days == 7
    assert items["D-4"].idle_days == 1  # never touched: idle since creation
    assert items["D-13"].days_in_stage == 10
    assert nudge.user_id == "U0AYU" and nudge.day == TODAY and nudge.more == 0
    assert nudge.move_stages == ("lead", "prospect", "potential", "closeable")


def test_a_deal_can_have_several_reasons_in_urgency_order(world: World) -> None:
    old = NOW - timedelta(days=20)
    world.deal(1, stage="potential", created=old, touched=None, due=TODAY)

    nudge = build_nudge(world.ctx(), stuck_cutoffs={"potential": NOW - timedelta(days=10)})

    assert nudge is not None
    assert nudge.items[0].reasons == (DUE_TODAY, UNCONTACTED, STUCK, STALE, NO_BANT)
    assert nudge.items[0].idle_days == 20 and nudge.items[0].days_in_stage == 20


def test_due_dates_are_read_in_the_reps_own_time_zone(world: World) -> None:
    # Sunday 22:00 in New York is already Monday 10:00 in Jakarta.
    world.members["ayu"].timezone = "America/New_York"
    world.deal(1, due=date(2026, 11, 22))  # due "today" in New York, overdue in Jakarta
    sunday_night = datetime(2026, 11, 22, 22, 0, tzinfo=ZoneInfo("America/New_York"))

    nudge = build_nudge(world.ctx(now=sunday_night.astimezone(UTC)), stuck_cutoffs={})

    assert nudge is not None
    assert nudge.day == date(2026, 11, 22)
    assert nudge.items[0].reasons == (DUE_TODAY,)


def test_nothing_to_act_on_means_no_nudge_at_all(world: World) -> None:
    world.deal(1, due=TODAY + timedelta(days=2))
    world.deal(2, stage="prospect")

    assert build_nudge(world.ctx(), stuck_cutoffs={}) is None


def test_other_reps_and_closed_or_deleted_deals_never_appear(world: World) -> None:
    yesterday = TODAY - timedelta(days=1)
    world.deal(1, status=WON, stage=WON, due=yesterday)
    world.deal(2, status=LOST, stage=LOST, touched=NOW - timedelta(days=30))
    world.deal(3, due=yesterday, deleted=True)
    world.deal(4, owner="budi", due=yesterday)

    assert build_nudge(world.ctx("ayu"), stuck_cutoffs={}) is None
    assert refs(build_nudge(world.ctx("budi"), stuck_cutoffs={})) == ["D-4"]


def test_a_snoozed_deal_comes_back_on_the_day_the_snooze_ends(world: World) -> None:
    yesterday = TODAY - timedelta(days=1)
    world.deal(1, due=yesterday, snoozed=TODAY)  # snooze over: back today
    world.deal(2, due=yesterday, snoozed=TODAY + timedelta(days=1))  # still snoozed
    world.deal(3, due=yesterday, snoozed=yesterday)

    assert refs(build_nudge(world.ctx(), stuck_cutoffs={})) == ["D-1", "D-3"]
    tomorrow = build_nudge(world.ctx(), day=TODAY + timedelta(days=1), stuck_cutoffs={})
    assert refs(tomorrow) == ["D-1", "D-2", "D-3"]


# --- ordering ----------------------------------------------------------------------------------


def test_most_urgent_first_and_a_screenful_at_most(world: World) -> None:
    # Today is a Monday: due yesterday (Sunday) is 1 work day late, due Thursday 2.
    yesterday, thursday = TODAY - timedelta(days=1), TODAY - timedelta(days=4)
    idle = NOW - timedelta(days=8)
    world.deal(1, touched=idle, value=100 * JT)  # stale, big
    world.deal(2, due=yesterday, touched=NOW - timedelta(days=1), value=5 * JT)
    world.deal(3, due=thursday)  # the most overdue
    world.deal(4, due=TODAY, touched=idle)  # due today (and stale)
    world.deal(5, stage="potential")  # missing BANT: the least urgent reason
    world.deal(6, due=yesterday, touched=NOW - timedelta(days=2))  # idle longer than D-2
    world.deal(7, due=yesterday, touched=NOW - timedelta(days=1), value=50 * JT)  # bigger than D-2
    world.deal(8, touched=None)  # uncontacted
    world.deal(9, touched=idle, value=50 * JT)  # stale, smaller than D-1
    world.deal(10, stage="prospect", entered=NOW - timedelta(days=6))  # stuck
    world.deal(11, due=yesterday, touched=NOW - timedelta(days=1), value=5 * JT)  # twin of D-2

    nudge = build_nudge(world.ctx(), stuck_cutoffs={"prospect": NOW - timedelta(days=5)})

    assert NUDGE_ITEMS_SHOWN == 8
    # Overdue (most days, then longest idle, bigger value, lower number), due today,
    # uncontacted, stuck, stale (bigger first); D-9 and the BANT-less D-5 did not fit.
    assert refs(nudge) == ["D-3", "D-6", "D-7", "D-2", "D-11", "D-4", "D-8", "D-10"]
    assert nudge is not None and nudge.more == 3
    assert nudge.items[0].overdue_days == 2  # work days: Friday and Monday


# --- calls of the previous work day -------------------------------------------------------------


def test_a_monday_nudge_counts_fridays_calls_in_the_reps_own_day(world: World) -> None:
    deal = world.deal(1, due=TODAY)
    other = world.deal(2, owner="budi")
    world.call(deal, wib(19, 23, 30))  # Thursday night
    world.call(deal, wib(20, 0, 30))  # Friday just after midnight (Thursday in UTC)
    world.call(deal, wib(20, 14, 0))
    world.call(deal, wib(20, 23, 59))
    world.call(deal, wib(20, 15, 0), deleted=True)  # undone
    world.call(other, wib(20, 10, 0), who="budi")  # not hers
    world.call(deal, wib(21, 6, 0))  # Saturday morning (still Friday in UTC)
    world.call(deal, wib(22, 10, 0))  # Sunday

    nudge = build_nudge(world.ctx(), stuck_cutoffs={})

    assert nudge is not None
    assert nudge.calls_day == date(2026, 11, 20)
    assert nudge.calls == 3
    assert nudge.calls_target == 10


def test_the_previous_work_day_follows_the_workspaces_work_week(world: World) -> None:
    deal = world.deal(1, due=TODAY)
    world.call(deal, wib(21, 10, 0))  # Saturday
    world.workspace.report_policy = {
        **ReportPolicy().as_json(),
        "work_days": [0, 1, 2, 3, 4, 5],
        "calls_per_day": 6,
    }

    monday = build_nudge(world.ctx(), stuck_cutoffs={})
    tuesday = build_nudge(world.ctx(), day=TODAY + timedelta(days=1), stuck_cutoffs={})

    assert monday is not None and tuesday is not None
    assert (monday.calls_day, monday.calls, monday.calls_target) == (date(2026, 11, 21), 1, 6)
    assert tuesday.calls_day == TODAY


# --- the stuck yardstick -----------------------------------------------------------------------


def _moves(
    world: World, deal: Deal, path: list[tuple[str | None, str, datetime, datetime | None]]
) -> None:
    assert deal.id is not None
    for from_stage, to_stage, at, entered in path:
        world.session.add(
            StageChange(
                workspace_id=world.workspace_id,
                deal_id=deal.id,
                member_id=deal.owner_id,
                from_stage=from_stage,
                to_stage=to_stage,
                changed_at=at,
                from_entered_at=entered,
            )
        )
    world.session.flush()


def test_stuck_is_judged_by_the_workspaces_usual_time_in_stage_like_the_report(
    world: World,
) -> None:
    # Budi's three deals each spent 1 day in lead and 2 days in prospect, a month ago: the usual
    # stays are 1 and 2 days, so a deal is stuck after 2 days in lead or 4 days in prospect.
    # An older 50-day stay in prospect ended before the 90-day window and does not count.
    start = NOW - timedelta(days=30)
    for number in (1, 2, 3):
        deal = world.deal(number, owner="budi", stage="potential", entered=start)
        created, qualified = start - timedelta(days=1), start + timedelta(days=2)
        _moves(
            world,
            deal,
            [
                (None, "lead", created, None),
                ("lead", "prospect", start, created),
                ("prospect", "potential", qualified, start),
            ],
        )
    ancient = world.deal(4, owner="budi", stage="potential", entered=NOW - timedelta(days=100))
    _moves(
        world,
        ancient,
        [("prospect", "potential", NOW - timedelta(days=100), NOW - timedelta(days=150))],
    )
    world.deal(5, stage="prospect", entered=NOW - timedelta(days=4, minutes=1))  # stuck
    world.deal(6, stage="prospect", entered=NOW - timedelta(days=3))
    world.deal(7, stage="lead", entered=NOW - timedelta(days=2, minutes=1))  # stuck

    cutoffs = workspace_stuck_cutoffs(world.session, world.workspace, FUNNEL4, NOW)
    nudge = build_nudge(world.ctx())  # computes the same yardstick itself

    assert cutoffs == {"lead": NOW - timedelta(days=2), "prospect": NOW - timedelta(days=4)}
    report = funnel_report_for(
        world.session,
        world.workspace,
        owner_ids=(world.member_id("ayu"),),
        period="week",
        now=NOW,
    )
    assert cutoffs == stuck_cutoffs(report.hygiene.stuck_baseline, NOW)
    stuck = [item.deal.ref for item in nudge.items if STUCK in item.reasons] if nudge else []
    assert stuck == ["D-5", "D-7"]
    assert sorted(stuck) == sorted(deal.ref for deal in report.hygiene.stuck.deals)


# --- payload and redraw ------------------------------------------------------------------------


LATER = NOW + timedelta(hours=2)


def test_redraw_shows_what_the_rep_did_about_each_item_since_it_was_sent(world: World) -> None:
    yesterday = TODAY - timedelta(days=1)
    deals = {n: world.deal(n, due=yesterday) for n in range(1, 9)}
    world.call(deals[7], NOW - timedelta(minutes=30))  # before the nudge went out
    sent = build_nudge(world.ctx(), stuck_cutoffs={})
    assert sent is not None and refs(sent) == [f"D-{n}" for n in range(1, 9)]
    payload = json.loads(json.dumps(nudge_payload(sent, sent_at=NOW)))

    ctx = world.ctx(now=LATER)
    close_deal(ctx, deals[1], WON)
    close_deal(ctx, deals[2], LOST, reason="price")
    move_deal(ctx, deals[3], "prospect")
    log_call(ctx, deals[3], CallDraft())  # a move says more than a call
    snooze_deal(ctx, "D-4", 3)
    log_call(ctx, deals[5], CallDraft())
    snooze_deal(ctx, "D-5", 1)  # a call says more than a snooze
    world.bant(deals[6], "nurture", LATER)
    deals[8].deleted_at = LATER
    world.session.flush()

    redrawn = redraw_nudge(world.ctx(now=LATER), payload)

    outcomes = {item.deal.ref: item.outcome for item in redrawn.items}
    assert outcomes == {
        "D-1": ItemOutcome(DONE_WON),
        "D-2": ItemOutcome(DONE_LOST),
        "D-3": ItemOutcome(DONE_MOVED, "prospect"),
        "D-4": ItemOutcome(DONE_SNOOZED, "2026-11-26"),
        "D-5": ItemOutcome(DONE_CALL),
        "D-6": ItemOutcome(DONE_BANT),
        "D-7": None,  # its call was logged before the nudge
    }
    assert refs(redrawn) == [f"D-{n}" for n in range(1, 8)]  # D-8 was deleted
    by_ref = {item.deal.ref: item for item in redrawn.items}
    assert by_ref["D-1"].deal.status == WON  # fresh facts
    assert by_ref["D-3"].deal.stage == "prospect"
    for before in sent.items[:7]:
        after = by_ref[before.deal.ref]
        assert (after.reasons, after.overdue_days, after.idle_days, after.days_in_stage) == (
            before.reasons,
            before.overdue_days,
            before.idle_days,
            before.days_in_stage,
        )
    assert (redrawn.day, redrawn.calls_day, redrawn.calls, redrawn.calls_target) == (
        sent.day,
        sent.calls_day,
        sent.calls,
        sent.calls_target,
    )
    assert redrawn.more == sent.more and redrawn.user_id == "U0AYU"


def test_redraw_without_changes_is_the_nudge_as_sent(world: World) -> None:
    world.deal(1, due=TODAY)
    world.deal(2, touched=None)
    sent = build_nudge(world.ctx(), stuck_cutoffs={})
    assert sent is not None

    redrawn = redraw_nudge(world.ctx(now=LATER), nudge_payload(sent, sent_at=NOW))

    assert redrawn == sent


def _valid_payload() -> dict[str, Any]:
    return {
        "v": 1,
        "sent_at": "2026-11-23T00:00:00+00:00",
        "day": "2026-11-23",
        "calls_day": "2026-11-20",
        "calls": 2,
        "calls_target": 10,
        "more": 0,
        "items": [
            {
                "ref": "D-1",
                "stage": "lead",
                "why": ["overdue"],
                "overdue": 1,
                "idle": 0,
                "in_stage": 2,
            },
        ],
    }


def test_a_deal_not_in_this_workspace_is_dropped_from_the_redraw(world: World) -> None:
    world.deal(1, due=TODAY)
    payload = _valid_payload()
    payload["items"].append({**payload["items"][0], "ref": "D-77"})  # no such deal here

    redrawn = redraw_nudge(world.ctx(), payload)

    assert refs(redrawn) == ["D-1"]
    assert redrawn.items[0].outcome is None


def _edited(**changes: Any) -> dict[str, Any]:
    """The valid payload with top-level keys replaced (``None``: removed)."""
    payload = {**_valid_payload(), **changes}
    return {key: value for key, value in payload.items() if value is not None}


def _item_edited(**changes: Any) -> dict[str, Any]:
    """The valid payload with its item's keys replaced (``None``: removed)."""
    payload = _valid_payload()
    item = {**payload["items"][0], **changes}
    payload["items"] = [{key: value for key, value in item.items() if value is not None}]
    return payload


ITEM = _valid_payload()["items"][0]
TAMPERED: dict[str, Any] = {
    "not an object": ["not", "a", "payload"],
    "nothing": None,
    "unknown version": _edited(v=2),
    "version as a boolean": _edited(v=True),
    "no items": _edited(items=None),
    "items not a list": _edited(items={"ref": "D-1"}),
    "item not an object": _edited(items=[ITEM, "D-2"]),
    "too many items": _edited(items=[{**ITEM, "ref": f"D-{n}"} for n in range(1, 10)]),
    "same deal twice": _edited(items=[ITEM, dict(ITEM)]),
    "ref of another shape": _item_edited(ref="X-1"),
    "ref zero": _item_edited(ref="D-0"),
    "ref with an injection": _item_edited(ref="D-1; DROP TABLE deal"),
    "ref too big": _item_edited(ref="D-99999999999999999999"),
    "ref as a number": _item_edited(ref=1),
    "stage missing": _item_edited(stage=None),
    "stage too long": _item_edited(stage="x" * 500),
    "no reasons": _item_edited(why=[]),
    "unknown reason": _item_edited(why=["late"]),
    "reason twice": _item_edited(why=["stale", "stale"]),
    "reason not text": _item_edited(why=[["overdue"]]),
    "negative days": _item_edited(overdue=-1),
    "days as text": _item_edited(idle="3"),
    "days as a fraction": _item_edited(in_stage=1.5),
    "days as a boolean": _item_edited(idle=False),
    "days missing": _item_edited(in_stage=None),
    "absurd count": _edited(calls=10**40),
    "count missing": _edited(more=None),
    "naive send time": _edited(sent_at="2026-11-23T00:00:00"),
    "send time garbage": _edited(sent_at="yesterday"),
    "send time a number": _edited(sent_at=1763856000),
    "impossible day": _edited(day="2026-13-45"),
    "day missing": _edited(calls_day=None),
}


def test_a_tampered_payload_is_refused_with_a_value_error(world: World) -> None:
    world.deal(1, due=TODAY)
    ctx = world.ctx()

    for case, payload in TAMPERED.items():
        with pytest.raises(ValueError):
            redraw_nudge(ctx, payload)
            pytest.fail(f"accepted: {case}")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
_ITEM_KEYS = ("ref", "stage", "why", "overdue", "idle", "in_stage")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    top=st.sampled_from([*_valid_payload(), None]),
    key=st.sampled_from(_ITEM_KEYS),
    value=_JSON,
)
def test_any_garbage_in_a_payload_is_a_value_error_or_a_redraw(
    world_with_a_deal: World, top: str | None, key: str, value: Any
) -> None:
    payload = _valid_payload()
    if top is None:
        payload["items"][0][key] = value
    else:
        payload[top] = value
    try:
        redrawn = redraw_nudge(world_with_a_deal.ctx(), payload)
    except ValueError:
        return
    assert isinstance(redrawn, Nudge)


# --- snooze ------------------------------------------------------------------------------------


def test_snooze_hides_the_deal_until_the_chosen_day_in_the_reps_own_calendar(
    world: World,
) -> None:
    world.deal(1, due=TODAY - timedelta(days=1))
    evening = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # already Tuesday 03:00 in Jakarta

    notice = snooze_deal(world.ctx(now=evening), "D-1", 3)

    assert notice.key == "nudge.snoozed"
    assert notice.params == {"ref": "D-1", "until": date(2026, 11, 27)}
    assert notice.deal is not None and notice.deal.ref == "D-1"
    friday = date(2026, 11, 27)
    assert build_nudge(world.ctx(), day=friday - timedelta(days=1), stuck_cutoffs={}) is None
    assert refs(build_nudge(world.ctx(), day=friday, stuck_cutoffs={})) == ["D-1"]
    audited = world.session.exec(select(func.count()).select_from(AuditEntry)).one()
    assert audited == 0  # a personal preference, not a change to undo


def test_snooze_offers_one_three_or_seven_days(world: World) -> None:
    for number in (1, 3, 7):
        world.deal(number, due=TODAY)
        snooze_deal(world.ctx(), f"D-{number}", number)

    rows = world.session.exec(select(Deal.number, col(Deal.snoozed_until))).all()
    assert sorted(rows) == [(n, TODAY + timedelta(days=n)) for n in (1, 3, 7)]


def test_snooze_refuses_other_lengths(world: World) -> None:
    world.deal(1, due=TODAY)

    for days in (0, 2, -1, 30, True, "3", 3.0, None):
        with pytest.raises(CommandError) as raised:
            snooze_deal(world.ctx(), "D-1", days)  # type: ignore[arg-type]  # wrong on purpose
        assert raised.value.key == "nudge.snooze_days", days

    assert world.session.exec(select(col(Deal.snoozed_until))).one() is None


def test_only_the_owner_can_snooze_a_deal(world: World) -> None:
    world.deal(1, owner="budi", due=TODAY)
    team = teams.create_team(world.session, workspace_id=world.workspace_id, name="Jakarta")
    teams.add_to_team(world.session, team=team, member_id=world.member_id("budi"))
    manager = world.member_id("rina")
    teams.add_to_team(world.session, team=team, member_id=manager, role=teams.MANAGER)

    with pytest.raises(NotAllowed) as raised:
        snooze_deal(world.ctx("ayu"), "D-1", 1)  # another rep may not even see it
    assert raised.value.key == "role.deal_not_yours"
    with pytest.raises(NotAllowed) as raised:
        snooze_deal(world.ctx("rina"), "D-1", 1)  # her manager may act on it, but not snooze
    assert raised.value.key == "nudge.snooze_not_owner"
    assert raised.value.params["ref"] == "D-1"
    assert world.session.exec(select(col(Deal.snoozed_until))).one() is None


def test_a_closed_deal_cannot_be_snoozed(world: World) -> None:
    for number, status in ((1, WON), (2, LOST)):
        world.deal(number, status=status, stage=status)

        with pytest.raises(CommandError) as raised:
            snooze_deal(world.ctx(), f"D-{number}", 7)

        assert raised.value.key == "nudge.snooze_closed"
        assert raised.value.params["status"] == status


def test_snoozing_an_unknown_deal_says_it_was_not_found(world: World) -> None:
    with pytest.raises(CommandError) as raised:
        snooze_deal(world.ctx(), "D-41", 1)

    assert raised.value.key == "deal.ref_not_found"


def test_a_stage_deals_usually_leave_within_hours_still_needs_a_day_to_call_one_stuck() -> None:
    # Two stays in Lead of 10 and 20 minutes: a median of a quarter hour. Twice that would call a
    # deal added half an hour ago stuck; the floor waits for a whole day in the stage.
    quick = StageTime("lead", median_days=15 / (24 * 60), stays=2)
    slow = StageTime("prospect", median_days=4.0, stays=9)
    cutoffs = stuck_cutoffs((quick, slow), NOW)
    assert cutoffs["lead"] == NOW - timedelta(days=1)
    assert cutoffs["prospect"] == NOW - timedelta(days=8)
