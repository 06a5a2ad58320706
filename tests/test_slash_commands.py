"""Slash commands through the real app over HTTP, as Slack sends them, on both databases."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy
from sqlmodel import col

from storage.models import Activity, Member
from tests.harness import (
    ANDI,
    BUDI,
    OTHER_TEAM,
    SARI,
    TEAM,
    Bot,
    button_values,
    message_text,
)

pytestmark = pytest.mark.usefixtures("bot")


def test_an_invoice_amount_is_the_deals_value_not_part_of_its_name(bot: Bot) -> None:
    sent = bot.slash("/deal", "add Toko Sinar Jaya Rp 50.000.000,-")
    assert "IDR 50,000,000" in sent.ack.text
    deal = bot.deal(1)
    assert deal is not None
    assert (deal.name, deal.value, deal.currency) == ("Toko Sinar Jaya", 50_000_000, "IDR")


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("Acme Rp -5.000.000", "is a negative amount"),
        ("Acme 12345678901234567890", "is more than any deal"),
        ("Acme 5.00.000", "as an amount"),
    ],
)
def test_an_amount_corong_will_not_read_is_refused_not_kept_in_the_name(
    bot: Bot, typed: str, refusal: str
) -> None:
    sent = bot.slash("/deal", f"add {typed}")
    assert refusal in sent.ack.text
    assert bot.deal(1) is None


@pytest.mark.parametrize(
    ("typed", "value", "currency"),
    [
        ("Yen JPY 5000", 5000, "JPY"),
        ("Tokyo Office 5000 jpy", 5000, "JPY"),
        ("UK £5,000", 5000, "GBP"),
    ],
)
def test_a_deal_in_another_currency_keeps_it(
    bot: Bot, typed: str, value: int, currency: str
) -> None:
    bot.slash("/deal", f"add {typed}")
    deal = bot.deal(1)
    assert deal is not None
    assert (deal.value, deal.currency) == (value, currency)
    assert currency not in deal.name.upper()


def test_deal_add_is_confirmed_in_the_ack_and_stored(bot: Bot) -> None:
    sent = bot.slash("/deal", 'add Acme Corp 50jt close:2026-12-31 contact:"Budi (CTO)"')
    assert sent.ack.status == 200
    assert "Added D-1" in sent.ack.text
    assert "IDR 50,000,000" in sent.ack.text
    assert sent.ack.json.get("response_type", "ephemeral") == "ephemeral"
    deal = bot.deal(1)
    assert deal is not None
    assert (deal.name, deal.value, deal.currency, deal.stage) == (
        "Acme Corp",
        50_000_000,
        "IDR",
        "lead",
    )
    assert deal.close_date == date(2026, 12, 31)
    assert deal.contact == "Budi (CTO)"


def test_a_command_whose_text_says_payload_is_still_a_command(bot: Bot) -> None:
    # A form body with the word "payload" anywhere in it is not an interaction: Bolt, left to
    # read the text itself, answered this one 404 and Slack showed the rep an error.
    added = bot.slash("/deal", "add Payload Systems 5jt")
    assert added.ack.status == 200
    assert "Added D-1" in added.ack.text
    called = bot.slash("/call", 'payload 10m connected "payload=sent twice"')
    assert "Call logged on D-1." in called.ack.text
    assert bot.existing_deal(1).name == "Payload Systems"
    assert bot.count(Activity) == 1


def test_indonesian_rep_gets_indonesian_reply_and_rupiah(bot: Bot) -> None:
    sent = bot.slash("/deal", "add Toko Maju 1,5jt", user=SARI)
    assert "D-1 ditambahkan" in sent.ack.text
    assert "Rp 1.500.000" in sent.ack.text


def test_a_day_in_the_life_add_call_move_win_undo(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    called = bot.slash("/call", 'acme 20m connected "pricing ok" next:"send proposal" due:fri')
    assert "Call logged on D-1" in called.ack.text
    moved = bot.slash("/deal", "move acme potential")
    assert "from Lead to Potential" in moved.ack.text
    won = bot.slash("/deal", "won D-1 48jt")
    assert "D-1 is won" in won.ack.text
    deal = bot.deal(1)
    assert deal is not None and deal.status == "won" and deal.value == 48_000_000
    assert deal.next_step is None  # a closed deal has nothing left to do

    card = bot.slash("/deal", "show acme").ack.text
    for expected in (
        "D-1 · Acme Corp",
        "Won",
        "IDR 48,000,000",
        "<@U0BUDI0001>",
        "Potential → Won",
        "Lead → Potential",
        "pricing ok",
        "Connected",
        "created in Lead",
    ):
        assert expected in card

    undone = bot.slash("/sales", "undo")
    assert "open again" in undone.ack.text
    deal = bot.deal(1)
    assert deal is not None and deal.status == "open" and deal.stage == "potential"
    assert deal.value == 50_000_000
    assert deal.next_step == "send proposal"
    assert deal.next_step_due == date(2026, 11, 27)  # the Friday after Monday 2026-11-23
    assert "Potential → Won" not in bot.slash("/deal", "show D-1").ack.text


def test_undo_of_an_add_removes_the_deal_and_the_next_undo_takes_the_one_before(
    bot: Bot,
) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Beta Ltd 20jt")
    assert "Beta Ltd is removed" in bot.slash("/sales", "undo").ack.text
    assert "Acme Corp is removed" in bot.slash("/sales", "undo").ack.text
    assert "no change left" in bot.slash("/sales", "undo").ack.text
    assert "No open deals" in bot.slash("/deal", "list").ack.text


def test_undo_never_takes_back_someone_elses_later_change(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI,), managers=(SARI,))
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "move D-1 prospect", user=SARI)  # Budi's manager moves it on
    refused = bot.slash("/sales", "undo")
    assert "Nothing was undone" in refused.ack.text
    deal = bot.deal(1)
    assert deal is not None and deal.deleted_at is None and deal.stage == "prospect"


def test_ambiguous_name_shows_a_picker_and_a_click_completes_the_command_once(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Acme Ltd 20jt")
    before = bot.count(Activity)
    picker = bot.slash("/call", 'acme 20m connected "pricing ok"')
    assert "matches 2 deals" in picker.ack.text
    assert bot.count(Activity) == before
    buttons = button_values(picker.ack.json)
    corp = next(b for b in buttons if "Acme Corp" in b["text"])
    assert "pricing ok" not in corp["value"]  # the button carries a token, not the command

    answer = bot.click(corp, response_url=picker.response_url)
    assert answer.status == 200
    posted = picker.replies(1)[0]
    assert posted["replace_original"] is True
    assert "Call logged on D-1" in message_text(posted)
    assert bot.count(Activity) == before + 1

    bot.click(corp, response_url=picker.response_url)
    again = picker.replies(2)[1]
    assert "expired" in message_text(again)
    assert bot.count(Activity) == before + 1


def test_a_pick_by_another_user_is_refused(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Acme Ltd 20jt")
    picker = bot.slash("/deal", "won acme")
    corp = next(b for b in button_values(picker.ack.json) if "Acme Corp" in b["text"])
    bot.click(corp, user=SARI, response_url=picker.response_url)
    assert "kedaluwarsa" in message_text(picker.replies(1)[0])  # "expired", in her language
    deal = bot.deal(1)
    assert deal is not None and deal.status == "open"


def test_partial_name_spanning_words_finds_the_deal_and_keeps_the_reason(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    lost = bot.slash("/deal", "lost acme corp too expensive")
    assert "D-1 is marked lost" in lost.ack.text
    deal = bot.deal(1)
    assert deal is not None and deal.lost_reason == "too expensive"


def test_deal_list_shows_open_deals_in_pipeline_order_and_pages(bot: Bot) -> None:
    for index in range(23):
        bot.slash("/deal", f"add Company {index:02d} {index + 1}jt")
    bot.slash("/deal", "move D-3 potential")
    first = bot.slash("/deal", "list")
    assert "Showing 1–20 of 23" in first.ack.text
    text = first.ack.text
    assert "Potential" not in text  # 22 leads fill the first page; the pipeline order holds
    # 1jt + 2jt + ... + 23jt = 276jt, less D-3 (3jt) which moved on
    assert "*Lead* · 22 deal(s) · IDR 273,000,000" in text  # totals cover every page
    assert text.index("Company 22") < text.index("Company 21")  # biggest first within a stage
    next_page = next(b for b in button_values(first.ack.json) if b["text"] == "Next page")
    bot.click(next_page, response_url=first.response_url)
    second = first.replies(1)[0]
    assert "Showing 21–23 of 23" in message_text(second)
    assert message_text(second).index("Lead") < message_text(second).index("Potential")
    assert "Company 02" in message_text(second)


def test_deal_list_of_another_rep_is_for_their_manager_and_admins(bot: Bot) -> None:
    bot.team("Jakarta", reps=(SARI,), managers=(BUDI,))
    bot.slash("/deal", "add Toko Maju 10jt", user=SARI)
    listed = bot.slash("/deal", f"list <@{SARI}|sari>")
    assert "Toko Maju" in listed.ack.text
    assert "Toko Maju" not in bot.slash("/deal", "list").ack.text
    assert "Toko Maju" in bot.slash("/deal", f"list <@{SARI}|sari>", user=ANDI).ack.text

    refused = bot.slash("/deal", f"list <@{BUDI}|budi>", user=SARI).ack.text
    assert "Toko Maju" not in refused
    assert f"<@{ANDI}>" in refused  # says whom to ask: the admin


def test_pipeline_preset_changes_the_stages_a_deal_can_move_to(bot: Bot) -> None:
    assert "Lead → Prospect → Potential → Closeable" in bot.slash("/sales", "pipeline").ack.text
    refused = bot.slash("/sales", "pipeline seven-step").ack.text
    assert "Only admins can switch the pipeline" in refused and f"<@{ANDI}>" in refused
    assert "seven-step" in bot.slash("/sales", "pipeline seven-step", user=ANDI).ack.text
    bot.slash("/deal", "add Acme Corp 50jt")
    deal = bot.deal(1)
    assert deal is not None and deal.stage == "prospecting"
    assert "Objection handling" in bot.slash("/deal", "move acme objection handling").ack.text
    stranded = bot.slash("/sales", "pipeline funnel4", user=ANDI).ack.text
    assert "D-1" in stranded and "Move or close them first" in stranded


def test_undo_takes_back_a_pipeline_switch_but_not_into_a_missing_stage(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "move acme closeable")
    bot.slash("/deal", "won acme")
    bot.slash("/sales", "pipeline seven-step", user=ANDI)
    refused = bot.slash("/sales", "undo").ack.text  # would reopen D-1 in "closeable"
    assert "no longer has" in refused
    deal = bot.deal(1)
    assert deal is not None and deal.status == "won"
    assert "back on the funnel4 pipeline" in bot.slash("/sales", "undo", user=ANDI).ack.text
    assert "open again" in bot.slash("/sales", "undo").ack.text


def test_one_workspace_cannot_see_or_touch_anothers_deals(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.know("U0OTHER001", team=OTHER_TEAM)
    outsider = "U0OTHER001"
    assert "no deal D-1" in bot.slash("/deal", "show D-1", user=outsider, team=OTHER_TEAM).ack.text
    assert (
        "No deal matches" in bot.slash("/deal", "won acme", user=outsider, team=OTHER_TEAM).ack.text
    )
    bot.slash("/deal", "add Beta 10jt", user=outsider, team=OTHER_TEAM)
    other = bot.deal(1, team=OTHER_TEAM)
    assert other is not None and other.name == "Beta"
    mine = bot.deal(1)
    assert mine is not None and mine.name == "Acme Corp" and mine.status == "open"


def test_first_command_from_a_new_user_replies_in_their_slack_language(bot: Bot) -> None:
    newcomer = "U0NEWREP01"
    bot.fake.add_user(newcomer, team_id=TEAM, name="dewi", locale="id-ID", tz="Asia/Makassar")
    sent = bot.slash("/deal", "add Warung Sejahtera 5jt", user=newcomer)
    assert sent.ack.status == 200 and sent.ack.body == ""
    reply = sent.replies(1)[0]
    assert "D-1 ditambahkan" in message_text(reply)
    assert "Rp 5.000.000" in message_text(reply)
    lookups = bot.fake.calls_to("users.info")
    assert lookups and lookups[-1].args.get("include_locale") in (True, "true", "1", 1)
    with bot.engine.connect() as connection:
        row = connection.execute(
            sqlalchemy.select(col(Member.locale), col(Member.timezone)).where(
                col(Member.slack_user_id) == newcomer
            )
        ).one()
    assert (row.locale, row.timezone) == ("id-ID", "Asia/Makassar")


def test_user_lookup_rate_limited_is_retried(bot: Bot) -> None:
    newcomer = "U0NEWREP02"
    bot.fake.add_user(newcomer, team_id=TEAM, name="eko", locale="id-ID")
    bot.fake.rate_limit("users.info", retry_after=1, times=1)
    sent = bot.slash("/sales", "help", user=newcomer)
    reply = sent.replies(1)[0]
    assert "menjaga pipeline" in message_text(reply)
    assert len(bot.fake.calls_to("users.info")) == 2


def test_user_lookup_failure_still_answers_in_the_workspace_language(bot: Bot) -> None:
    ghost = "U0GHOST001"  # unknown to Slack: users.info answers user_not_found
    sent = bot.slash("/deal", "add Ghost Co 1jt", user=ghost)
    assert "Added D-1" in message_text(sent.replies(1)[0])
    assert bot.deal(1) is not None


def test_a_command_answered_in_the_ack_leaves_nothing_to_do_after_it(bot: Bot) -> None:
    """The reply is in the ack and nothing else needs drawing (no nudge today, no App Home
    built for a change): no work is handed on past the ack at all."""
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/call", "acme 5m connected")
    bot.slash("/deal", "move acme prospect")
    bot.slash("/pipeline")
    assert bot.workers.handed_over == 0
    bot.slash("/funnel")  # its chart follows after the ack
    assert bot.workers.handed_over == 1


def test_an_unknown_call_outcome_is_refused_with_the_ones_that_exist(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt")
    refused = bot.slash("/call", "acme 10m weird-outcome")
    assert "\u201cweird-outcome\u201d is not a call outcome: write connected, no-answer" in (
        refused.ack.text
    )
    assert bot.count(Activity) == 0
    indonesian = bot.slash("/call", "acme 10m hasil-aneh", user=SARI)
    assert "bukan hasil telepon: tulis tersambung" in indonesian.ack.text
    quoted = bot.slash("/call", 'acme 10m connected "follow-up besok"')
    assert "Call logged on D-1" in quoted.ack.text
    assert bot.count(Activity) == 1
