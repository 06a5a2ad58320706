"""``/sales quota``'s list in Block Kit: the quotas in force, teams first, as the reply's one
table (amounts right-aligned, so they line up on a phone)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block

from bot.blocks.elements import SECTION_TEXT_LIMIT, RenderedMessage, clip, section
from bot.blocks.tables import Table, table_blocks
from bot.blocks.text import message, plain
from commands.i18n import Phrase
from commands.i18n.formatting import format_day, format_money
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


def quota_table(reply: QuotaList, lang: str) -> Table:
    """The quotas as a table: whose, how much (right-aligned, so amounts line up), per month or
    quarter, since when. A rep is their mention, which a table block shows as their name."""
    header = [plain(f"display.quota.{key}", lang) for key in ("who", "amount", "period", "since")]
    rows = [
        [
            plain("display.quota.team", lang, team=line.team)
            if line.team is not None
            else f"<@{line.user_id}>",
            format_money(line.amount.value, line.amount.currency, lang),
            plain(f"quota.period.{line.period}", lang),
            format_day(line.since, lang),
        ]
        for line in reply.lines
    ]
    return Table(header, rows, numeric=(False, True, False, False))


def render_quota_list(reply: QuotaList, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The headline, then the quotas as the reply's one table (or how to set the first). The
    text fallback keeps one line per quota for notifications and screen readers."""
    headline = plain("quota.list", lang)
    lines = [_line(line, lang, tz) for line in reply.lines] or [plain("quota.none", lang)]
    blocks: list[Block] = [section(headline)]
    if reply.lines:
        blocks += table_blocks(quota_table(reply, lang), in_message=True)
    else:
        blocks.append(section(clip("\n".join(lines), SECTION_TEXT_LIMIT)))
    text = clip(headline + "\n" + "\n".join(lines), 3000)
    return RenderedMessage(text=text, blocks=blocks)
