"""``corong demo`` and ``corong shell --demo`` as a newcomer runs them: a full, believable
workspace at once, rebuilt (never added to) by a second run, and no other workspace touched."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, func, select

from commands.demo.cast import DEMO_TEAM_ID, LEAKY_TEAM
from commands.demo.story import LEAD_SOURCES, story
from storage.models import CompanyDay, Deal, Forecast, ForecastResult, Quota, Workspace
from tests.harness import Bot
from tests.patience import PROCESS_PATIENCE
from tests.processes import clean_env, corong
from tests.terminal import Ran

# Slack-side behaviour, on SQLite alone: what it stores is tested on both databases elsewhere,
# and the suite has to stay within five minutes on two cores.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


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


def demo_rows(bot: Bot, model: type[Quota] | type[Forecast] | type[ForecastResult]) -> int:
    with Session(bot.engine) as session:
        return session.exec(
            select(func.count())
            .select_from(model)
            .join(Workspace, col(Workspace.id) == col(model.workspace_id))
            .where(Workspace.slack_team_id == DEMO_TEAM_ID)
        ).one()


@SLACK_SIDE_ONLY
def test_the_demo_has_quotas_forecasts_and_jakartas_leaderboard(
    bot: Bot, corong_cli: Callable[..., Ran]
) -> None:
    assert corong_cli("demo").status == 0
    # 12 reps' month quotas, 3 teams' month and quarter quotas, and Budi's raised half way.
    assert demo_rows(bot, Quota) == 12 + 3 * 2 + 1
    assert demo_rows(bot, Forecast) >= 12 * 4  # most Fridays, for at least a month
    assert demo_rows(bot, ForecastResult) >= 12  # at least one ended month kept, every rep

    digest = corong_cli(
        "jobs", "run", "weekly-digest", "--dry-run", "--workspace", DEMO_TEAM_ID
    )  # fmt: skip
    assert digest.status == 0, digest
    by_channel = dict(
        re.findall(r"=== digest to (C0DEMO\w+) .*?===\n(.*?)(?==== digest|\Z)", digest.out, re.S)
    )
    assert set(by_channel) == {"C0DEMOJKT1", "C0DEMOSBY1", "C0DEMOBDG1"}
    assert "*Leaderboard*" in by_channel["C0DEMOJKT1"]  # Jakarta turned it on
    assert "*Leaderboard*" not in by_channel["C0DEMOSBY1"] + by_channel["C0DEMOBDG1"]

    # Referrals close best and cold calls worst (their odds near the end are 1.6 and 0.55
    # times the usual), so the analysis by lead source has something to say.
    with Session(bot.engine) as session:
        closed = session.exec(
            select(Deal.lead_source, Deal.status, func.count())
            .join(Workspace, col(Workspace.id) == col(Deal.workspace_id))
            .where(Workspace.slack_team_id == DEMO_TEAM_ID, col(Deal.status).in_(("won", "lost")))
            .group_by(col(Deal.lead_source), col(Deal.status))
        ).all()
    counts = {(source, status): count for source, status, count in closed}

    def win_rate(source: str) -> float:
        won, lost = counts.get((source, "won"), 0), counts.get((source, "lost"), 0)
        return won / (won + lost)

    assert None not in {source for source, _ in counts}  # every deal says where it came from
    assert win_rate("referral") > 2 * win_rate("cold call")

    # A second run rebuilds them too (the workspace's quotas and forecasts are erased first).
    forecasts = demo_rows(bot, Forecast)
    assert corong_cli("demo").status == 0
    assert demo_rows(bot, Forecast) == forecasts and demo_rows(bot, Quota) == 19


def test_the_demo_shows_forecasts_attainment_and_win_rate_by_source(tmp_path: Path) -> None:
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'corong.db'}")
    done = subprocess.run(
        corong("shell", "--demo"),
        input="/forecast team Jakarta\n/funnel month team Jakarta\n/funnel last month\n",
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=PROCESS_PATIENCE,
    )
    assert done.returncode == 0, done.stderr
    rollup, funnel, last_month = done.stdout.split("Kartika>")[1:4]
    # The roll-up has the reps' accuracy over the months kept (a percentage on the total line).
    assert "Accuracy" in rollup, rollup
    assert re.search(r"Jakarta total .* \d+%", rollup), rollup
    # Jakarta's month quota is 500jt: attainment is measured against it.
    assert "of the IDR 500,000,000 month quota" in funnel, funnel
    # Win rate by lead source: several sources, as the deals were added with them.
    sources = last_month.split("Win rate by lead source")[1].split("*Activity*")[0]
    assert sum(f"\n{name} " in sources for name, _, _ in LEAD_SOURCES) >= 3, sources


def test_the_story_is_the_same_every_time_for_the_same_moment() -> None:
    now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    events = story(now, ZoneInfo("Asia/Jakarta"))
    assert events == story(now, ZoneInfo("Asia/Jakarta"))
    assert all(event.at <= now for event in events)
    forecasts = [event for event in events if event.command == "/forecast"]
    assert forecasts and all(event.at.weekday() == 4 for event in forecasts)  # on Fridays
