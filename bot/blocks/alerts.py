"""Deal alerts in a team channel as Block Kit: one alert as its line with the team under it, or
a batch as a title, the alerts packed into as few sections as Slack's limits allow, and why they
came together. A batch too long for one message ends with "and N more" rather than failing.
"""

from __future__ import annotations

from slack_sdk.models.blocks import Block

from bot.blocks.elements import (
    FALLBACK_LIMIT,
    MAX_BLOCKS,
    RenderedMessage,
    clip,
    context,
    section,
)
from bot.blocks.post_parts import pack_sections, stage_text
from bot.blocks.text import escape, plain
from commands.i18n.formatting import format_money, format_number
from commands.pipelines import LOST
from commands.posts.alerts import BATCH_AFTER, AlertPost, DealAlert

ALERT_NAME = 80  # characters of a deal's name in an alert
ALERT_REASON = 120  # of a lost deal's reason


def alert_line(alert: DealAlert, lang: str) -> str:
    """One alert in one mrkdwn line: who, what happened to which deal, and its value."""
    deal = alert.deal
    value = format_money(deal.value.value, deal.value.currency, lang) if deal.value else ""
    line = plain(
        f"alerts.{alert.event}",
        lang,
        owner=f"<@{deal.owner_user_id}>" if deal.owner_user_id else "?",
        ref=deal.ref,
        name=escape(clip(deal.name, ALERT_NAME)),
        stage=stage_text(deal.stage, lang),
        value=value,
    )
    if alert.event == LOST and deal.lost_reason:
        reason = escape(clip(deal.lost_reason, ALERT_REASON))
        line += " \u2014 " + plain("alerts.lost_reason", lang, reason=reason)
    return line


def render_alert_post(post: AlertPost, lang: str) -> RenderedMessage:
    """A single alert, or the batch of them."""
    team = f"*{escape(post.team_name)}*"
    if not post.batched:
        line = alert_line(post.alerts[0], lang)
        blocks: list[Block] = [section(line), context(plain("alerts.footer", lang, team=team))]
        return RenderedMessage(text=clip(line, FALLBACK_LIMIT), blocks=blocks)
    count = format_number(len(post.alerts), lang)
    title = plain("alerts.batch_title", lang, count=count, team=escape(post.team_name))
    lines = [f"\u2022 {alert_line(alert, lang)}" for alert in post.alerts]
    # Room for the title, "and N more" and the note.
    chunks, placed = pack_sections(lines, separator="\n", room=MAX_BLOCKS - 3)
    blocks = [section(title), *(section(chunk) for chunk in chunks)]
    hidden = len(lines) - placed
    if hidden > 0:
        blocks.append(context(plain("alerts.batch_more", lang, count=format_number(hidden, lang))))
    blocks.append(context(plain("alerts.batch_note", lang, limit=BATCH_AFTER)))
    return RenderedMessage(text=clip(title, FALLBACK_LIMIT), blocks=blocks)
