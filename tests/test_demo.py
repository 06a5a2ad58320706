"""``corong demo`` and ``corong shell --demo`` as a newcomer runs them: a full, believable
workspace at once, rebuilt (never added to) by a second run, and no other workspace touched."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, func, select

from commands.demo.cast import DEMO_TEAM_ID, LEAKY_TEAM
from storage.models import CompanyDay, Deal, Workspace
from tests.harness import Bot
from tests.patience import PROCESS_PATIENCE
from tests.processes import clean_env, corong
from tests.terminal import Ran


def deals_by_status(bot: Bot, team_id: str) -> dict[str, int]:
    with Session(bot.engine) as session:
        rows = session.exec(
            select(Deal.status, func.count())
            .join(Workspace, col(Workspace.id) == col(Deal.workspace_id))
            .where(Workspace.slack_team_id == team_id, col(Deal.deleted_at).is_(None))
            .group_by(col(Deal.status))
        )
        return {status: count for status, count in rows}


def test_the_demo_is_a_full_team_and_a_second_run_rebuilds_it(
    bot: Bot, corong_cli: Callable[..., Ran]
) -> None:
    assert bot.slash("/deal", "add Acme 50jt").ack.status == 200  # a real team's deal

    first = corong_cli("demo")
    assert first.status == 0, first
    assert "3 teams, 12 reps" in first.out
    made = deals_by_status(bot, DEMO_TEAM_ID)
    assert 250 <= sum(made.values()) <= 300
    assert made["won"] >= 5 and made["lost"] >= 20 and made["open"] >= 30

    # Someone tried the calendar in the demo (as its head of sales would): still rebuilt.
    with Session(bot.engine) as session:
        demo = session.exec(select(Workspace).where(Workspace.slack_team_id == DEMO_TEAM_ID)).one()
        session.add(CompanyDay(workspace_id=demo.id or 0, day=date(2027, 8, 19), name="Offsite"))
        session.commit()

    again = corong_cli("demo")
    assert again.status == 0, again
    assert deals_by_status(bot, DEMO_TEAM_ID) == made  # rebuilt, not doubled
    assert deals_by_status(bot, bot.fake.team_id) == {"open": 1}  # the real team untouched


def test_the_demo_funnel_shows_its_one_real_leak(bot: Bot, corong_cli: Callable[..., Ran]) -> None:
    assert corong_cli("demo").status == 0
    conversions = {}
    for team in ("Jakarta", "Bandung", LEAKY_TEAM):
        ran = corong_cli(
            "report", "funnel", "--workspace", DEMO_TEAM_ID, "--team", team, "--period",
            "last-month", "--format", "json",
        )  # fmt: skip
        assert ran.status == 0, ran
        funnel = json.loads(ran.out)["funnel"]
        prospect = next(s for s in funnel["stages"] if s["stage"] == "prospect")
        conversions[team] = prospect["conversion"]
        if team == LEAKY_TEAM:
            assert funnel["leak"] == "prospect"
    assert conversions[LEAKY_TEAM] < min(conversions["Jakarta"], conversions["Bandung"]) - 0.15


def test_corong_shell_demo_opens_the_demo_as_its_head_of_sales(tmp_path: Path) -> None:
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'corong.db'}")
    done = subprocess.run(
        corong("shell", "--demo"),
        input="/pipeline team Jakarta\n/funnel last month\n",
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PROCESS_PATIENCE,
    )
    assert done.returncode == 0, done.stderr
    assert "Kartika>" in done.stdout
    assert "Pipeline of team Jakarta" in done.stdout
    assert "open deal(s)" in done.stdout
    assert "Biggest leak: Prospect" in done.stdout, done.stdout[-2000:]
