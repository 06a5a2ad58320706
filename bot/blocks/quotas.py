"""``/sales quota``'s list in Block Kit: one line per quota in force, teams first."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block

from bot.blocks.elements import SECTION_TEXT_LIMIT, RenderedMessage, clip, section
from bot.blocks.text import message, plain
from commands.i18n import Phrase
from commands.replies import People
from commands.workspace.quotas import QuotaLine, QuotaList


def _line(line: QuotaLine, lang: str, tz: ZoneInfo) -> str:
    params = {
        "amount": line.amount,
        "period": Phrase(f"quota.period.{line.period}"),
        "day": line.since,
    }
    if line.team is not None:
        return "\u2022 " + message("quota.line_team", lang, tz, {**params, "team": line.team})
    person = People((line.user_id or "",))
    return "\u2022 " + message("quota.line_member", lang, tz, {**params, "person": person})


def render_quota_list(reply: QuotaList, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The headline, then the quotas (or how to set the first)."""
    headline = plain("quota.list", lang)
    lines = [_line(line, lang, tz) for line in reply.lines] or [plain("quota.none", lang)]
    blocks: list[Block] = [section(headline), section(clip("\n".join(lines), SECTION_TEXT_LIMIT))]
    text = clip(headline + "\n" + "\n".join(lines), 3000)
    return RenderedMessage(text=text, blocks=blocks)
