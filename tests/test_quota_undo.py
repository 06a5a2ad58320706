"""``/sales undo`` takes back the caller's last ``/sales quota``: the row goes, the quota before
it counts again (or none does), and the reply says which, in the reader's language.

Budi and Sari are reps of team Jakarta, Rina its manager, Andi an admin; Wati an Indonesian
admin. The harness clock starts on Monday 23 Nov 2026, 09:00 in Jakarta; the workspace currency
is IDR.
"""

from __future__ import annotations

from tests.harness import ANDI, BUDI, RINA, SARI, Bot, message_text
from tests.test_quotas import WATI, jakarta, stored


def test_undo_removes_the_quota_just_set_and_the_funnel_measures_the_one_before(
    bot: Bot,
) -> None:
    """Budi books 240jt today (Mon 23 Nov). Against 600jt that is 240 / 600 = 40%; once the
    600jt is undone, against the 500jt set before it 240 / 500 = 48%; with that undone too,
    he has no month quota and /funnel shows no attainment."""
    jakarta(bot)
    bot.slash("/sales", f"quota <@{BUDI}|budi> 500jt month", user=RINA)
    bot.slash("/deal", "add Acme 240jt")
    bot.slash("/deal", "won acme")
    bot.clock.advance(hours=1)  # later the same day: the later quota of a day counts
    bot.slash("/sales", f"quota <@{BUDI}|budi> 600jt month", user=RINA)
    assert "Attainment: 40% of the IDR 600,000,000 month quota" in funnel(bot)

    undone = bot.slash("/sales", "undo", user=RINA).ack.text
    assert (
        f"Undone: <@{BUDI}>'s quota of IDR 600,000,000 a month from Mon, Nov 23, 2026 is "
        "removed; their quota is now IDR 500,000,000 a month (since Mon, Nov 23, 2026)."
    ) in undone
    assert [row[3] for row in stored(bot)] == [500_000_000]  # the history before it stays
    assert "Attainment: 48% of the IDR 500,000,000 month quota" in funnel(bot)

    undone = bot.slash("/sales", "undo", user=RINA).ack.text
    assert (
        f"Undone: <@{BUDI}>'s quota of IDR 500,000,000 a month from Mon, Nov 23, 2026 is "
        "removed; they have no month quota now."
    ) in undone
    assert stored(bot) == []
    assert "Attainment" not in funnel(bot)
    assert "no change left to undo" in bot.slash("/sales", "undo", user=RINA).ack.text


def test_an_indonesian_admin_undoes_a_team_quota_in_indonesian(bot: Bot) -> None:
    bot.know(WATI, locale="id-ID", name="Wati", admin=True)
    jakarta(bot)
    bot.slash("/sales", "kuota tim Jakarta 6 miliar kuartal", user=WATI)
    bot.slash("/sales", f"kuota <@{SARI}|sari> 300jt bulan", user=WATI)
    bot.clock.advance(days=3)  # Thursday 26 Nov
    assert "7.000.000.000" in said(bot, "kuota tim Jakarta 7 miliar kuartal", WATI)

    undone = said(bot, "undo", WATI)
    assert (
        "Dibatalkan: kuota tim Jakarta Rp 7.000.000.000 per kuartal mulai Kam, 26 Nov 2026 "
        "dihapus; kuotanya sekarang Rp 6.000.000.000 per kuartal (sejak Sen, 23 Nov 2026)."
    ) in undone
    listed = said(bot, "kuota", WATI)
    assert "Tim Jakarta: Rp 6.000.000.000 per kuartal" in listed
    assert f"<@{SARI}>: Rp 300.000.000 per bulan" in listed  # her quota was not the last change

    assert f"kuota <@{SARI}> Rp 300.000.000 per bulan" in said(bot, "undo", WATI)
    undone = said(bot, "undo", WATI)
    assert "sekarang tim ini tidak punya kuota per kuartal." in undone
    assert stored(bot) == []


def test_only_the_quota_setters_own_last_change_is_undone(bot: Bot) -> None:
    jakarta(bot)
    bot.slash("/sales", f"quota <@{SARI}|sari> 300jt month", user=RINA)
    bot.slash("/sales", f"quota <@{SARI}|sari> 350jt month", user=ANDI)
    # Rina's last change is her 300jt; Andi's 350jt stays in force, set later the same day.
    undone = bot.slash("/sales", "undo", user=RINA).ack.text
    assert "IDR 300,000,000 a month from Mon, Nov 23, 2026 is removed" in undone
    assert "their quota is now IDR 350,000,000 a month" in undone
    assert [row[3] for row in stored(bot)] == [350_000_000]
    # A rep has no quota change to undo, and a failed undo changes nothing.
    assert "no change left to undo" in bot.slash("/sales", "undo", user=BUDI).ack.text
    assert [row[3] for row in stored(bot)] == [350_000_000]


def test_a_manager_taken_off_the_team_can_no_longer_undo_its_quota(bot: Bot) -> None:
    jakarta(bot)
    bot.slash("/sales", f"quota <@{SARI}|sari> 300jt month", user=RINA)
    removed = bot.slash("/sales", f"team remove Jakarta <@{RINA}|rina>", user=ANDI).ack.text
    assert "<@" in removed
    refused = bot.slash("/sales", "undo", user=RINA).ack.text
    assert refused.startswith(":warning:") and "can set their quota" in refused
    assert [row[3] for row in stored(bot)] == [300_000_000]


def funnel(bot: Bot) -> str:
    """Budi's /funnel for this month."""
    return bot.slash("/funnel", "month").ack.text


def said(bot: Bot, text: str, user: str) -> str:
    """What ``/sales <text>`` answers ``user``: in the ack, or after it (an admin whose Slack
    admin flag was read over an hour ago is looked up first)."""
    sent = bot.slash("/sales", text, user=user)
    return sent.ack.text or message_text(sent.replies(1)[0])
