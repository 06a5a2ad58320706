"""The command language as reps type it, through the real app: names with numbers, pickers that
complete exactly what was typed, Indonesian habits, and typos that are caught, not stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.models import Activity, Deal
from tests.harness import SARI, Bot, button_values, message_text


def test_a_number_that_is_part_of_a_deal_name_stays_in_the_name(bot: Bot) -> None:
    assert "Added D-1" in bot.slash("/deal", "add Toko 88 50jt").ack.text
    assert "Added D-2" in bot.slash("/deal", "add Warung 17").ack.text
    assert "Added D-3" in bot.slash("/deal", "add Studio 54 10jt").ack.text
    assert "D-1 is won" in bot.slash("/deal", "won toko 88").ack.text
    toko, warung = bot.deal(1), bot.deal(2)
    assert toko is not None and toko.value == 50_000_000  # not IDR 88
    assert warung is not None and (warung.name, warung.value) == ("Warung 17", None)
    assert "Call logged on D-3" in bot.slash("/call", "studio 54 20m connected").ack.text
    with bot.engine.connect() as connection:
        seconds = connection.exec_driver_sql("SELECT duration_seconds FROM activity").scalar()
    assert seconds == 20 * 60


def test_a_bare_small_number_is_not_taken_as_a_final_value(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    answer = bot.slash("/deal", "won acme 48").ack.text
    assert "too small for a deal value" in answer and "48jt" in answer
    deal = bot.deal(1)
    assert deal is not None and deal.status == "open"


def test_a_pick_completes_the_command_exactly_as_typed(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Acme Ltd 20jt")
    note = "customer said it\u201ds fine, ticket {ref} opened"
    bot.clock.now = datetime(2026, 11, 26, 16, 55, tzinfo=UTC)  # Thursday 23:55 in Jakarta
    picker = bot.slash("/call", f"acme 20m connected {note} due:fri")
    corp = next(b for b in button_values(picker.ack.json) if "Acme Corp" in b["text"])
    bot.clock.advance(minutes=10)  # picked on Friday: "fri" still means the Friday it meant
    bot.click(corp, response_url=picker.response_url)
    assert "Call logged on D-1" in message_text(picker.replies(1)[0])
    with bot.engine.connect() as connection:
        notes = connection.exec_driver_sql("SELECT notes FROM activity").scalar()
    assert notes == note
    deal = bot.deal(1)
    assert deal is not None and str(deal.next_step_due) == "2026-11-27"


def test_a_forged_pick_of_a_deal_that_was_not_offered_runs_nothing(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Acme Ltd 20jt")
    bot.slash("/deal", "add Zeta 5jt")
    picker = bot.slash("/deal", "lost acme price")
    forged = dict(button_values(picker.ack.json)[0])
    forged["value"] = forged["value"].replace("D-2", "D-3").replace("D-1", "D-3")
    bot.click(forged, response_url=picker.response_url)
    assert "expired" in message_text(picker.replies(1)[0])
    assert [_status(bot, n) for n in (1, 2, 3)] == ["open", "open", "open"]


def test_a_picker_goes_stale_after_a_quarter_of_an_hour(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Acme Ltd 20jt")
    picker = bot.slash("/deal", "won acme")
    bot.clock.advance(minutes=16)
    bot.click(button_values(picker.ack.json)[0], response_url=picker.response_url)
    assert "expired" in message_text(picker.replies(1)[0])
    assert bot.count(Deal) == 2 and _status(bot, 1) == "open"


def test_paging_keeps_a_multi_word_stage_filter(bot: Bot) -> None:
    bot.know("U0ANDI0002", admin=True)
    bot.slash("/sales", "pipeline seven-step", user="U0ANDI0002")
    for index in range(22):
        bot.slash("/deal", f'add "Deal {index:02d}" 1jt stage:"objection handling"')
    first = bot.slash("/deal", 'list "objection handling"')
    assert "Showing 1–20 of 22" in first.ack.text
    next_page = next(b for b in button_values(first.ack.json) if b["text"] == "Next page")
    bot.click(next_page, response_url=first.response_url)
    assert "Showing 21–22 of 22" in message_text(first.replies(1)[0])


def test_a_deal_name_with_separators_is_listed_whole(bot: Bot) -> None:
    bot.slash("/deal", "add Acme · Jakarta 5jt")
    assert "Acme · Jakarta" in bot.slash("/deal", "list").ack.text


def test_m_means_million_in_english_and_is_asked_about_in_indonesian(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 2M")
    deal = bot.deal(1)
    assert deal is not None and deal.value == 2_000_000
    asked = bot.slash("/deal", "tambah Toko Maju 2M", user=SARI).ack.text
    assert "2jt" in asked and "2 miliar" in asked
    assert bot.count(Deal) == 1


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/deal", "add Zulu 50jt 60jt", "given twice"),
        ("/deal", "add Zulu -5jt", "\u201c-5jt\u201d"),
        ("/call", "D-1 -5m", "\u201c-5m\u201d"),
        ("/call", "D-1 20m conected", "Did you mean connected?"),
        ("/deal", "move D-1 p", "could be Prospect, Potential"),
    ],
)
def test_typos_are_caught_instead_of_stored(
    bot: Bot, command: str, text: str, expected: str
) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    before = bot.counts()
    assert expected in bot.slash(command, text).ack.text
    assert bot.counts() == before


def test_two_word_outcomes_and_indonesian_option_names(bot: Bot) -> None:
    bot.slash("/deal", "tambah Acme Corp 50jt tutup:31/12 kontak:Budi", user=SARI)
    deal = bot.deal(1)
    assert deal is not None and deal.contact == "Budi" and str(deal.close_date) == "2026-12-31"
    bot.slash("/call", "D-1 5m no answer", user=SARI)
    bot.slash("/call", 'D-1 salah sambung catatan:"nomor lama"', user=SARI)
    with bot.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT outcome, notes FROM activity ORDER BY id").all()
    assert [tuple(row) for row in rows] == [("no_answer", None), ("wrong_number", "nomor lama")]
    assert bot.count(Activity) == 2


def test_form_errors_are_plain_text_without_html_entities(bot: Bot) -> None:
    bot.slash("/deal", "add")
    view = bot.fake.wait_for("views.open")[-1].response["view"]
    answer = bot.submit(view, {"name": "Tom & Jerry", "value": "<5 & 6>"})
    error = answer.json["errors"]["field_value"]
    assert "<5 & 6>" in error and "&amp;" not in error


def _status(bot: Bot, number: int) -> str | None:
    deal = bot.deal(number)
    return deal.status if deal is not None else None
