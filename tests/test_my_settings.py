"""A person's own settings: ``/sales me`` (``/sales saya``) and the App Home's selects, and the
schedule honouring them: the nudge at their own time, weekly or off, in the language they chose,
never during their quiet hours; ``corong jobs`` says why a nudge is skipped or moved.

Through the real app, the real deliverer and the fake Slack, on the test's clock (Monday
23 Nov 2026, 09:00 in Jakarta); what is stored is checked on both databases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from sqlmodel import Session, select

from bot import ids
from bot.blocks.nudge import render_nudge
from bot.blocks.post_parts import short_day
from bot.blocks.text import plain
from commands.posts.prefs import CHOSEN, NOT_ACTING, week_start
from storage.models import Member
from tests.fakeslack import requests as slack_requests
from tests.harness import ANDI, BUDI, SARI, TEAM, Bot, eventually, message_text
from tests.terminal import Ran
from tests.test_admin_home import open_home
from tests.test_holidays import JAKARTA, dec
from tests.test_post_blocks import TODAY, big_nudge, text_of, valid
from tests.test_scheduled_posts import at, deliveries, dms, run_at, two_reps_with_work

Prefs = tuple[str | None, str, str | None, str | None, str | None]
Jobs = Callable[..., Ran]


@pytest.fixture
def jobs(corong_cli: Callable[..., Ran]) -> Jobs:
    return lambda *args: corong_cli("jobs", *args)


def prefs_of(bot: Bot, user: str) -> Prefs:
    """What is stored of ``user``'s settings: time, cadence, language, quiet start and end."""
    with Session(bot.engine) as session:
        m = session.exec(select(Member).where(Member.slack_user_id == user)).one()
        return m.nudge_time, m.nudge_cadence, m.language, m.quiet_start, m.quiet_end


def dm_texts(bot: Bot, user: str) -> list[str]:
    return [message_text(message) for message in dms(bot).get(user, [])]


# --- /sales me ------------------------------------------------------------------------------


def test_sales_me_shows_a_persons_settings_and_changes_them(bot: Bot) -> None:
    shown = bot.slash("/sales", "me").ack.text
    assert "*Nudge time:* 08:30 (Asia/Jakarta), Corong's usual" in shown
    assert "*Nudges:* every work day" in shown and "*Quiet hours:* none" in shown
    assert "*Language:* English, as in your Slack" in shown

    assert (
        "Your nudge now comes at 07:30 (Asia/Jakarta)."
        in bot.slash("/sales", "me nudge 7.30").ack.text
    )
    weekly = bot.slash("/sales", "me nudges weekly").ack.text
    assert "one summary a week, on the week's first work day" in weekly
    quiet = bot.slash("/sales", "me quiet 19:00-07:00").ack.text
    assert "Quiet hours 19:00–07:00: nothing scheduled reaches you then." in quiet
    assert prefs_of(bot, BUDI) == ("07:30", "weekly", None, "19:00", "07:00")

    moved = bot.slash("/sales", "me nudge 06:30").ack.text
    assert "Your nudge time falls in your quiet hours: it comes at 07:00 instead." in moved
    assert "no nudge comes" in bot.slash("/sales", "me nudge 21:00").ack.text
    assert "Corong's usual 08:30" in bot.slash("/sales", "me nudge default").ack.text
    assert "No more nudges" in bot.slash("/sales", "me nudges off").ack.text
    assert "No quiet hours" in bot.slash("/sales", "me quiet off").ack.text
    assert prefs_of(bot, BUDI) == (None, "off", None, None, None)


def test_bad_settings_are_refused_with_an_example_and_change_nothing(bot: Bot) -> None:
    bot.slash("/sales", "me nudge 07:30")
    before = prefs_of(bot, BUDI)
    for typed, says in (
        ("me volume 11", "“volume” is none of your settings: nudge, nudges, language or quiet."),
        ("me nudge", "Give a time such as 07:30, or daily, weekly or off."),
        ("me nudge 25:00", "“25:00” is no time of day"),
        ("me nudges hourly", "“hourly” is no time of day"),
        ("me language fr", "“fr” is no language Corong speaks"),
        ("me language", "Which language?"),
        ("me quiet 7-8", "“7-8” are no quiet hours"),
        ("me quiet", "Give quiet hours as start-end"),
        ("me quiet 19:00-19:00", "start and end at different times"),
    ):
        answer = bot.slash("/sales", typed).ack.text
        assert answer.startswith(":warning:") and says in answer, (typed, answer)
        assert "Example: `/sales me" in answer, answer
    assert prefs_of(bot, BUDI) == before


def test_an_indonesian_reader_says_saya_and_a_chosen_language_wins_over_slack(bot: Bot) -> None:
    shown = bot.slash("/sales", "saya", user=SARI).ack.text
    assert "*Jam pengingat:* 08:30 (Asia/Jakarta), jam biasa Corong" in shown
    assert "`/sales saya pengingat 07:30`" in shown
    said = bot.slash("/sales", "saya pengingat mingguan", user=SARI).ack.text
    assert "Anda menerima satu ringkasan seminggu" in said
    assert (
        "Jam tenang 22:00–06:00"
        in bot.slash("/sales", "saya tenang 22.00 - 06.00", user=SARI).ack.text
    )
    slip = bot.slash("/sales", "saya pengingat kapan-kapan", user=SARI).ack.text
    assert "“kapan-kapan” bukan jam" in slip and "Contoh: `/sales saya pengingat 07:30`" in slip

    # Her Slack speaks Indonesian; she chooses English: the answer is already in English.
    english = bot.slash("/sales", "saya bahasa en", user=SARI).ack.text
    assert "Corong speaks English to you from now on." in english
    assert "Your own settings:" in bot.slash("/sales", "saya", user=SARI).ack.text
    back = bot.slash("/sales", "me language auto", user=SARI).ack.text
    assert "Corong kembali mengikuti bahasa Slack Anda (Bahasa Indonesia)." in back
    assert prefs_of(bot, SARI) == (None, "weekly", None, "22:00", "06:00")

    budi = bot.slash("/sales", "me language id").ack.text  # Budi's Slack speaks English
    assert "Mulai sekarang Corong memakai Bahasa Indonesia untuk Anda." in budi
    assert prefs_of(bot, BUDI)[2] == "id"


# --- the schedule honours them ----------------------------------------------------------------


def test_each_nudge_comes_at_its_reps_own_time_and_waits_out_quiet_hours(
    bot: Bot, jobs: Jobs
) -> None:
    two_reps_with_work(bot)  # Budi's step was due Monday, Sari's is due Tuesday
    bot.slash("/sales", "me nudge 07:15")
    bot.slash("/sales", "saya tenang 19:00-09:00", user=SARI)  # her 08:30 falls inside

    assert run_at(bot, at(24, 7, 14)).sent == 0
    assert run_at(bot, at(24, 7, 16)).sent == 1 and set(dms(bot)) == {BUDI}
    assert run_at(bot, at(24, 8, 31)).sent == 0  # Sari's quiet hours last until 09:00
    assert run_at(bot, at(24, 9, 1)).sent == 1 and set(dms(bot)) == {BUDI, SARI}

    ran = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-11-25T09:01+07:00")
    headers = [line for line in ran.out.splitlines() if line.startswith("===")]
    assert headers[0].endswith(" for 2026-11-25 ===")  # Budi's, at 07:15
    assert headers[1].endswith(" for 2026-11-25 (moved from 08:30: quiet hours until 09:00) ===")
    with time_machine.travel(datetime(2026, 11, 24, 3, 0, tzinfo=UTC), tick=False):
        listed = jobs("list").out
    assert "Wed 2026-11-25 07:15 Asia/Jakarta (00:15 UTC)" in listed
    assert "Wed 2026-11-25 09:00 Asia/Jakarta (02:00 UTC)  (moved from 08:30: quiet hours" in (
        listed
    )


def test_weekly_summaries_come_on_the_weeks_first_work_day_and_off_sends_nothing(
    bot: Bot, jobs: Jobs
) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    bot.slash("/deal", "add Beta 20jt next:call due:2026-12-03")  # Thursday next week
    bot.slash("/deal", "add Toko Maju 20jt next:telepon due:besok", user=SARI)
    bot.slash("/sales", "me nudges weekly")
    bot.slash("/sales", "saya pengingat mati", user=SARI)

    assert run_at(bot, at(24, 8, 31)).sent == 0  # Tuesday: no weekly day, and Sari is off
    ran = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-11-24T08:31+07:00")
    assert ran.out.splitlines() == [
        f"=== nudge to {BUDI} for 2026-11-24: skipped, weekly on Mondays ===",
        f"=== nudge to {SARI} for 2026-11-24: skipped, nudges off ===",
    ]

    assert run_at(bot, at(30, 8, 31)).sent == 1  # Monday: Budi's week
    (summary,) = dm_texts(bot, BUDI)
    assert "*2 deals need you this week* (week of Mon, Nov 30)" in summary
    assert "Next step overdue by 5 work days: demo" in summary
    assert "Due Thu, Dec 3: call" in summary
    assert "Calls in the week of Mon, Nov 23: 0 of 50" in summary
    assert "Your weekly summary, as you chose" in summary
    assert SARI not in dms(bot)
    assert run_at(bot, dec(1, 8, 31)).sent == 0  # Tuesday

    # Monday 7 December is a company day off: the week's summary comes on Tuesday.
    bot.slash("/sales", 'holidays add 2026-12-07 "Offsite"', user=ANDI)
    bot.settle()  # Andi's admin flag is a week old: the command runs after his look-up
    assert run_at(bot, dec(7, 8, 31)).sent == 0
    assert run_at(bot, dec(8, 8, 31)).sent == 1 and len(dm_texts(bot, BUDI)) == 2
    later = jobs(
        "run", "daily-nudges", "--dry-run", "--at", "2026-12-09T08:31+07:00", "--rep", "budi"
    )
    assert later.out.strip() == (
        f"=== nudge to {BUDI} for 2026-12-09: skipped, weekly on Mondays (this week Tue "
        "2026-12-08) ==="
    )


def test_a_chosen_language_is_the_language_of_the_nudge(bot: Bot) -> None:
    two_reps_with_work(bot)
    bot.slash("/sales", "me language id")  # Budi's Slack speaks English
    bot.slash("/sales", "saya bahasa en", user=SARI)  # Sari's speaks Indonesian
    assert run_at(bot, at(24, 8, 31)).sent == 2
    (budi,) = dm_texts(bot, BUDI)
    (sari,) = dm_texts(bot, SARI)
    assert "Selamat pagi!" in budi and "Good morning" not in budi
    assert "Good morning!" in sari and "Selamat pagi" not in sari


def test_a_nudge_retried_into_quiet_hours_is_skipped_not_sent(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    bot.slash("/sales", "me nudge 18:50")
    bot.slash("/sales", "me quiet 19:00-07:00")
    bot.fake.server_error("chat.postMessage", status=503, times=3)  # beyond the client's retries
    assert run_at(bot, at(23, 18, 51)).retrying == 1
    report = run_at(bot, at(23, 19, 5))  # the retry's time has come: 19:05, quiet
    assert report.skipped == 1 and report.sent == 0
    assert dms(bot) == {}
    (row,) = deliveries(bot)
    assert (row.status, row.error) == ("skipped", "quiet_hours")
    assert run_at(bot, at(24, 18, 51)).sent == 1  # the next day's comes at its time


# --- the App Home ------------------------------------------------------------------------------


def choose_in_home(bot: Bot, home: dict[str, Any], action_id: str, value: str, user: str) -> None:
    """``user`` picks ``value`` in the App Home's select ``action_id``, as Slack sends it (a
    forged value goes out unchecked: Corong must check it)."""
    block = next(
        b
        for b in home["blocks"]
        if b["type"] == "actions" and any(e.get("action_id") == action_id for e in b["elements"])
    )
    action = {
        "type": "static_select",
        "action_id": action_id,
        "block_id": block["block_id"],
        "selected_option": {"text": {"type": "plain_text", "text": value}, "value": value},
    }
    body = slack_requests.block_actions_body(
        user_id=user,
        team_id=TEAM,
        actions=[action],
        container=slack_requests.view_container(home["id"]),
        view=home,
        trigger_id=bot.fake.new_trigger_id(),
    )
    assert bot.signed(body).status == 200


def published_home(bot: Bot, user: str) -> dict[str, Any]:
    """The App Home as Slack stores it after it was opened (blocks with their ids)."""
    open_home(bot, user)
    return dict(bot.fake.calls_to("views.publish")[-1].response["view"])


def test_the_app_home_shows_the_settings_and_changes_them_with_selects(bot: Bot) -> None:
    home = published_home(bot, BUDI)
    text = message_text(home)
    assert "Your settings" in text and "*Nudge time:* 08:30 (Asia/Jakarta)" in text
    selects = {
        e["action_id"]: e
        for b in home["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "static_select"
    }
    assert selects[ids.HOME_ME_TIME]["initial_option"]["value"] == "08:30"
    assert selects[ids.HOME_ME_CADENCE]["initial_option"]["value"] == "daily"
    assert selects[ids.HOME_ME_QUIET]["initial_option"]["value"] == "off"

    publishes = len(bot.fake.calls_to("views.publish"))
    choose_in_home(bot, home, ids.HOME_ME_CADENCE, "weekly", BUDI)
    eventually(lambda: len(bot.fake.calls_to("views.publish")) > publishes)
    assert "*Nudges:* weekly" in message_text(bot.fake.calls_to("views.publish")[-1].args["view"])
    choose_in_home(bot, home, ids.HOME_ME_QUIET, "21:00-06:00", BUDI)
    choose_in_home(bot, home, ids.HOME_ME_TIME, "07:30", BUDI)
    eventually(lambda: prefs_of(bot, BUDI) == ("07:30", "weekly", None, "21:00", "06:00"))

    publishes = len(bot.fake.calls_to("views.publish"))
    choose_in_home(bot, home, ids.HOME_ME_LANGUAGE, "id", BUDI)
    eventually(lambda: len(bot.fake.calls_to("views.publish")) > publishes)
    bot.settle()
    assert "Pengaturan Anda" in message_text(bot.fake.calls_to("views.publish")[-1].args["view"])

    posts = len(bot.fake.calls_to("chat.postMessage"))
    choose_in_home(bot, home, ids.HOME_ME_TIME, "31:99", BUDI)  # forged
    eventually(lambda: len(bot.fake.calls_to("chat.postMessage")) > posts)
    refused = bot.fake.calls_to("chat.postMessage")[-1].args
    assert "“31:99” bukan jam" in message_text(refused)
    assert prefs_of(bot, BUDI) == ("07:30", "weekly", "id", "21:00", "06:00")


def test_the_dry_run_of_a_weekly_rep_still_names_the_next_post(bot: Bot, jobs: Jobs) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    bot.slash("/sales", "me nudges weekly")
    ran = jobs("run", "daily-nudges", "--dry-run", "--at", "2026-11-28T08:31+07:00")
    assert "the next is due Mon 2026-11-30 08:30 Asia/Jakarta" in ran.out


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_weekly_summary_fits_slacks_limits_and_says_why_it_is_weekly(lang: str) -> None:
    for why, says in (
        (CHOSEN, "jobs.nudge.weekly_chosen"),
        (NOT_ACTING, "jobs.nudge.weekly_not_acting"),
    ):
        weekly = replace(big_nudge(more=4), weekly=why)
        message = valid(render_nudge(weekly, lang, JAKARTA))
        text = text_of(message)
        assert plain(says, lang, count="5") in text
        assert (
            plain("jobs.nudge.week_intro", lang, count="12", day=short_day(week_start(TODAY), lang))
            in text
        )
