"""The App Home shows admins the scheduled posts that failed, and says what to do about them.

Failed and retrying outbox rows are written straight to the database (as the deliverer would
leave them), or left by the real deliverer sending to the fake Slack (which refuses what it is
told to) or to a closed port on loopback (a Slack Corong cannot reach); the tab is then opened
through the real app and read from the fake Slack.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.blocks.dashboard import ERROR_HINTS, KIND_HINTS, KIND_TEXTS
from bot.config import Settings
from bot.posts.delivery import Deliverer
from bot.posts.scheduler import deliverer_for
from commands.i18n import CATALOG
from commands.posts.schedule import team_target
from storage import outbox, queries, teams
from storage.db import unit_of_work
from storage.models import Team
from tests.fakeslack import requests as slack_requests
from tests.fakeslack.blockkit import check_blocks
from tests.harness import ANDI, BUDI, OTHER_TEAM, SARI, TEAM, Bot, message_text
from tests.processes import free_port
from tests.test_scheduled_posts import at, two_reps_with_work
from tests.test_scheduled_posts import make_team as make_team_of

# Slack-side behaviour, on SQLite alone: what it stores is tested on both databases elsewhere,
# and the suite has to stay within five minutes on two cores.
SLACK_SIDE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

OWNER = "test-deliverer"
TEAM_CHANNEL = "C0JKT00001"
WATI = "U0WATI0001"  # an Indonesian-speaking admin


def open_home(bot: Bot, user: str) -> dict[str, Any]:
    """The view published when ``user`` opens the App Home."""
    before = len(bot.fake.calls_to("views.publish"))
    body = slack_requests.event_callback_body(
        slack_requests.app_home_opened_event(user), team_id=TEAM
    )
    assert bot.signed(body).status == 200
    view = bot.fake.wait_for("views.publish", count=before + 1)[-1].args["view"]
    assert check_blocks(view["blocks"], surface="home") == []
    return view


def make_team(bot: Bot, name: str, channel: str | None = TEAM_CHANNEL) -> str:
    """A team in the workspace; its outbox target."""
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        team = teams.create_team(session, workspace_id=workspace.id, name=name)
        team.channel_id = channel
        assert team.id is not None
        return team_target(team.id)


def post_went_wrong(
    bot: Bot,
    job: str,
    target: str,
    period: str,
    error: str,
    *,
    hours_ago: float = 1,
    retrying: bool = False,
    slack_team: str = TEAM,
) -> None:
    """Leave an outbox row as the deliverer does when Slack refuses a post (or hiccups)."""
    at = bot.clock() - timedelta(hours=hours_ago)
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=slack_team)
        assert workspace.id is not None
        key = outbox.SlotKey(workspace.id, job, target, period)
        row = outbox.claim(
            session, key, fire_at=at, now=at, owner=OWNER, lease=timedelta(minutes=5)
        )
        assert row is not None and row.id is not None
        if retrying:
            marked = outbox.mark_retry(
                session,
                row.id,
                owner=OWNER,
                now=at,
                error=error,
                next_attempt_at=at + timedelta(minutes=5),
            )
        else:
            marked = outbox.mark_failed(session, row.id, owner=OWNER, now=at, error=error)
        assert marked


def lines_of(view: dict[str, Any]) -> list[str]:
    """The text of the failed posts' sections, top to bottom."""
    return [
        block["text"]["text"]
        for block in view["blocks"]
        if block["type"] == "section" and block["text"]["text"].startswith("\u2022 ")
    ]


def test_admin_sees_failed_posts_newest_first_with_what_to_do(bot: Bot) -> None:
    jakarta = make_team(bot, "Jakarta")
    gone = make_team(bot, "Bandung")
    post_went_wrong(bot, "standup", jakarta, "2026-11-23", "not_in_channel", hours_ago=1)
    post_went_wrong(bot, "nudge", BUDI, "2026-11-23", "account_inactive", hours_ago=2)
    post_went_wrong(bot, "digest", jakarta, "2026-W48", "is_archived", hours_ago=3)
    post_went_wrong(bot, "nudge", SARI, "2026-11-22", "missing_scope", hours_ago=25)
    post_went_wrong(bot, "standup", gone, "2026-11-20", "gave_up:http_503", hours_ago=70)
    post_went_wrong(bot, "nudge", SARI, "2026-11-23", "http_503", hours_ago=0.5, retrying=True)
    with unit_of_work(bot.engine) as session:  # Bandung was deleted since
        team_id = int(gone.split(":")[1])
        session.delete(session.get(Team, team_id))

    view = open_home(bot, ANDI)
    text = message_text(view)
    assert "Scheduled posts that need you (5)" in text
    assert lines_of(view) == [
        f"\u2022 Standup in team *Jakarta* (<#{TEAM_CHANNEL}>) \u00b7 Mon, Nov 23, 2026 \u00b7 "
        "Slack refused it: `not_in_channel`\nInvite Corong to the channel with `/invite @Corong`.",
        f"\u2022 Morning nudge to <@{BUDI}> \u00b7 Mon, Nov 23, 2026 \u00b7 Slack refused it: "
        "`account_inactive`\n"
        "The rep's Slack account is deactivated.",
        f"\u2022 Weekly digest in team *Jakarta* (<#{TEAM_CHANNEL}>) \u00b7 Week of Mon, Nov "
        "23, 2026 \u00b7 Slack refused it: `is_archived`\n"
        "The channel is archived: pick another channel for the team.",
        f"\u2022 Morning nudge to <@{SARI}> \u00b7 Sun, Nov 22, 2026 \u00b7 Slack refused it: "
        "`missing_scope`\n"
        "Reinstall the app with the scopes in manifest.yml.",
        "\u2022 Standup in team *(deleted)* \u00b7 Fri, Nov 20, 2026 \u00b7 "
        "Slack kept failing (1 attempt(s)): `http_503`",
    ]
    assert (
        "1 other post(s) did not get through yet (Slack busy or out of reach) and will be "
        "retried on their own" in text
    )
    assert "corong jobs status" not in text  # all five fit: no "and N more"


def test_indonesian_admin_reads_the_failures_in_indonesian(bot: Bot) -> None:
    bot.know(WATI, locale="id-ID", admin=True, name="Wati")
    jakarta = make_team(bot, "Jakarta")
    post_went_wrong(bot, "standup", jakarta, "2026-11-23", "channel_not_found")
    post_went_wrong(bot, "nudge", BUDI, "2026-11-23", "account_inactive", hours_ago=2)
    text = message_text(open_home(bot, WATI))
    assert "Postingan terjadwal yang perlu Anda tangani (2)" in text
    assert "Standup di tim *Jakarta*" in text and f"<#{TEAM_CHANNEL}>" in text
    assert "Undang Corong ke channel dengan `/invite @Corong`." in text
    assert f"Pengingat pagi untuk <@{BUDI}>" in text
    assert "Akun Slack rep ini sudah dinonaktifkan." in text
    assert "Scheduled posts" not in text and "Invite Corong" not in text


def test_reps_never_see_failed_posts_even_their_own(bot: Bot) -> None:
    jakarta = make_team(bot, "Jakarta")
    post_went_wrong(bot, "standup", jakarta, "2026-11-23", "not_in_channel")
    post_went_wrong(bot, "nudge", BUDI, "2026-11-23", "account_inactive")
    post_went_wrong(bot, "nudge", SARI, "2026-11-23", "missing_scope")
    for rep in (BUDI, SARI):
        view = open_home(bot, rep)
        text = message_text(view)
        assert lines_of(view) == []
        assert "Scheduled posts" not in text and "Postingan terjadwal" not in text
        assert "account_inactive" not in text and "missing_scope" not in text
    assert "Scheduled posts that need you (3)" in message_text(open_home(bot, ANDI))


def test_more_than_five_failures_point_to_jobs_status(bot: Bot) -> None:
    reps = [f"U0REP{n:05d}" for n in range(8)]
    for n, rep in enumerate(reps):
        post_went_wrong(bot, "nudge", rep, "2026-11-23", "account_inactive", hours_ago=n + 1)
    view = open_home(bot, ANDI)
    text = message_text(view)
    assert "Scheduled posts that need you (8)" in text
    shown = lines_of(view)
    assert len(shown) == 5
    assert [line.split("<@")[1][:10] for line in shown] == reps[:5]  # the newest five
    assert "\u2026 and 3 more: `corong jobs status` lists them all." in text
    assert "retried on their own" not in text


def test_failures_older_than_a_week_or_elsewhere_are_not_shown(bot: Bot) -> None:
    plain_view = open_home(bot, ANDI)
    post_went_wrong(bot, "nudge", BUDI, "2026-11-15", "account_inactive", hours_ago=8 * 24)
    post_went_wrong(bot, "nudge", SARI, "2026-11-23", "account_inactive", slack_team=OTHER_TEAM)
    post_went_wrong(bot, "nudge", SARI, "2026-11-23", "http_503", retrying=True)
    view = open_home(bot, ANDI)
    # No empty section, not even for a retry alone: nothing needs the admin.
    assert view["blocks"] == plain_view["blocks"]
    assert "Scheduled posts" not in message_text(view)

    post_went_wrong(bot, "nudge", BUDI, "2026-11-17", "account_inactive", hours_ago=6 * 24)
    view = open_home(bot, ANDI)
    assert "Scheduled posts that need you (1)" in message_text(view)
    assert len(lines_of(view)) == 1 and "Tue, Nov 17, 2026" in lines_of(view)[0]


def test_every_hint_is_in_the_catalog() -> None:
    keys = {*ERROR_HINTS.values(), *KIND_TEXTS.values(), *KIND_HINTS.values()}
    assert sorted(keys - set(CATALOG)) == []


# --- through the real deliverer: Slack's refusals and a Slack out of reach read apart ------------


def deliverer_to(bot: Bot, api_url: str) -> Deliverer:
    """The scheduler's deliverer, on the test's clock, sending to ``api_url``."""
    settings = Settings(
        _env_file=None,
        slack_bot_token="xoxb-test-token",
        slack_api_url=api_url,
        database_url=str(bot.engine.url),
    )
    return deliverer_for(settings, bot.engine, clock=bot.clock)


def unreachable() -> str:
    """A Web API URL on loopback where nobody listens: connection refused."""
    return f"http://127.0.0.1:{free_port()}/api/"


@SLACK_SIDE_ONLY
def test_a_slack_out_of_reach_is_retried_and_never_shown_as_refused(bot: Bot) -> None:
    two_reps_with_work(bot)  # both reps are nudged on Tuesday morning
    make_team_of(bot, "Jakarta", [BUDI, SARI])
    bot.clock.now = at(24, 8, 31)
    report = deliverer_to(bot, unreachable()).run_due()
    assert (report.sent, report.retrying) == (0, 2)
    # Still being retried: nothing for the admin to do, so no section at all.
    assert "Scheduled posts" not in message_text(open_home(bot, ANDI))

    bot.fake.fail("chat.postMessage", "not_in_channel")  # the standup, the first post at 09:01
    bot.clock.now = at(24, 9, 1)
    report = deliverer_to(bot, bot.fake.api_url).run_due()
    assert (report.sent, report.failed) == (2, 1)  # Slack is back: both nudges went out

    view = open_home(bot, ANDI)
    text = message_text(view)
    assert "Scheduled posts that need you (1)" in text
    assert "These did not go out in the last 7 days" in text
    assert lines_of(view) == [
        "\u2022 Standup in team *Jakarta* (<#C0JAKARTA1>) \u00b7 Tue, Nov 24, 2026 \u00b7 "
        "Slack refused it: `not_in_channel`\nInvite Corong to the channel with `/invite @Corong`."
    ]
    assert "could not reach" not in text and "retried on their own" not in text


@SLACK_SIDE_ONLY
def test_admins_read_that_corong_could_not_reach_slack_once_it_gives_up(bot: Bot) -> None:
    bot.know(WATI, locale="id-ID", admin=True, name="Wati")
    two_reps_with_work(bot)
    bot.clock.now = at(24, 8, 31)
    assert deliverer_to(bot, unreachable()).run_due().retrying == 2
    # Seconds before the morning's three hours run out: one more try, then it gives up.
    bot.clock.now = at(24, 11, 29) + timedelta(seconds=50)
    assert deliverer_to(bot, unreachable()).run_due().failed == 2

    view = open_home(bot, ANDI)
    text = message_text(view)
    assert "Scheduled posts that need you (2)" in text
    hint = (
        "Slack never answered (network, DNS or a timeout on Corong's side): ask whoever runs "
        "Corong to check its connection to Slack."
    )
    assert sorted(lines_of(view)) == [
        f"\u2022 Morning nudge to <@{user}> \u00b7 Tue, Nov 24, 2026 \u00b7 "
        f"Corong could not reach Slack (2 attempt(s)): `URLError`\n{hint}"
        for user in sorted((BUDI, SARI))
    ]
    assert "Slack refused" not in text and "retried on their own" not in text

    indonesian = message_text(open_home(bot, WATI))
    assert "Corong tidak bisa menghubungi Slack (2 percobaan): `URLError`" in indonesian
    assert "minta pengelola Corong memeriksa koneksinya ke Slack" in indonesian
    assert "Ditolak Slack" not in indonesian and "could not reach" not in indonesian


def test_posts_corong_itself_stopped_on_say_so_not_slack(bot: Bot) -> None:
    post_went_wrong(bot, "nudge", BUDI, "2026-11-23", "expired", hours_ago=1)
    post_went_wrong(bot, "nudge", SARI, "2026-11-23", "gave_up:sender_died", hours_ago=2)
    lines = lines_of(open_home(bot, ANDI))
    assert lines == [
        f"\u2022 Morning nudge to <@{BUDI}> \u00b7 Mon, Nov 23, 2026 \u00b7 Corong stopped "
        "trying: `expired`\nIts time had passed before it could go out (Corong was down or "
        "still retrying).",
        f"\u2022 Morning nudge to <@{SARI}> \u00b7 Mon, Nov 23, 2026 \u00b7 Corong stopped "
        "trying: `sender_died`",
    ]
