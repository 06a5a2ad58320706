"""Several requests (threads here, replicas in production) changing the same deal at once:
each change either wins whole or is refused with a reason; none is silently overwritten."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.handling import Handled, run_command
from commands.context import Invocation
from commands.pipelines import pipeline_for
from commands.replies import Notice, Problem
from storage import queries, teams
from storage.db import unit_of_work

TEAM = "T0123ABCDE"
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _as(user: str) -> Invocation:
    return Invocation(team_id=TEAM, user_id=user, now=NOW)


def _race(engine: Engine, *commands: tuple[str, str, str]) -> list[Handled]:
    barrier = threading.Barrier(len(commands))
    results: list[Handled | None] = [None] * len(commands)

    def run(index: int, user: str, command: str, text: str) -> None:
        barrier.wait()
        results[index] = run_command(engine, _as(user), command, text)

    threads = [
        threading.Thread(target=run, args=(index, *spec)) for index, spec in enumerate(commands)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result is not None for result in results)
    return [result for result in results if result is not None]


def _make_admin(engine: Engine, user: str) -> None:
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        member = queries.get_or_create_member(
            session, workspace_id=workspace.id or 0, slack_user_id=user
        )
        member.is_admin = True


def _make_manager(engine: Engine, manager: str, rep: str) -> None:
    """``manager`` leads a team whose rep is ``rep``: both may act on the rep's deals."""
    with unit_of_work(engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        team = teams.create_team(session, workspace_id=workspace.id or 0, name="Jakarta")
        for user, role in ((rep, teams.REP), (manager, teams.MANAGER)):
            member = queries.get_or_create_member(
                session, workspace_id=workspace.id or 0, slack_user_id=user
            )
            teams.add_to_team(session, team=team, member_id=member.id or 0, role=role)


def test_won_and_lost_at_once_closes_the_deal_one_way_only(engine: Engine) -> None:
    _make_manager(engine, "U0SARI0001", "U0BUDI0001")
    run_command(engine, _as("U0BUDI0001"), "/deal", "add Acme Corp 50jt")
    for _ in range(5):
        won, lost = _race(
            engine,
            ("U0BUDI0001", "/deal", "won D-1"),
            ("U0SARI0001", "/deal", "lost D-1 price"),
        )
        winners = [r for r in (won, lost) if isinstance(r.reply, Notice)]
        refused = [r.reply for r in (won, lost) if isinstance(r.reply, Problem)]
        assert len(winners) == 1 and len(refused) == 1
        assert refused[0].key == "deal.closed"
        with unit_of_work(engine) as session:
            deal = queries.deal_by_number(session, workspace_id=1, number=1)
            assert deal is not None
            assert (deal.status == "lost") == (deal.lost_reason == "price")
            moves = queries.stage_history(session, workspace_id=1, deal_id=deal.id or 0)
            assert [m.to_stage for m in moves][1:] == [deal.status]
        run_command(
            engine, _as("U0SARI0001" if lost is winners[0] else "U0BUDI0001"), "/sales", "undo"
        )


def test_undo_racing_someone_elses_move_never_loses_the_move(engine: Engine) -> None:
    _make_manager(engine, "U0SARI0001", "U0BUDI0001")
    run_command(engine, _as("U0BUDI0001"), "/deal", "add Acme Corp 50jt")
    run_command(engine, _as("U0BUDI0001"), "/deal", "move D-1 prospect")
    undo, move = _race(
        engine,
        ("U0BUDI0001", "/sales", "undo"),
        ("U0SARI0001", "/deal", "move D-1 potential"),
    )
    with unit_of_work(engine) as session:
        deal = queries.deal_by_number(session, workspace_id=1, number=1)
        assert deal is not None
    if isinstance(move.reply, Notice) and isinstance(undo.reply, Notice):
        # The undo went first (back to lead), then the move from lead to potential.
        assert deal.stage == "potential"
    else:
        assert isinstance(move.reply, Notice)
        assert isinstance(undo.reply, Problem) and undo.reply.key == "undo.changed_since"
        assert deal.stage == "potential"


def test_pipeline_switch_and_a_move_at_once_never_strand_a_deal(engine: Engine) -> None:
    _make_admin(engine, "U0ANDI0001")
    run_command(engine, _as("U0ANDI0001"), "/sales", "pipeline seven-step")
    for number in range(1, 6):
        run_command(engine, _as("U0BUDI0001"), "/deal", f"add Deal {number} 5jt")
        # "research" exists in seven-step but not in nine-stage; "prospecting" is in both.
        move, switch = _race(
            engine,
            ("U0BUDI0001", "/deal", f"move D-{number} research"),
            ("U0ANDI0001", "/sales", "pipeline nine-stage"),
        )
        with unit_of_work(engine) as session:
            workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
            stages = pipeline_for(workspace.pipeline).stages
            for deal in queries.open_deals(session, workspace_id=workspace.id or 0):
                assert deal.stage in stages, f"{deal.ref} stranded in {deal.stage}"
        assert isinstance(move.reply, Notice) != isinstance(switch.reply, Notice)
        if isinstance(switch.reply, Notice):
            run_command(engine, _as("U0ANDI0001"), "/sales", "undo")
        else:
            run_command(engine, _as("U0BUDI0001"), "/deal", f"lost D-{number}")
