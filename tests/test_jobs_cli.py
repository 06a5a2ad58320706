"""``corong jobs`` as an operator runs it: list what fires next, run a job now (or print it with
``--dry-run``), and read what went out and what failed.

The command runs in this process (``bot.cli.main``, with the environment and working directory
an operator would give it) so a test takes a fraction of a second; the data is made the way reps
make it, with signed slash commands through the real app, and the posts land in the fake Slack.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import Session, col, select

from bot.config import Settings
from bot.posts.scheduler import deliverer_for
from storage import queries, teams
from storage.db import unit_of_work
from storage.models import Delivery
from tests.harness import BUDI, SARI, TEAM, Bot, eventually, message_text
from tests.patience import PATIENCE
from tests.terminal import Ran

TEAM_CHANNEL = "C0JAKARTA1"
TUESDAY_MORNING = "2026-11-24T08:31+07:00"  # after the 08:30 nudges in Jakarta
TUESDAY_STANDUP = "2026-11-24T09:01+07:00"
POSTING_METHODS = ("conversations.open", "chat.postMessage", "files.completeUploadExternal")


Jobs = Callable[..., Ran]


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Jobs:
    """``corong jobs <args>`` against the bot's database and the fake Slack."""
    return lambda *args: corong_cli("jobs", *args)


def two_reps_with_work(bot: Bot) -> None:
    """Budi's next step was due Monday (overdue on Tuesday); Sari's is due Tuesday."""
    assert bot.slash("/deal", "add Acme 50jt next:demo due:today").ack.status == 200
    assert (
        bot.slash("/deal", "add Toko Maju 20jt next:telepon due:besok", user=SARI).ack.status == 200
    )


def make_team(bot: Bot, name: str, reps: list[str], **settings: object) -> int:
    """A team of ``reps`` posting to the team channel; its id."""
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        team = teams.create_team(session, workspace_id=workspace.id, name=name)
        team.channel_id = TEAM_CHANNEL
        for key, value in settings.items():
            setattr(team, key, value)
        for user in reps:
            member = queries.find_member(session, workspace_id=workspace.id, slack_user_id=user)
            assert member is not None and member.id is not None
            teams.add_to_team(session, team=team, member_id=member.id)
        assert team.id is not None
        return team.id


def deliveries(bot: Bot) -> list[Delivery]:
    with Session(bot.engine) as session:
        return list(session.exec(select(Delivery).order_by(col(Delivery.id))))


def posting_calls(bot: Bot) -> int:
    return sum(len(bot.fake.calls_to(method)) for method in POSTING_METHODS)


def dm_of(bot: Bot, user: str) -> list[str]:
    """The text of each message posted to ``user``'s DM."""
    channels = [
        call.response["channel"]["id"]
        for call in bot.fake.calls_to("conversations.open")
        if call.args.get("users") == user and call.response.get("ok")
    ]
    return [message_text(m) for channel in set(channels) for m in bot.fake.messages(channel)]


def assert_one_line_error(ran: Ran, expected: str) -> None:
    assert ran.status == 2, ran
    assert ran.err.splitlines() == [f"corong: {expected}"]
    assert ran.out == ""


# --- jobs run ----------------------------------------------------------------------------------


def test_dry_run_prints_each_reps_nudge_and_touches_nothing(bot: Bot, jobs: Jobs) -> None:
    two_reps_with_work(bot)
    calls_before = posting_calls(bot)

    ran = jobs("run", "daily-nudges", "--dry-run", "--at", TUESDAY_MORNING)

    assert ran.status == 0, ran.err
    sections = ran.out.split("=== ")[1:]
    assert [s.splitlines()[0] for s in sections] == [
        f"nudge to {BUDI} for 2026-11-24 ===",
        f"nudge to {SARI} for 2026-11-24 ===",
    ]
    budi, sari = sections
    assert "Acme" in budi and "Next step overdue by 1 work day: demo" in budi
    assert "Toko Maju" in sari and "telepon" in sari and "Acme" not in sari
    assert posting_calls(bot) == calls_before
    assert deliveries(bot) == []


def name_members(bot: Bot, names: dict[str, str]) -> None:
    """Give members the Slack names an operator would type."""
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        for slack_user_id, name in names.items():
            member = queries.get_or_create_member(
                session, workspace_id=workspace.id, slack_user_id=slack_user_id
            )
            member.name = name


def test_rep_is_found_by_name_and_a_shared_name_asks_for_the_id(bot: Bot, jobs: Jobs) -> None:
    two_reps_with_work(bot)
    name_members(bot, {BUDI: "Budi Santoso", SARI: "Sari Dewi"})

    ran = jobs("run", "daily-nudges", "--dry-run", "--at", TUESDAY_MORNING, "--rep", "sari dewi")

    assert ran.status == 0, ran.err
    assert [line for line in ran.out.splitlines() if line.startswith("=== ")] == [
        f"=== nudge to {SARI} for 2026-11-24 ==="
    ]
    name_members(bot, {BUDI: "Sari Dewi"})
    assert_one_line_error(
        jobs("run", "daily-nudges", "--dry-run", "--at", TUESDAY_MORNING, "--rep", "Sari Dewi"),
        f"Several members are called Sari Dewi ({BUDI}, {SARI}): give a Slack user id",
    )


def test_run_posts_each_nudge_once_and_a_second_run_posts_nothing(bot: Bot, jobs: Jobs) -> None:
    two_reps_with_work(bot)

    first = jobs("run", "daily-nudges", "--at", TUESDAY_MORNING)

    assert first.status == 0, first.err
    assert first.out == (
        "daily-nudges: 2 sent, 0 with nothing to say, 0 already sent or in progress, "
        "0 to retry, 0 failed\n"
    )
    assert sorted(c.args["users"] for c in bot.fake.calls_to("conversations.open")) == sorted(
        [BUDI, SARI]
    )
    assert len(bot.fake.calls_to("chat.postMessage")) == 2
    (budi,) = dm_of(bot, BUDI)
    assert "Acme" in budi and "Next step overdue by 1 work day: demo" in budi

    again = jobs("run", "daily-nudges", "--at", TUESDAY_MORNING)

    assert again.status == 0, again.err
    assert again.out == (
        "daily-nudges: 0 sent, 0 with nothing to say, 2 already sent or in progress, "
        "0 to retry, 0 failed\n"
    )
    assert len(bot.fake.calls_to("chat.postMessage")) == 2
    # Sent side by side: the claim order (row ids) is whichever got there first.
    assert sorted((d.target, d.status) for d in deliveries(bot)) == [
        (BUDI, "sent"),
        (SARI, "sent"),
    ]


def test_standup_of_one_team_is_posted_to_its_channel(bot: Bot, jobs: Jobs) -> None:
    two_reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI, SARI])

    ran = jobs("run", "standup", "--team", "jakarta", "--at", TUESDAY_STANDUP)

    assert ran.status == 0, ran.err
    assert ran.out.startswith("standup: 1 sent, 0 with nothing to say")
    (standup,) = bot.fake.messages(TEAM_CHANNEL)
    text = message_text(standup)
    assert f"<@{BUDI}>" in text and f"<@{SARI}>" in text
    assert "Acme" in text and "Toko Maju" in text
    assert bot.fake.calls_to("conversations.open") == []  # the standup only, no nudges


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_wrong_requests_are_one_line_each_and_post_nothing(
    bot: Bot, jobs: Jobs, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_reps_with_work(bot)
    make_team(bot, "Jakarta", [BUDI, SARI])
    calls_before = posting_calls(bot)

    assert_one_line_error(
        jobs("run", "standup", "--rep", BUDI, "--at", TUESDAY_STANDUP),
        "--rep goes with daily-nudges and the forecast; standups and digests are per team",
    )
    assert_one_line_error(
        jobs("run", "standup", "--team", "Bandung"),
        "there is no team called 'Bandung'; teams here: Jakarta",
    )
    assert_one_line_error(
        jobs("run", "daily-nudges", "--rep", "U0NOBODY01"), "No member U0NOBODY01 in this workspace"
    )
    assert_one_line_error(
        jobs("run", "daily-nudges", "--at", "24/11/2026 08:31"),
        "--at '24/11/2026 08:31' is not a time: use ISO 8601, e.g. 2026-11-23T08:30+07:00",
    )
    assert_one_line_error(
        jobs("run", "daily-nudges", "--at", "2999-01-01T08:31+07:00"),
        "--at is in the future: only --dry-run can look ahead",
    )
    monkeypatch.setenv("SLACK_BOT_TOKEN", "bot-token")
    assert_one_line_error(
        jobs("run", "daily-nudges", "--at", TUESDAY_MORNING),
        "SLACK_BOT_TOKEN must be the Bot User OAuth Token (starts with xoxb-), from your Slack "
        "app's OAuth & Permissions page",
    )
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert_one_line_error(
        jobs("run", "daily-nudges", "--at", TUESDAY_MORNING),
        "SLACK_BOT_TOKEN is needed to post (or add --dry-run to print instead): the Bot User "
        "OAuth Token from your Slack app's OAuth & Permissions page",
    )
    assert jobs("run", "daily-nudges", "--dry-run", "--at", TUESDAY_MORNING).status == 0

    assert posting_calls(bot) == calls_before
    assert deliveries(bot) == []


# --- jobs list ---------------------------------------------------------------------------------


def next_fire(now: datetime, tz_name: str, at: time, weekdays: set[int]) -> str:
    """When a post at local ``at`` on ``weekdays`` fires next after ``now``, as listed."""
    tz = ZoneInfo(tz_name)
    day = now.astimezone(tz).date()
    while True:
        local = datetime.combine(day, at, tzinfo=tz)
        if local > now and day.weekday() in weekdays:
            utc = local.astimezone(UTC)
            return f"{local:%a %Y-%m-%d %H:%M} {tz_name} ({utc:%H:%M} UTC)"
        day += timedelta(days=1)


def test_list_shows_each_teams_next_posts_in_its_zone_and_the_nudges(bot: Bot, jobs: Jobs) -> None:
    two_reps_with_work(bot)
    make_team(
        bot,
        "Jakarta",
        [BUDI, SARI],
        timezone="Asia/Makassar",
        standup_time="09:45",
        digest_weekday=4,
        digest_time="16:00",
    )
    with unit_of_work(bot.engine) as session:  # a team without a channel posts nothing
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        teams.create_team(session, workspace_id=workspace.id, name="Bandung")

    # The terminal reads the real clock: a fixed week with no holiday keeps this test the same
    # whatever day it runs (holidays are tests/test_holidays.py's).
    with time_machine.travel(datetime(2026, 11, 24, 2, 0, tzinfo=UTC), tick=True):
        before = datetime.now(UTC)
        ran = jobs("list")
        after = datetime.now(UTC)

    assert ran.status == 0, ran.err
    header, *lines = ran.out.splitlines()
    assert header.startswith(f"Scheduled posts of workspace {TEAM} (now ")
    weekdays = {0, 1, 2, 3, 4}

    def listed(now: datetime) -> list[str]:
        return [
            f"  standup  {'Jakarta':24} {next_fire(now, 'Asia/Makassar', time(9, 45), weekdays)}",
            f"  digest   {'Jakarta':24} {next_fire(now, 'Asia/Makassar', time(16, 0), {4})}",
            f"  nudge    {'2 reps':24} {next_fire(now, 'Asia/Jakarta', time(8, 30), weekdays)}",
            # the forecast call: Friday 14:00 in the team's zone, its reminder at 17:00
            f"  forecast {'2 reps':24} {next_fire(now, 'Asia/Makassar', time(14, 0), {4})}",
            f"  forecast_remind {'2 reps':24} " + next_fire(now, "Asia/Makassar", time(17, 0), {4}),
        ]

    assert sorted(lines) in (sorted(listed(before)), sorted(listed(after)))
    assert "Bandung" not in ran.out


def test_a_run_on_a_weekend_names_the_next_work_days_posts(bot: Bot, jobs: Jobs) -> None:
    two_reps_with_work(bot)
    ran = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-11-28T08:31+07:00")
    assert ran.status == 0, ran.err
    assert ran.out == (
        "daily-nudges: nothing to run at 2026-11-28 01:31 UTC (no target, or not a work day); "
        "the next is due Mon 2026-11-30 08:30 Asia/Jakarta (01:30 UTC): "
        "add --at 2026-11-30T08:31+07:00 to see it\n"
    )
    shown = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-11-30T08:31+07:00")
    assert f"=== nudge to {BUDI} for 2026-11-30 ===" in shown.out


# --- jobs status -------------------------------------------------------------------------------


def test_status_counts_by_job_and_lists_failures_with_their_error(bot: Bot, jobs: Jobs) -> None:
    two_reps_with_work(bot)
    team_id = make_team(bot, "Jakarta", [BUDI, SARI])
    assert jobs("run", "daily-nudges", "--at", TUESDAY_MORNING).status == 0
    bot.fake.fail("chat.postMessage", "channel_not_found")  # the bot was removed from #jakarta

    failed = jobs("run", "standup", "--at", TUESDAY_STANDUP)

    assert failed.status == 1, failed.err  # a failed post: cron hears of it
    assert failed.out == (
        "standup: 0 sent, 0 with nothing to say, 0 already sent or in progress, 0 to retry, "
        "1 failed (channel_not_found x1)\n"
    )
    # The runs happened just now (--at only chose which morning they were for).
    ran = jobs("status")

    assert ran.status == 0, ran.err
    lines = ran.out.splitlines()
    # Every post sent or tried counts toward the day's budget (a workspace of four has 50);
    # the budget's own test counts them (test_deal_alerts.py).
    assert lines[0].startswith("Today (") and "of the daily budget of 50 scheduled" in lines[0]
    assert lines[1].startswith("Deliveries since ")
    assert lines[2:5] == [
        "  nudge    sent     2",
        "  standup  failed   1",
        "Failures (newest first):",
    ]
    (failure,) = lines[5:]
    assert failure.split()[2:] == [
        "standup",
        f"team:{team_id}",
        "2026-11-24",
        "failed",
        "channel_not_found",
        "(attempts",
        "1)",
    ]


# --- a run beside a running bot ------------------------------------------------------------------


def test_a_backdated_run_keeps_its_post_from_a_running_bot(
    bot: Bot, jobs: Jobs, database_url: str
) -> None:
    assert bot.slash("/deal", "add Acme 50jt next:demo due:today").ack.status == 200
    bot.fake.rate_limit("chat.postMessage", retry_after=2)  # the run is mid-send for 2 s
    finished: list[Ran] = []
    run = threading.Thread(
        target=lambda: finished.append(jobs("run", "daily-nudges", "--at", TUESDAY_MORNING))
    )
    run.start()
    try:
        eventually(lambda: len(bot.fake.calls_to("chat.postMessage")) == 1)
        settings = Settings(
            _env_file=None,
            slack_bot_token="xoxb-test-token",
            slack_api_url=bot.fake.api_url,
            database_url=database_url,
        )
        # Meanwhile the bot's scheduler ticks on the real clock, looking for dead senders.
        deliverer_for(settings, bot.engine).run_retries()
    finally:
        run.join(timeout=PATIENCE)
    assert finished and finished[0].status == 0
    assert len(dm_of(bot, BUDI)) == 1
