"""How Corong behaves towards Slack itself: every manifest command is answered, events are
acknowledged, Slack errors are survived and logged with their code, replies find a way."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml

from bot.listeners.who import NoWorkspace, interaction_team_id
from storage.models import Deal
from tests.fakeslack import event_callback_body, url_verification_body
from tests.harness import CHANNEL, Bot, eventually, message_text

MANIFEST = Path(__file__).resolve().parents[1] / "manifest.yml"


def test_every_manifest_command_is_answered_by_the_app(bot: Bot) -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    for entry in manifest["features"]["slash_commands"]:
        answer = bot.slash(entry["command"], "help").ack
        assert answer.status == 200, entry["command"]
        assert answer.text, f"{entry['command']} got an empty answer"


def test_url_verification_is_answered_with_the_challenge(bot: Bot) -> None:
    body = url_verification_body()
    answer = bot.signed(body)
    assert answer.status == 200
    assert json.loads(body)["challenge"] in answer.body


@pytest.mark.parametrize(
    "event_type", ["app_home_opened", "member_joined_channel", "tokens_revoked", "app_uninstalled"]
)
def test_subscribed_events_are_acknowledged_so_slack_does_not_retry(
    bot: Bot, event_type: str
) -> None:
    event = {
        "type": event_type,
        "user": "U0BUDI0001",
        "channel": CHANNEL,
        "tab": "home",
        "event_ts": "1700000000.000100",
    }
    answer = bot.signed(event_callback_body(event, team_id="T0123ABCDE"))
    assert answer.status == 200


def test_reply_falls_back_to_a_dm_when_the_channel_refuses(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.slash("/deal", "add")
    view = bot.fake.wait_for("views.open")[-1].response["view"]
    bot.fake.fail("chat.postEphemeral", error="channel_not_found")
    forged = dict(view, private_metadata=json.dumps({"c": CHANNEL}))  # no response_url
    with caplog.at_level(logging.WARNING, logger="corong.slack"):
        bot.submit(forged, {"name": "Acme Corp"})
        dm = bot.fake.wait_for("chat.postMessage")[-1]
        eventually(lambda: "channel_not_found" in caplog.text)
    assert "Added D-1" in message_text(dm.args)
    assert bot.count(Deal) == 1


def test_a_failed_modal_open_is_logged_and_the_bot_keeps_serving(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.fake.fail("views.open", error="expired_trigger_id")
    with caplog.at_level(logging.WARNING, logger="corong.slack"):
        bot.slash("/call")
        eventually(lambda: "expired_trigger_id" in caplog.text)
    assert "Added D-1" in bot.slash("/deal", "add Acme Corp 50jt").ack.text


def test_slack_server_errors_are_retried(bot: Bot) -> None:
    bot.fake.server_error("views.open", status=503, times=1)
    bot.slash("/deal", "add")
    opened = bot.fake.wait_for("views.open", count=2)
    assert [call.status for call in opened[:2]] == [503, 200]


def test_a_reply_reaches_the_user_after_a_rate_limited_response_url(bot: Bot) -> None:
    newcomer = "U0NEWREP03"
    bot.fake.add_user(newcomer, team_id="T0123ABCDE", name="rina", locale="en-US")
    bot.fake.rate_limit("response_url", retry_after=1, times=1)
    sent = bot.slash("/deal", "add Acme Corp 50jt", user=newcomer)
    posts = sent.replies(2)
    assert "Added D-1" in message_text(posts[-1])


def test_an_interaction_is_served_in_the_workspace_it_names() -> None:
    """``team.id``; on Enterprise Grid, where ``team`` may be null, the user's own workspace;
    and nobody's when it names neither."""
    user = {"id": "U0BUDI0001", "team_id": "T0USERTEAM"}
    assert interaction_team_id({"team": {"id": "T0123ABCDE"}, "user": user}) == "T0123ABCDE"
    assert interaction_team_id({"team": None, "user": user}) == "T0USERTEAM"
    with pytest.raises(NoWorkspace):
        interaction_team_id({"type": "block_actions", "team": None, "user": {"id": "U0BUDI0001"}})
