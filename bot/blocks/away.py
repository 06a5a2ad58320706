"""Time off in Block Kit: ``/sales away``'s list, and how the standup and the digest name who is
away."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block

from bot.blocks.elements import SECTION_TEXT_LIMIT, RenderedMessage, clip, context, section
from bot.blocks.post_parts import short_day
from bot.blocks.text import escape, message, plain
from commands.calendar.replies import AwayLine, AwayList
from commands.i18n.formatting import format_day, format_number
from commands.posts.replies import AwayNote

NOTE_SHOWN = 40


def _note(note: str) -> str:
    return f" ({escape(clip(note, NOTE_SHOWN))})" if note else ""


def _line(entry: AwayLine, lang: str) -> str:
    first, last = format_day(entry.first, lang), format_day(entry.last, lang)
    days = first if entry.first == entry.last else f"{first} \u2013 {last}"
    source = f" \u00b7 _{plain('away.from_status', lang)}_" if entry.from_status else ""
    return f"\u2022 <@{entry.user_id}> *{days}*{_note(entry.note)}{source}"


def render_away_list(reply: AwayList, lang: str, tz: ZoneInfo) -> RenderedMessage:
    """The headline, the time off it is about (or that there is none), how to change it."""
    headline = message(reply.key, lang, tz, reply.params)
    blocks: list[Block] = [section(headline)]
    if reply.note_key:
        blocks.append(context(plain(reply.note_key, lang)))
    lines = [_line(entry, lang) for entry in reply.lines] or [plain("away.none", lang)]
    if reply.more:
        lines.append(plain("away.more", lang, count=format_number(reply.more, lang)))
    blocks.append(section(clip("\n".join(lines), SECTION_TEXT_LIMIT)))
    blocks.append(context(plain("away.footer", lang)))
    return RenderedMessage(text=clip(headline, 3000), blocks=blocks)


def away_until(note: AwayNote, lang: str) -> str:
    """``away until Fri, Aug 14 (Cuti)``: a rep's line in the standup."""
    return plain("jobs.standup.away", lang, day=short_day(note.last, lang)) + _note(note.note)


def who_is_away(notes: Sequence[AwayNote], lang: str) -> str:
    """``<@U1> Mon, Dec 21 – Thu, Dec 31 (Cuti) · <@U2> Fri, Jan 8``: the digest's line."""
    parts = []
    for note in notes:
        first, last = short_day(note.first, lang), short_day(note.last, lang)
        days = first if note.first == note.last else f"{first} \u2013 {last}"
        parts.append(f"<@{note.user_id}> {days}{_note(note.note)}")
    return " \u00b7 ".join(parts)
