"""Storage on both databases: schema matches the models, rows stay in their workspace, deal
numbers never collide, times come back as aware UTC; and no SQL is written outside storage/."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel, col, select

from storage import callers, posts, queries, teams
from storage.db import make_engine, unit_of_work
from storage.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    include_object,
    upgrade,
)
from storage.models import Activity, Deal, Member, StageChange, Workspace
from tests.statements import recorded_statements


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        opts = {"compare_type": True, "include_object": include_object}
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, SQLModel.metadata) == []
    assert current_revision(engine) == head_revision(engine)


def _deal(workspace_id: int, owner_id: int, number: int, name: str) -> Deal:
    now = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    return Deal(
        workspace_id=workspace_id,
        number=number,
        name=name,
        name_key=name.casefold(),
        stage="lead",
        currency="IDR",
        owner_id=owner_id,
        created_at=now,
        updated_at=now,
        stage_entered_at=now,
    )


def _workspace_with_member(engine: Engine, team: str) -> tuple[int, int]:
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=team)
        assert workspace.id is not None
        member = queries.get_or_create_member(
            session, workspace_id=workspace.id, slack_user_id="U0123ABCDE"
        )
        assert member.id is not None
        return workspace.id, member.id


def test_deal_lookups_never_cross_workspaces(engine: Engine) -> None:
    ws_a, member_a = _workspace_with_member(engine, "T0AAAAAAAA")
    ws_b, member_b = _workspace_with_member(engine, "T0BBBBBBBB")
    with unit_of_work(engine) as session:
        session.add(_deal(ws_a, member_a, 1, "Acme Corp"))
        session.add(_deal(ws_b, member_b, 1, "Beta Ltd"))
    with unit_of_work(engine) as session:
        found_b = queries.deal_by_number(session, workspace_id=ws_b, number=1)
        assert found_b is not None and found_b.name == "Beta Ltd"
        assert queries.search_deals(session, workspace_id=ws_b, name_key="acme") == []
        deal_a = queries.deal_by_number(session, workspace_id=ws_a, number=1)
        assert deal_a is not None and deal_a.id is not None
        assert queries.deal_by_id(session, workspace_id=ws_b, deal_id=deal_a.id) is None
        assert queries.get_member(session, workspace_id=ws_b, member_id=member_a) is None


def test_scheduled_post_lookups_never_cross_workspaces(engine: Engine) -> None:
    ws_a, member_a = _workspace_with_member(engine, "T0AAAAAAAA")
    ws_b, member_b = _workspace_with_member(engine, "T0BBBBBBBB")
    called = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    with unit_of_work(engine) as session:
        deal_a = _deal(ws_a, member_a, 1, "Acme Corp")
        deal_a.next_step_due = called.date()
        session.add(deal_a)
        session.add(_deal(ws_b, member_b, 2, "Beta Ltd"))
        team_a = teams.create_team(session, workspace_id=ws_a, name="Jakarta")
        team_a.channel_id = "C0AAAAAAAA"
        session.flush()
        assert deal_a.id is not None and team_a.id is not None
        session.add(
            Activity(workspace_id=ws_a, deal_id=deal_a.id, member_id=member_a, occurred_at=called)
        )
        deal_id, team_id = deal_a.id, team_a.id
    since = called - timedelta(hours=1)
    with unit_of_work(engine) as session:
        assert teams.get_team(session, workspace_id=ws_b, team_id=team_id) is None
        assert teams.teams_by_id(session, workspace_id=ws_b, ids=[team_id]) == {}
        assert teams.teams_with_channel(session, workspace_id=ws_b) == []
        assert [t.id for t in teams.teams_with_channel(session, workspace_id=ws_a)] == [team_id]
        assert posts.deals_by_number(session, workspace_id=ws_b, numbers=[1]) == {}
        assert set(posts.deals_by_number(session, workspace_id=ws_a, numbers=[1, 2])) == {1}
        owners = [member_a, member_b]
        day = called.date()
        assert posts.follow_ups_due(session, workspace_id=ws_b, owner_ids=owners, day=day) == []
        for workspace_id, expected in ((ws_b, set()), (ws_a, {deal_id})):
            assert (
                posts.deals_called_since(
                    session, workspace_id=workspace_id, deal_ids=[deal_id], since=since
                )
                == expected
            )


def test_name_search_treats_percent_and_underscore_literally(engine: Engine) -> None:
    ws, member = _workspace_with_member(engine, "T0AAAAAAAA")
    with unit_of_work(engine) as session:
        session.add(_deal(ws, member, 1, "Acme Corp"))
    with unit_of_work(engine) as session:
        assert queries.search_deals(session, workspace_id=ws, name_key="%") == []
        assert queries.search_deals(session, workspace_id=ws, name_key="_") == []


def test_where_a_typed_deal_name_ends_is_found_in_one_scan(engine: Engine) -> None:
    ws, member = _workspace_with_member(engine, "T0AAAAAAAA")
    with unit_of_work(engine) as session:
        session.add(_deal(ws, member, 1, "Acme Corp Jakarta"))
        session.add(_deal(ws, member, 2, "Toko 10% Diskon"))
    typed = ["acme", "acme corp", "acme corp too", "acme corp too expensive"]
    with unit_of_work(engine) as session:
        with recorded_statements(engine) as statements:
            found = queries.longest_name_match(session, workspace_id=ws, name_keys=typed)
        assert found == 2  # "acme corp": the rest is the call's notes
        assert len([s for s in statements if "LIKE" in s]) == 1
        assert queries.longest_name_match(session, workspace_id=ws, name_keys=["nobody"]) == 0
        assert queries.longest_name_match(session, workspace_id=ws, name_keys=[]) == 0
        # "%" and "_" are letters here, not wildcards.
        assert queries.longest_name_match(session, workspace_id=ws, name_keys=["toko 1_%"]) == 0
        assert (
            queries.longest_name_match(session, workspace_id=ws, name_keys=["toko", "toko 10%"])
            == 2
        )
        # Only deals the caller may handle count.
        assert (
            queries.longest_name_match(session, workspace_id=ws, name_keys=typed, owner_ids=[]) == 0
        )


def test_concurrent_deal_numbers_are_unique(engine: Engine) -> None:
    ws, _ = _workspace_with_member(engine, "T0AAAAAAAA")
    numbers: list[int] = []
    lock = threading.Lock()

    def allocate() -> None:
        for _ in range(10):
            with unit_of_work(engine) as session:
                number = queries.allocate_deal_number(session, workspace_id=ws)
            with lock:
                numbers.append(number)

    threads = [threading.Thread(target=allocate) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == list(range(1, 61))


def test_first_contact_from_two_threads_creates_one_member(engine: Engine) -> None:
    ws, _ = _workspace_with_member(engine, "T0AAAAAAAA")
    barrier = threading.Barrier(4)

    def contact() -> None:
        barrier.wait()
        with unit_of_work(engine) as session:
            queries.get_or_create_member(session, workspace_id=ws, slack_user_id="U0NEWUSER1")

    threads = [threading.Thread(target=contact) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with unit_of_work(engine) as session:
        rows = session.exec(select(Member).where(Member.slack_user_id == "U0NEWUSER1")).all()
    assert len(rows) == 1


def test_times_come_back_as_aware_utc(engine: Engine) -> None:
    ws, member = _workspace_with_member(engine, "T0AAAAAAAA")
    jakarta = timezone(timedelta(hours=7))
    with unit_of_work(engine) as session:
        deal = _deal(ws, member, 1, "Acme Corp")
        deal.created_at = datetime(2026, 11, 23, 23, 30, tzinfo=jakarta)
        session.add(deal)
    with unit_of_work(engine) as session:
        stored = queries.deal_by_number(session, workspace_id=ws, number=1)
        assert stored is not None
        assert stored.created_at == datetime(2026, 11, 23, 16, 30, tzinfo=UTC)
        assert stored.created_at.tzinfo is not None


def test_upgrade_fills_when_each_existing_move_entered_its_stage(engine: Engine) -> None:
    """Moves written before migration 0005 get the time their deal entered the stage they
    left: the previous standing move (an undone move in between is skipped)."""
    command.downgrade(alembic_config(engine), "0004")
    day = datetime(2026, 11, 2, 3, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspace (slack_team_id, language, currency, "
                "timezone, pipeline, next_deal_number, created_at) "
                "VALUES ('T0MIGRATE', 'en', 'IDR', 'Asia/Jakarta', 'funnel4', 1, :at)"
            ),
            {"at": day},
        )
        workspace_id = connection.execute(text("SELECT id FROM workspace")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO member (workspace_id, slack_user_id, is_admin, "
                "created_at) VALUES (:ws, 'U0MIGRATE', false, :at)"
            ),
            {"ws": workspace_id, "at": day},
        )
        member_id = connection.execute(text("SELECT id FROM member")).scalar_one()
        connection.execute(text("INSERT INTO deal (workspace_id, number, name, name_key, stage, "
            "status, currency, owner_id, created_at, updated_at, stage_entered_at) VALUES "
            "(:ws, 1, 'Acme', 'acme', 'potential', 'open', 'IDR', :m, :at, :at, :at)"),
            {"ws": workspace_id, "m": member_id, "at": day})  # fmt: skip
        deal_id = connection.execute(text("SELECT id FROM deal")).scalar_one()
        moves = [
            (None, "lead", day, None),
            ("lead", "prospect", day + timedelta(days=2), None),
            ("prospect", "lost", day + timedelta(days=3), day + timedelta(days=3, hours=1)),
            ("prospect", "potential", day + timedelta(days=5), None),
        ]
        for from_stage, to_stage, at, reverted in moves:
            connection.execute(
                text("INSERT INTO stagechange (workspace_id, deal_id, member_id, from_stage, "
                    "to_stage, changed_at, reverted_at) VALUES (:ws, :d, :m, :f, :t, :at, :r)"),
                {"ws": workspace_id, "d": deal_id, "m": member_id, "f": from_stage,
                    "t": to_stage, "at": at, "r": reverted},
            )  # fmt: skip
    upgrade(engine)
    with Session(engine) as session:
        changes = session.exec(select(StageChange).order_by(col(StageChange.changed_at))).all()
        entered = [(c.to_stage, c.from_entered_at) for c in changes]
    assert entered == [
        ("lead", None),  # creation: no stage left
        ("prospect", day),
        ("lost", day + timedelta(days=2)),  # undone, but filled like any move
        ("potential", day + timedelta(days=2)),  # in prospect since day 2, not since the undo
    ]


# --- who is calling: one statement, the workspace's settings kept per process ---------------------


def test_a_caller_is_read_in_one_statement_once_the_settings_are_kept(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id="T0CALLER01")
        assert workspace.id is not None
        queries.get_or_create_member(session, workspace_id=workspace.id, slack_user_id="U0BUDI0001")
    with unit_of_work(engine) as session:  # the first read keeps the settings
        callers.find_caller(session, slack_team_id="T0CALLER01", slack_user_id="U0BUDI0001")
    with recorded_statements(engine) as statements, unit_of_work(engine, read_only=True) as session:
        found, member = callers.find_caller(
            session, slack_team_id="T0CALLER01", slack_user_id="U0BUDI0001"
        )
        assert found is not None and found.language == "en"
        assert member is not None and member.slack_user_id == "U0BUDI0001"
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_a_setting_changed_by_another_replica_is_seen_on_the_next_command(
    database_url: str,
) -> None:
    """Two processes on one database: each keeps its copy of the settings; a change made by
    one moves the version, and the other reads the settings again instead of its old copy."""
    here, there = make_engine(database_url), make_engine(database_url)
    try:
        for replica in (here, there):
            with unit_of_work(replica) as session:
                queries.get_or_create_workspace(session, slack_team_id="T0REPLICA1")
                workspace, _ = callers.find_caller(
                    session, slack_team_id="T0REPLICA1", slack_user_id="U0NOBODY01"
                )
                assert workspace is not None and workspace.language == "en"
        with unit_of_work(there) as session:
            workspace, _ = callers.find_caller(
                session, slack_team_id="T0REPLICA1", slack_user_id="U0NOBODY01"
            )
            assert workspace is not None
            workspace.language = "id"  # an admin's /sales setup on the other replica
        with unit_of_work(here, read_only=True) as session:
            workspace, _ = callers.find_caller(
                session, slack_team_id="T0REPLICA1", slack_user_id="U0NOBODY01"
            )
            assert workspace is not None and workspace.language == "id"
    finally:
        here.dispose()
        there.dispose()


def test_handing_out_deal_numbers_is_not_a_change_of_settings(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id="T0NUMBERS1")
        assert workspace.id is not None
        workspace_id = workspace.id
    with unit_of_work(engine) as session:
        queries.allocate_deal_number(session, workspace_id=workspace_id)
        queries.allocate_deal_number(session, workspace_id=workspace_id)
    with unit_of_work(engine) as session:
        kept = session.get(Workspace, workspace_id)
        assert kept is not None and kept.version == 0
        assert kept.next_deal_number == 2
        kept.currency = "USD"  # a setting: the version moves
    with unit_of_work(engine) as session:
        changed = session.get(Workspace, workspace_id)
        assert changed is not None and changed.version == 1


def test_upgrade_puts_each_reps_newest_sent_nudge_on_their_member_row(engine: Engine) -> None:
    """Nudges sent before migration 0010 are still redrawn after the rep's changes that day."""
    command.downgrade(alembic_config(engine), "0009")
    at = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspace (slack_team_id, language, currency, "
                "timezone, pipeline, next_deal_number, created_at) "
                "VALUES ('T0MIGRATE', 'en', 'IDR', 'Asia/Jakarta', 'funnel4', 0, :at)"
            ),
            {"at": at},
        )
        workspace_id = connection.execute(text("SELECT id FROM workspace")).scalar_one()
        for user in ("U0BUDI0001", "U0SARI0001"):
            connection.execute(
                text("INSERT INTO member (workspace_id, slack_user_id, is_admin, admin_granted, "
                    "created_at) VALUES (:ws, :u, false, false, :at)"),
                {"ws": workspace_id, "u": user, "at": at},
            )  # fmt: skip
        nudges = [
            ("2026-11-20", "sent", "1700000000.000100"),
            ("2026-11-23", "sent", "1700000000.000200"),  # Budi's newest
            ("2026-11-24", "failed", None),  # not sent: not a nudge to redraw
        ]
        for period, status, ts in nudges:
            connection.execute(
                text("INSERT INTO delivery (workspace_id, job, target, period, fire_at, status, "
                    "attempts, channel_id, message_ts, created_at, updated_at) VALUES "
                    "(:ws, 'nudge', 'U0BUDI0001', :p, :at, :s, 1, 'D0BUDI0001', :ts, :at, :at)"),
                {"ws": workspace_id, "p": period, "s": status, "ts": ts, "at": at},
            )  # fmt: skip
    upgrade(engine)
    with Session(engine) as session:
        members = {m.slack_user_id: m for m in session.exec(select(Member)).all()}
    budi, sari = members["U0BUDI0001"], members["U0SARI0001"]
    assert (budi.nudge_day, budi.nudge_channel_id, budi.nudge_ts) == (
        date(2026, 11, 23),
        "D0BUDI0001",
        "1700000000.000200",
    )
    assert (sari.nudge_day, sari.nudge_ts) == (None, None)


def _vacuum_settings(engine: Engine) -> dict[str, list[str]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT relname, reloptions FROM pg_class "
                "WHERE relname IN ('activity', 'stagechange', 'deal') AND relkind = 'r'"
            )
        ).all()
    return {name: sorted(options or []) for name, options in rows}


def test_postgresql_vacuums_the_newest_activities_and_moves_without_waiting(
    engine: Engine,
) -> None:
    """Reports read this week's rows from the index alone only once a vacuum has passed them:
    after 5,000 new rows, not after a fifth of the table."""
    if engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting; SQLite has no vacuum thresholds")
    settings = _vacuum_settings(engine)
    for table in ("activity", "stagechange"):
        assert "autovacuum_vacuum_insert_threshold=5000" in settings[table]
        assert "autovacuum_vacuum_insert_scale_factor=0" in settings[table]
    assert "autovacuum_vacuum_scale_factor=0.02" in settings["deal"]
    command.downgrade(alembic_config(engine), "0011")
    assert _vacuum_settings(engine) == {"activity": [], "stagechange": [], "deal": []}
    upgrade(engine)
    assert "autovacuum_vacuum_insert_threshold=5000" in _vacuum_settings(engine)["activity"]
