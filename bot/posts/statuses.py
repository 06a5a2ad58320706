"""Slack statuses read before the morning's nudges (``users.profile.get``).

A rep whose status says they are away (``commands.calendar.status``: an expiry and an emoji or
text such as ``:palm_tree:``, "Vacationing", "Cuti", "OOO", "Sakit", or ``AWAY_STATUS``'s) is
given time off until it expires, so the schedule skips their nudge; a rep away by a status
that has since been cleared gets their nudge again. Each tick, the deliverer asks which nudges
fire within ``LEAD`` (or are due now) and reads, once per nudge, the status of each rep who
would get one and of each rep away by a status.

Reading a status never holds back a nudge: a rate limit is waited out briefly, and a read that
still fails (Slack down, no ``users.profile:read`` scope) is logged and the nudge goes as if the
status said nothing. A workspace that refuses the read is left alone for ``PAUSE``; at most
``PER_TICK`` statuses are read per tick, within Slack's limit for the method.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.posts.sender import NotInstalled, SendFailure, SlackSender
from commands.calendar.status import DEFAULT_PATTERNS, AwayPatterns, keep_status, status_away
from commands.posts.schedule import Slot, nudges_between
from storage import queries, timeoff
from storage.db import unit_of_work

log = logging.getLogger("corong.statuses")

LEAD = timedelta(minutes=30)  # how long before a nudge its rep's status is read
PER_TICK = 50  # Slack allows users.profile.get 100+ times a minute; a tick is 30 s
PAUSE = timedelta(hours=1)  # a workspace that refused the read is asked again after this
WORKERS = 8
# Refusals that hold for every user of the workspace: the token or its scopes.
WORKSPACE_REFUSALS = frozenset(
    {"missing_scope", "not_allowed_token_type", "invalid_auth", "not_authed", "token_revoked"}
)

Key = tuple[int, str, str]  # workspace id, Slack user id, the nudge's day


class StatusReader:
    """Reads reps' Slack statuses ahead of their nudges; remembers (per process) whose status
    it read for which day, and which workspaces refused."""

    def __init__(
        self,
        engine: Engine,
        sender_for: Callable[[str], SlackSender],
        team_id: Callable[[int], str],
        *,
        clock: Callable[[], datetime],
        grace: timedelta,
        patterns: AwayPatterns = DEFAULT_PATTERNS,
    ) -> None:
        self.engine = engine
        self.sender_for = sender_for
        self.team_id = team_id
        self.clock = clock
        self.grace = grace
        self.patterns = patterns
        self._read: set[Key] = set()
        self._refused: dict[int, datetime] = {}
        self._lock = threading.Lock()

    def before_nudges(self, now: datetime) -> int:
        """Read the statuses of the reps whose nudge is near; how many were read. Never
        raises: a failure here must not stop the tick that sends the nudges."""
        try:
            wanted = self._wanted(now)
        except (SQLAlchemyError, TimeoutError):
            log.exception("statuses: could not tell whose status to read; the nudges go on")
            return 0
        if not wanted:
            return 0
        with ThreadPoolExecutor(min(WORKERS, len(wanted)), "corong-status") as pool:
            return sum(pool.map(lambda slot: self._read_one(slot, now), wanted))

    def _wanted(self, now: datetime) -> list[Slot]:
        """The nudges due or near whose rep's status is still to be read: those that would go
        out, and those skipped for time off from a status (it may have been cleared)."""
        with unit_of_work(self.engine, read_only=True) as session:
            slots = nudges_between(session, start=now - self.grace, end=now + LEAD)
            by_status = {
                workspace_id: timeoff.status_away_users(
                    session,
                    workspace_id=workspace_id,
                    start=now.date() - timedelta(days=1),
                    end=now.date() + timedelta(days=1),
                )
                for workspace_id in {slot.workspace_id for slot in slots}
            }
        with self._lock:
            self._forget_old(now)
            wanted = [
                slot
                for slot in slots
                if (slot.skip is None or slot.target in by_status[slot.workspace_id])
                and _key(slot) not in self._read
                and self._refused.get(slot.workspace_id, now) <= now
            ]
        return wanted[:PER_TICK]

    def _read_one(self, slot: Slot, now: datetime) -> int:
        """Read one rep's status and keep what it says; 1 when it was read."""
        try:
            sender = self.sender_for(self.team_id(slot.workspace_id))
            profile = sender.profile(slot.target)
        except NotInstalled:
            self._done(slot)
            return 0
        except SendFailure as failure:
            if failure.transient:  # tried again next tick, if the nudge is not out by then
                log.info("statuses: %s not read yet: %s", slot.target, failure.code)
                return 0
            log.warning("statuses: %s not read: %s", slot.target, failure.code)
            if failure.code in WORKSPACE_REFUSALS:
                with self._lock:
                    self._refused[slot.workspace_id] = now + PAUSE
            self._done(slot)
            return 0
        except Exception:  # a bug: logged, and the nudge goes as usual
            log.exception("statuses: reading %s's status crashed", slot.target)
            self._done(slot)
            return 0
        try:
            self._keep(slot, profile)
        except Exception:
            log.exception("statuses: keeping %s's status failed", slot.target)
        self._done(slot)
        return 1

    def _keep(self, slot: Slot, profile: dict[str, object]) -> None:
        day = date.fromisoformat(slot.period)
        found = status_away(
            text=str(profile.get("status_text") or ""),
            emoji=str(profile.get("status_emoji") or ""),
            expiration=_whole(profile.get("status_expiration")),
            tz=ZoneInfo(slot.tz_name),
            today=day,
            patterns=self.patterns,
        )
        with unit_of_work(self.engine) as session:
            member = queries.find_member(
                session, workspace_id=slot.workspace_id, slack_user_id=slot.target
            )
            if member is None or member.id is None:
                return
            kept = keep_status(
                session,
                workspace_id=slot.workspace_id,
                member_id=member.id,
                found=found,
                today=day,
                now=self.clock(),
            )
        if found is not None and kept is not None:
            log.info("statuses: %s is away until %s", slot.target, kept.last_day.isoformat())

    def _done(self, slot: Slot) -> None:
        with self._lock:
            self._read.add(_key(slot))

    def _forget_old(self, now: datetime) -> None:
        """Days long gone are not asked about again."""
        before = (now.date() - timedelta(days=2)).isoformat()
        self._read = {key for key in self._read if key[2] >= before}


def _key(slot: Slot) -> Key:
    return (slot.workspace_id, slot.target, slot.period)


def _whole(value: object) -> int:
    """Slack's ``status_expiration``: seconds since the epoch, 0 for none."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return 0
    try:
        return int(value)
    except ValueError:
        return 0
