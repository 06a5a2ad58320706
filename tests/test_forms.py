"""``/deal add`` and ``/call`` with no arguments open a modal; its submission is validated
inline and saved exactly once, then confirmed to the user."""

from __future__ import annotations

from typing import Any

import pytest

from storage.models import Activity, Deal
from tests.harness import TEAM, Bot, button_values, message_text


def _opened_view(bot: Bot) -> dict[str, Any]:
    call = bot.fake.wait_for("views.open")[-1]
    return call.response["view"]


def test_deal_add_without_arguments_opens_a_form_and_saves_it(bot: Bot) -> None:
    sent = bot.slash("/deal", "add")
    assert sent.ack.status == 200 and sent.ack.body == ""
    view = _opened_view(bot)
    assert view["title"]["text"] == "New deal"
    labels = [block["label"]["text"] for block in view["blocks"]]
    assert labels[:3] == ["Deal name", "Value", "Stage"]

    answer = bot.submit(
        view,
        {"name": "Acme Corp", "value": "Rp 50.000.000", "stage": "prospect", "close": "2026-12-31"},
    )
    assert answer.status == 200 and answer.body in ("", "{}")
    deal = bot.deal(1)
    assert deal is not None
    assert (deal.name, deal.value, deal.stage) == ("Acme Corp", 50_000_000, "prospect")
    confirmation = sent.replies(1)[0]
    assert "Added D-1" in message_text(confirmation)


def test_a_newcomers_form_opens_before_their_profile_is_looked_up(bot: Bot) -> None:
    # Slack's trigger_id lives 3 seconds: the form opens first, the slower look-up after it,
    # even one that Slack makes wait with a 429.
    bot.fake.add_user("U0NEWREP05", team_id=TEAM, name="eko", locale="id-ID")
    bot.fake.rate_limit("users.info", retry_after=1)
    sent = bot.slash("/deal", "add", user="U0NEWREP05")
    assert sent.ack.status == 200 and sent.ack.body == ""

    bot.fake.wait_for("users.info", count=2)  # refused once, asked again
    calls = [c for c in bot.fake.calls if c.method in ("views.open", "users.info")]
    assert [(c.method, c.status) for c in calls] == [
        ("views.open", 200),
        ("users.info", 429),
        ("users.info", 200),
    ]


def test_bad_fields_are_answered_inline_and_nothing_is_saved(bot: Bot) -> None:
    bot.slash("/deal", "")
    view = _opened_view(bot)
    answer = bot.submit(view, {"name": "Acme Corp", "value": "lima puluh", "due": "2026-02-30"})
    assert answer.status == 200
    assert answer.json["response_action"] == "errors"
    errors = answer.json["errors"]
    assert set(errors) == {"field_value", "field_due"}
    assert "lima puluh" in errors["field_value"] and "50jt" in errors["field_value"]
    assert bot.count(Deal) == 0


def test_call_form_finds_the_deal_and_logs_the_call(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    sent = bot.slash("/call")
    view = _opened_view(bot)
    assert view["title"]["text"] == "Log a call"
    unknown = bot.submit(view, {"deal": "zeta", "duration": "20m"})
    assert "zeta" in unknown.json["errors"]["field_deal"]
    assert bot.count(Activity) == 0

    saved = bot.submit(
        view,
        {
            "deal": "acme",
            "duration": "1j30m",
            "outcome": "connected",
            "notes": "asked for a discount",
            "next": "send proposal",
            "due": "2026-11-27",
        },
    )
    assert saved.body in ("", "{}")
    assert bot.count(Activity) == 1
    assert "Call logged on D-1" in message_text(sent.replies(1)[0])
    deal = bot.deal(1)
    assert deal is not None and deal.next_step == "send proposal"


def test_log_call_button_opens_the_form_prefilled_with_the_deal(bot: Bot) -> None:
    added = bot.slash("/deal", "add Acme Corp 50jt")
    button = next(b for b in button_values(added.ack.json) if b["text"] == "Log call")
    bot.click(button)
    view = _opened_view(bot)
    deal_block = next(b for b in view["blocks"] if b["block_id"] == "field_deal")
    assert deal_block["element"]["initial_value"] == "D-1"


def test_form_in_indonesian_for_an_indonesian_rep(bot: Bot) -> None:
    bot.slash("/call", user="U0SARI0001")
    view = _opened_view(bot)
    assert view["title"]["text"] == "Catat telepon"
    outcome = next(b for b in view["blocks"] if b["block_id"] == "field_outcome")
    assert "Tersambung" in [o["text"]["text"] for o in outcome["element"]["options"]]


@pytest.mark.parametrize("metadata", ["not json", '{"u": "https://evil.example/steal"}', "[]"])
def test_tampered_private_metadata_never_sends_replies_elsewhere(bot: Bot, metadata: str) -> None:
    bot.slash("/deal", "add")
    view = dict(_opened_view(bot), private_metadata=metadata)
    answer = bot.submit(view, {"name": "Acme Corp"})
    assert answer.status == 200
    assert bot.count(Deal) == 1
    # The confirmation falls back to a DM instead of the forged URL.
    dm = bot.fake.wait_for("chat.postMessage")[-1]
    assert "Added D-1" in message_text(dm.args)
    assert dm.args["channel"].startswith("D")
