"""The outbox on both databases: a scheduled post is claimed by exactly one sender, even when
replicas race for it; a dead sender's post is taken over once; only the sender holding a row may
record how it went."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TypeVar

from sqlalchemy import Engine

from storage import outbox, queries
from storage.db import make_engine, unit_of_work
from storage.models import Delivery
from storage.outbox import SlotKey
from tests.patience import WRITER_PATIENCE_MS

T = TypeVar("T")

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
LEASE = timedelta(minutes=5)
A, B = "replica-a:1", "replica-b:2"


def _workspace(engine: Engine, team: str = "T0123ABCDE") -> int:
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=team)
        assert workspace.id is not None
        return workspace.id


def _key(workspace_id: int, period: str = "2026-11-23", target: str = "U0BUDI0001") -> SlotKey:
    return SlotKey(workspace_id=workspace_id, job="nudge", target=target, period=period)


def _claim(engine: Engine, key: SlotKey, *, owner: str = A, now: datetime = NOW) -> Delivery | None:
    with unit_of_work(engine) as session:
        return outbox.claim(session, key, fire_at=NOW, now=now, owner=owner, lease=LEASE)


def _get(engine: Engine, delivery_id: int) -> Delivery:
    with unit_of_work(engine, read_only=True) as session:
        delivery = session.get(Delivery, delivery_id)
        assert delivery is not None
        return delivery


def _race(url: str, *work: Callable[[Engine], T]) -> list[T]:
    """Run each function at the same moment on its own thread with its own engine (a replica)."""
    engines = [make_engine(url, busy_timeout_ms=WRITER_PATIENCE_MS) for _ in work]
    barrier = threading.Barrier(len(work))
    results: dict[int, T] = {}
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work[index](engines[index])
        except BaseException as error:  # reported below: a racer must never fail
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(work))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for engine in engines:
            engine.dispose()
    assert errors == []
    return [results[index] for index in range(len(work))]


def test_a_slot_is_claimed_once(engine: Engine) -> None:
    ws = _workspace(engine)
    first = _claim(engine, _key(ws))
    assert first is not None and first.id is not None
    assert (first.status, first.attempts, first.lease_owner) == ("sending", 1, A)
    assert first.lease_until == NOW + LEASE
    assert first.fire_at == NOW and first.created_at == NOW
    assert _claim(engine, _key(ws), owner=B) is None
    assert _claim(engine, _key(ws), owner=A) is None
    assert _claim(engine, _key(ws, period="2026-11-24")) is not None


def test_racing_replicas_claim_each_slot_exactly_once(engine: Engine, database_url: str) -> None:
    ws = _workspace(engine)
    for round_number in range(15):
        key = _key(ws, period=f"round-{round_number}")
        results = _race(
            database_url,
            partial(_claim, key=key, owner=A),
            partial(_claim, key=key, owner=B),
        )
        winners = [result for result in results if result is not None]
        assert len(winners) == 1
        assert _get(engine, winners[0].id or 0).lease_owner == winners[0].lease_owner


def test_a_dead_senders_slot_is_taken_over_once_its_lease_runs_out(engine: Engine) -> None:
    ws = _workspace(engine)
    first = _claim(engine, _key(ws))
    assert first is not None and first.id is not None
    assert _claim(engine, _key(ws), owner=B, now=NOW + LEASE) is None  # lease still holds
    taken = _claim(engine, _key(ws), owner=B, now=NOW + LEASE + timedelta(seconds=1))
    assert taken is not None and taken.id == first.id
    assert (taken.status, taken.attempts, taken.lease_owner) == ("sending", 2, B)
    with unit_of_work(engine) as session:  # the dead sender's late word no longer counts
        assert not outbox.mark_sent(
            session, first.id, owner=A, now=NOW, channel_id="D0BUDI", ts="1.1"
        )


def test_racing_replicas_take_over_an_expired_lease_once(engine: Engine, database_url: str) -> None:
    ws = _workspace(engine)
    later = NOW + LEASE + timedelta(minutes=1)
    for round_number in range(8):
        key = _key(ws, period=f"round-{round_number}")
        assert _claim(engine, key, owner="dead") is not None
        results = _race(
            database_url,
            partial(_claim, key=key, owner=A, now=later),
            partial(_claim, key=key, owner=B, now=later),
        )
        winners = [result for result in results if result is not None]
        assert len(winners) == 1 and winners[0].attempts == 2


def test_claim_leaves_finished_and_retrying_slots_alone(engine: Engine) -> None:
    ws = _workspace(engine)
    much_later = NOW + timedelta(days=1)
    for period, finish in (
        ("sent", lambda s, i: outbox.mark_sent(s, i, owner=A, now=NOW, channel_id="C", ts="1")),
        ("failed", lambda s, i: outbox.mark_failed(s, i, owner=A, now=NOW, error="boom")),
        ("skipped", lambda s, i: outbox.mark_skipped(s, i, owner=A, now=NOW)),
        (
            "retry",
            lambda s, i: outbox.mark_retry(
                s, i, owner=A, now=NOW, error="429", next_attempt_at=NOW
            ),
        ),
    ):
        claimed = _claim(engine, _key(ws, period=period))
        assert claimed is not None
        with unit_of_work(engine) as session:
            assert finish(session, claimed.id)
        assert _claim(engine, _key(ws, period=period), owner=B, now=much_later) is None
        assert _get(engine, claimed.id or 0).status == period


def _retry_row(engine: Engine, ws: int, period: str, next_attempt_at: datetime) -> int:
    claimed = _claim(engine, _key(ws, period=period))
    assert claimed is not None and claimed.id is not None
    with unit_of_work(engine) as session:
        assert outbox.mark_retry(
            session, claimed.id, owner=A, now=NOW, error="HTTP 503", next_attempt_at=next_attempt_at
        )
    return claimed.id


def test_claim_due_takes_retries_whose_time_has_come_and_abandoned_sends(engine: Engine) -> None:
    ws = _workspace(engine)
    due = _retry_row(engine, ws, "due", NOW + timedelta(minutes=1))
    early = _retry_row(engine, ws, "early", NOW + timedelta(minutes=10))
    abandoned = _claim(engine, _key(ws, period="abandoned"))
    alive = _claim(engine, _key(ws, period="alive"), now=NOW + timedelta(minutes=3))
    sent = _claim(engine, _key(ws, period="sent"))
    failed = _claim(engine, _key(ws, period="failed"))
    assert abandoned and alive and sent and failed
    with unit_of_work(engine) as session:
        assert outbox.mark_sent(session, sent.id or 0, owner=A, now=NOW, channel_id="C", ts="9")
        assert outbox.mark_failed(session, failed.id or 0, owner=A, now=NOW, error="not_in_channel")

    at = NOW + timedelta(minutes=5, seconds=30)
    with unit_of_work(engine) as session:
        taken = outbox.claim_due(session, now=at, owner=B, lease=LEASE, limit=10)
    assert sorted(d.id or 0 for d in taken) == sorted([due, abandoned.id or 0])
    for delivery in taken:
        assert (delivery.status, delivery.lease_owner, delivery.attempts) == ("sending", B, 2)
        assert delivery.lease_until == at + LEASE and delivery.next_attempt_at is None
    with unit_of_work(engine) as session:  # taken rows are leased now: nobody takes them again
        assert outbox.claim_due(session, now=at, owner=A, lease=LEASE, limit=10) == []
    assert _get(engine, early).status == "retry"

    with unit_of_work(engine) as session:
        later = outbox.claim_due(session, now=NOW + timedelta(minutes=10), owner=A, lease=LEASE,
                                 limit=10)  # fmt: skip
    assert sorted(d.id or 0 for d in later) == sorted(
        [early, alive.id or 0]
    )  # alive's lease ran out


def test_claim_due_respects_its_limit(engine: Engine) -> None:
    ws = _workspace(engine)
    for n in range(5):
        _retry_row(engine, ws, f"p{n}", NOW)
    with unit_of_work(engine) as session:
        assert len(outbox.claim_due(session, now=NOW, owner=B, lease=LEASE, limit=3)) == 3
    with unit_of_work(engine) as session:
        assert len(outbox.claim_due(session, now=NOW, owner=B, lease=LEASE, limit=3)) == 2


def test_racing_claim_due_never_hands_a_row_to_two_replicas(
    engine: Engine, database_url: str
) -> None:
    ws = _workspace(engine)
    for round_number in range(4):
        ids = {_retry_row(engine, ws, f"r{round_number}-{n}", NOW) for n in range(12)}
        at = NOW + timedelta(seconds=round_number)

        def take(e: Engine, owner: str, at: datetime = at) -> list[int]:
            taken: list[int] = []
            while True:
                with unit_of_work(e) as session:
                    batch = outbox.claim_due(session, now=at, owner=owner, lease=LEASE, limit=3)
                if not batch:
                    return taken
                taken += [d.id or 0 for d in batch]

        mine, theirs = _race(database_url, lambda e: take(e, A), lambda e: take(e, B))
        assert set(mine).isdisjoint(theirs)
        assert sorted(mine + theirs) == sorted(ids)


def test_only_the_lease_owner_records_the_outcome(engine: Engine) -> None:
    ws = _workspace(engine)
    claimed = _claim(engine, _key(ws))
    assert claimed is not None and claimed.id is not None
    later = NOW + timedelta(seconds=10)
    with unit_of_work(engine) as session:
        assert not outbox.mark_sent(session, claimed.id, owner=B, now=later, channel_id="C", ts="1")
        assert not outbox.mark_retry(
            session, claimed.id, owner=B, now=later, error="x", next_attempt_at=later
        )
        assert not outbox.mark_failed(session, claimed.id, owner=B, now=later, error="x")
        assert not outbox.mark_skipped(session, claimed.id, owner=B, now=later)
        assert not outbox.save_progress(session, claimed.id, owner=B, now=later, payload={"a": 1})
        assert not outbox.mark_sent(session, 999_999, owner=A, now=later, channel_id="C", ts="1")
    assert _get(engine, claimed.id).status == "sending"

    with unit_of_work(engine) as session:
        assert outbox.save_progress(
            session,
            claimed.id,
            owner=A,
            now=later,
            payload={"summary_ts": "1.5"},
            lease_until=later + LEASE,
        )
    progressed = _get(engine, claimed.id)
    assert progressed.payload == {"summary_ts": "1.5"}
    assert progressed.lease_until == later + LEASE and progressed.status == "sending"

    with unit_of_work(engine) as session:
        held = session.get(Delivery, claimed.id)
        assert held is not None
        assert outbox.mark_sent(
            session,
            claimed.id,
            owner=A,
            now=later,
            channel_id="D0BUDI",
            ts="1700000000.000100",
            payload={"deals": ["D-1", "D-2"]},
        )
        assert held.status == "sent"  # an object the caller holds shows the new state
        # once sent, the row is final even for its owner
        assert not outbox.mark_failed(session, claimed.id, owner=A, now=later, error="late")
    sent = _get(engine, claimed.id)
    assert (sent.status, sent.channel_id, sent.message_ts) == (
        "sent",
        "D0BUDI",
        "1700000000.000100",
    )
    assert sent.sent_at == later and sent.updated_at == later and sent.lease_until is None
    assert sent.payload == {"deals": ["D-1", "D-2"]}


def test_errors_are_cut_to_fit_their_column(engine: Engine) -> None:
    ws = _workspace(engine)
    claimed = _claim(engine, _key(ws))
    assert claimed is not None and claimed.id is not None
    with unit_of_work(engine) as session:
        assert outbox.mark_failed(session, claimed.id, owner=A, now=NOW, error="é" * 500)
    assert _get(engine, claimed.id).error == "é" * 200


def test_a_click_finds_the_post_it_came_from(engine: Engine) -> None:
    ws = _workspace(engine)
    other_ws = _workspace(engine, "T0OTHER000")
    claimed = _claim(engine, _key(ws))
    assert claimed is not None and claimed.id is not None
    with unit_of_work(engine) as session:
        outbox.mark_sent(session, claimed.id, owner=A, now=NOW, channel_id="D0BUDI", ts="17.1")
    with unit_of_work(engine, read_only=True) as session:
        found = outbox.find_by_message(session, workspace_id=ws, channel_id="D0BUDI", ts="17.1")
        assert found is not None and found.id == claimed.id
        assert (
            outbox.find_by_message(session, workspace_id=ws, channel_id="D0BUDI", ts="17.2") is None
        )
        assert (
            outbox.find_by_message(session, workspace_id=other_ws, channel_id="D0BUDI", ts="17.1")
            is None
        )


def test_latest_sent_is_the_sent_post_of_the_period(engine: Engine) -> None:
    ws = _workspace(engine)
    for day, sent_at in (("2026-11-23", NOW), ("2026-11-24", NOW + timedelta(days=1))):
        claimed = _claim(engine, _key(ws, period=day))
        assert claimed is not None
        with unit_of_work(engine) as session:
            outbox.mark_sent(session, claimed.id or 0, owner=A, now=sent_at, channel_id="D", ts=day)
    _claim(engine, _key(ws, period="2026-11-25"))  # still sending: not sent
    with unit_of_work(engine, read_only=True) as session:
        found = outbox.latest_sent(
            session, workspace_id=ws, job="nudge", target="U0BUDI0001", period="2026-11-23"
        )
        assert found is not None and found.message_ts == "2026-11-23"
        newest = outbox.latest_sent(session, workspace_id=ws, job="nudge", target="U0BUDI0001")
        assert newest is not None and newest.period == "2026-11-24"
        assert (
            outbox.latest_sent(
                session, workspace_id=ws, job="nudge", target="U0BUDI0001", period="2026-11-25"
            )
            is None
        )
        assert outbox.latest_sent(session, workspace_id=ws, job="digest", target="team:1") is None


def test_recent_lists_newest_first_and_status_counts_group_by_job(engine: Engine) -> None:
    ws = _workspace(engine)
    other_ws = _workspace(engine, "T0OTHER000")
    made = []
    for n, (workspace, job) in enumerate(
        [(ws, "nudge"), (ws, "nudge"), (ws, "standup"), (other_ws, "digest")]
    ):
        key = SlotKey(workspace_id=workspace, job=job, target=f"U{n}", period="2026-11-23")
        with unit_of_work(engine) as session:
            claimed = outbox.claim(
                session, key, fire_at=NOW, now=NOW + timedelta(minutes=n), owner=A, lease=LEASE
            )
            assert claimed is not None and claimed.id is not None
            made.append(claimed.id)
    with unit_of_work(engine) as session:
        outbox.mark_sent(session, made[0], owner=A, now=NOW, channel_id="D", ts="1")
        outbox.mark_failed(session, made[3], owner=A, now=NOW, error="channel_not_found")

    with unit_of_work(engine, read_only=True) as session:
        assert [d.id for d in outbox.recent(session)] == made[::-1]
        assert [d.id for d in outbox.recent(session, workspace_id=ws)] == made[2::-1]
        assert [d.id for d in outbox.recent(session, limit=2)] == made[:1:-1]
        since = NOW + timedelta(minutes=1)
        assert [d.id for d in outbox.recent(session, since=since)] == made[:0:-1]
        assert outbox.status_counts(session, since=NOW) == {
            ("nudge", "sent"): 1,
            ("nudge", "sending"): 1,
            ("standup", "sending"): 1,
            ("digest", "failed"): 1,
        }
        assert outbox.status_counts(session, since=NOW + timedelta(minutes=2)) == {
            ("standup", "sending"): 1,
            ("digest", "failed"): 1,
        }
