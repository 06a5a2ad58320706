"""The outbox at work: claim a post, send it, record how it went.

Every scheduled post is claimed in the ``delivery`` table before anything reaches Slack; the
claim is the unique row for (workspace, job, target, period), so a second replica, a catch-up
run or ``corong jobs run`` finds it taken and posts nothing. After sending, the row records the
message ts (sent), that there was nothing to say (skipped), that Slack refused for good (failed,
shown by ``corong jobs status`` and the admins' App Home), or when to try again (retry, with
backoff, for 429s that outlast the gate, 5xx and dropped connections).

Deal alerts are queued by the deal change that earned them rather than found due; each tick
claims a team's waiting alerts together and posts them one each or batched
(``run_alerts``). Before any post is first sent it is counted toward its workspace's daily
budget (``commands.posts.budget``); past the budget it is held (failed, ``daily_budget_reached``)
and the log says so once a day.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
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

from bot.posts.alerts import compose_alerts
from bot.posts.compose import Composed, NotNow, Posted, StuckCutoffsCache, compose, send
from bot.posts.sender import NotInstalled, SendFailure, SlackSender
from bot.posts.statuses import StatusReader
from commands.calendar.status import DEFAULT_PATTERNS, AwayPatterns
from commands.deal_alerts import ALERT
from commands.posts.alerts import WINDOW, waits
from commands.posts.budget import DailyBudget, daily_budget
from commands.posts.forecast import FORECAST_JOBS
from commands.posts.prefs import ANSWER_WINDOW
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
ALERTS_PER_RUN = 1000  # queued deal alerts one run looks at (the rest wait for the next tick)

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
        daily_budget: int | None = None,
        away_status: AwayPatterns = DEFAULT_PATTERNS,
    ) -> None:
        self.engine = engine
        self.sender_for = sender_for
        self.clock = clock
        self.grace = grace
        self.workers = workers
        self.owner = owner or replica_name()
        self.app_id = app_id  # for the nudge's link to the App Home
        # Every workspace's scheduled posts a day: this many (DAILY_POST_BUDGET), or None for
        # ``commands.posts.budget.default_budget``.
        self.daily_budget = daily_budget
        self._team_ids: dict[int, str] = {}
        # The day's budget of each workspace found spent: its later posts that day are held
        # without composing them first, and the log hears of it once.
        self._spent: dict[int, DailyBudget] = {}
        self._budget_lock = threading.Lock()
        # Reps' Slack statuses, read before their nudges (time off until the status expires).
        self.statuses = StatusReader(
            engine, sender_for, self._team_id, clock=clock, grace=grace, patterns=away_status
        )

    # --- what the scheduler calls ---------------------------------------------------------------

    def run_due(self) -> RunReport:
        """Send every post that is due now (within the grace window), the deal alerts waiting,
        and every retry whose time has come; first, the Slack statuses of the reps whose
        nudge is near (``bot.posts.statuses``)."""
        now = self.clock()
        self.statuses.before_nudges(now)
        with unit_of_work(self.engine, read_only=True) as session:
            slots = due_slots(session, now=now, grace=self.grace)
            open_keys = set(outbox.unclaimed(session, [slot.key for slot in slots]))
        slots = [slot for slot in slots if slot.key in open_keys]
        # The forecast call's posts after the nudges they may ride on (a catch-up with both due).
        report = self.run_slots([slot for slot in slots if slot.job not in FORECAST_JOBS])
        report.add(self.run_slots([slot for slot in slots if slot.job in FORECAST_JOBS]))
        report.add(self.run_alerts())
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
                    session,
                    now=now,
                    owner=self.owner,
                    lease=LEASE,
                    limit=self.workers,
                    except_jobs=(ALERT,),  # retried with their team's others, by run_alerts
                )
            if not claimed:
                return total
            total.add(self._pool(lambda row: self._send(row, cutoffs, retry=True), claimed))

    def run_alerts(self) -> RunReport:
        """Post the deal alerts whose time has come, team by team: one post each while the
        team's channel is under its hour's share, batched beyond it, and none while it had its
        share (``commands.posts.alerts``); a waiting alert is looked at again next tick."""
        now = self.clock()
        ready: list[tuple[list[int], int]] = []
        with unit_of_work(self.engine, read_only=True) as session:
            queue = outbox.due_queue(session, job=ALERT, now=now, limit=ALERTS_PER_RUN)
            for (workspace_id, target), ids in queue.items():
                posted = outbox.posts_since(
                    session, workspace_id=workspace_id, job=ALERT, target=target, since=now - WINDOW
                )
                if not waits(len(posted)):
                    ready.append((ids, len(posted)))
        return self._pool(lambda item: self._send_alerts(*item), ready)

    def _send_alerts(self, ids: list[int], posted_this_hour: int) -> RunReport:
        """Claim one team's alerts and post them as composed."""
        now = self.clock()
        with unit_of_work(self.engine) as session:
            rows = outbox.claim_rows(session, ids, now=now, owner=self.owner, lease=LEASE)
        report = RunReport(taken=len(ids) - len(rows))
        live: list[Delivery] = []
        for row in rows:
            if row.attempts > MAX_ATTEMPTS:
                report.add(
                    self._failed(row, SendFailure(outbox.GAVE_UP + outbox.SENDER_DIED, False))
                )
            elif now > row.fire_at + self.grace:
                report.add(self._failed(row, SendFailure(outbox.EXPIRED, False)))
            else:
                live.append(row)
        if not live:
            return report
        try:
            sender = self.sender_for(self._team_id(live[0].workspace_id))
            posts, dropped = compose_alerts(self.engine, live, posted_this_hour=posted_this_hour)
        except NotInstalled as missing:
            report.add(self._skip(live, missing.code))
            report.errors[missing.code] = report.errors.get(missing.code, 0) + len(live)
            return report
        except SendFailure as failure:  # the workspace's token could not be refreshed
            return self._fail_all(report, live, failure)
        except Exception:  # a bug: record it, never retry it forever
            log.exception("deal alerts %s crashed", [row.id for row in live])
            return self._fail_all(report, live, SendFailure(outbox.INTERNAL_ERROR, False))
        for row, reason in dropped:
            report.add(self._skip([row], reason))
        for covered, composed in posts:
            report.add(self._post_alerts(sender, covered, composed))
        return report

    def _post_alerts(
        self, sender: SlackSender, rows: list[Delivery], composed: Composed
    ) -> RunReport:
        """Send one alert post (a single alert or a batch) and mark every row it covers."""
        spent = self._spend_budget(rows[0])  # one post, one count, whatever it lists
        if spent is not None:
            return self._hold(rows, spent)
        try:
            posted = send(
                sender, composed, done={}, progress=lambda _: None, remember_dm=lambda _: None
            )
        except SendFailure as failure:
            return self._fail_all(RunReport(), rows, failure)
        except Exception:
            log.exception("deal alerts %s crashed", [row.id for row in rows])
            return self._fail_all(RunReport(), rows, SendFailure(outbox.INTERNAL_ERROR, False))
        for row in rows:
            if not self._mark_sent(row, posted, []):
                log.warning("delivery %s was sent, but another sender had taken it over", row.id)
        return RunReport(sent=len(rows))

    def _skip(self, rows: list[Delivery], reason: str | None) -> RunReport:
        with unit_of_work(self.engine) as session:
            for row in rows:
                assert row.id is not None
                outbox.mark_skipped(
                    session, row.id, owner=self.owner, now=self.clock(), reason=reason
                )
        return RunReport(skipped=len(rows))

    def _fail_all(self, report: RunReport, rows: list[Delivery], failure: SendFailure) -> RunReport:
        for row in rows:
            report.add(self._failed(row, failure))
        return report

    # --- the daily budget -------------------------------------------------------------------------

    def _spend_budget(self, row: Delivery) -> DailyBudget | None:
        """Count ``row`` toward its workspace's posts of the day: None when it may go, the
        day's budget when that is spent (the post is then held)."""
        assert row.id is not None
        now = self.clock()
        with unit_of_work(self.engine) as session:
            workspace = get_workspace(session, workspace_id=row.workspace_id)
            if workspace is None:  # erased meanwhile: composing found nothing to say either
                return None
            budget = daily_budget(session, workspace, now, fixed=self.daily_budget)
            counted = outbox.spend_budget(
                session,
                row.id,
                workspace_id=row.workspace_id,
                since=budget.since,
                budget=budget.limit,
                now=now,
            )
        return None if counted else budget

    def _known_spent(self, row: Delivery) -> DailyBudget | None:
        """The budget of the row's workspace when this deliverer already found it spent today
        (a row counted before, the digest's next step, still goes)."""
        with self._budget_lock:
            budget = self._spent.get(row.workspace_id)
        if budget is None or row.counted_at is not None:
            return None
        return budget if budget.since <= self.clock() < budget.until else None

    def _hold(self, rows: list[Delivery], budget: DailyBudget) -> RunReport:
        """Fail posts the day's budget has no room for (the admins' App Home and ``corong jobs
        status`` show why), and say so in the log once a day per workspace, not per post."""
        now = self.clock()
        with unit_of_work(self.engine) as session:
            for row in rows:
                assert row.id is not None
                outbox.mark_failed(
                    session, row.id, owner=self.owner, now=now, error=outbox.OVER_BUDGET
                )
        workspace_id = rows[0].workspace_id
        with self._budget_lock:
            known = self._spent.get(workspace_id)
            first = known is None or known.day != budget.day
            if first:
                self._spent[workspace_id] = budget
        if first:
            log.warning(
                "scheduled posts: workspace %s reached its daily budget of %d posts on %s (%s); "
                "the rest of that day's posts are held, not sent (corong jobs status lists "
                "them; DAILY_POST_BUDGET sets the budget)",
                self._team_id(workspace_id),
                budget.limit,
                budget.day.isoformat(),
                budget.tz_name,
            )
        return RunReport(failed=len(rows), errors={outbox.OVER_BUDGET: len(rows)})

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
        spent = self._known_spent(row)
        if spent is not None:
            return self._hold([row], spent)
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
                quiet_hours=True,
            )
            if composed is None:
                with unit_of_work(self.engine) as session:
                    outbox.mark_skipped(session, row.id, owner=self.owner, now=self.clock())
                return RunReport(skipped=1)
            spent = self._spend_budget(row)
            if spent is not None:
                return self._hold([row], spent)
            posted = send(
                sender,
                composed,
                done=dict(row.payload or {}),
                progress=lambda payload: self._progress(row, payload),
                remember_dm=opened.append,
            )
        except NotNow as held:  # its rep's quiet hours began: never sent during them
            with unit_of_work(self.engine) as session:
                outbox.mark_skipped(
                    session, row.id, owner=self.owner, now=self.clock(), reason=held.reason
                )
            return RunReport(skipped=1)
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
                now = self.clock()
                with unit_of_work(self.engine) as session:
                    recorded = outbox.mark_sent(
                        session,
                        row.id,
                        owner=self.owner,
                        now=now,
                        channel_id=posted.channel_id,
                        ts=posted.ts,
                        payload=posted.payload,
                    )
                    if opened:  # the rep's DM, so tomorrow's nudge needs no conversations.open
                        _remember_dm(session, row, opened[-1])
                    if recorded and row.job == NUDGE:
                        _remember_nudge(session, row, posted, now)
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


def _remember_nudge(session: Session, row: Delivery, posted: Posted, now: datetime) -> None:
    """Keep the rep's nudge of the day on their member row: their changes that day redraw it,
    found by the statement every command reads the member with; and count the nudge before it
    as unanswered if they did not act on it (``commands.posts.prefs``)."""
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
        sent_at=now,
        unanswered_before=now - ANSWER_WINDOW,
    )


def _remember_dm(session: Session, row: Delivery, channel_id: str) -> None:
    """Keep the DM a nudge opened on the rep's member row, for the next morning's nudge."""
    member = queries.find_member(session, workspace_id=row.workspace_id, slack_user_id=row.target)
    if member is not None:
        member.dm_channel_id = channel_id
        session.add(member)
