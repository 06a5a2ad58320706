"""When the bot speaks unasked: which nudges, standups and digests are due, and when next.

Slots are derived from the database on every call, never cached: a team's new standup time, a
rep's new time zone or a workspace's new work days apply at the next call, without a restart.
A slot's period (the rep's or team's local date, or the ISO week of a digest) is what the outbox
keys a post on, so a slot seen twice, or by two replicas, is still posted once.

Days off keep the bot quiet (``commands.calendar``): no nudge and no standup on a public
holiday or a company day off, and a digest due on one goes out on the next work day, for the
same week, saying so. ``next_slots`` and ``slot_at`` show a skipped post with its reason, so
``corong jobs list`` and ``corong jobs run --dry-run --at`` can say why nothing goes out.

Each person's own settings (``commands.posts.prefs``, ``/sales me``) shape their nudge: it fires
at their own time; weekly, only on the week's first work day (also for a rep who stopped acting
on daily ones); never when off; and quiet hours hold it back until they end that day, or skip
the day when they last past midnight. The skip or the move says why ("nudges off", "weekly on
Mondays", "quiet hours until 07:00").

The forecast call (``commands.posts.forecast``) adds each team rep's ask and reminder on the
team's forecast day, keyed by ISO week; the ask waits until just after the rep's nudge when that
comes later, so the nudge can carry it.

Local times become UTC the way cron treats them: a time skipped by a spring-forward change fires
at the first instant after the gap, and a time repeated by a fall-back change fires once, at its
first occurrence. A stored time or zone that does not parse falls back to its default (with a
warning in the log) so one bad team never stops the others' posts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from commands.calendar.lookup import time_off
from commands.calendar.workdays import Away, DayOff, WorkCalendar
from commands.localtime import iso_week, local_days_around, local_fire_time, parse_local_time, zone
from commands.posts.forecast import (
    FORECAST,
    FORECAST_JOBS,
    FORECAST_REMINDER,
    ForecastSetting,
    day_of_week,
    forecast_times,
    forecast_week,
)
from commands.posts.prefs import NOT_ACTING, OFF, NudgePrefs, clock_text, week_start
from commands.reports.policy import calendar_of
from storage import posts, queries, teams
from storage.models import Member, Team, Workspace
from storage.outbox import SlotKey
from storage.workspaces import get_workspace, list_workspaces

log = logging.getLogger(__name__)

NUDGE, STANDUP, DIGEST = "nudge", "standup", "digest"
JOBS = (NUDGE, STANDUP, DIGEST)
STANDUP_TIME = time(9, 0)
DIGEST_TIME = time(8, 0)
DIGEST_WEEKDAY = 0  # Monday
DEFAULT_GRACE = timedelta(hours=3)
# What Slack answers for a rep whose account is gone: their nudges pause (see _nudged_members).
USER_GONE_ERRORS = ("account_inactive", "user_not_found", "user_disabled")
TEAM_TARGET_PREFIX = "team:"
# Far enough ahead to reach the next work day (or digest weekday) from any day of the week.
_LOOKAHEAD_DAYS = 8
# How far back a digest moved off a day off may have been due (Lebaran closes offices a week).
_MOVE_WINDOW = timedelta(days=14)
# Time off read around a look at the schedule: wider than any window it looks through.
_AWAY_WINDOW = timedelta(days=_LOOKAHEAD_DAYS + 2)


@dataclass(frozen=True)
class Slot:
    """One post that is (or will be) due: what, for whom, for which period and when (UTC)."""

    job: str
    workspace_id: int
    target: str  # a Slack user id (nudge) or "team:<id>"
    period: str  # the local date ("2026-11-23") or the ISO week ("2026-W48")
    fire_at: datetime
    tz_name: str
    # Why this post does not go out (a holiday, a company day off); only ``next_slots`` and
    # ``slot_at`` return such slots, to show the skip.
    skip: str | None = None
    # A digest due on a day off goes out on the next work day: the day off it moved from; a
    # nudge held back by its rep's quiet hours: the time it was set for, and why.
    moved_from: str | None = None

    @property
    def key(self) -> SlotKey:
        """The outbox key that makes this slot's post go out once."""
        return SlotKey(
            workspace_id=self.workspace_id, job=self.job, target=self.target, period=self.period
        )


# --- pure time rules ---------------------------------------------------------------------------


def day_off_reason(day: date, off: DayOff) -> str:
    """How ``corong jobs`` names a skip: ``holiday: Hari Kemerdekaan``, ``day off: Offsite`` or,
    for a rep's time off, ``away until 2027-08-14 (Cuti)``."""
    if off.kind == "away":
        until = f"away until {(off.until or day).isoformat()}"
        return f"{until} ({off.name})" if off.name else until
    kind = "holiday" if off.kind == "holiday" else "day off"
    return f"{kind}: {off.name}" if off.name else f"{kind} {day.isoformat()}"


def team_target(team_id: int) -> str:
    """A team post's outbox target."""
    return f"{TEAM_TARGET_PREFIX}{team_id}"


def team_id_of(target: str) -> int | None:
    """The team id in a team post's target, or None when ``target`` is not one."""
    if not target.startswith(TEAM_TARGET_PREFIX):
        return None
    digits = target[len(TEAM_TARGET_PREFIX) :]
    return int(digits) if digits.isascii() and digits.isdigit() else None


# --- slots from the database --------------------------------------------------------------------


def due_slots(session: Session, *, now: datetime, grace: timedelta = DEFAULT_GRACE) -> list[Slot]:
    """Every slot of every workspace that fell due in ``(now - grace, now]``: what a scheduler
    tick posts, including catch-up after downtime shorter than ``grace``."""
    _require_aware(now)
    since = now - grace
    slots = [
        slot
        for workspace in list_workspaces(session)
        for slot in _slots_between(session, workspace, since, now)
        if slot.skip is None
    ]
    return sorted(slots, key=_slot_order)


def nudges_between(session: Session, *, start: datetime, end: datetime) -> list[Slot]:
    """Every nudge of every workspace firing in ``(start, end]``, those skipped included (their
    ``skip`` says why): whose Slack status to read before their morning (``bot.posts.statuses``)."""
    _require_aware(start)
    _require_aware(end)
    slots = [
        slot
        for workspace in list_workspaces(session)
        for slot in _slots_between(session, workspace, start, end, show_skips=True)
        if slot.job == NUDGE
    ]
    return sorted(slots, key=_slot_order)


def next_slots(session: Session, *, now: datetime, workspace_id: int | None = None) -> list[Slot]:
    """The next standup and digest of each team with a channel and the next nudge of each rep
    with open deals, after ``now``: what ``corong jobs list`` shows."""
    _require_aware(now)
    found: dict[tuple[str, int, str], Slot] = {}
    for workspace in _workspaces(session, workspace_id):
        ahead = now + timedelta(days=_LOOKAHEAD_DAYS)
        for slot in _slots_between(session, workspace, now, ahead, show_skips=True):
            identity = (slot.job, slot.workspace_id, slot.target)
            if identity not in found or slot.fire_at < found[identity].fire_at:
                found[identity] = slot
    return sorted(found.values(), key=_slot_order)


def slot_at(
    session: Session, job: str, *, workspace_id: int, target: str, at: datetime
) -> Slot | None:
    """The slot of ``job`` for ``target`` whose period contains ``at``, whatever the time now
    (``corong jobs run --at``); None when the target is unknown or ``at`` is no work weekday. On
    a holiday or company day off the slot says why it is skipped (``skip``)."""
    _require_aware(at)
    if job not in JOBS + FORECAST_JOBS:
        raise ValueError(f"unknown job {job!r}; expected one of {', '.join(JOBS + FORECAST_JOBS)}")
    workspace = get_workspace(session, workspace_id=workspace_id)
    if workspace is None:
        return None
    calendars = _Calendars(session, workspace, at)
    if job in FORECAST_JOBS:
        return _forecast_slot_at(session, workspace, calendars, job, target, at)
    if job == NUDGE:
        member = queries.find_member(session, workspace_id=workspace_id, slack_user_id=target)
        if member is None:
            return None
        tz = zone(member.timezone, workspace.timezone)
        day = at.astimezone(tz).date()
        return _nudge_slot(workspace_id, member, day, tz, calendars.of_member(member), True)
    team_id = team_id_of(target)
    team = (
        teams.get_team(session, workspace_id=workspace_id, team_id=team_id)
        if team_id is not None
        else None
    )
    if team is None or not team.channel_id:
        return None
    tz = zone(team.timezone, workspace.timezone)
    day = at.astimezone(tz).date()
    calendar = calendars.of_team(team)
    if job == STANDUP:
        slot = _daily(STANDUP, workspace_id, target, day, _standup_time(team), tz)
        return _on_work_day(calendar, day, slot, show_skips=True)
    weekday = _digest_weekday(team)
    due_day = day + timedelta(days=weekday - day.weekday())
    return _digest(workspace_id, target, due_day, _digest_time(team), tz, calendar)


# --- helpers ------------------------------------------------------------------------------------


class _Calendars:
    """The work calendars one look at a workspace's schedule needs: the workspace's, and each
    country a team follows, built once; a rep's is their team's, with their time off (read
    for the whole workspace in one query, when a nudge first asks)."""

    def __init__(self, session: Session, workspace: Workspace, around: datetime) -> None:
        self._session, self._workspace = session, workspace
        self._around = around.date()
        self._by_country: dict[str, WorkCalendar] = {}
        self._rep_teams: dict[int, Team] | None = None
        self._away: dict[int, tuple[Away, ...]] | None = None

    def of_team(self, team: Team | None) -> WorkCalendar:
        country = (team.holiday_country if team else None) or self._workspace.holiday_country
        if country not in self._by_country:
            self._by_country[country] = calendar_of(
                self._session,
                self._workspace,
                around=self._around,
                team=team,
                lang=self._workspace.language,
            )
        return self._by_country[country]

    def of_member(self, member: Member) -> WorkCalendar:
        assert self._workspace.id is not None
        if self._rep_teams is None:
            self._rep_teams = teams.rep_teams(self._session, workspace_id=self._workspace.id)
        if self._away is None:
            self._away = time_off(
                self._session,
                self._workspace.id,
                start=self._around - _AWAY_WINDOW,
                end=self._around + _AWAY_WINDOW,
            )
        team_calendar = self.of_team(self._rep_teams.get(member.id or 0))
        return team_calendar.with_away(self._away.get(member.id or 0, ()))


def _on_work_day(calendar: WorkCalendar, day: date, slot: Slot, *, show_skips: bool) -> Slot | None:
    """``slot`` on a work day; on a holiday or company day off, the slot with its reason when
    skips are shown, else nothing; nothing on a weekend (no post was ever due then)."""
    off = calendar.day_off(day)
    if off is None:
        return slot
    if off.kind == "weekend" or not show_skips:
        return None
    return replace(slot, skip=day_off_reason(day, off))


def _slots_between(
    session: Session,
    workspace: Workspace,
    start: datetime,
    end: datetime,
    *,
    show_skips: bool = False,
) -> Iterator[Slot]:
    """The workspace's slots firing in ``(start, end]``; with ``show_skips``, also those a day
    off skips (their ``skip`` says why)."""
    assert workspace.id is not None
    workspace_id = workspace.id
    calendars = _Calendars(session, workspace, end)

    def inside(slot: Slot | None) -> bool:
        return slot is not None and start < slot.fire_at <= end

    nudged = _nudged_members(session, workspace_id)
    for member in nudged:
        tz = zone(member.timezone, workspace.timezone)
        calendar = calendars.of_member(member)
        for day in local_days_around(start, end, tz):
            shown = _nudge_slot(workspace_id, member, day, tz, calendar, show_skips)
            if shown is not None and inside(shown):
                yield shown

    for team in teams.teams_with_channel(session, workspace_id=workspace_id):
        assert team.id is not None
        target = team_target(team.id)
        tz = zone(team.timezone, workspace.timezone)
        calendar = calendars.of_team(team)
        standup_at, digest_at = _standup_time(team), _digest_time(team)
        digest_weekday = _digest_weekday(team)
        for day in local_days_around(start, end, tz):
            slot = _daily(STANDUP, workspace_id, target, day, standup_at, tz)
            shown = _on_work_day(calendar, day, slot, show_skips=show_skips)
            if shown is not None and inside(shown):
                yield shown
        # A digest moved off a day off fires days after it was due: look back for it.
        for day in local_days_around(start - _MOVE_WINDOW, end, tz):
            if day.weekday() == digest_weekday:
                digest = _digest(workspace_id, target, day, digest_at, tz, calendar)
                if inside(digest):
                    yield digest

    nudged_ids = {member.id for member in nudged}
    for team, member in posts.team_reps(
        session, workspace_id=workspace_id, jobs=(NUDGE, FORECAST), gone_errors=USER_GONE_ERRORS
    ):
        tz = zone(team.timezone, workspace.timezone)
        setting = ForecastSetting.of(team)
        if not setting.on:  # the team turned its forecast call off
            continue
        for day in local_days_around(start, end, tz):
            if day.weekday() == setting.weekday:
                nudge = member.id in nudged_ids
                for shown in _forecast_slots(workspace, member, setting, day, tz, calendars, nudge):
                    if (show_skips or shown.skip is None) and inside(shown):
                        yield shown


def _nudge_slot(
    workspace_id: int,
    member: Member,
    day: date,
    tz: ZoneInfo,
    calendar: WorkCalendar,
    show_skips: bool,
) -> Slot | None:
    """``member``'s nudge on ``day`` as their own settings have it (``commands.posts.prefs``):
    at their time, on work days; weekly on the week's first work day; none when off. Quiet
    hours hold it back until they end that day, or skip the day when they last past midnight.
    A skip says why when skips are shown."""
    prefs = NudgePrefs.of(member)
    at, quiet_end = prefs.fire_time()
    slot = _daily(NUDGE, workspace_id, member.slack_user_id, day, at or prefs.nudge_at, tz)
    shown = _on_work_day(calendar, day, slot, show_skips=show_skips)
    if shown is None or shown.skip is not None:
        return shown
    prefs = NudgePrefs.of(member, at=slot.fire_at)  # their latest nudge, answered by then?
    skip = _preference_skip(prefs, day, calendar)
    if skip is None and at is None and quiet_end is not None:
        skip = f"quiet hours until {clock_text(quiet_end)}"
    if skip is not None:
        return replace(slot, skip=skip) if show_skips else None
    if quiet_end is not None:
        return replace(
            slot,
            moved_from=f"{clock_text(prefs.nudge_at)}: quiet hours until {clock_text(quiet_end)}",
        )
    return slot


def _forecast_slots(
    workspace: Workspace,
    member: Member,
    setting: ForecastSetting,
    day: date,
    tz: ZoneInfo,
    calendars: _Calendars,
    nudged: bool,
) -> list[Slot]:
    """A rep's forecast ask and reminder on their team's forecast day ``day`` (``tz``: the
    team's zone), each skipped, with why, on a day off of the team or the rep, and the ask in
    the rep's quiet hours; none on a weekend. The ask waits until just after the rep's nudge
    when that comes later (``commands.posts.forecast``)."""
    assert workspace.id is not None
    calendar = calendars.of_member(member)
    nudge_at = None
    if nudged:
        rep_tz = zone(member.timezone, workspace.timezone)
        nudge = _nudge_slot(workspace.id, member, day, rep_tz, calendar, False)
        nudge_at = nudge.fire_at if nudge is not None else None
    times = forecast_times(day, setting, tz, nudge_at)
    week, user = forecast_week(day), member.slack_user_id
    slots = [Slot(FORECAST, workspace.id, user, week, times.ask, tz.key)]
    if times.reminder is not None:
        slots.append(Slot(FORECAST_REMINDER, workspace.id, user, week, times.reminder, tz.key))
    shown = [_on_work_day(calendar, day, slot, show_skips=True) for slot in slots]
    kept = [slot for slot in shown if slot is not None]
    prefs = NudgePrefs.of(member)
    rep_tz = zone(member.timezone, workspace.timezone)
    return [
        replace(slot, skip="quiet hours")
        if slot.skip is None and prefs.quiet_at(slot.fire_at, rep_tz)
        else slot
        for slot in kept
    ]


def _forecast_slot_at(
    session: Session,
    workspace: Workspace,
    calendars: _Calendars,
    job: str,
    target: str,
    at: datetime,
) -> Slot | None:
    """The rep's forecast ask (or reminder) of the week containing ``at``; None when the rep
    is in no team or the week's forecast day is no work weekday."""
    assert workspace.id is not None
    member = queries.find_member(session, workspace_id=workspace.id, slack_user_id=target)
    if member is None or member.id is None:
        return None
    team = teams.rep_team(session, member_id=member.id)
    if team is None:
        return None
    setting = ForecastSetting.of(team)
    if not setting.on:
        return None
    tz = zone(team.timezone, workspace.timezone)
    day = day_of_week(forecast_week(at.astimezone(tz).date()), setting)
    if day is None:
        return None
    nudged = member.id in {m.id for m in _nudged_members(session, workspace.id)}
    found = _forecast_slots(workspace, member, setting, day, tz, calendars, nudged)
    return next((slot for slot in found if slot.job == job), None)


def _preference_skip(prefs: NudgePrefs, day: date, calendar: WorkCalendar) -> str | None:
    """Why a person's own settings leave ``day`` (a work day) without their nudge: nudges
    off, or weekly and not the week's first work day."""
    if prefs.cadence == OFF:
        return "nudges off"
    if prefs.weekly is None:
        return None
    monday = week_start(day)
    week = [monday + timedelta(days=n) for n in range(7)]
    first = next((d for d in week if calendar.is_work_day(d)), None)
    if day == first:
        return None
    usual = min(calendar.work_weekdays, default=0)
    why = f"weekly on {_WEEKDAYS[usual]}s"
    if first is not None and first.weekday() != usual:
        why += f" (this week {first:%a %Y-%m-%d})"
    return why + (": not acting on nudges" if prefs.weekly == NOT_ACTING else "")


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _daily(job: str, workspace_id: int, target: str, day: date, at: time, tz: ZoneInfo) -> Slot:
    return Slot(
        job=job,
        workspace_id=workspace_id,
        target=target,
        period=day.isoformat(),
        fire_at=local_fire_time(day, at, tz),
        tz_name=tz.key,
    )


def _digest(
    workspace_id: int, target: str, day: date, at: time, tz: ZoneInfo, calendar: WorkCalendar
) -> Slot:
    """The digest due on ``day`` for its week; due on a holiday or company day off, it goes out
    on the next work day instead (still that week's digest, posted once). A digest day the team
    chose outside its work days (a Saturday) is kept."""
    fire_day, moved_from = day, None
    off = calendar.day_off(day)
    if off is not None and off.kind != "weekend":
        fire_day = calendar.next_work_day(day)
        moved_from = f"{day:%a %Y-%m-%d}, {day_off_reason(day, off)}"
    return Slot(
        job=DIGEST,
        workspace_id=workspace_id,
        target=target,
        period=iso_week(day),
        fire_at=local_fire_time(fire_day, at, tz),
        tz_name=tz.key,
        moved_from=moved_from,
    )


def _workspaces(session: Session, workspace_id: int | None) -> list[Workspace]:
    """Every workspace, or only the one asked for (none when it is gone)."""
    if workspace_id is None:
        return list_workspaces(session)
    workspace = get_workspace(session, workspace_id=workspace_id)
    return [workspace] if workspace is not None else []


def nudge_targets(session: Session, workspace_id: int) -> list[str]:
    """The Slack user ids a nudge could go to: every member who owns an open deal."""
    return sorted(member.slack_user_id for member in _nudged_members(session, workspace_id))


def _nudged_members(session: Session, workspace_id: int) -> list[Member]:
    """The workspace's members who own at least one open deal, in one query; except a member
    Slack said is gone (deactivated) at their last nudge, until Corong hears of them again
    (their profile is fetched after that), so an admin is not told every morning."""
    return posts.nudge_recipients(
        session, workspace_id=workspace_id, job=NUDGE, gone_errors=USER_GONE_ERRORS
    )


def _standup_time(team: Team) -> time:
    return _stored_time(team, "standup_time", team.standup_time, STANDUP_TIME)


def _digest_time(team: Team) -> time:
    return _stored_time(team, "digest_time", team.digest_time, DIGEST_TIME)


def _stored_time(team: Team, name: str, text: str | None, default: time) -> time:
    try:
        return parse_local_time(text or "")
    except ValueError:
        log.warning("team %s has a bad %s %r; using %s", team.id, name, text, default)
        return default


def _digest_weekday(team: Team) -> int:
    weekday = team.digest_weekday
    if isinstance(weekday, int) and not isinstance(weekday, bool) and 0 <= weekday <= 6:
        return weekday
    log.warning("team %s has a bad digest_weekday %r; using Monday", team.id, weekday)
    return DIGEST_WEEKDAY


def _slot_order(slot: Slot) -> tuple[datetime, int, str, str]:
    return (slot.fire_at, slot.workspace_id, slot.job, slot.target)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime refused: pass an aware UTC datetime")
