"""Tests of the fake Slack itself (tests/fakeslack), driven by a real slack_sdk WebClient."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from tests.fakeslack import (
    TEAM_ID,
    FakeSlack,
    action_from_blocks,
    block_actions_body,
    message_container,
    sign,
    slash_command_body,
    submission_values_from_view,
    view_submission_body,
)

USER = "U0123ABCDE"
CHANNEL = "C0123ABCDE"
TS_RE = re.compile(r"^\d{10}\.\d{6}$")

# Slack's signed test vector ("Verifying requests from Slack"), also in
# /work/shared/slack/payloads/signed_slash_command.slack_docs_vector.json
VECTOR_FILE = Path("/work/shared/slack/payloads/signed_slash_command.slack_docs_vector.json")
VECTOR = {
    "signing_secret": "8f742231b10e8888abcd99yyyzzz85a5",
    "timestamp": "1531420618",
    "body": "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
    "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
    "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands"
    "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
    "expected_signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
}


@pytest.fixture(autouse=True)
def _quiet_sdk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKIP_SLACK_SDK_WARNING", "1")  # we test the missing-text check ourselves


@pytest.fixture(scope="module")
def server() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user(USER, team_id=TEAM_ID, name="budi", real_name="Budi Santoso", locale="id-ID")
        yield fake


@pytest.fixture
def fake(server: FakeSlack) -> FakeSlack:
    server.reset()
    return server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=fake.api_url)


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}, **extra}


def button(action_id: str, text: str = "Go", value: str = "v") -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": action_id,
        "value": value,
        "text": {"type": "plain_text", "text": text},
    }


# ---------------------------------------------------------------------------- Web API


def test_post_message_is_recorded_with_args(fake: FakeSlack, client: WebClient) -> None:
    blocks = [section("*Deal* won"), {"type": "actions", "elements": [button("open_deal")]}]
    resp = client.chat_postMessage(channel=CHANNEL, text="Deal won", blocks=blocks)

    assert resp["ok"] and resp["channel"] == CHANNEL and TS_RE.match(resp["ts"])
    assert resp["message"]["text"] == "Deal won"
    assert all(b["block_id"] for b in resp["message"]["blocks"])  # Slack fills block_ids
    (call,) = fake.calls_to("chat.postMessage")
    assert call.args == {"channel": CHANNEL, "text": "Deal won", "blocks": blocks}
    assert call.body_kind == "json"  # slack_sdk sends chat.* as JSON, token as Bearer header
    assert call.headers["Authorization"] == "Bearer xoxb-test-token"
    assert call.token == "xoxb-test-token" and call.status == 200
    assert fake.wait_for("chat.postMessage") == [call]
    fake.assert_no_violations()


def test_scripted_429_is_retried_by_rate_limit_handler(fake: FakeSlack) -> None:
    client = WebClient(
        token="xoxb-test-token",
        base_url=fake.api_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    fake.rate_limit("chat.postMessage", retry_after=1)
    started = time.monotonic()

    resp = client.chat_postMessage(channel=CHANNEL, text="hello")

    assert resp["ok"]
    first, second = fake.calls_to("chat.postMessage")
    assert first.status == 429 and first.response["error"] == "ratelimited"
    assert second.status == 200
    assert time.monotonic() - started >= 1.0  # honoured Retry-After
    fake.assert_no_violations()


def test_scripted_failure_surfaces_as_slack_api_error(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("chat.postMessage", error="not_in_channel")
    with pytest.raises(SlackApiError) as err:
        client.chat_postMessage(channel=CHANNEL, text="hello")
    assert err.value.response.status_code == 200
    assert err.value.response["error"] == "not_in_channel"
    assert client.chat_postMessage(channel=CHANNEL, text="hello")["ok"]  # times=1 used up

    fake.server_error("users.info", status=503)
    with pytest.raises(SlackApiError) as err:
        client.users_info(user=USER)
    assert err.value.response.status_code == 503


def test_invalid_blocks_are_violations(fake: FakeSlack, client: WebClient) -> None:
    too_many = [section(f"row {i}") for i in range(51)]
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel=CHANNEL, text="t", blocks=too_many)
    assert any("51 blocks, max 50" in v for v in fake.violations)

    fake.reset()
    long_button = {"type": "actions", "elements": [button("a", text="x" * 76)]}
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel=CHANNEL, text="t", blocks=[long_button])
    assert any("76 characters, max 75" in v for v in fake.violations)

    fake.reset()
    dup = [{"type": "actions", "elements": [button("same"), button("same")]}]
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel=CHANNEL, text="t", blocks=dup)
    assert any("duplicate action_id 'same'" in v for v in fake.violations)

    fake.reset()  # valid blocks but no text fallback: answered, but recorded
    assert client.chat_postMessage(channel=CHANNEL, blocks=[section("hi")])["ok"]
    (violation,) = fake.violations
    assert "text fallback" in violation
    with pytest.raises(AssertionError, match="text fallback"):
        fake.assert_no_violations()


def test_view_rules(fake: FakeSlack, client: WebClient) -> None:
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "A title far too long for Slack"},
        "blocks": [
            {
                "type": "input",
                "label": {"type": "plain_text", "text": "Amount"},
                "element": {"type": "plain_text_input", "action_id": "amount"},
            }
        ],
    }
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        client.views_open(trigger_id=fake.new_trigger_id(), view=modal)
    problems = "\n".join(fake.violations)
    assert "view.title.text: 30 characters, max 24" in problems
    assert "needs a submit" in problems


def test_users_info_locale_only_when_asked(fake: FakeSlack, client: WebClient) -> None:
    with_locale = client.users_info(user=USER, include_locale=True)["user"]
    without = client.users_info(user=USER)["user"]
    assert with_locale["locale"] == "id-ID" and "locale" not in without
    assert without["tz"] == "Asia/Jakarta" and without["tz_offset"] == 25200
    with pytest.raises(SlackApiError, match="user_not_found"):
        client.users_info(user="U0NOBODY00")
    assert fake.calls_to("users.info")[0].args["include_locale"] == "1"  # form-encoded bool
    fake.assert_no_violations()


def test_files_upload_v2(fake: FakeSlack, client: WebClient) -> None:
    resp = client.files_upload_v2(
        content="stage,amount\nwon,100\n",
        filename="funnel.csv",
        title="Funnel",
        channel=CHANNEL,
        initial_comment="Weekly",
    )
    file_id = resp["file"]["id"]
    assert [c.method for c in fake.calls] == [
        "files.getUploadURLExternal",
        "file_upload",
        "files.completeUploadExternal",
    ]
    uploaded = fake.files[file_id]
    assert uploaded.data == b"stage,amount\nwon,100\n" and uploaded.completed
    assert (uploaded.channel_id, uploaded.title, uploaded.initial_comment) == (
        CHANNEL,
        "Funnel",
        "Weekly",
    )
    fake.assert_no_violations()


def test_request_shape_checks(fake: FakeSlack) -> None:
    def raw(method: str, *, data: bytes | None, content_type: str, verb: str) -> dict[str, Any]:
        req = urllib.request.Request(
            fake.api_url + method,
            data=data,
            method=verb,
            headers={"Authorization": "Bearer xoxb-t", "Content-Type": content_type},
        )
        with urllib.request.urlopen(req) as resp:
            return json.loads(resp.read())

    assert raw("views.open", data=None, content_type="", verb="GET")["ok"] is False
    users_json = json.dumps({"user": USER}).encode()
    assert (
        raw("users.info", data=users_json, content_type="application/json", verb="POST")["error"]
        == "invalid_arguments"
    )
    assert (
        raw("chat.postMesage", data=None, content_type="", verb="POST")["error"] == "unknown_method"
    )
    problems = "\n".join(fake.violations)
    assert "views.open must be called with POST" in problems
    assert "users.info does not accept JSON bodies" in problems
    assert "unknown method 'chat.postMesage'" in problems


def test_response_url_five_posts_then_used_url(fake: FakeSlack) -> None:
    url = fake.response_url("deal")
    webhook = WebhookClient(url)
    statuses = [webhook.send(text=f"update {i}").status_code for i in range(6)]
    assert statuses == [200] * 5 + [404]
    calls = fake.response_url_calls("deal")
    assert len(calls) == 6 and calls[0].args == {"text": "update 0", "url": url}
    assert any("used 6 times" in v for v in fake.violations)


def test_wait_for_times_out_with_methods_seen(fake: FakeSlack, client: WebClient) -> None:
    client.auth_test()
    with pytest.raises(AssertionError, match=r"methods seen: \['auth.test'\]"):
        fake.wait_for("chat.postMessage", timeout=0.1)


# ---------------------------------------------------------------------------- inbound requests


def test_sign_matches_slack_test_vector() -> None:
    vector = json.loads(VECTOR_FILE.read_text()) if VECTOR_FILE.exists() else VECTOR
    headers = sign(vector["body"], vector["signing_secret"], int(vector["timestamp"]))
    assert (
        headers["X-Slack-Signature"] == vector["expected_signature"] == VECTOR["expected_signature"]
    )
    assert headers["X-Slack-Request-Timestamp"] == "1531420618"
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"

    body = slash_command_body(
        "/deal",
        "new Acme 5jt",
        user_id=USER,
        team_id=TEAM_ID,
        response_url="https://hooks.slack.com/commands/T0123ABCDE/1/x",
    )
    fresh = sign(body, "s3cret")
    verifier = SignatureVerifier("s3cret")
    assert verifier.is_valid(body, fresh["X-Slack-Request-Timestamp"], fresh["X-Slack-Signature"])
    fields = parse_qs(body, keep_blank_values=True)
    assert fields["command"] == ["/deal"] and fields["text"] == ["new Acme 5jt"]
    assert list(fields)[:3] == ["token", "team_id", "team_domain"]


def test_submission_values_from_view() -> None:
    view = {
        "type": "modal",
        "callback_id": "new_deal",
        "title": {"type": "plain_text", "text": "New deal"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            {
                "type": "input",
                "block_id": "name",
                "label": {"type": "plain_text", "text": "Name"},
                "element": {"type": "plain_text_input", "action_id": "name_in"},
            },
            {
                "type": "input",
                "label": {"type": "plain_text", "text": "Stage"},
                "element": {
                    "type": "static_select",
                    "action_id": "stage",
                    "options": [
                        {"text": {"type": "plain_text", "text": s}, "value": s}
                        for s in ("lead", "won")
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "close",
                "label": {"type": "plain_text", "text": "Due"},
                "element": {"type": "datepicker", "action_id": "due"},
            },
            {
                "type": "input",
                "block_id": "owner",
                "optional": True,
                "label": {"type": "plain_text", "text": "Owner"},
                "element": {"type": "users_select", "action_id": "owner"},
            },
        ],
    }
    values = submission_values_from_view(
        view, {"name_in": "Acme", "stage": "won", "due": dt.date(2025, 1, 31)}
    )
    stage_block = next(k for k in values if k not in ("name", "close", "owner"))
    assert values["name"]["name_in"] == {"type": "plain_text_input", "value": "Acme"}
    assert values[stage_block]["stage"]["selected_option"]["value"] == "won"
    assert values["close"]["due"] == {"type": "datepicker", "selected_date": "2025-01-31"}
    assert values["owner"]["owner"] == {"type": "users_select", "selected_user": None}

    with pytest.raises(KeyError, match="nope"):
        submission_values_from_view(view, {"nope": 1, "name_in": "x", "stage": "won", "due": "x"})
    with pytest.raises(ValueError, match="no option"):
        submission_values_from_view(view, {"name_in": "x", "stage": "lost", "due": "2025-01-01"})
    with pytest.raises(ValueError, match="required input 'due'"):
        submission_values_from_view(view, {"name_in": "x", "stage": "won"})

    payload = json.loads(
        parse_qs(view_submission_body(view, values, user_id=USER, team_id=TEAM_ID))["payload"][0]
    )
    assert payload["type"] == "view_submission" and payload["view"]["callback_id"] == "new_deal"
    assert payload["view"]["state"]["values"] == values
    assert [b["block_id"] for b in payload["view"]["blocks"]][1] == stage_block


def test_bolt_end_to_end_slash_command_and_button(fake: FakeSlack) -> None:
    from slack_bolt import App
    from slack_bolt.request import BoltRequest

    def signed(body: str) -> BoltRequest:
        """``body`` as Bolt gets it from Slack: signed with the app's secret."""
        headers: dict[str, str | Sequence[str]] = {**sign(body, "s3cret")}
        return BoltRequest(body=body, headers=headers)

    app = App(
        token="xoxb-test-token",
        signing_secret="s3cret",
        client=WebClient(token="xoxb-test-token", base_url=fake.api_url),
    )

    @app.command("/deal")
    def deal(ack: Any, respond: Any, command: dict[str, Any]) -> None:
        ack()
        respond(
            text=f"Deal {command['text']}",
            blocks=[
                section(f"Deal *{command['text']}*"),
                {"type": "actions", "elements": [button("close_deal", "Close", "acme")]},
            ],
        )

    @app.action("close_deal")
    def close_deal(ack: Any, respond: Any, action: dict[str, Any]) -> None:
        ack()
        respond(text=f"Closed {action['value']}", replace_original=True)

    url = fake.response_url("deal")
    body = slash_command_body("/deal", "Acme", user_id=USER, team_id=TEAM_ID, response_url=url)
    assert app.dispatch(signed(body)).status == 200
    (posted,) = fake.wait_for("response_url")
    assert posted.args["text"] == "Deal Acme"

    action = action_from_blocks(posted.args["blocks"], "close_deal")
    body = block_actions_body(
        user_id=USER,
        team_id=TEAM_ID,
        actions=[action],
        container=message_container(CHANNEL, "1595926230.009600"),
        message={"type": "message", "ts": "1595926230.009600", "blocks": posted.args["blocks"]},
        response_url=url,
    )
    assert app.dispatch(signed(body)).status == 200
    second = fake.wait_for("response_url", count=2)[1]
    assert second.args["replace_original"] is True and second.args["text"] == "Closed acme"
    fake.assert_no_violations()
