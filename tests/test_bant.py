"""The BANT dialog driven as Slack drives it: signed /bant, the modal Slack records, a
submission built from that modal's own ids, buttons, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from typing import Any

from sqlmodel import Session, col, select

from storage import queries
from storage.db import unit_of_work
from storage.models import BantRecord, Deal
from tests.fakeslack import view_closed_body
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

QUALIFIED_ANSWERS = {
    "budget": "confirmed",
    "budget_value": "50jt",
    "authority": "decision_maker",
    "authority_name": "Budi (CTO)",
    "need": "strong",
    "need_pain": "invoices typed by hand",
    "timeline": "one_to_three_months",
}


def _open_bant(bot: Bot, text: str = "acme", user: str = "U0BUDI0001") -> tuple[Any, dict]:
    opened = len(bot.fake.calls_to("views.open"))
    sent = bot.slash("/bant", text, user=user)
    assert sent.ack.status == 200 and sent.ack.body == ""
    view = bot.fake.wait_for("views.open", opened + 1)[-1].response["view"]
    return sent, view


def _records(bot: Bot) -> list[BantRecord]:
    with Session(bot.engine) as session:
        return list(session.exec(select(BantRecord).order_by(col(BantRecord.id))).all())


def test_bant_dialog_scores_stores_and_offers_the_next_stage(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    sent, view = _open_bant(bot)
    assert view["title"]["text"] == "BANT D-1"
    assert [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"] == [
        "Budget",
        "Authority",
        "Need",
        "Timeline",
    ]
    answer = bot.submit(view, QUALIFIED_ANSWERS)
    assert answer.status == 200 and answer.body in ("", "{}")
    summary = sent.replies(1)[0]
    text = message_text(summary)
    for expected in (
        "BANT for D-1",
        "Confirmed",
        "IDR 50,000,000",
        "Decision maker",
        "Budi (CTO)",
        "invoices typed by hand",
        "1-3 months",
        "Score 95/100",
        "Qualified",
    ):
        assert expected in text
    [record] = _records(bot)
    assert (record.score, record.verdict, record.budget_value) == (95, "qualified", 50_000_000)

    move = next(b for b in button_values(summary) if b["text"] == "Move to Prospect")
    bot.click(move)
    moved = bot.fake.wait_for("response_url", 2)[-1].args
    assert "from Lead to Prospect" in message_text(moved)
    deal = bot.deal(1)
    assert deal is not None and deal.stage == "prospect"
    card = bot.slash("/deal", "show D-1").ack.text
    assert "BANT: Qualified (95/100) on Mon, Nov 23, 2026" in card
    assert "BANT by <@U0BUDI0001> · Qualified (95/100)" in card


def test_reopening_shows_the_previous_answers_and_each_submission_is_kept(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI,), managers=(SARI,))  # Sari qualifies her rep's deal too
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    bot.submit(view, QUALIFIED_ANSWERS)
    _, again = _open_bant(bot, user=SARI)
    budget = next(b for b in again["blocks"] if b.get("block_id") == "field_budget")
    assert budget["element"]["initial_option"]["value"] == "confirmed"
    name = next(b for b in again["blocks"] if b.get("block_id") == "field_authority_name")
    assert name["element"]["initial_value"] == "Budi (CTO)"
    bot.submit(again, {**QUALIFIED_ANSWERS, "need": "weak", "budget": "none"}, user=SARI)
    records = _records(bot)
    assert [r.verdict for r in records] == ["qualified", "nurture"]
    assert "BANT: Nurture" in bot.slash("/deal", "show D-1").ack.text


def test_bad_answers_are_flagged_inline_and_nothing_is_saved(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    answers = {k: v for k, v in QUALIFIED_ANSWERS.items() if k != "timeline"}
    answer = bot.submit(view, {**answers, "budget_value": "lima puluh"})
    assert answer.json["response_action"] == "errors"
    assert set(answer.json["errors"]) == {"field_budget_value", "field_timeline"}
    assert "lima puluh" in answer.json["errors"]["field_budget_value"]
    assert _records(bot) == []


def test_a_rupiah_budget_without_its_unit_asks_whether_jt_was_meant(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    answer = bot.submit(view, {**QUALIFIED_ANSWERS, "budget_value": "2"})
    [error] = answer.json["errors"].values()
    assert "\u201c2\u201d rupiah is less than any budget: did you mean 2jt?" in error
    assert set(answer.json["errors"]) == {"field_budget_value"}
    assert _records(bot) == []
    bot.submit(view, {**QUALIFIED_ANSWERS, "budget_value": "2jt"})
    assert [r.budget_value for r in _records(bot)] == [2_000_000]


def test_a_small_budget_in_dollars_is_taken_as_typed(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp $12k")
    _, view = _open_bant(bot)
    bot.submit(view, {**QUALIFIED_ANSWERS, "budget_value": "$900"})
    assert [(r.budget_value, r.budget_currency) for r in _records(bot)] == [(900, "USD")]


def test_a_timeline_date_becomes_the_timeline(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    answers = {k: v for k, v in QUALIFIED_ANSWERS.items() if k != "timeline"}
    bot.submit(view, {**answers, "timeline_date": "2027-04-30"})
    [record] = _records(bot)
    assert record.timeline == "three_to_six_months" and str(record.timeline_date) == "2027-04-30"


def test_a_tampered_or_foreign_deal_in_private_metadata_is_refused(bot: Bot) -> None:
    bot.know("U0OTHER001", team=OTHER_TEAM)
    bot.slash("/deal", "add Secret Deal 9jt", user="U0OTHER001", team=OTHER_TEAM)
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    with Session(bot.engine) as session:
        foreign = session.exec(select(Deal).where(Deal.name == "Secret Deal")).one()
    for metadata in (json.dumps({"d": str(foreign.id)}), "garbage", json.dumps({"d": "x"})):
        answer = bot.submit(dict(view, private_metadata=metadata), QUALIFIED_ANSWERS)
        assert answer.json["response_action"] == "errors"
        assert "no longer matches a deal" in answer.json["errors"]["field_budget"]
    assert _records(bot) == []


def test_closing_the_dialog_midway_saves_nothing_and_keeps_what_was_saved(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    bot.submit(view, QUALIFIED_ANSWERS)
    _, again = _open_bant(bot)
    assert again.get("notify_on_close") is True
    answer = bot.signed(view_closed_body(again, user_id="U0BUDI0001", team_id=TEAM))
    assert answer.status == 200
    assert [r.verdict for r in _records(bot)] == ["qualified"]


def test_two_people_qualifying_at_once_both_land_and_the_last_wins(bot: Bot) -> None:
    bot.team("Jakarta", reps=(BUDI,), managers=(SARI,))
    bot.slash("/deal", "add Acme Corp 50jt")
    _, first = _open_bant(bot)
    _, second = _open_bant(bot, user=SARI)
    barrier = threading.Barrier(2)

    def submit(view: dict, user: str, answers: dict) -> None:
        barrier.wait()
        bot.submit(view, answers, user=user)

    threads = [
        threading.Thread(target=submit, args=(first, "U0BUDI0001", QUALIFIED_ANSWERS)),
        threading.Thread(target=submit, args=(second, SARI, {**QUALIFIED_ANSWERS, "need": "none"})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    records = _records(bot)
    assert sorted(r.verdict for r in records) == ["disqualify", "qualified"]
    with unit_of_work(bot.engine) as session:
        latest = queries.latest_bant(session, workspace_id=1, deal_id=1)
        assert latest is not None and latest.id == records[-1].id


def test_moving_past_qualification_without_bant_warns_with_a_run_bant_button(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    assert "without a qualifying BANT" not in bot.slash("/deal", "move acme prospect").ack.text
    moved = bot.slash("/deal", "move acme potential").ack
    assert "moved past qualification without a qualifying BANT" in moved.text
    run = next(b for b in button_values(moved.json) if b["text"] == "Qualify (BANT)")
    bot.click(run)
    view = bot.fake.wait_for("views.open")[-1].response["view"]
    assert view["title"]["text"] == "BANT D-1"
    with unit_of_work(bot.engine) as session:
        missing = queries.deals_missing_bant(
            session, workspace_id=1, stages=("potential", "closeable")
        )
        assert [deal.ref for deal in missing] == ["D-1"]


def test_a_strict_workspace_refuses_the_move_until_bant_qualifies(bot: Bot) -> None:
    assert "Only admins can change the BANT" in bot.slash("/sales", "bant strict:on").ack.text
    assert "refused" in bot.slash("/sales", "bant strict:on", user=ANDI).ack.text
    bot.slash("/deal", "add Acme Corp 50jt")
    refused = bot.slash("/deal", "move acme potential").ack
    assert "needs a qualifying BANT" in refused.text
    assert any(b["text"] == "Qualify (BANT)" for b in button_values(refused.json))
    deal = bot.deal(1)
    assert deal is not None and deal.stage == "lead"
    _, view = _open_bant(bot)
    bot.submit(view, QUALIFIED_ANSWERS)
    assert "to Potential" in bot.slash("/deal", "move acme potential").ack.text


def test_nurture_offers_a_follow_up_and_disqualify_offers_mark_lost(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Beta Ltd 20jt")
    sent, view = _open_bant(bot, "acme")
    bot.submit(
        view,
        {
            **QUALIFIED_ANSWERS,
            "budget": "unknown",
            "authority": "influencer",
            "need": "moderate",
            "timeline": "later",
        },
    )
    follow = next(b for b in button_values(sent.replies(1)[0]) if b["text"] == "Set follow-up")
    bot.click(follow)
    follow_view = bot.fake.wait_for("views.open", 2)[-1].response["view"]
    bot.submit(follow_view, {"next": "call back in March", "due": "2027-03-01"})
    deal = bot.deal(1)
    assert deal is not None and deal.next_step == "call back in March"

    sent, view = _open_bant(bot, "beta")
    bot.submit(view, {**QUALIFIED_ANSWERS, "need": "none"})
    lost = next(b for b in button_values(sent.replies(1)[0]) if b["text"] == "Mark lost")
    bot.click(lost)  # the lost form asks why
    lost_view = bot.fake.wait_for("views.open", 4)[-1].response["view"]
    bot.submit(lost_view, {"reason": "product_fit"})
    bot.fake.wait_for("response_url", 4)
    beta = bot.deal(2)
    assert beta is not None and beta.status == "lost" and beta.lost_reason == "Disqualified by BANT"


def test_bant_on_an_ambiguous_name_picks_then_opens_the_dialog(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    bot.slash("/deal", "add Acme Ltd 20jt")
    picker = bot.slash("/bant", "acme")
    ltd = next(b for b in button_values(picker.ack.json) if "Acme Ltd" in b["text"])
    bot.click(ltd, response_url=picker.response_url)
    view = bot.fake.wait_for("views.open")[-1].response["view"]
    assert view["title"]["text"] == "BANT D-2"
    assert picker.replies(1)[0].get("delete_original") is True


def test_the_dialog_speaks_indonesian_to_an_indonesian_rep(bot: Bot) -> None:
    bot.slash("/deal", "tambah Toko Maju 10jt", user=SARI)
    _, view = _open_bant(bot, "toko", user=SARI)
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert "Apakah anggarannya sudah ada?" in labels
    need = next(b for b in view["blocks"] if b.get("block_id") == "field_need")
    assert "Kuat" in [o["text"]["text"] for o in need["element"]["options"]]


def test_undo_takes_back_the_latest_bant(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    bot.submit(view, QUALIFIED_ANSWERS)
    assert "latest BANT of D-1 is removed" in bot.slash("/sales", "undo").ack.text
    assert "not qualified yet" in bot.slash("/deal", "show D-1").ack.text


def test_bant_settings_need_an_admin_and_add_up(bot: Bot) -> None:
    assert "budget 25, authority 25, need 30, timeline 20" in bot.slash("/sales", "bant").ack.text
    bad = bot.slash("/sales", "bant need:50", user=ANDI).ack.text
    assert "add up to 100" in bad and "120" in bad
    good = bot.slash("/sales", "bant need:40 timeline:10 qualified:75", user=ANDI).ack.text
    assert "need 40" in good and "Qualified from 75" in good


def test_a_new_deal_cannot_skip_qualification_by_starting_late(bot: Bot) -> None:
    warned = bot.slash("/deal", "add Acme Corp 50jt stage:closeable").ack.text
    assert "Added D-1" in warned and "without a qualifying BANT" in warned
    bot.slash("/sales", "bant strict:on", user=ANDI)
    refused = bot.slash("/deal", "add Beta 5jt stage:potential").ack.text
    assert "cannot start past qualification" in refused
    assert bot.deal(2) is None
    # Moving back and forth beyond qualification is not crossing it: allowed.
    assert "to Potential" in bot.slash("/deal", "move acme potential").ack.text


def test_a_purchase_date_in_the_past_is_refused_inline(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    answers = {k: v for k, v in QUALIFIED_ANSWERS.items() if k != "timeline"}
    answer = bot.submit(view, {**answers, "timeline_date": "2025-01-01"})
    assert "has passed" in answer.json["errors"]["field_timeline_date"]
    assert _records(bot) == []


def test_an_old_move_button_does_not_move_the_deal_back(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    sent, view = _open_bant(bot)
    bot.submit(view, QUALIFIED_ANSWERS)
    move = next(b for b in button_values(sent.replies(1)[0]) if b["text"] == "Move to Prospect")
    bot.slash("/deal", "move acme closeable")
    bot.click(move)
    refused = bot.fake.wait_for("response_url", 2)[-1].args
    assert "older state of D-1" in message_text(refused)
    deal = bot.deal(1)
    assert deal is not None and deal.stage == "closeable"


def test_reopening_keeps_the_budget_currency(bot: Bot) -> None:
    bot.slash("/deal", "add Acme Corp 50jt")
    _, view = _open_bant(bot)
    bot.submit(view, {**QUALIFIED_ANSWERS, "budget_value": "$12k"})
    _, again = _open_bant(bot)
    bot.submit(again, {})
    assert [(r.budget_value, r.budget_currency) for r in _records(bot)] == [
        (12000, "USD"),
        (12000, "USD"),
    ]


def test_undoing_settings_never_overwrites_another_admins_later_change(bot: Bot) -> None:
    bot.know("U0ADMIN002", admin=True)
    bot.slash("/sales", "bant need:40 timeline:10", user=ANDI)
    bot.slash("/sales", "bant strict:on", user="U0ADMIN002")
    assert "Another admin changed" in bot.slash("/sales", "undo", user=ANDI).ack.text
    assert "refused" in bot.slash("/sales", "bant").ack.text  # strict mode still on


def test_bant_on_a_closed_deal_says_the_deal_is_closed(bot: Bot) -> None:
    bot.slash("/deal", "add Acme 50jt")
    bot.slash("/deal", "won acme")
    refused = bot.slash("/bant", "D-1")
    assert "D-1 Acme is already Won: BANT qualifies open deals only." in refused.ack.text
    assert "change stage" not in refused.ack.text
    assert "/deal show D-1" in refused.ack.text
    assert bot.fake.calls_to("views.open") == []
