"""A deal lost with a click is asked why: the *Mark lost* buttons of the morning nudge and of a
disqualifying BANT open the lost form, a reason from the workspace's list (required) and the
words behind it; the deal card and its history then show the reason in the reader's language.

Through the real app and the fake Slack. The harness clock starts on Monday 23 Nov 2026, 09:00
in Jakarta; the nudge goes out at 08:31 on Tuesday.
"""

from __future__ import annotations

from typing import Any

from tests.fakeslack import requests as slack_requests
from tests.harness import ANDI, BUDI, SARI, TEAM, Bot, button_values, eventually, message_text
from tests.test_bant import QUALIFIED_ANSWERS, _open_bant
from tests.test_scheduled_posts import at, click, nudge_of, run_at, updates

DEWI = "U0DEWI0001"  # an admin whose Slack speaks Indonesian


def lost_form(bot: Bot, opened: int) -> dict[str, Any]:
    """The lost form, once the click has opened it (the ``opened``-th views.open)."""
    view = bot.fake.wait_for("views.open", opened)[-1].response["view"]
    assert view["callback_id"] == "form:deal_lost"
    return dict(view)


def options(view: dict[str, Any]) -> dict[str, str]:
    """The reason select's options: label -> value (the reason key)."""
    block = next(b for b in view["blocks"] if b.get("block_id") == "field_reason")
    assert block.get("optional", False) is False  # the reason is required
    return {o["text"]["text"]: o["value"] for o in block["element"]["options"]}


def submit_raw(bot: Bot, view: dict[str, Any], reason: str | None, details: str | None) -> Any:
    """Submit the form as Slack sends it, whatever the select holds (nothing, or a value the
    form never offered)."""
    values = {
        "field_reason": {
            "reason": {
                "type": "static_select",
                "selected_option": (
                    {"text": {"type": "plain_text", "text": reason}, "value": reason}
                    if reason is not None
                    else None
                ),
            }
        },
        "field_details": {"details": {"type": "plain_text_input", "value": details}},
    }
    body = slack_requests.view_submission_body(view, values, user_id=BUDI, team_id=TEAM)
    return bot.signed(body)


def nudged(bot: Bot) -> tuple[str, dict[str, Any]]:
    """Budi's Tuesday nudge about Acme (D-1), whose next step is due today."""
    bot.slash("/deal", "add Acme 50jt next:call due:today")
    run_at(bot, at(24, 8, 31))
    bot.clock.advance(minutes=5)  # he reads it a little later
    return nudge_of(bot)


def test_the_nudges_mark_lost_asks_why_and_the_nudge_shows_it_lost(bot: Bot) -> None:
    channel, nudge = nudged(bot)
    click(bot, channel, nudge, "nudge_lost_0")
    view = lost_form(bot, 1)
    assert view["title"]["text"] == "Mark D-1 lost"
    assert list(options(view)) == [
        "Price",
        "Competitor",
        "No budget",
        "No decision",
        "Timing",
        "Product fit",
        "Went silent",
        "Other",
    ]
    assert bot.existing_deal(1).status == "open"  # nothing changes until the form is saved

    saved = bot.submit(view, {"reason": "price", "details": "too expensive vs competitor X"})
    assert saved.status == 200 and saved.body == ""  # the modal closes
    deal = bot.existing_deal(1)
    assert (deal.status, deal.lost_reason_key, deal.lost_reason) == (
        "lost",
        "price",
        "too expensive vs competitor X",
    )
    eventually(lambda: updates(bot) >= 1)
    redrawn = bot.fake.messages(channel)
    assert len(redrawn) == 1 and "Marked lost" in message_text(redrawn[-1])


def test_a_form_without_a_reason_says_so_by_the_field_and_changes_nothing(bot: Bot) -> None:
    channel, nudge = nudged(bot)
    click(bot, channel, nudge, "nudge_lost_0")
    view = lost_form(bot, 1)
    before = bot.counts()

    for reason, said in ((None, "Pick the reason the deal was lost."), ("gone", "no longer")):
        answer = submit_raw(bot, view, reason, "they went with someone else")
        assert answer.status == 200
        assert answer.json["response_action"] == "errors"
        assert said in answer.json["errors"]["field_reason"]
    assert bot.counts() == before
    deal = bot.existing_deal(1)
    assert (deal.status, deal.lost_reason_key, deal.lost_reason) == ("open", None, None)
    assert updates(bot) == 0  # the nudge still offers Acme


def test_someone_elses_nudge_opens_no_form(bot: Bot) -> None:
    channel, nudge = nudged(bot)
    click(bot, channel, nudge, "nudge_lost_0", user=ANDI, tag="andi")
    eventually(lambda: len(bot.fake.response_url_calls("andi")) == 1)
    assert bot.fake.calls_to("views.open") == []
    assert bot.existing_deal(1).status == "open"


def test_a_disqualifying_bant_asks_why_with_its_words_filled_in(bot: Bot) -> None:
    bot.slash("/deal", "add Beta Ltd 20jt")
    sent, view = _open_bant(bot, "beta")
    bot.submit(view, {**QUALIFIED_ANSWERS, "need": "none"})
    lost = next(b for b in button_values(sent.replies(1)[0]) if b["text"] == "Mark lost")
    bot.click(lost)
    form = lost_form(bot, 2)
    details = next(b for b in form["blocks"] if b.get("block_id") == "field_details")
    assert details["element"]["initial_value"] == "Disqualified by BANT"

    assert bot.submit(form, {"reason": "product_fit"}).status == 200
    beta = bot.existing_deal(1)
    assert (beta.status, beta.lost_reason_key, beta.lost_reason) == (
        "lost",
        "product_fit",
        "Disqualified by BANT",
    )


def test_the_form_offers_the_workspaces_own_reasons_in_the_readers_language(bot: Bot) -> None:
    bot.slash("/sales", "reasons add Legal review", user=ANDI)
    bot.slash("/sales", "reasons remove timing", user=ANDI)
    bot.slash("/deal", "tambah Pabrik 50jt", user=SARI)
    bot.slash("/deal", "move pabrik potential", user=SARI)
    sent, view = _open_bant(bot, "pabrik", user=SARI)
    bot.submit(view, {**QUALIFIED_ANSWERS, "need": "none"}, user=SARI)
    lost = next(b for b in button_values(sent.replies(1)[0]) if b["text"] == "Tandai kalah")
    bot.click(lost, user=SARI)
    form = lost_form(bot, 2)
    assert form["title"]["text"] == "Tandai D-1 kalah"
    offered = options(form)
    assert offered["Harga"] == "price" and offered["Legal review"] == "legal_review"
    assert "Waktu belum tepat" not in offered
    assert list(offered)[-1] == "Lainnya"
    assert bot.submit(form, {"reason": "legal_review"}, user=SARI).status == 200
    assert bot.existing_deal(1).lost_reason_key == "legal_review"


def test_the_deal_card_shows_the_reason_and_the_words_in_each_language(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", 'lost acme reason:"harga: too expensive vs competitor X"')
    assert bot.existing_deal(1).lost_reason_key == "price"

    english = message_text(bot.slash("/deal", "show D-1").ack.json)
    assert "Lost because" in english
    assert "Price \u2014 \u201charga: too expensive vs competitor X\u201d" in english
    # The history line of the loss names it too.
    assert "Lead \u2192 Lost by" in english
    assert "Lost by" in english and english.count("Price \u2014") == 2

    bot.know(DEWI, locale="id-ID", name="Dewi", admin=True)  # an admin reads every deal
    indonesian = message_text(bot.slash("/deal", "lihat D-1", user=DEWI).ack.json)
    assert "Alasan kalah" in indonesian
    assert "Harga \u2014 \u201charga: too expensive vs competitor X\u201d" in indonesian


def test_words_that_only_name_the_reason_are_not_repeated(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "lost acme price")
    card = message_text(bot.slash("/deal", "show D-1").ack.json)
    assert "Price" in card and "\u201cprice\u201d" not in card


def test_undoing_a_loss_takes_its_reason_back_too(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "lost acme harga")
    assert "Undone" in bot.slash("/sales", "undo").ack.text
    deal = bot.existing_deal(1)
    assert (deal.status, deal.lost_reason_key, deal.lost_reason) == ("open", None, None)
    card = message_text(bot.slash("/deal", "show D-1").ack.json)
    assert "Lost because" not in card and "Price" not in card
