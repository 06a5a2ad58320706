"""The fake Slack checks ``table`` blocks the way Slack does (docs.slack.dev table block): only in
messages, one a message, at most 100 rows of at most 20 cells, rows the same width, cells of a
known type, sane column settings, at most 10,000 characters across the cells. A bad table is
answered with Slack's error and recorded as a violation; a good one passes everywhere a message
goes (chat.postMessage/postEphemeral/update, a response_url, a slash command's ack)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.blocks.tables import Table, table_block
from tests.fakeslack import TEAM_ID, FakeSlack, check_blocks

USER = "U0123ABCDE"
CHANNEL = "C0123ABCDE"


@pytest.fixture(autouse=True)
def _quiet_sdk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKIP_SLACK_SDK_WARNING", "1")


@pytest.fixture(scope="module")
def server() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user(USER, team_id=TEAM_ID, name="budi")
        yield fake


@pytest.fixture
def fake(server: FakeSlack) -> FakeSlack:
    server.reset()
    return server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test-token", base_url=fake.api_url)


def cell(text: str) -> dict[str, Any]:
    return {"type": "raw_text", "text": text}


def table(rows: list[list[dict[str, Any]]], **extra: Any) -> dict[str, Any]:
    return {"type": "table", "rows": rows, **extra}


GOOD = table(
    [
        [cell("Rep"), cell("Booked"), cell("Quota")],
        [
            cell("Budi"),
            {"type": "raw_number", "value": 40_000_000, "text": "Rp 40 jt"},
            cell("Rp 100 jt"),
        ],
        [
            {
                "type": "rich_text",
                "elements": [
                    {"type": "rich_text_section", "elements": [{"type": "text", "text": "Sari"}]}
                ],
            },
            cell("Rp 75 jt"),
            cell("Rp 50 jt"),
        ],
    ],
    column_settings=[{"is_wrapped": True}, {"align": "right"}, None],
)


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_a_valid_table_passes_every_message_method(fake: FakeSlack, client: WebClient) -> None:
    posted = client.chat_postMessage(channel=CHANNEL, text="t", blocks=[section("hi"), GOOD])
    assert posted["ok"]
    assert client.chat_postEphemeral(channel=CHANNEL, user=USER, text="t", blocks=[GOOD])["ok"]
    assert client.chat_update(channel=CHANNEL, ts=posted["ts"], text="t", blocks=[GOOD])["ok"]
    assert WebhookClient(fake.response_url("t")).send(text="t", blocks=[GOOD]).status_code == 200
    assert fake.check_ack({"text": "t", "blocks": [GOOD]}) == []
    fake.assert_no_violations()


def test_the_product_table_block_passes() -> None:
    # Corong's own builder (bot/blocks/tables.py) makes a table Slack accepts.
    built = table_block(
        Table(["Rep", "Booked"], [["Budi", "Rp 40 jt"], ["", "Rp 1 jt"]], [False, True])
    )
    assert check_blocks([built.to_dict()], surface="message") == []
    # A huge one keeps within Slack's limits: 100 rows, and 10,000 characters, so of rows of
    # 20 cells of 60 characters (1,200 a row) 8 fit, the header and 7 (9,600), then a "…" row.
    huge = table_block(Table(["x" * 60] * 25, [["y" * 60] * 25] * 150)).to_dict()
    assert check_blocks([huge], surface="message") == []
    assert len(huge["rows"]) == 9 and huge["rows"][-1][0] == {"type": "raw_text", "text": "…"}
    many = table_block(Table(["Rep"], [[str(i)] for i in range(300)])).to_dict()
    assert len(many["rows"]) == 100 and check_blocks([many], surface="message") == []


def test_two_tables_in_one_message_are_refused(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError, match="only_one_table_allowed"):
        client.chat_postMessage(channel=CHANNEL, text="t", blocks=[GOOD, section("x"), GOOD])
    assert any("2 table blocks" in v for v in fake.violations)

    fake.reset()  # one in the blocks, one in an attachment: still one message
    with pytest.raises(SlackApiError, match="only_one_table_allowed"):
        client.chat_postMessage(
            channel=CHANNEL, text="t", blocks=[GOOD], attachments=[{"blocks": [GOOD]}]
        )
    assert any("table blocks in one message" in v for v in fake.violations)

    fake.reset()  # the same rule for a response_url post and an ack
    answer = WebhookClient(fake.response_url("two")).send(text="t", blocks=[GOOD, GOOD])
    assert answer.status_code == 400 and "only_one_table_allowed" in answer.body
    fake.check_ack({"text": "t", "blocks": [GOOD, GOOD]})
    assert sum("only_one_table_allowed" in v for v in fake.violations) == 2


def test_tables_are_refused_in_views(fake: FakeSlack, client: WebClient) -> None:
    home = {"type": "home", "blocks": [section("numbers"), GOOD]}
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        client.views_publish(user_id=USER, view=home)
    assert any(
        "view.blocks[1]: a table block is allowed only in messages" in v for v in fake.violations
    )

    fake.reset()
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Forecast"}, "blocks": [GOOD]}
    with pytest.raises(SlackApiError, match="invalid_arguments"):
        client.views_open(trigger_id=fake.new_trigger_id(), view=modal)
    assert any("only in messages, not in a modal" in v for v in fake.violations)


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (table([[cell("r")] for _ in range(101)]), "101 rows, max 100"),
        (table([[cell(str(i)) for i in range(21)]]), "21 cells, max 20"),
        (table([[cell("a"), cell("b")], [cell("c")]]), "1 cells, but rows[0] has 2"),
        (table([[cell("")]]), "raw_text needs a non-empty string text"),
        (table([[{"type": "raw_text"}]]), "raw_text needs a non-empty string text"),
        (table([[{"type": "plain_text", "text": "a"}]]), "raw_text, raw_number or rich_text"),
        (table([[{"type": "raw_number", "value": "3", "text": "3"}]]), "raw_number needs a number"),
        (table([[{"type": "rich_text", "elements": []}]]), "rich_text needs a non-empty array"),
        (
            table(
                [
                    [
                        {
                            "type": "rich_text",
                            "elements": [
                                {
                                    "type": "rich_text_section",
                                    "elements": [{"type": "user", "user_id": "U1", "bold": True}],
                                }
                            ],
                        }
                    ]
                ]
            ),
            "elements[0].elements[0].bold: unknown property",
        ),
        (table([]), "a table needs a non-empty array of rows"),
        (table([[cell("a")]], column_settings=[{"align": "middle"}]), "left, center or right"),
        (table([[cell("a")]], column_settings=[{"is_wrapped": "yes"}]), "must be a boolean"),
        (table([[cell("a")]], column_settings=[{"width": 3}]), "unknown property"),
        (table([[cell("a")]], column_settings=[None] * 21), "21 items, max 20"),
        # 20 cells of 501 characters: 10,020 characters, over Slack's 10,000 for a table.
        (table([[cell("x" * 501) for _ in range(20)]]), "10020 characters across its cells"),
    ],
)
def test_a_bad_table_is_answered_invalid_blocks(
    fake: FakeSlack, client: WebClient, bad: dict[str, Any], problem: str
) -> None:
    with pytest.raises(SlackApiError, match="invalid_blocks"):
        client.chat_postMessage(channel=CHANNEL, text="t", blocks=[bad])
    assert any(problem in v for v in fake.violations), fake.violations
    with pytest.raises(AssertionError, match="violation"):
        fake.assert_no_violations()


def test_exactly_at_the_limits_passes(fake: FakeSlack, client: WebClient) -> None:
    # 100 rows of 20 cells of 5 characters: 100 * 20 * 5 = 10,000 characters, the most allowed.
    full = table(
        [[cell("12345") for _ in range(20)] for _ in range(100)],
        column_settings=[{"align": "right", "is_wrapped": False}] * 20,
    )
    assert client.chat_postMessage(channel=CHANNEL, text="t", blocks=[full])["ok"]
    fake.assert_no_violations()
