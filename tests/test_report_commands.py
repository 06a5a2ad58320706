"""``/pipeline``, ``/funnel`` and the App Home through the real app and the fake Slack."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session

from storage import queries, teams
from storage.db import unit_of_work
from storage.models import Activity, Deal, Member, StageChange
from tests.fakeslack import requests as slack_requests
from tests.fakeslack.blockkit import check_blocks
from tests.harness import (
    ANDI,
    BUDI,
    RINA,
    SARI,
    TEAM,
    Bot,
    accessory_buttons,
    button_values,
    eventually,
    message_text,
)

pytestmark = pytest.mark.usefixtures("bot")


def valid_message(answer: dict[str, Any]) -> dict[str, Any]:
    """The message, after checking it is Block Kit Slack would accept in a message."""
    assert check_blocks(answer["blocks"], surface="message") == []
    return answer


def team_of(bot: Bot, name: str, reps: list[str], managers: tuple[str, ...] = ()) -> None:
    bot.team(name, reps=tuple(reps), managers=managers)


def lines(message: dict[str, Any]) -> list[str]:
    return [line for line in message_text(message).splitlines() if line.strip()]


# --- /pipeline -------------------------------------------------------------------------------


def test_pipeline_lists_my_open_deals_by_stage_most_urgent_first(bot: Bot) -> None:
    bot.slash("/deal", "add Fresh Lead 10jt")
    bot.slash("/deal", "add Old Lead 20jt")
    bot.slash("/deal", "add Overdue Lead 5jt")
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "move acme prospect")
    bot.slash("/deal", "add Someone Elses 99jt", user=SARI)
    bot.clock.advance(days=9)
    bot.slash("/call", 'fresh 5m connected next:"send deck" due:2026-12-31')
    bot.slash("/call", 'overdue 5m connected next:"call back" due:today')
    bot.clock.advance(days=2)  # the overdue lead's next step is now 2 days late

    board = valid_message(bot.slash("/pipeline").ack.json)
    text = message_text(board)
    assert "Your pipeline" in text
    assert "4 open deal(s)" in text
    assert "Someone Elses" not in text
    order = ("Overdue Lead", "Old Lead", "Fresh Lead", "Acme")
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions), "lead stage first; overdue, then stale, then fresh"
    assert "next step overdue by 2 work days" in text
    assert "stale: untouched 11 d" in text  # Old Lead: nothing logged since it was added
    assert "touched 2 d ago" in text  # Fresh Lead: called two days ago
    assert "1 with an overdue next step, 2 untouched for 5+ work days" in text  # Old Lead + Acme


def test_pipeline_of_another_rep_and_in_indonesian_with_rupiah(bot: Bot) -> None:
    team_of(bot, "Jakarta", [SARI], managers=(RINA,))
    bot.slash("/deal", "add Toko Maju 1,5jt", user=SARI)
    board = valid_message(bot.slash("/pipeline", f"<@{SARI}|sari>", user=RINA).ack.json)
    assert f"Pipeline of <@{SARI}>" in message_text(board)
    assert "Toko Maju" in message_text(board)
    refused = bot.slash("/pipeline", f"<@{SARI}|sari>").ack.text  # Budi is not her manager
    assert "Toko Maju" not in refused and f"<@{RINA}>" in refused
    mine = valid_message(bot.slash("/pipeline", "", user=SARI).ack.json)
    assert "Pipeline Anda" in message_text(mine)
    assert "Rp 1.500.000" in message_text(mine)


def test_pipeline_pages_long_lists_and_never_cuts_silently(bot: Bot) -> None:
    for n in range(45):
        bot.slash("/deal", f"add Deal Number {n:02d} {n + 1}jt")
    first = valid_message(bot.slash("/pipeline").ack.json)
    assert "1-20 of 45" in message_text(first) or "1–20 of 45" in message_text(first)
    next_button = next(b for b in button_values(first) if b["action_id"] == "pipeline_page")
    answer = bot.click(next_button, response_url=bot.fake.response_url("page2"))
    assert answer.status == 200
    eventually(lambda: bot.fake.response_url_calls("page2"))
    second = valid_message(bot.fake.response_url_calls("page2")[0].args)
    assert second.get("replace_original") is True
    assert "21-40 of 45" in message_text(second) or "21–40 of 45" in message_text(second)
    shown_first = {b["value"] for b in accessory_buttons(first)}
    shown_second = {b["value"] for b in accessory_buttons(second)}
    assert len(shown_first) == len(shown_second) == 20 and not shown_first & shown_second


def test_pipeline_team_covers_the_teams_reps_and_names_them(bot: Bot) -> None:
    bot.slash("/deal", "add Budi Deal 10jt")
    bot.slash("/deal", "add Sari Deal 20jt", user=SARI)
    bot.slash("/deal", "add Andi Deal 30jt", user=ANDI)
    team_of(bot, "Jakarta", [BUDI, SARI], managers=(RINA,))
    for user in (RINA, ANDI):  # its manager and an admin read the same board
        board = valid_message(bot.slash("/pipeline", "team jakarta", user=user).ack.json)
        text = message_text(board)
        assert "Pipeline of team Jakarta" in text
        assert "Budi Deal" in text and "Sari Deal" in text and "Andi Deal" not in text
        assert f"<@{SARI}>" in text  # team boards say whose deal each is
    mine = valid_message(bot.slash("/pipeline", "team", user=RINA).ack.json)
    assert "Pipeline of team Jakarta" in message_text(mine)  # the team she manages
    refused = bot.slash("/pipeline", "team").ack.text  # a rep reads their own, not the team's
    assert "Sari Deal" not in refused and f"<@{RINA}>" in refused


def test_pipeline_team_problems_say_what_to_do_and_write_nothing(bot: Bot) -> None:
    before = bot.counts()
    no_teams = bot.slash("/pipeline", "team").ack.text
    assert "no teams yet" in no_teams and "/pipeline all" in no_teams
    team_of(bot, "Jakarta", [SARI])
    not_in = bot.slash("/pipeline", "team").ack.text
    assert "not in a team" in not_in and "/pipeline team Jakarta" in not_in
    unknown = bot.slash("/pipeline", "team Bandung").ack.text
    assert "There is no team called “Bandung”. Teams here: Jakarta." in unknown
    gibberish = bot.slash("/pipeline", "acme corp").ack.text
    assert "acme corp" in gibberish and "@name" in gibberish
    assert bot.counts() == before


# --- /funnel ---------------------------------------------------------------------------------


def build_week(bot: Bot) -> None:
    """A week of work for Budi and Sari: deals added and moved, calls logged, one won."""
    for name in ("Alpha", "Bravo", "Charlie", "Delta"):
        bot.slash("/deal", f"add {name} 10jt")
    bot.slash("/deal", "add Echo 20jt", user=SARI)
    bot.clock.advance(hours=2)
    bot.slash("/call", "alpha 10m connected")
    bot.slash("/call", "bravo 10m connected")
    bot.slash("/deal", "move alpha prospect")
    bot.slash("/deal", "move bravo prospect")
    bot.slash("/deal", "move alpha potential")
    bot.slash("/call", "echo 5m connected", user=SARI)
    bot.slash("/deal", "won charlie 12jt")


def test_funnel_reports_the_week_as_block_kit_and_sends_the_chart(bot: Bot) -> None:
    build_week(bot)
    assert "Your funnel" in bot.slash("/funnel").ack.text  # a rep reads their own
    bot.fake.wait_for("files.completeUploadExternal")
    bot.fake.reset()
    sent = bot.slash("/funnel", user=ANDI)
    report = valid_message(sent.ack.json)
    text = message_text(report)
    assert "Funnel of the whole workspace" in text  # an admin in no team reads the workspace
    assert "Week of 23 Nov 2026" in text
    assert "Lead" in text and "Prospect" in text
    assert "benchmark 50%" in text  # funnel4's lead -> prospect benchmark
    assert "Bookings: 1 won · IDR 12,000,000" in text
    assert "Win rate: 100%" in text
    assert f"<@{BUDI}> 2 / 50" in text and f"<@{SARI}> 1 / 50" in text
    assert "the funnel chart is in your DM" in text

    uploads = bot.fake.wait_for("files.completeUploadExternal")
    opened = bot.fake.calls_to("conversations.open")
    assert opened and opened[-1].args["users"] == ANDI
    dm = opened[-1].response["channel"]["id"]
    assert uploads[0].args["channel_id"] == dm
    files = list(bot.fake.files.values())
    assert len(files) == 2 and files[-1].completed  # Budi's chart, then Andi's
    assert files[-1].data is not None and files[-1].data.startswith(b"\x89PNG\r\n\x1a\n")
    assert "Week of 23 Nov 2026" in (files[-1].title or "")


def test_funnel_last_week_month_and_team_in_indonesian(bot: Bot) -> None:
    build_week(bot)
    team_of(bot, "Jakarta", [SARI], managers=(RINA,))
    bot.clock.advance(days=7)
    last_week = valid_message(bot.slash("/funnel", "minggu lalu", user=SARI).ack.json)
    text = message_text(last_week)
    assert "Funnel Anda" in text  # a rep reads their own by default
    assert "Minggu 23 Nov 2026" in text
    assert "Alpha" not in text
    month = valid_message(bot.slash("/funnel", "month all", user=ANDI).ack.json)
    assert "November 2026" in message_text(month)  # Monday 30 November, Jakarta
    managed = valid_message(bot.slash("/funnel", "last week", user=RINA).ack.json)
    assert "Funnel of team Jakarta" in message_text(managed)  # a manager's team by default
    team = valid_message(bot.slash("/funnel", "last week team jakarta", user=ANDI).ack.json)
    assert "Funnel of team Jakarta" in message_text(team)
    assert f"<@{SARI}> 1 / 50" in message_text(team)
    assert f"<@{BUDI}>" not in message_text(team)


def test_funnel_still_answers_when_the_chart_upload_fails(bot: Bot) -> None:
    build_week(bot)
    bot.fake.fail("files.completeUploadExternal", "not_allowed_token_type")
    report = valid_message(bot.slash("/funnel").ack.json)
    assert "Bookings" in message_text(report)
    bot.fake.wait_for("files.completeUploadExternal")
    assert not any(f.completed for f in bot.fake.files.values())


def test_funnel_bad_period_or_scope_gets_a_clear_message(bot: Bot) -> None:
    before = bot.counts()
    answer = bot.slash("/funnel", "yesterday please").ack.text
    assert "yesterday please" in answer and "/funnel last week team Jakarta" in answer
    assert bot.counts() == before
    assert not bot.fake.calls_to("files.getUploadURLExternal")


def test_funnel_quarters_and_years_with_targets_for_their_work_days(bot: Bot) -> None:
    build_week(bot)  # Monday 23 November 2026 in Jakarta: the fourth quarter
    quarter = message_text(valid_message(bot.slash("/funnel", "quarter all", user=ANDI).ack.json))
    assert "Funnel of the whole workspace · Q4 2026" in quarter
    assert "Bookings: 1 won · IDR 12,000,000" in quarter
    # October to December has 66 weekdays: 660 calls per rep at the default 10 a day.
    assert f"<@{BUDI}> 2 / 660" in quarter and f"<@{SARI}> 1 / 660" in quarter
    year = message_text(valid_message(bot.slash("/funnel", "this year all", user=ANDI).ack.json))
    assert "Funnel of the whole workspace · 2026" in year
    assert f"<@{BUDI}> 2 / 2,610" in year  # 261 weekdays in 2026
    bot.fake.wait_for("files.completeUploadExternal", count=2)
    titles = {f.filename: f.title or "" for f in bot.fake.files.values() if f.completed}
    assert "· Q4 2026" in titles["funnel-quarter.png"] and "· 2026" in titles["funnel-year.png"]
    # The same words in Indonesian, read by an Indonesian-speaking rep.
    kuartal = message_text(valid_message(bot.slash("/funnel", "kuartal ini", user=SARI).ack.json))
    assert "Funnel Anda · Kuartal 4 2026" in kuartal and f"<@{SARI}> 1 / 660" in kuartal
    lalu = message_text(valid_message(bot.slash("/funnel", "triwulan lalu", user=SARI).ack.json))
    assert "Funnel Anda · Kuartal 3 2026" in lalu and "Penjualan: 0 menang" in lalu
    tahun = message_text(valid_message(bot.slash("/funnel", "tahun lalu", user=SARI).ack.json))
    assert "Funnel Anda · 2025" in tahun
    last_year = message_text(valid_message(bot.slash("/funnel", "last year mine").ack.json))
    assert "Your funnel · 2025" in last_year


def test_funnel_over_days_for_a_team_compares_with_as_many_days_before(bot: Bot) -> None:
    build_week(bot)  # Monday 23 November: Budi wins Charlie for 12jt
    team_of(bot, "Jakarta", [BUDI, SARI], managers=(RINA,))
    bot.clock.advance(days=3)  # Thursday 26 November
    bot.slash("/deal", "won delta 24jt")
    sent = bot.slash("/funnel", "2026-11-26..2026-11-28 team Jakarta", user=RINA)
    text = message_text(valid_message(sent.ack.json))
    assert "Funnel of team Jakarta · 26 – 28 Nov 2026" in text
    assert "Bookings: 1 won · IDR 24,000,000" in text
    # The three days before, 23 to 25 November, booked Charlie's 12jt: twice that now.
    assert "Growth: +100% (previous period IDR 12,000,000)" in text
    # Thursday and Friday are the range's work days: 20 calls per rep.
    assert f"<@{BUDI}> 0 / 20" in text and f"<@{SARI}> 0 / 20" in text
    bot.fake.wait_for("files.completeUploadExternal")
    chart = next(f for f in bot.fake.files.values() if f.completed)
    assert chart.filename == "funnel-2026-11-26_2026-11-28.png"
    assert "26 – 28 Nov 2026" in (chart.title or "")
    # Whole calendar months read as what they are, however they are asked for.
    whole = bot.slash("/funnel", "2026-10-01..2026-12-31 team Jakarta", user=RINA)
    assert "Funnel of team Jakarta · Q4 2026" in message_text(valid_message(whole.ack.json))


def test_funnel_bad_range_names_the_form_it_takes_and_does_nothing(bot: Bot) -> None:
    before = bot.counts()
    backwards = bot.slash("/funnel", "2026-12-31..2026-10-01 team Jakarta").ack
    assert backwards.json.get("response_type", "ephemeral") == "ephemeral"
    valid_message(backwards.json)
    assert "ends on 2026-10-01, before it starts on 2026-12-31" in backwards.text
    assert "/funnel 2026-10-01..2026-12-31" in backwards.text
    bad_day = bot.slash("/funnel", "2026-10-01..2026-13-31").ack.text
    assert "“2026-13-31” is not a date I can read" in bad_day and "YYYY-MM-DD" in bad_day
    too_long = bot.slash("/funnel", "2020-01-01..2026-12-31 all", user=ANDI).ack.text
    assert "covers 2,557 days" in too_long and "at most 732 days" in too_long
    one_day = bot.slash("/funnel", "2026-10-01", user=SARI).ack.text
    assert "“2026-10-01” bukan rentang tanggal" in one_day
    assert "/funnel 2026-10-01..2026-12-31" in one_day
    assert bot.counts() == before
    assert not bot.fake.calls_to("files.getUploadURLExternal")


# --- a big team within Slack's limits --------------------------------------------------------


@pytest.fixture
def big_team(bot: Bot) -> Iterator[list[str]]:
    """60 reps in team "Field", 500 open deals across stages, a few weeks of calls."""
    users = [f"U0REP{n:05d}" for n in range(60)]
    now = bot.clock()
    stages = ("lead", "prospect", "potential", "closeable")
    with unit_of_work(bot.engine) as session:
        workspace = queries.get_or_create_workspace(session, slack_team_id=TEAM)
        assert workspace.id is not None
        team = teams.create_team(session, workspace_id=workspace.id, name="Field")
        members = []
        for user in users:
            member = Member(workspace_id=workspace.id, slack_user_id=user, name=user.lower())
            session.add(member)
            session.flush()
            assert member.id is not None
            teams.add_to_team(session, team=team, member_id=member.id)
            members.append(member)
        _seed_deals(session, workspace.id, members, stages, now)
    yield users


def _seed_deals(
    session: Session, workspace_id: int, members: list[Member], stages: tuple[str, ...], now: Any
) -> None:
    for n in range(500):
        owner = members[n % len(members)]
        assert owner.id is not None
        created = now - timedelta(days=1 + n % 40)
        stage = stages[n % len(stages)]
        deal = Deal(
            workspace_id=workspace_id,
            number=queries.allocate_deal_number(session, workspace_id=workspace_id),
            name=f"Big Customer {n:03d} " + "x" * 150,
            name_key=f"big customer {n:03d}",
            stage=stage,
            value=(n + 1) * 1_000_000,
            currency="IDR",
            owner_id=owner.id,
            next_step="call again" if n % 3 == 0 else None,
            next_step_due=(now - timedelta(days=n % 5)).date() if n % 3 == 0 else None,
            created_at=created,
            updated_at=created,
            stage_entered_at=created,
        )
        session.add(deal)
        session.flush()
        assert deal.id is not None
        session.add(
            StageChange(
                workspace_id=workspace_id,
                deal_id=deal.id,
                member_id=owner.id,
                to_stage=stage,
                changed_at=created,
            )
        )
        if n % 2 == 0:
            session.add(
                Activity(
                    workspace_id=workspace_id,
                    deal_id=deal.id,
                    member_id=owner.id,
                    occurred_at=now - timedelta(hours=n % 30),
                )
            )


def test_sixty_reps_and_500_deals_stay_within_block_kit_limits(
    bot: Bot, big_team: list[str]
) -> None:
    board = valid_message(bot.slash("/pipeline", "team Field", user=ANDI).ack.json)
    assert "500 open deal(s)" in message_text(board)
    assert "1-20 of 500" in message_text(board) or "1–20 of 500" in message_text(board)
    everyone = valid_message(bot.slash("/pipeline", "all", user=ANDI).ack.json)
    assert "500 open deal(s)" in message_text(everyone)

    report = valid_message(bot.slash("/funnel", "team Field", user=ANDI).ack.json)
    text = message_text(report)
    assert len(report["blocks"]) <= 50
    mentioned = {user for user in big_team if f"<@{user}>" in text}
    assert mentioned == set(big_team), "every rep's calls are listed"
    assert "of 60 reps at target" in text

    bot.fake.assert_no_violations()


# --- App Home --------------------------------------------------------------------------------


def open_home(bot: Bot, user: str) -> dict[str, Any]:
    before = len(bot.fake.calls_to("views.publish"))
    body = slack_requests.event_callback_body(
        slack_requests.app_home_opened_event(user), team_id=TEAM
    )
    assert bot.signed(body).status == 200
    calls = bot.fake.wait_for("views.publish", count=before + 1)
    return calls[-1].args


def test_app_home_shows_follow_ups_deals_by_stage_and_the_week(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "add Beta 10jt")
    bot.slash("/call", 'acme 10m connected next:"send proposal" due:today')
    bot.slash("/deal", "add Gamma 5jt")
    bot.slash("/deal", "won gamma")
    # Five changes, and no tab built for them: it is built when the rep opens it.
    bot.settle()
    assert bot.fake.calls_to("views.publish") == []
    opened = open_home(bot, BUDI)
    assert opened["user_id"] == BUDI
    view = opened["view"]
    assert view["type"] == "home"
    assert check_blocks(view["blocks"], surface="home") == []
    text = message_text(view)
    assert "Follow-ups due (1)" in text and "send proposal" in text and "due today" in text
    assert "Open deals (2)" in text and "Lead: 2 deal(s) · IDR 60,000,000" in text
    assert "Calls this week: 1 of 50 · today: 1 of 10" in text.replace("*", "")
    assert "Won this week: 1" in text.replace("*", "")
    log_call = next(b for b in accessory_buttons(view) if b["value"] == "D-1")
    assert log_call["action_id"].startswith("call_open_form")


def test_app_home_shows_the_reps_changes_when_they_next_open_it(bot: Bot) -> None:
    open_home(bot, BUDI)
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "add Beta 5jt")
    bot.settle()
    assert len(bot.fake.calls_to("views.publish")) == 1  # changes alone build no tab
    assert "Open deals (2)" in message_text(open_home(bot, BUDI)["view"])


def test_app_home_in_indonesian_and_messages_tab_is_left_alone(bot: Bot) -> None:
    bot.slash("/deal", "add Toko Maju 1,5jt", user=SARI)
    view = open_home(bot, SARI)["view"]
    assert "Deal aktif (1)" in message_text(view) and "Rp 1.500.000" in message_text(view)
    publishes = len(bot.fake.calls_to("views.publish"))
    body = slack_requests.event_callback_body(
        slack_requests.app_home_opened_event(SARI, tab="messages"), team_id=TEAM
    )
    assert bot.signed(body).status == 200
    open_home(bot, ANDI)  # a later event
    bot.settle()  # the Messages tab one is handled too
    assert len(bot.fake.calls_to("views.publish")) == publishes + 1


def click_in_home(bot: Bot, button: dict[str, str], home: dict[str, Any], user: str = BUDI) -> None:
    """A button in the App Home (``home``: the view as views.publish returned it): a view
    container, the home view, and no response_url, as Slack sends it."""
    view_id = home["id"]
    body = slack_requests.block_actions_body(
        user_id=user,
        team_id=TEAM,
        actions=[{"type": "button", **button, "text": {"type": "plain_text", "text": "x"}}],
        container=slack_requests.view_container(view_id),
        view=home,
        trigger_id=bot.fake.new_trigger_id(),
    )
    assert bot.signed(body).status == 200


def test_app_home_buttons_log_a_call_and_refresh_the_tab(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    published = open_home(bot, BUDI)
    home = bot.fake.calls_to("views.publish")[-1].response["view"]
    log_call = next(b for b in accessory_buttons(published["view"]) if b["value"] == "D-1")
    click_in_home(bot, log_call, home)
    modal = bot.fake.wait_for("views.open")[-1].response["view"]
    deal_field = next(b for b in modal["blocks"] if b["block_id"] == "field_deal")
    assert deal_field["element"]["initial_value"] == "D-1"

    publishes = len(bot.fake.calls_to("views.publish"))
    answer = bot.submit(modal, {"deal": "D-1", "duration": "10m", "outcome": "connected"})
    assert answer.status == 200
    bot.settle()  # the form began on the tab, so the tab is built again with the call
    calls = bot.fake.calls_to("views.publish")
    assert len(calls) == publishes + 1
    assert "Calls this week: 1 of 50" in message_text(calls[-1].args["view"]).replace("*", "")

    refresh = next(b for b in button_values(published["view"]) if b["action_id"] == "home_refresh")
    click_in_home(bot, refresh, home)
    bot.fake.wait_for("views.publish", count=publishes + 2, timeout=10)


def test_app_home_for_a_first_time_visitor_uses_their_slack_language(bot: Bot) -> None:
    newcomer = "U0NEWREP01"
    bot.fake.add_user(newcomer, team_id=TEAM, name="dewi", locale="id-ID", tz="Asia/Makassar")
    view = open_home(bot, newcomer)["view"]
    assert "Hari penjualan Anda" in message_text(view)
    assert any(c.args.get("user") == newcomer for c in bot.fake.calls_to("users.info"))


def test_pipeline_page_buttons_go_back_and_survive_tampering(bot: Bot) -> None:
    for n in range(25):
        bot.slash("/deal", f"add Deal Number {n:02d} {n + 1}jt")
    first = bot.slash("/pipeline").ack.json
    forward = next(b for b in button_values(first) if b["action_id"] == "pipeline_page")
    bot.click(forward, response_url=bot.fake.response_url("p2"))
    eventually(lambda: bot.fake.response_url_calls("p2"))
    second = valid_message(bot.fake.response_url_calls("p2")[0].args)
    back = next(b for b in button_values(second) if b["action_id"] == "pipeline_page_prev")
    bot.click(back, response_url=bot.fake.response_url("p1"))
    eventually(lambda: bot.fake.response_url_calls("p1"))
    assert "1–20 of 25" in message_text(bot.fake.response_url_calls("p1")[0].args)

    tampered = [
        json.dumps({"f": "mine", "o": 10_000}),  # past the end: the last page, whole
        json.dumps({"f": "<@U0SOMEONE1>", "o": -5}),  # a stranger: nothing of theirs here
        "[" * 3000,
        json.dumps({"f": 42, "o": "x"}),
    ]
    for n, value in enumerate(tampered):
        tag = f"t{n}"
        bot.click({**forward, "value": value}, response_url=bot.fake.response_url(tag))
        eventually(lambda tag=tag: bot.fake.response_url_calls(tag))
        valid_message(bot.fake.response_url_calls(tag)[0].args)
    texts = [message_text(bot.fake.response_url_calls(f"t{n}")[0].args) for n in range(4)]
    assert "21–25 of 25" in texts[0]
    assert "0 open deal(s)" in texts[1]
    assert "Your pipeline" in texts[2] and "1–20 of 25" in texts[3]


def test_user_text_in_reports_is_escaped_for_slack(bot: Bot) -> None:
    bot.slash("/deal", "add <!channel> & Co 5jt")
    text = message_text(bot.slash("/pipeline").ack.json)
    assert "@channel &amp; Co" in text and "<!channel>" not in text  # no ping, & shown as &


def test_time_in_stage_follows_real_moves_and_skips_an_undone_one(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 10jt")  # Monday
    bot.clock.advance(days=1)
    bot.slash("/deal", "move acme prospect")  # Tuesday: 1 day in lead
    bot.clock.advance(days=1)
    bot.slash("/deal", "move acme potential")
    assert "Undone" in bot.slash("/sales", "undo").ack.text  # back in prospect since Tuesday
    bot.clock.advance(days=1)
    bot.slash("/deal", "move acme potential")  # Thursday: 2 days in prospect, not 1
    text = message_text(bot.slash("/funnel").ack.json)
    assert "Time in stage: Lead 1 d · Prospect 2 d · Potential – · Closeable –" in text
    assert "Bottleneck: Prospect" in text
