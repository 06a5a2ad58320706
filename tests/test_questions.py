"""A typed command that could mean two things, or looks like a slip, asks with buttons, and
the answer finishes it exactly as typed: ``2M`` to an Indonesian reader (2 juta or 2 miliar?)
and a close or due date that has already passed (keep or change?)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlmodel import Session, select

from storage.models import Activity, Deal, PendingChoice
from tests.harness import SARI, Bot, button_values, message_text

# The manual clock's today in Jakarta is Monday 2026-11-23.
YESTERDAY = dt.date(2026, 11, 22)


def _buttons(message: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {button["text"]: button for button in button_values(message)}


def _opened_view(bot: Bot) -> dict[str, Any]:
    return bot.fake.wait_for("views.open")[-1].response["view"]


def test_2m_asks_an_indonesian_reader_juta_or_miliar_and_the_button_finishes(bot: Bot) -> None:
    asked = bot.slash("/deal", "tambah Toko Maju 2M close:31/12", user=SARI)
    assert "2jt" in asked.ack.text and "2 miliar" in asked.ack.text
    assert bot.count(Deal) == 0
    buttons = _buttons(asked.ack.json)
    assert list(buttons) == ["2 juta", "2 miliar", "Batal"]

    bot.click(buttons["2 miliar"], user=SARI, response_url=asked.response_url)
    answered = asked.replies(1)[0]
    assert answered.get("replace_original") is True
    assert "D-1" in message_text(answered)
    deal = bot.existing_deal(1)
    assert (deal.name, deal.value, deal.close_date) == (
        "Toko Maju",
        2_000_000_000,
        dt.date(2026, 12, 31),
    )

    # The same button again (a double click, a replay) runs nothing.
    bot.click(buttons["2 miliar"], user=SARI, response_url=asked.response_url)
    assert "kedaluwarsa" in message_text(asked.replies(2)[1])
    assert bot.count(Deal) == 1


def test_a_decimal_m_answered_juta_and_an_english_reader_is_never_asked(bot: Bot) -> None:
    asked = bot.slash("/deal", "tambah Warung Sejahtera 1,5 M", user=SARI)
    bot.click(_buttons(asked.ack.json)["1,5 juta"], user=SARI, response_url=asked.response_url)
    asked.replies(1)
    assert bot.existing_deal(1).value == 1_500_000
    plain = bot.slash("/deal", "add Acme Corp 2M")
    assert "Added D-2" in plain.ack.text and bot.existing_deal(2).value == 2_000_000


def test_only_the_asker_can_answer_and_only_with_an_answer_offered(bot: Bot) -> None:
    asked = bot.slash("/deal", "tambah Toko Maju 2M", user=SARI)
    juta = _buttons(asked.ack.json)["2 juta"]
    forged = dict(juta, value=json.dumps(dict(json.loads(juta["value"]), a="triliun")))
    bot.click(forged, user=SARI, response_url=asked.response_url)
    assert "kedaluwarsa" in message_text(asked.replies(1)[0])
    assert bot.count(Deal) == 0

    again = bot.slash("/deal", "tambah Toko Maju 2M", user=SARI)
    bot.click(_buttons(again.ack.json)["2 juta"], response_url=again.response_url)  # Budi
    assert "expired" in message_text(again.replies(1)[0])
    assert bot.count(Deal) == 0


def test_cancel_leaves_nothing_behind(bot: Bot) -> None:
    asked = bot.slash("/deal", "tambah Toko Maju 2M", user=SARI)
    bot.click(_buttons(asked.ack.json)["Batal"], user=SARI, response_url=asked.response_url)
    assert "Dibatalkan" in message_text(asked.replies(1)[0])
    assert bot.count(Deal) == 0


def test_a_past_close_date_asks_keep_or_change_and_keep_keeps_it(bot: Bot) -> None:
    asked = bot.slash("/deal", "add Acme Corp 50jt close:2026-10-31")
    assert "close date" in asked.ack.text and "already passed" in asked.ack.text
    assert bot.count(Deal) == 0
    buttons = _buttons(asked.ack.json)
    assert list(buttons) == ["Keep", "Change", "Cancel"]

    bot.click(buttons["Keep"], response_url=asked.response_url)
    assert "Added D-1" in message_text(asked.replies(1)[0])
    assert bot.existing_deal(1).close_date == dt.date(2026, 10, 31)


def test_change_opens_a_date_picker_and_saves_the_command_with_the_new_date(bot: Bot) -> None:
    asked = bot.slash("/deal", "add Acme Corp 50jt close:2026-10-31 due:kemarin next:demo")
    assert "close date" in asked.ack.text and "due date" in asked.ack.text
    bot.click(_buttons(asked.ack.json)["Change"], response_url=asked.response_url)
    view = _opened_view(bot)
    labels = [block["label"]["text"] for block in view["blocks"]]
    assert labels == ["New close date", "New due date"]

    still_past = bot.submit(view, {"close": "2026-12-31", "due": "2026-11-20"})
    assert json.loads(still_past.body)["errors"] == {"field_due": "Pick today or a later day."}
    assert bot.count(Deal) == 0

    saved = bot.submit(view, {"close": "2026-12-31", "due": "2026-11-25"})
    assert saved.status == 200 and saved.body in ("", "{}")
    answered = asked.replies(1)[0]
    assert answered.get("replace_original") is True and "Added D-1" in message_text(answered)
    deal = bot.existing_deal(1)
    assert (deal.close_date, deal.next_step_due, deal.next_step) == (
        dt.date(2026, 12, 31),
        dt.date(2026, 11, 25),
        "demo",
    )


def test_a_call_with_a_past_due_date_asks_first_and_logs_once_kept(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    asked = bot.slash("/call", 'acme 20m connected "pricing ok" next:"send proposal" due:yesterday')
    assert "due date" in asked.ack.text and bot.count(Activity) == 0
    bot.click(_buttons(asked.ack.json)["Keep"], response_url=asked.response_url)
    asked.replies(1)
    assert bot.count(Activity) == 1
    assert bot.existing_deal(1).next_step_due == YESTERDAY


def test_answers_given_before_are_kept_through_a_picker_and_a_second_question(bot: Bot) -> None:
    bot.slash("/deal", "tambah Toko Maju Jakarta 1jt", user=SARI)
    bot.slash("/deal", "tambah Toko Maju Bandung 1jt", user=SARI)
    # The due date has passed and "toko maju" is two deals: a question, then a picker.
    first = bot.slash("/deal", "pindah toko maju potential due:kemarin", user=SARI)
    assert "sudah lewat" in first.ack.text
    bot.click(_buttons(first.ack.json)["Tetap pakai"], user=SARI, response_url=first.response_url)
    picker = button_values(first.replies(1)[0])
    bandung = next(b for b in picker if "Bandung" in b["text"])
    bot.click(bandung, user=SARI, response_url=first.response_url)
    assert "D-2" in message_text(first.replies(2)[1])
    moved = bot.existing_deal(2)
    assert (moved.stage, moved.next_step_due) == ("potential", YESTERDAY)
    assert bot.existing_deal(1).stage == "lead"

    asked = bot.slash("/deal", "tambah Toko Baru 2M close:2026-10-31", user=SARI)
    bot.click(_buttons(asked.ack.json)["2 juta"], user=SARI, response_url=asked.response_url)
    past = asked.replies(1)[0]
    bot.click(_buttons(past)["Tetap pakai"], user=SARI, response_url=asked.response_url)
    assert "D-3" in message_text(asked.replies(2)[1])
    deal = bot.existing_deal(3)
    assert (deal.value, deal.close_date) == (2_000_000, dt.date(2026, 10, 31))
    with Session(bot.engine) as session:
        kinds = sorted(c.kind for c in session.exec(select(PendingChoice)))
    assert kinds == ["deal", "m", "past", "past"]  # each answered once
