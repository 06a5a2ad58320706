"""Trying to break in, through the real app and the fake Slack: nothing gets through.

Requests Slack did not send are refused before anything runs. Requests Slack did send, by the
wrong person, are refused politely, naming who could do it, and change nothing: a rep on another
rep's deal, a manager on another team, anyone on a team channel's posts, a user of another
organisation in a shared channel, a button gone stale, a user of one workspace naming another
workspace's deals.
"""

from __future__ import annotations

import json
import socket
import urllib.parse
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session, select

from bot import ids
from bot.shell.repl import Shell, ShellOptions
from storage.models import Activity, BantRecord, Deal, Member, StageChange
from tests.fakeslack import sign
from tests.harness import (
    ANDI,
    BUDI,
    OTHER_TEAM,
    RINA,
    SARI,
    SIGNING_SECRET,
    TEAM,
    Bot,
    button_values,
    eventually,
    message_text,
)
from tests.patience import PATIENCE
from tests.test_bant import QUALIFIED_ANSWERS, _open_bant
from tests.test_scheduled_posts import at, click, nudge_of, run_at

# Who may do what does not depend on the database; the lock-and-recheck runs on both in
# tests/test_concurrency.py.
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

TONO = "U0TONO0001"  # manager of the Bandung team
OUTSIDER = "U0EXTERN01"  # a user of another company, in a Slack Connect channel
OUTSIDE_ORG = "T0PARTNER1"
TEAM_CHANNEL = "C0JAKARTA1"


def deal_state(bot: Bot, number: int) -> tuple[Any, ...]:
    deal = bot.deal(number)
    assert deal is not None
    return (deal.owner_id, deal.stage, deal.status, deal.value, deal.snoozed_until)


def rows(bot: Bot) -> dict[str, int]:
    return {
        "deals": bot.count(Deal),
        "calls": bot.count(Activity),
        "moves": bot.count(StageChange),
        "bant": bot.count(BantRecord),
        "members": bot.count(Member),
    }


def signed_click(bot: Bot, payload: dict[str, Any]) -> int:
    """Send a block_actions payload as Slack would, signed."""
    body = "payload=" + urllib.parse.quote(json.dumps(payload))
    return bot.post(body, sign(body, SIGNING_SECRET)).status


def click_payload(bot: Bot, button: dict[str, str], *, user: str, team: str, tag: str) -> Any:
    """The payload of ``user`` pressing ``button``, as a dict to tamper with."""
    form = bot.click_body(button, user=user, team=team, response_url=bot.fake.response_url(tag))
    return json.loads(urllib.parse.parse_qs(form)["payload"][0])


# --- requests Slack did not send ---------------------------------------------------------------


def test_requests_without_a_valid_signature_are_refused_and_change_nothing(bot: Bot) -> None:
    body = "command=%2Fdeal&text=add+Acme+50jt&team_id=T0123ABCDE&user_id=U0BUDI0001"
    assert bot.post(body, {"Content-Type": "application/x-www-form-urlencoded"}).status == 401
    assert bot.post(body, sign(body, "not-the-secret")).status == 401
    stale = sign(body, SIGNING_SECRET, timestamp=int(datetime.now(UTC).timestamp()) - 301)
    assert bot.post(body, stale).status == 401  # a replay older than five minutes
    tampered = body.replace("50jt", "500jt")
    assert bot.post(tampered, sign(body, SIGNING_SECRET)).status == 401  # changed after signing
    assert bot.count(Deal) == 0


def test_a_replayed_click_is_refused(bot: Bot) -> None:
    added = bot.slash("/deal", "add Acme 50jt").ack.json
    button = next(b for b in button_values(added) if b["action_id"] == ids.LOG_CALL)
    payload = click_payload(bot, button, user=BUDI, team=TEAM, tag="replay")
    body = "payload=" + urllib.parse.quote(json.dumps(payload))
    old = sign(body, SIGNING_SECRET, timestamp=int(datetime.now(UTC).timestamp()) - 600)
    assert bot.post(body, old).status == 401
    assert bot.fake.calls_to("views.open") == []


def test_oversized_bodies_are_refused_before_they_are_read(bot: Bot) -> None:
    host, port = bot.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=PATIENCE) as connection:
        connection.sendall(
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 5000000\r\n\r\ntext="
        )
        status_line = connection.recv(200).split(b"\r\n")[0]
    assert b" 413 " in status_line


# --- the wrong rep, the wrong manager ----------------------------------------------------------


def test_a_rep_can_neither_change_nor_read_another_reps_deal(bot: Bot) -> None:
    bot.slash("/deal", "add Toko Maju 20jt", user=SARI)
    before, state = rows(bot), deal_state(bot, 1)
    for command, text in (
        ("/deal", "move D-1 prospect"),
        ("/deal", "won D-1 20jt"),
        ("/deal", "lost D-1 price"),
        ("/deal", "show D-1"),
        ("/call", "D-1 5m connected"),
        ("/bant", "D-1"),
        ("/deal", f"assign D-1 <@{BUDI}|budi>"),
    ):
        refused = bot.slash(command, text).ack.text
        assert "belongs to" in refused or "Only a team's manager" in refused, text
        assert f"<@{ANDI}>" in refused, text  # whom to ask: the admin
        assert "Toko" not in refused and "20,000,000" not in refused  # nothing leaks
    # By name, another rep's deal does not exist for Budi.
    assert "No deal matches" in bot.slash("/deal", "move toko prospect").ack.text
    assert "Toko Maju" not in bot.slash("/deal", "list all").ack.text
    assert "Toko Maju" not in bot.slash("/pipeline", f"<@{SARI}|sari>").ack.text
    assert "Workspace-wide reports are for admins" in bot.slash("/funnel", "all").ack.text
    assert rows(bot) == before and deal_state(bot, 1) == state
    assert bot.fake.calls_to("views.open") == []


def test_forged_buttons_and_forms_naming_another_reps_deal_change_nothing(bot: Bot) -> None:
    bot.slash("/deal", "add Toko Maju 20jt", user=SARI)
    bot.slash("/deal", "add Acme 50jt")
    before = rows(bot)
    card = bot.slash("/deal", "show D-2").ack.json
    for action_id in (ids.LOG_CALL, ids.SHOW_DEAL, ids.RUN_BANT):
        button = {
            "action_id": action_id,
            "block_id": "forged",
            "value": "D-1",  # Sari's deal
            "text": "x",
        }
        answer = bot.click(button, response_url=bot.fake.response_url(f"forged-{action_id}"))
        assert answer.status == 200
        eventually(lambda a=action_id: bot.fake.response_url_calls(f"forged-{a}"))
        said = message_text(bot.fake.response_url_calls(f"forged-{action_id}")[0].args)
        assert "D-1 belongs to" in said and "Toko Maju" not in said
    assert bot.fake.calls_to("views.open") == []
    assert card  # Budi's own card rendered; his buttons were never the problem
    # A BANT form for his own deal, its hidden deal id switched to Sari's deal.
    _, view = _open_bant(bot, "D-2")
    with Session(bot.engine) as session:
        saris = session.exec(select(Deal).where(Deal.name == "Toko Maju")).one()
    answer = bot.submit(
        dict(view, private_metadata=json.dumps({"d": str(saris.id)})), QUALIFIED_ANSWERS
    )
    assert answer.json["response_action"] == "errors"
    assert "belongs to" in json.dumps(answer.json["errors"])
    assert rows(bot) == before


def test_a_manager_acts_on_their_teams_deals_and_nobody_elses(bot: Bot) -> None:
    bot.know(TONO, name="Tono")
    bot.team("Jakarta", reps=(BUDI,), managers=(RINA,))
    bot.team("Bandung", reps=(SARI,), managers=(TONO,))
    bot.slash("/deal", "add Acme 50jt")  # D-1, Budi (Jakarta)
    bot.slash("/deal", "add Toko Maju 20jt", user=SARI)  # D-2, Sari (Bandung)

    assert "Prospect" in bot.slash("/deal", "move D-1 prospect", user=RINA).ack.text
    assert "Acme" in bot.slash("/pipeline", f"<@{BUDI}|budi>", user=RINA).ack.text
    assert "team Jakarta" in bot.slash("/funnel", "team jakarta", user=RINA).ack.text
    state = deal_state(bot, 2)
    refused = bot.slash("/deal", "move D-2 prospect", user=RINA).ack.text
    assert f"<@{TONO}>" in refused  # Sari's manager is the one to ask
    refused = bot.slash("/pipeline", "team bandung", user=RINA).ack.text
    assert "team's reports are for its managers" in refused and f"<@{TONO}>" in refused
    assert "Toko Maju" not in refused
    refused = bot.slash("/deal", f"assign D-1 <@{SARI}|sari>", user=RINA).ack.text
    assert "not in a team you manage" in refused
    assert (
        deal_state(bot, 2) == state
        and bot.existing_deal(1).owner_id != bot.existing_deal(2).owner_id
    )

    moved = bot.slash("/deal", f"assign D-2 <@{BUDI}|budi>", user=ANDI).ack.text  # an admin
    assert f"now belongs to <@{BUDI}>" in moved and f"was <@{SARI}>" in moved
    assert "Only a team's manager" in bot.slash("/deal", f"assign D-1 <@{SARI}|sari>").ack.text


# --- buttons everyone in a channel can see, and buttons gone stale ----------------------------


def test_clicks_on_a_standup_post_in_the_team_channel_change_nothing(bot: Bot) -> None:
    bot.fake.add_channel(TEAM_CHANNEL, name="sales-jakarta")
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,), channel=TEAM_CHANNEL)
    run_at(bot, at(24, 9, 1))  # Budi's nudge, then the standup
    _, nudge = nudge_of(bot)
    [standup] = bot.fake.messages(TEAM_CHANNEL)
    before, state = rows(bot), deal_state(bot, 1)
    # Each of them presses (a forged copy of) a nudge button on the standup in the channel.
    for user in (SARI, RINA, BUDI):
        forged = dict(standup, blocks=nudge["blocks"])
        click(bot, TEAM_CHANNEL, forged, "nudge_lost_0", user=user, tag=f"standup-{user}")
        eventually(lambda u=user: bot.fake.response_url_calls(f"standup-{u}"))
        said = bot.fake.response_url_calls(f"standup-{user}")[0].args
        assert said["response_type"] == "ephemeral"
    assert rows(bot) == before and deal_state(bot, 1) == state
    assert bot.fake.calls_to("chat.update") == []  # the channel post is never redrawn


def test_a_user_of_another_organisation_in_a_shared_channel_is_turned_away(bot: Bot) -> None:
    added = bot.slash("/deal", "add Acme 50jt").ack.json
    button = next(b for b in button_values(added) if b["action_id"] == ids.LOG_CALL)
    before = rows(bot)
    for user, grid in ((OUTSIDER, False), (BUDI, False), (OUTSIDER, True)):
        # Their own id, or one copied from our workspace; a payload saying "enterprise
        # install" changes nothing (Corong installs per workspace).
        tag = f"connect-{user}-{grid}"
        payload = click_payload(bot, button, user=user, team=TEAM, tag=tag)
        payload["user"]["team_id"] = OUTSIDE_ORG
        payload["is_enterprise_install"] = grid
        assert signed_click(bot, payload) == 200
        eventually(lambda t=tag: bot.fake.response_url_calls(t))
        said = message_text(bot.fake.response_url_calls(tag)[0].args)
        assert "for members of this workspace" in said
    assert bot.fake.calls_to("views.open") == []
    assert rows(bot) == before  # the outsider did not become a member by clicking


def test_the_old_owners_nudge_buttons_stop_working_after_a_reassign(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    run_at(bot, at(24, 8, 31))
    channel, nudge = nudge_of(bot)
    assert "now belongs to" in bot.slash("/deal", f"assign acme <@{SARI}|sari>", user=RINA).ack.text
    state = deal_state(bot, 1)
    click(bot, channel, nudge, "nudge_lost_0", tag="stale")
    eventually(lambda: bot.fake.response_url_calls("stale"))
    assert "belongs to" in message_text(bot.fake.response_url_calls("stale")[0].args)
    assert deal_state(bot, 1) == state
    bot.slash("/deal", "move D-1 prospect", user=SARI)  # hers now
    assert bot.existing_deal(1).stage == "prospect"
    # Her manager's undo is refused: Sari has changed the deal since.
    assert "Nothing was undone" in bot.slash("/sales", "undo", user=RINA).ack.text


def test_buttons_on_a_closed_or_undone_deal_do_nothing(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    run_at(bot, at(24, 8, 31))
    channel, nudge = nudge_of(bot)
    bot.slash("/deal", "won acme")
    prospect = next(
        o["value"]
        for block in nudge["blocks"]
        for element in block.get("elements") or []
        if element.get("action_id") == "nudge_move_0"
        for o in element["options"]
        if "prospect" in o["value"]
    )
    click(bot, channel, nudge, "nudge_move_0", prospect, tag="closed")
    eventually(lambda: bot.fake.response_url_calls("closed"))
    assert bot.existing_deal(1).status == "won"

    added = bot.slash("/deal", "add Beta 10jt").ack.json
    log_call = next(b for b in button_values(added) if b["action_id"] == ids.LOG_CALL)
    bot.slash("/sales", "undo")  # Beta's creation is taken back
    bot.click(log_call, response_url=bot.fake.response_url("undone"))
    eventually(lambda: bot.fake.response_url_calls("undone"))
    assert "no deal D-2" in message_text(bot.fake.response_url_calls("undone")[0].args)
    assert bot.fake.calls_to("views.open") == []


# --- two workspaces --------------------------------------------------------------------------


def test_the_same_ref_in_two_workspaces_means_each_callers_own_deal(bot: Bot) -> None:
    other = "U0OTHER001"
    bot.know(other, team=OTHER_TEAM, name="Other")
    bot.slash("/deal", "add Acme Jakarta 50jt")
    bot.slash("/deal", "add Borneo Traders 9jt", user=other, team=OTHER_TEAM)

    assert "Borneo Traders" in bot.slash("/deal", "show D-1", user=other, team=OTHER_TEAM).ack.text
    assert "Acme Jakarta" in bot.slash("/deal", "show D-1").ack.text
    assert (
        "No deal matches"
        in bot.slash("/deal", "move acme prospect", user=other, team=OTHER_TEAM).ack.text
    )
    assert "No deal matches" in bot.slash("/deal", "show borneo").ack.text
    # A button copied from workspace A's message, clicked in workspace B, shows B's own D-1.
    card = bot.slash("/deal", "add Cempaka 5jt").ack.json  # D-2 in A; B has no D-2
    show = next(b for b in button_values(card) if b["action_id"].startswith(ids.SHOW_DEAL))
    bot.click(show, user=other, team=OTHER_TEAM, response_url=bot.fake.response_url("b"))
    eventually(lambda: bot.fake.response_url_calls("b"))
    assert "no deal D-2" in message_text(bot.fake.response_url_calls("b")[0].args)
    assert (
        bot.existing_deal(1).stage == "lead"
        and bot.existing_deal(1, team=OTHER_TEAM).stage == "lead"
    )


# --- rights that were taken away ----------------------------------------------------------------


def test_undo_is_refused_once_the_right_to_make_the_change_is_gone(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI,), managers=(RINA,))
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "move D-1 prospect", user=RINA)
    bot.slash("/sales", f"team remove Jakarta <@{RINA}|rina>", user=ANDI)
    assert "belongs to" in bot.slash("/sales", "undo", user=RINA).ack.text
    assert bot.existing_deal(1).stage == "prospect"

    bot.slash("/sales", f"admin add <@{RINA}|rina>", user=ANDI)
    bot.slash("/sales", "bant strict:on", user=RINA)
    bot.slash("/sales", f"admin remove <@{RINA}|rina>", user=ANDI)
    assert "Only Corong admins" in bot.slash("/sales", "undo", user=RINA).ack.text
    assert "is refused" in bot.slash("/sales", "bant").ack.text  # still strict


def test_someone_demoted_in_slack_is_checked_again_before_acting_as_admin(bot: Bot) -> None:
    bot.fake.add_user(ANDI, name="andi", is_admin=False)  # Slack took his admin role away
    bot.clock.advance(hours=2)  # Corong read his profile two hours ago
    sent = bot.slash("/sales", "pipeline seven-step", user=ANDI)
    assert sent.ack.text == ""  # nothing is decided on the old profile...
    eventually(lambda: sent.replies(1))
    assert "Only admins can switch" in message_text(sent.replies(1)[0])  # ...but on Slack's
    with Session(bot.engine) as session:
        andi = session.exec(select(Member).where(Member.slack_user_id == ANDI)).one()
        assert (andi.is_admin, andi.admin_granted) == (False, False)
    assert "Lead → Prospect" in bot.slash("/sales", "pipeline").ack.text


def test_an_admin_cannot_name_themselves(bot: Bot) -> None:
    refused = bot.slash("/sales", f"admin add <@{ANDI}|andi>", user=ANDI).ack.text
    assert "can't name yourself" in refused
    with Session(bot.engine) as session:
        andi = session.exec(select(Member).where(Member.slack_user_id == ANDI)).one()
        assert andi.admin_granted is False


def test_the_old_owners_nudge_stops_showing_a_reassigned_deal(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    bot.slash("/deal", "add Acme 50jt next:demo due:today")
    run_at(bot, at(24, 8, 31))
    bot.slash("/deal", f"assign acme <@{SARI}|sari>", user=RINA)
    bot.slash("/call", 'D-1 10m connected next:"pricing 777jt" due:tomorrow', user=SARI)
    before = len(bot.fake.calls_to("chat.update"))
    bot.slash("/deal", "add Beta 1jt")  # any change of Budi's redraws his nudge
    eventually(lambda: len(bot.fake.calls_to("chat.update")) > before)
    redrawn = message_text(nudge_of(bot)[1])
    assert "Acme" not in redrawn and "777" not in redrawn


def test_the_shell_speaking_as_a_slack_rep_does_not_make_them_an_admin(bot: Bot) -> None:
    shell = Shell(
        bot.engine, ShellOptions(user_id=BUDI, team_id=TEAM), ask=lambda _: "", say=lambda _: None
    )
    shell.close()
    refused = bot.slash("/sales", f"admin add <@{SARI}|sari>").ack.text  # back in Slack
    assert "Only Corong admins" in refused
    fresh = Shell(bot.engine, ShellOptions(), ask=lambda _: "", say=lambda _: None)
    fresh.close()  # the shell's own user, new to Corong, runs it: an admin
    with Session(bot.engine) as session:
        shell_user = session.exec(select(Member).where(Member.slack_user_id == "U0SHELL001"))
        assert shell_user.one().is_admin


def test_undoing_a_reassign_is_a_reassign_and_obeys_the_same_rules(bot: Bot) -> None:
    bot.know(TONO, name="Tono")
    bot.team("Jakarta", reps=(BUDI, SARI), managers=(RINA,))
    bot.team("Bandung", managers=(TONO,))
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", f"assign acme <@{SARI}|sari>", user=RINA)
    bot.slash("/sales", f"team remove Jakarta <@{BUDI}|budi>", user=ANDI)
    bot.slash("/sales", f"team add Bandung <@{BUDI}|budi>", user=ANDI)  # Budi moved teams
    refused = bot.slash("/sales", "undo", user=RINA).ack.text
    assert "not in a team you manage" in refused
    with Session(bot.engine) as session:
        sari = session.exec(select(Member).where(Member.slack_user_id == SARI)).one()
    assert bot.existing_deal(1).owner_id == sari.id
