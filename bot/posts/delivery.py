"""The outbox at work: claim a post, send it, record how it went.

Every scheduled post is claimed in the ``delivery`` table before anything reaches Slack; the
claim is the unique row for (workspace, job, target, period), so a second replica, a catch-up
run or ``corong jobs run`` finds it taken and posts nothing. After sending, the row records the
message ts (sent), that there was nothing to say (skipped), that Slack refused for good (failed,
shown by ``corong jobs status`` and the admins' App Home), or when to try again (retry, with
backoff, for 429s that outlast the gate, 5xx and dropped connections).
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from bot.posts.compose import Posted, StuckCutoffsCache, compose, send
from bot.posts.sender import NotInstalled, SendFailure, SlackSender
from commands.posts.schedule import DEFAULT_GRACE, NUDGE, Slot, due_slots
from storage import outbox, queries
from storage.db import unit_of_work
from storage.outbox import Delivery
from storage.workspaces import get_workspace

log = logging.getLogger("corong.delivery")

MARK_ATTEMPTS = 5
LEASE = timedelta(minutes=10)  # a sender silent this long is presumed dead; its post is retaken
MAX_ATTEMPTS = 6
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(minutes=20)
WORKERS = 16  # threads sending at once: Slack's latency, not our CPU, is what they wait on

T = TypeVar("T")


def replica_name() -> str:
    """Who holds a lease: host, process and a random suffix, for ``corong jobs status``."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... up to 20 min, with jitter so replicas do not retry in step."""
    base = min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)
    return base * random.uniform(0.8, 1.2)


@dataclass
class RunReport:
    """What one run of the outbox did, by outcome."""

    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    failed: int = 0
    taken: int = 0  # already claimed by someone else (another replica, an earlier run)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, other: RunReport) -> None:
        self.sent += other.sent
        self.skipped += other.skipped
        self.retrying += other.retrying
        self.failed += other.failed
        self.taken += other.taken
        for code, count in other.errors.items():
            self.errors[code] = self.errors.get(code, 0) + count


class Deliverer:
    """Sends due posts through the outbox with a pool of threads sharing one rate gate."""

    def __init__(
        self,
        engine: Engine,
        sender_for: Callable[[str], SlackSender],
        *,
        clock: Callable[[], datetime],
        grace: timedelta = DEFAULT_GRACE,
        workers: int = WORKERS,
        owner: str | None = None,
        app_id: str | None = None,
    ) -> None:
        self.engine = engine
        self.sender_for = sender_for
        self.clock = clock
        self.grace = grace
        self.workers = workers
        self.owner = owner or replica_name()
        self.app_id = app_id  # for the nudge's link to the App Home
        self._team_ids: dict[int, str] = {}

    # --- what the scheduler calls ---------------------------------------------------------------

    def run_due(self) -> RunReport:
        """Send every post that is due now (within the grace window) and every retry whose time
        has come."""
        now = self.clock()
        with unit_of_work(self.engine, read_only=True) as session:
            slots = due_slots(session, now=now, grace=self.grace)
            open_keys = set(outbox.unclaimed(session, [slot.key for slot in slots]))
        slots = [slot for slot in slots if slot.key in open_keys]
        report = self.run_slots(slots)
        report.add(self.run_retries())
        return report

    def run_slots(self, slots: Iterable[Slot], *, as_of: datetime | None = None) -> RunReport:
        """Claim and send each slot; a slot someone else holds is left to them. ``as_of`` (for
        ``corong jobs run --at``) is the moment the posts speak of; claims, leases and retries
        always run on the real clock, so a running bot never mistakes such a run for a dead one."""
        cutoffs = StuckCutoffsCache()
        return self._pool(lambda slot: self._claim_and_send(slot, cutoffs, as_of), list(slots))

    def run_retries(self) -> RunReport:
        """Send the retries whose time has come and the posts whose sender died, a few at a
        time: a row is leased only when a thread is free to send it, so no lease runs out
        while the row waits in a queue (and another replica takes it over)."""
        total = RunReport()
        cutoffs = StuckCutoffsCache()
        while True:
            now = self.clock()
            with unit_of_work(self.engine) as session:
                claimed = outbox.claim_due(
                    session, now=now, owner=self.owner, lease=LEASE, limit=self.workers
                )
            if not claimed:
                return total
            total.add(self._pool(lambda row: self._send(row, cutoffs, retry=True), claimed))

    # --- one post ---------------------------------------------------------------------------------

    def _pool(self, work: Callable[[T], RunReport], items: list[T]) -> RunReport:
        total = RunReport()
        if not items:
            return total
        with ThreadPoolExecutor(self.workers, thread_name_prefix="corong-delivery") as pool:
            for report in pool.map(work, items):
                total.add(report)
        return total

    def _claim_and_send(
        self, slot: Slot, cutoffs: StuckCutoffsCache, as_of: datetime | None
    ) -> RunReport:
        now = self.clock()
        with unit_of_work(self.engine) as session:
            row = outbox.claim(
                session, slot.key, fire_at=slot.fire_at, now=now, owner=self.owner, lease=LEASE
            )
        if row is None:
            return RunReport(taken=1)
        return self._send(row, cutoffs, as_of)

    def _send(
        self,
        row: Delivery,
        cutoffs: StuckCutoffsCache,
        as_of: datetime | None = None,
        *,
        retry: bool = False,
    ) -> RunReport:
        """Compose and post one claimed delivery, as of its own period (its fire time, or
        ``as_of``), however late it is sent."""
        assert row.id is not None
        now = self.clock()
        if row.attempts > MAX_ATTEMPTS:  # its senders kept dying mid-send: stop taking it
            return self._failed(row, SendFailure(outbox.GAVE_UP + outbox.SENDER_DIED, False))
        if retry and now > row.fire_at + self.grace:  # this morning's post is no use at noon
            return self._failed(row, SendFailure(outbox.EXPIRED, False))
        opened: list[str] = []
        try:
            # The workspace's sender first: one that uninstalled Corong gets nothing composed.
            sender = self.sender_for(self._team_id(row.workspace_id))
        except NotInstalled as missing:
            with unit_of_work(self.engine) as session:
                outbox.mark_skipped(
                    session, row.id, owner=self.owner, now=self.clock(), reason=missing.code
                )
            return RunReport(skipped=1, errors={missing.code: 1})
        except SendFailure as failure:  # its token could not be refreshed
            return self._failed(row, failure)
        except Exception:  # a bug finding the token: record it, never crash the batch
            log.exception("delivery %s (%s %s): no sender", row.id, row.job, row.target)
            return self._failed(row, SendFailure(outbox.INTERNAL_ERROR, False))
        try:
            composed = compose(
                self.engine,
                row.job,
                workspace_id=row.workspace_id,
                target=row.target,
                period=row.period,
                now=as_of or row.fire_at,
                sent_at=now,
                stuck_cutoffs=cutoffs,
                app_id=self.app_id,
            )
            if composed is None:
                with unit_of_work(self.engine) as session:
                    outbox.mark_skipped(session, row.id, owner=self.owner, now=self.clock())
                return RunReport(skipped=1)
            posted = send(
                sender,
                composed,
                done=dict(row.payload or {}),
                progress=lambda payload: self._progress(row, payload),
                remember_dm=opened.append,
            )
        except SendFailure as failure:
            self._keep_dm(row, opened)
            return self._failed(row, failure)
        except Exception:  # a bug composing the post: record it, never retry it forever
            log.exception("delivery %s (%s %s) crashed", row.id, row.job, row.target)
            self._keep_dm(row, opened)
            return self._failed(row, SendFailure(outbox.INTERNAL_ERROR, False))
        if not self._mark_sent(row, posted, opened):
            log.warning("delivery %s was sent, but another sender had taken it over", row.id)
        return RunReport(sent=1)

    def _mark_sent(self, row: Delivery, posted: Posted, opened: list[str]) -> bool:
        """Record the post; tried a few times, because a row left "sending" after the post
        went out would be posted again once its lease runs out."""
        assert row.id is not None
        for attempt in range(MARK_ATTEMPTS):
            try:
                with unit_of_work(self.engine) as session:
                    recorded = outbox.mark_sent(
                        session,
                        row.id,
                        owner=self.owner,
                        now=self.clock(),
                        channel_id=posted.channel_id,
                        ts=posted.ts,
                        payload=posted.payload,
                    )
                    if opened:  # the rep's DM, so tomorrow's nudge needs no conversations.open
                        _remember_dm(session, row, opened[-1])
                    if recorded and row.job == NUDGE:
                        _remember_nudge(session, row, posted)
                return recorded
            except (SQLAlchemyError, TimeoutError):  # TimeoutError: SQLite's writers' queue
                log.warning(
                    "delivery %s: recording the sent post failed (try %d)", row.id, attempt + 1
                )
                time.sleep(0.5 * (attempt + 1))
        log.error("delivery %s was posted but could not be recorded as sent", row.id)
        return False

    def _keep_dm(self, row: Delivery, opened: list[str]) -> None:
        """A DM opened before the post failed is still the rep's DM: keep it for the retry."""
        if not opened:
            return
        with unit_of_work(self.engine) as session:
            _remember_dm(session, row, opened[-1])

    def _failed(self, row: Delivery, failure: SendFailure) -> RunReport:
        assert row.id is not None
        now = self.clock()
        errors = {failure.code: 1}
        next_at = now + backoff(row.attempts)
        give_up = row.attempts >= MAX_ATTEMPTS or next_at > row.fire_at + self.grace
        if failure.transient and not give_up:
            with unit_of_work(self.engine) as session:
                outbox.mark_retry(
                    session,
                    row.id,
                    owner=self.owner,
                    now=now,
                    error=failure.code,
                    next_attempt_at=next_at,
                )
            log.info("delivery %s: %s, retrying at %s", row.id, failure.code, next_at.isoformat())
            return RunReport(retrying=1, errors=errors)
        code = failure.code if not failure.transient else outbox.GAVE_UP + failure.code
        with unit_of_work(self.engine) as session:
            outbox.mark_failed(session, row.id, owner=self.owner, now=now, error=code)
        log.warning("delivery %s (%s to %s) failed: %s", row.id, row.job, row.target, code)
        return RunReport(failed=1, errors=errors)

    def _progress(self, row: Delivery, payload: dict[str, object]) -> None:
        assert row.id is not None
        now = self.clock()
        with unit_of_work(self.engine) as session:
            kept = outbox.save_progress(
                session, row.id, owner=self.owner, now=now, payload=payload, lease_until=now + LEASE
            )
        if not kept:  # our lease was taken over: stop rather than post twice
            raise SendFailure("lease_lost", False)

    def _team_id(self, workspace_id: int) -> str:
        """The workspace's Slack team id (cached: it never changes)."""
        team_id = self._team_ids.get(workspace_id)
        if team_id is None:
            with unit_of_work(self.engine, read_only=True) as session:
                workspace = get_workspace(session, workspace_id=workspace_id)
                assert workspace is not None
                team_id = self._team_ids[workspace_id] = workspace.slack_team_id
        return team_id


def _remember_nudge(session: Session, row: Delivery, posted: Posted) -> None:
    """Keep the rep's nudge of the day on their member row: their changes that day redraw it,
    found by the statement every command reads the member with."""
    try:
        day = date.fromisoformat(row.period)
    except ValueError:  # not a day: no nudge of a day to redraw
        return
    queries.remember_nudge(
        session,
        workspace_id=row.workspace_id,
        slack_user_id=row.target,
        day=day,
        channel_id=posted.channel_id,
        ts=posted.ts,
    )


def _remember_dm(session: Session, row: Delivery, channel_id: str) -> None:
    """Keep the DM a nudge opened on the rep's member row, for the next morning's nudge."""
    member = queries.find_member(session, workspace_id=row.workspace_id, slack_user_id=row.target)
    if member is not None:
        member.dm_channel_id = channel_id
        session.add(member)
