"""Why deals are lost: a reason from the workspace's list on every lost deal, typed in either
language, asked with buttons when missing, edited by admins, kept through export and import."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from storage.migrate import alembic_config, upgrade
from storage.models import Deal
from tests.harness import ANDI, BUDI, SARI, Bot, button_values, message_text


@pytest.mark.parametrize(
    ("typed", "key", "words"),
    [
        ("harga", "price", "harga"),
        ("kalah sama pesaing", "competitor", "kalah sama pesaing"),
        ("tidak ada anggaran tahun ini", "no_budget", "tidak ada anggaran tahun ini"),
        ("went silent after the demo", "went_silent", "went silent after the demo"),
        # Words that name no reason are kept as the free text, under "other": the rep said why.
        ("bought from a cousin", "other", "bought from a cousin"),
    ],
)
def test_typed_words_map_to_a_reason_and_are_kept(
    bot: Bot, typed: str, key: str, words: str
) -> None:
    bot.slash("/deal", "add Acme 50jt")
    assert "D-1 is marked lost" in bot.slash("/deal", f"lost acme {typed}").ack.text
    deal = bot.existing_deal(1)
    assert (deal.status, deal.lost_reason_key, deal.lost_reason) == ("lost", key, words)


def test_a_deal_lost_without_a_reason_is_asked_with_a_button_per_reason(bot: Bot) -> None:
    bot.slash("/deal", "add Pabrik 50jt", user=SARI)
    asked = bot.slash("/deal", "lost pabrik", user=SARI)
    assert "Kenapa D-1 kalah?" in asked.ack.text
    buttons = {b["text"]: b for b in button_values(asked.ack.json)}
    assert list(buttons)[:3] == ["Harga", "Pesaing", "Tidak ada anggaran"]
    assert bot.existing_deal(1).status == "open"  # nothing written until answered
    bot.click(buttons["Pesaing"], user=SARI, response_url=asked.response_url)
    assert "D-1 ditandai kalah" in message_text(asked.replies(1)[0])
    deal = bot.existing_deal(1)
    assert (deal.status, deal.lost_reason_key, deal.lost_reason) == ("lost", "competitor", None)


def test_admins_edit_the_list_and_the_question_offers_it(bot: Bot) -> None:
    refused = bot.slash("/sales", "reasons add Legal review", user=BUDI)
    assert "Only Corong admins" in refused.ack.text
    added = bot.slash("/sales", "reasons add Legal review", user=ANDI)
    assert "Added Legal review" in added.ack.text
    removed = bot.slash("/sales", "reasons remove timing", user=ANDI)
    assert "Removed Timing" in removed.ack.text
    assert "Other stays" in bot.slash("/sales", "reasons remove other", user=ANDI).ack.text
    assert "not one of the reasons" in bot.slash("/sales", "reasons remove xyz", user=ANDI).ack.text
    listed = bot.slash("/sales", "reasons", user=BUDI).ack.text
    assert "Legal review" in listed and "Timing" not in listed
    assert listed.index("Legal review") < listed.index("Other")
    bot.slash("/deal", "add Acme 50jt")
    asked = bot.slash("/deal", "lost acme")
    texts = [b["text"] for b in button_values(asked.ack.json)]
    assert (
        "Legal review" in texts
        and "Timing" not in texts
        and texts.index("Legal review") < texts.index("Other")
    )
    assert "D-1 is marked lost" in bot.slash("/deal", "lost acme legal review").ack.text
    assert bot.existing_deal(1).lost_reason_key == "legal_review"
    assert "built-in" in bot.slash("/sales", "reasons reset", user=ANDI).ack.text
    assert "Undone" in bot.slash("/sales", "undo", user=ANDI).ack.text
    assert "Legal review" in bot.slash("/sales", "reasons").ack.text


def test_deals_lost_before_reasons_had_keys_get_the_one_their_words_name(engine: Engine) -> None:
    command.downgrade(alembic_config(engine), "0019")
    day = datetime(2026, 11, 2, 3, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO workspace (slack_team_id, language, currency, "
            "timezone, pipeline, next_deal_number, created_at, holiday_country, version) "
            "VALUES ('T0MIGRATE', 'en', 'IDR', 'Asia/Jakarta', 'funnel4', 3, :at, 'ID', 0)"),
            {"at": day})  # fmt: skip
        workspace_id = connection.execute(text("SELECT id FROM workspace")).scalar_one()
        connection.execute(text("INSERT INTO member (workspace_id, slack_user_id, is_admin, "
            "admin_granted, created_at) VALUES (:ws, 'U0MIGRATE', false, false, :at)"),
            {"ws": workspace_id, "at": day})  # fmt: skip
        member_id = connection.execute(text("SELECT id FROM member")).scalar_one()
        for number, status, reason in [
            (1, "lost", "Harga terlalu mahal"),
            (2, "lost", "bought from a cousin"),
            (3, "open", None),
        ]:
            connection.execute(text("INSERT INTO deal (workspace_id, number, name, name_key, "
                "stage, status, currency, owner_id, created_at, updated_at, stage_entered_at, "
                "lost_reason) VALUES (:ws, :n, 'Acme', 'acme', 'potential', :s, 'IDR', :m, "
                ":at, :at, :at, :r)"),
                {"ws": workspace_id, "n": number, "s": status, "m": member_id, "at": day,
                    "r": reason})  # fmt: skip
    upgrade(engine)
    with Session(engine) as session:
        deals = session.exec(select(Deal).order_by(col(Deal.number))).all()
        assert [d.lost_reason_key for d in deals] == ["price", "other", None]
