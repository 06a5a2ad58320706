"""``/sales holidays``: the days off ahead, each with its name and kind, and the public holidays
the company works."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block

from bot.blocks.elements import SECTION_TEXT_LIMIT, RenderedMessage, clip, context, section
from bot.blocks.text import escape, message, plain
from commands.calendar.replies import DayOffLine, HolidayList
from commands.i18n.formatting import format_day


def _line(entry: DayOffLine, lang: str) -> str:
    kind = plain(f"holidays.kind.{entry.kind}", lang) if entry.kind != "worked" else ""
    name = escape(entry.name) if entry.name else ""
    detail = " · ".join(part for part in (name, kind) if part)
    return f"• *{format_day(entry.day, lang)}*" + (f" — {detail}" if detail else "")


def render_holiday_list(reply: HolidayList, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The headline, the next days off (or that there are none), then the holidays worked."""
    params = {"country": reply.country, **reply.params}
    headline = message(reply.key, lang, tz, params)
    blocks: list[Block] = [section(headline)]
    if reply.key != "holidays.list":
        listed = message("holidays.list", lang, tz, {"country": reply.country})
        blocks.append(section(listed))
    lines = [_line(entry, lang) for entry in reply.days] or [plain("holidays.none", lang)]
    if reply.more:
        lines.append(plain("holidays.more", lang, count=reply.more))
    blocks.append(section(clip("\n".join(lines), SECTION_TEXT_LIMIT)))
    if reply.worked:
        worked = [_line(entry, lang) for entry in reply.worked]
        text = plain("holidays.worked_header", lang) + "\n" + "\n".join(worked)
        blocks.append(section(clip(text, SECTION_TEXT_LIMIT)))
    blocks.append(context(escape(plain("holidays.footer", lang))))
    return RenderedMessage(text=clip(headline, 3000), blocks=blocks)
