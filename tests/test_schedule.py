"""When nudges, standups and digests fall due: at local times in each rep's or team's zone,
across daylight-saving changes and half-hour zones, on work days only, and straight from the
database so a changed schedule applies at the next tick."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event

from commands.localtime import iso_week, local_fire_time, parse_local_time
from commands.posts.schedule import (
    DEFAULT_GRACE,
    DIGEST,
    NUDGE,
    STANDUP,
    Slot,
    due_slots,
    next_slots,
    slot_at,
    team_id_of,
    team_target,
)
from commands.reports.policy import ReportPolicy
from storage import queries
from storage.db import unit_of_work
from storage.models import Deal, Team, Workspace
from storage.outbox import SlotKey
from storage.teams import create_team

BUDI = "U0BUDI0001"
MONDAY = date(2026, 11, 23)
# 08:30 in Jakarta (UTC+7) on Monday 2026-11-23.
BUDI_FIRES = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- local times -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        ("Asia/Jakarta", date(2026, 11, 23), time(8, 30), _utc(2026, 11, 23, 1, 30)),
        ("Asia/Kolkata", date(2026, 11, 23), time(8, 30), _utc(2026, 11, 23, 3, 0)),
        # Adelaide: +09:30 in winter, +10:30 in summer; both land on the previous UTC day.
        ("Australia/Adelaide", date(2026, 6, 15), time(8, 30), _utc(2026, 6, 14, 23, 0)),
        ("Australia/Adelaide", date(2026, 11, 23), time(8, 30), _utc(2026, 11, 22, 22, 0)),
        # New York springs forward on 2026-03-08 and falls back on 2026-11-01.
        ("America/New_York", date(2026, 3, 6), time(8, 30), _utc(2026, 3, 6, 13, 30)),
        ("America/New_York", date(2026, 3, 9), time(8, 30), _utc(2026, 3, 9, 12, 30)),
        ("America/New_York", date(2026, 10, 30), time(8, 30), _utc(2026, 10, 30, 12, 30)),
        ("America/New_York", date(2026, 11, 2), time(8, 30), _utc(2026, 11, 2, 13, 30)),
        # Berlin springs forward on 2026-03-29 and falls back on 2026-10-25.
        ("Europe/Berlin", date(2026, 3, 27), time(8, 30), _utc(2026, 3, 27, 7, 30)),
        ("Europe/Berlin", date(2026, 3, 30), time(8, 30), _utc(2026, 3, 30, 6, 30)),
        ("Europe/Berlin", date(2026, 10, 23), time(8, 30), _utc(2026, 10, 23, 6, 30)),
        ("Europe/Berlin", date(2026, 10, 26), time(8, 30), _utc(2026, 10, 26, 7, 30)),
    ],
)
def test_local_times_become_the_right_utc_instant(
    zone: str, day: date, at: time, expected: datetime
) -> None:
    fired = local_fire_time(day, at, ZoneInfo(zone))
    assert fired == expected and fired.tzinfo is not None
    assert fired.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == datetime.combine(day, at)


def test_a_time_skipped_by_spring_forward_fires_when_the_gap_ends() -> None:
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    # 02:00 -> 03:00: 02:30 never happens; fire at 03:00 local, the first instant after.
    assert local_fire_time(date(2026, 3, 29), time(2, 30), berlin) == _utc(2026, 3, 29, 1, 0)
    assert local_fire_time(date(2026, 3, 8), time(2, 30), new_york) == _utc(2026, 3, 8, 7, 0)
    assert local_fire_time(date(2026, 3, 8), time(2, 0), new_york) == _utc(2026, 3, 8, 7, 0)


def test_a_time_repeated_by_fall_back_fires_once_at_its_first_occurrence() -> None:
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    # 03:00 -> 02:00: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    assert local_fire_time(date(2026, 10, 25), time(2, 30), berlin) == _utc(2026, 10, 25, 0, 30)
    assert local_fire_time(date(2026, 11, 1), time(1, 30), new_york) == _utc(2026, 11, 1, 5, 30)


def test_local_times_parse_strictly() -> None:
    assert parse_local_time("09:00") == time(9, 0)
    assert parse_local_time("9:05") == time(9, 5)
    assert parse_local_time(" 23:59 ") == time(23, 59)
    for junk in ("24:00", "09:60", "9", "9:5", "nine", "", "09:00:00", "-1:00", "９:00"):
        with pytest.raises(ValueError):
            parse_local_time(junk)


def test_digest_periods_are_iso_weeks() -> None:
    assert iso_week(MONDAY) == "2026-W48"
    assert iso_week(date(2026, 11, 29)) == "2026-W48"  # Sunday ends the week
    assert iso_week(date(2027, 1, 1)) == "2026-W53"
    assert iso_week(date(2027, 1, 4)) == "2027-W01"


def test_team_targets_round_trip() -> None:
    assert team_target(7) == "team:7" and team_id_of("team:7") == 7
    assert team_id_of(BUDI) is None and team_id_of("team:x") is None


def test_a_slot_keys_its_outbox_row() -> None:
    slot = Slot(NUDGE, 3, BUDI, "2026-11-23", BUDI_FIRES, "Asia/Jakarta")
    assert slot.key == SlotKey(workspace_id=3, job=NUDGE, target=BUDI, period="2026-11-23")


# --- the database ------------------------------------------------------------------------------


def _workspace(
    engine: Engine,
    *,
    team: str = "T0123ABCDE",
    tz: str = "Asia/Jakarta",
    work_days: tuple[int, ...] | None = None,
) -> int:
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=team)
        workspace.timezone = tz
        if work_days is not None:
            workspace.report_policy = ReportPolicy(work_days=work_days).as_json()
        session.flush()
        assert workspace.id is not None
        return workspace.id


def _rep(
    engine: Engine,
    workspace_id: int,
    user: str = BUDI,
    *,
    tz: str | None = None,
    deals: tuple[str, ...] = ("open",),
) -> int:
    """A member owning one deal per entry of ``deals``: a status, or "deleted" (open, deleted)."""
    now = _utc(2026, 11, 1, 0, 0)
    with unit_of_work(engine) as session:
        member = queries.get_or_create_member(
            session, workspace_id=workspace_id, slack_user_id=user
        )
        member.timezone = tz
        session.flush()
        assert member.id is not None
        for status in deals:
            number = queries.allocate_deal_number(session, workspace_id=workspace_id)
            session.add(
                Deal(
                    workspace_id=workspace_id,
                    number=number,
                    name=f"Deal {number}",
                    name_key=f"deal {number}",
                    stage="lead",
                    status="open" if status == "deleted" else status,
                    currency="IDR",
                    owner_id=member.id,
                    created_at=now,
                    updated_at=now,
                    stage_entered_at=now,
                    deleted_at=now if status == "deleted" else None,
                )
            )
        return member.id


def _team(
    engine: Engine,
    workspace_id: int,
    name: str = "Jakarta",
    *,
    channel: str | None = "C0SALES",
    **schedule: Any,
) -> str:
    with unit_of_work(engine) as session:
        team = create_team(session, workspace_id=workspace_id, name=name)
        team.channel_id = channel
        for field, value in schedule.items():
            setattr(team, field, value)
        session.flush()
        assert team.id is not None
        return team_target(team.id)


def _due(engine: Engine, now: datetime, grace: timedelta = DEFAULT_GRACE) -> list[Slot]:
    with unit_of_work(engine, read_only=True) as session:
        return due_slots(session, now=now, grace=grace)


def _due_keys(engine: Engine, now: datetime) -> set[tuple[str, str, str]]:
    return {(slot.job, slot.target, slot.period) for slot in _due(engine, now)}


def test_a_nudge_is_due_from_its_local_time_until_the_grace_runs_out(engine: Engine) -> None:
    ws = _workspace(engine)
    _rep(engine, ws)
    nudge = Slot(NUDGE, ws, BUDI, "2026-11-23", BUDI_FIRES, "Asia/Jakarta")
    assert _due(engine, BUDI_FIRES - timedelta(minutes=1)) == []
    assert _due(engine, BUDI_FIRES) == [nudge]
    assert _due(engine, BUDI_FIRES + timedelta(hours=2, minutes=59)) == [nudge]
    assert _due(engine, BUDI_FIRES + timedelta(hours=3, minutes=1)) == []
    assert _due(engine, BUDI_FIRES + timedelta(hours=5), grace=timedelta(hours=6)) == [nudge]


def test_each_rep_is_nudged_at_their_own_morning(engine: Engine) -> None:
    ws = _workspace(engine)
    cases = {
        "U0JAKARTA1": (None, date(2026, 11, 23), _utc(2026, 11, 23, 1, 30)),  # workspace's zone
        "U0KOLKATA1": ("Asia/Kolkata", date(2026, 11, 23), _utc(2026, 11, 23, 3, 0)),
        "U0ADELAID1": ("Australia/Adelaide", date(2026, 11, 23), _utc(2026, 11, 22, 22, 0)),
        "U0ADELAID2": ("Australia/Adelaide", date(2026, 6, 15), _utc(2026, 6, 14, 23, 0)),
        "U0NEWYORK1": ("America/New_York", date(2026, 3, 6), _utc(2026, 3, 6, 13, 30)),
        "U0NEWYORK2": ("America/New_York", date(2026, 3, 9), _utc(2026, 3, 9, 12, 30)),
        "U0NEWYORK3": ("America/New_York", date(2026, 11, 2), _utc(2026, 11, 2, 13, 30)),
        "U0BERLIN01": ("Europe/Berlin", date(2026, 3, 30), _utc(2026, 3, 30, 6, 30)),
        "U0BERLIN02": ("Europe/Berlin", date(2026, 10, 26), _utc(2026, 10, 26, 7, 30)),
    }
    for user, (tz, _, _) in cases.items():
        _rep(engine, ws, user, tz=tz)
    for user, (tz, day, fires) in cases.items():
        slot = Slot(NUDGE, ws, user, day.isoformat(), fires, tz or "Asia/Jakarta")
        assert slot in _due(engine, fires), user
        assert slot not in _due(engine, fires - timedelta(seconds=1)), user


def test_no_nudge_or_standup_on_the_weekend(engine: Engine) -> None:
    ws = _workspace(engine)
    _rep(engine, ws)
    target = _team(engine, ws)
    saturday, sunday, monday = date(2026, 11, 28), date(2026, 11, 29), date(2026, 11, 30)
    for day in (saturday, sunday):
        for hour in range(0, 24, 2):  # every tick of the weekend, Jakarta time
            assert _due(engine, datetime.combine(day, time(hour), tzinfo=UTC)) == []
    assert _due_keys(engine, _utc(2026, 11, 30, 2, 0)) >= {
        (NUDGE, BUDI, monday.isoformat()),
        (STANDUP, target, monday.isoformat()),
    }


def test_custom_work_days_move_the_nudges_and_standups(engine: Engine) -> None:
    ws = _workspace(engine, work_days=(0, 1, 2, 3, 6))  # Sunday to Thursday
    _rep(engine, ws)
    target = _team(engine, ws)
    friday, sunday = "2026-11-27", "2026-11-29"
    assert _due_keys(engine, _utc(2026, 11, 27, 2, 0)) == set()
    assert _due_keys(engine, _utc(2026, 11, 29, 2, 0)) == {
        (NUDGE, BUDI, sunday),
        (STANDUP, target, sunday),
    }
    assert friday not in {slot.period for slot in _due(engine, _utc(2026, 11, 27, 4, 0))}


def test_standup_and_digest_fire_in_the_team_zone(engine: Engine) -> None:
    ws = _workspace(engine)
    jakarta = _team(engine, ws)  # defaults: standup 09:00, digest Monday 08:00, workspace zone
    berlin = _team(
        engine, ws, "Berlin", channel="C0BERLIN", timezone="Europe/Berlin", standup_time="09:15"
    )
    # Monday 2026-11-23: Jakarta digest at 01:00 UTC and standup at 02:00 UTC.
    assert _due(engine, _utc(2026, 11, 23, 2, 0)) == [
        Slot(DIGEST, ws, jakarta, "2026-W48", _utc(2026, 11, 23, 1, 0), "Asia/Jakarta"),
        Slot(STANDUP, ws, jakarta, "2026-11-23", _utc(2026, 11, 23, 2, 0), "Asia/Jakarta"),
    ]
    # Berlin (CET, +01:00): digest 07:00 UTC, standup 08:15 UTC.
    assert _due(engine, _utc(2026, 11, 23, 8, 15)) == [
        Slot(DIGEST, ws, berlin, "2026-W48", _utc(2026, 11, 23, 7, 0), "Europe/Berlin"),
        Slot(STANDUP, ws, berlin, "2026-11-23", _utc(2026, 11, 23, 8, 15), "Europe/Berlin"),
    ]


def test_digests_fire_on_the_chosen_weekday_with_the_iso_week(engine: Engine) -> None:
    ws = _workspace(engine)
    target = _team(engine, ws, digest_weekday=4, digest_time="16:00")  # Friday 16:00 Jakarta
    digests = [
        slot
        for day in range(23, 30)
        for hour in (1, 4, 7, 9, 12)
        for slot in _due(engine, _utc(2026, 11, day, hour, 0))
        if slot.job == DIGEST
    ]
    assert set(digests) == {
        Slot(DIGEST, ws, target, "2026-W48", _utc(2026, 11, 27, 9, 0), "Asia/Jakarta")
    }
    # New Year's Day 2027, a public holiday, is the Friday of ISO week 2026-W53: that week's
    # digest goes out on the next work day, Monday, still as 2026-W53 and saying so.
    assert (DIGEST, target, "2026-W53") not in _due_keys(engine, _utc(2027, 1, 1, 9, 0))
    [moved] = [s for s in _due(engine, _utc(2027, 1, 4, 9, 0)) if s.job == DIGEST]
    assert (moved.period, moved.fire_at) == ("2026-W53", _utc(2027, 1, 4, 9, 0))
    assert moved.moved_from == "Fri 2027-01-01, holiday: New Year's Day"


def test_a_window_crossing_local_midnight_still_catches_yesterdays_slot(engine: Engine) -> None:
    ws = _workspace(engine)
    target = _team(engine, ws, standup_time="23:30")
    # Monday 23:30 Jakarta is 16:30 UTC; at Tuesday 00:15 Jakarta it is still due, as Monday's.
    assert _due(engine, _utc(2026, 11, 23, 17, 15)) == [
        Slot(STANDUP, ws, target, "2026-11-23", _utc(2026, 11, 23, 16, 30), "Asia/Jakarta")
    ]
    # A rep in Adelaide: Monday's 08:30 is Sunday 22:00 UTC, caught at Sunday 23:59 UTC.
    _rep(engine, ws, "U0ADELAID1", tz="Australia/Adelaide")
    assert (NUDGE, "U0ADELAID1", "2026-11-23") in _due_keys(engine, _utc(2026, 11, 22, 23, 59))


def test_team_times_in_dst_gaps_and_overlaps_fire_once(engine: Engine) -> None:
    ws = _workspace(engine, tz="Europe/Berlin", work_days=(0, 1, 2, 3, 4, 5, 6))
    target = _team(engine, ws, standup_time="02:30", digest_weekday=6, digest_time="02:30")
    # Spring: 02:30 never happens on 2026-03-29; both posts fire at 03:00 CEST (01:00 UTC).
    spring = [slot for hour in range(0, 6) for slot in _due(engine, _utc(2026, 3, 29, hour, 0))]
    assert {(s.job, s.target, s.period, s.fire_at) for s in spring} == {
        (STANDUP, target, "2026-03-29", _utc(2026, 3, 29, 1, 0)),
        (DIGEST, target, "2026-W13", _utc(2026, 3, 29, 1, 0)),
    }
    # Autumn: 02:30 happens twice on 2026-10-25; the posts fire at the first (00:30 UTC) only.
    autumn = [
        slot
        for minute in range(0, 6 * 60, 10)
        for slot in _due(engine, _utc(2026, 10, 25, 0, 0) + timedelta(minutes=minute))
    ]
    assert {(s.job, s.target, s.period, s.fire_at) for s in autumn} == {
        (STANDUP, target, "2026-10-25", _utc(2026, 10, 25, 0, 30)),
        (DIGEST, target, "2026-W43", _utc(2026, 10, 25, 0, 30)),
    }


def test_only_reps_with_open_deals_are_nudged(engine: Engine) -> None:
    ws = _workspace(engine)
    _rep(engine, ws, BUDI, deals=("won", "open", "lost"))
    _rep(engine, ws, "U0NODEALS1", deals=())
    _rep(engine, ws, "U0CLOSED01", deals=("won", "lost"))
    _rep(engine, ws, "U0DELETED1", deals=("deleted",))
    other = _workspace(engine, team="T0OTHER000")
    _rep(engine, other, "U0ELSEWHR1")
    assert {(s.workspace_id, s.target) for s in _due(engine, BUDI_FIRES)} == {
        (ws, BUDI),
        (other, "U0ELSEWHR1"),
    }


def test_nudge_candidates_take_one_query_per_workspace(engine: Engine) -> None:
    ws = _workspace(engine)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    def tick() -> int:
        statements.clear()
        event.listen(engine, "before_cursor_execute", count)
        try:
            _due(engine, BUDI_FIRES)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    _rep(engine, ws, "U0REP00001")
    few = tick()
    for n in range(2, 8):
        _rep(engine, ws, f"U0REP0000{n}")
    assert tick() == few
    assert len(_due(engine, BUDI_FIRES)) == 7


def test_teams_without_a_channel_get_nothing(engine: Engine) -> None:
    ws = _workspace(engine)
    no_channel = _team(engine, ws, "Quiet", channel=None)
    blank = _team(engine, ws, "Blank", channel="")
    monday_morning = _utc(2026, 11, 23, 2, 0)
    assert _due(engine, monday_morning) == []
    with unit_of_work(engine, read_only=True) as session:
        assert next_slots(session, now=monday_morning) == []
        for job in (STANDUP, DIGEST):
            for target in (no_channel, blank):
                assert (
                    slot_at(session, job, workspace_id=ws, target=target, at=monday_morning) is None
                )


def test_a_changed_standup_time_applies_at_the_next_call(engine: Engine) -> None:
    ws = _workspace(engine)
    target = _team(engine, ws)
    nine, ten = _utc(2026, 11, 24, 2, 0), _utc(2026, 11, 24, 3, 0)  # Tuesday, Jakarta
    assert (STANDUP, target, "2026-11-24") in _due_keys(engine, nine)
    with unit_of_work(engine) as session:
        team = session.get(Team, team_id_of(target))
        assert team is not None
        team.standup_time = "10:00"
    assert _due_keys(engine, nine) == set()
    assert _due(engine, ten) == [
        Slot(STANDUP, ws, target, "2026-11-24", ten, "Asia/Jakarta"),
    ]
    with unit_of_work(engine) as session:  # a new zone too
        team = session.get(Team, team_id_of(target))
        assert team is not None
        team.timezone = "Asia/Kolkata"
    assert _due(engine, _utc(2026, 11, 24, 4, 30))[0].tz_name == "Asia/Kolkata"


def test_a_bad_stored_time_or_zone_falls_back_without_stopping_others(engine: Engine) -> None:
    ws = _workspace(engine)
    broken = _team(
        engine,
        ws,
        "Broken",
        standup_time="9am",
        digest_time="25:00",
        digest_weekday=9,
        timezone="Mars/Olympus",
    )
    fine = _team(engine, ws, "Fine", channel="C0FINE", standup_time="08:45")
    _rep(engine, ws, tz="Not/AZone")
    with unit_of_work(engine) as session:
        workspace = session.get(Workspace, ws)
        assert workspace is not None
        workspace.report_policy = {"work_days": "weekdays"}  # unreadable: defaults apply
    assert _due_keys(engine, _utc(2026, 11, 23, 2, 0)) == {
        (NUDGE, BUDI, "2026-11-23"),  # workspace zone, 08:30
        (DIGEST, broken, "2026-W48"),  # Monday 08:00
        (STANDUP, broken, "2026-11-23"),  # 09:00
        (DIGEST, fine, "2026-W48"),
        (STANDUP, fine, "2026-11-23"),
    }


def test_next_slots_lists_the_next_post_of_each_kind_per_target(engine: Engine) -> None:
    ws = _workspace(engine)
    _rep(engine, ws)
    _rep(engine, ws, "U0NODEALS1", deals=())
    target = _team(engine, ws)
    _team(engine, ws, "Quiet", channel=None)
    other = _workspace(engine, team="T0OTHER000")
    _rep(engine, other, "U0ELSEWHR1")
    friday_evening = _utc(2026, 11, 27, 12, 0)  # 19:00 in Jakarta
    with unit_of_work(engine, read_only=True) as session:
        mine = next_slots(session, now=friday_evening, workspace_id=ws)
        everyone = next_slots(session, now=friday_evening)
        # at the very moment of Monday's nudge: the next one is Tuesday's
        monday = next_slots(session, now=_utc(2026, 11, 30, 1, 30), workspace_id=ws)
    assert mine == [
        Slot(DIGEST, ws, target, "2026-W49", _utc(2026, 11, 30, 1, 0), "Asia/Jakarta"),
        Slot(NUDGE, ws, BUDI, "2026-11-30", _utc(2026, 11, 30, 1, 30), "Asia/Jakarta"),
        Slot(STANDUP, ws, target, "2026-11-30", _utc(2026, 11, 30, 2, 0), "Asia/Jakarta"),
    ]
    assert [(s.workspace_id, s.target) for s in everyone if s.workspace_id == other] == [
        (other, "U0ELSEWHR1")
    ]
    assert [(s.job, s.period) for s in monday] == [
        (STANDUP, "2026-11-30"),
        (NUDGE, "2026-12-01"),
        (DIGEST, "2026-W50"),
    ]


def test_slot_at_finds_the_period_containing_a_moment(engine: Engine) -> None:
    ws = _workspace(engine)
    _rep(engine, ws, deals=())  # a rep with nothing open can still be run by hand
    target = _team(engine, ws, digest_weekday=2)
    other = _workspace(engine, team="T0OTHER000")
    wednesday_night = _utc(2026, 11, 25, 15, 0)  # 22:00 in Jakarta
    saturday = _utc(2026, 11, 28, 5, 0)
    with unit_of_work(engine, read_only=True) as session:

        def at(job: str, who: str, moment: datetime, workspace_id: int = ws) -> Slot | None:
            return slot_at(session, job, workspace_id=workspace_id, target=who, at=moment)

        assert at(NUDGE, BUDI, wednesday_night) == Slot(
            NUDGE, ws, BUDI, "2026-11-25", _utc(2026, 11, 25, 1, 30), "Asia/Jakarta"
        )
        assert at(STANDUP, target, wednesday_night) == Slot(
            STANDUP, ws, target, "2026-11-25", _utc(2026, 11, 25, 2, 0), "Asia/Jakarta"
        )
        # the digest of the week containing Saturday fires on that week's Wednesday
        assert at(DIGEST, target, saturday) == Slot(
            DIGEST, ws, target, "2026-W48", _utc(2026, 11, 25, 1, 0), "Asia/Jakarta"
        )
        assert at(NUDGE, BUDI, saturday) is None
        assert at(STANDUP, target, saturday) is None
        assert at(NUDGE, "U0NOBODY01", wednesday_night) is None
        assert at(STANDUP, "team:999", wednesday_night) is None
        assert at(DIGEST, BUDI, wednesday_night) is None
        assert at(NUDGE, BUDI, wednesday_night, workspace_id=other) is None
        assert at(STANDUP, target, wednesday_night, workspace_id=other) is None
        with pytest.raises(ValueError):
            at("lunch", BUDI, wednesday_night)
