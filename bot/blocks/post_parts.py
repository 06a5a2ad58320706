"""What the scheduled posts' Block Kit shares (``nudge``, ``standup``, ``digest``): a day named
as posts dated this week name it, a count of days, a stage's name, and lines packed into as few
sections as Slack's 3,000 characters allow."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from bot.blocks.elements import SECTION_TEXT_LIMIT
from bot.blocks.text import escape, plain, stage_label
from commands.i18n.formatting import babel_locale, format_number


def short_day(day: date, lang: str) -> str:
    """A day without its year, as posts dated this week read: ``Fri, Nov 20`` / ``Jum, 20 Nov``."""
    pattern = "EEE, d MMM" if lang == "id" else "EEE, MMM d"
    return format_date(day, pattern, locale=babel_locale(lang))


def work_day_count(count: int, lang: str) -> str:
    """``1 work day`` / ``3 work days`` / ``3 hari kerja``: what the "days" rules count."""
    if count == 1:
        return plain("jobs.work_days_one", lang)
    return plain("jobs.work_days", lang, count=format_number(count, lang))


def day_count(count: int, lang: str) -> str:
    """``1 day`` / ``3 days`` / ``3 hari``."""
    if count == 1:
        return plain("jobs.days_one", lang)
    return plain("jobs.days", lang, count=format_number(count, lang))


def stage_text(stage: str, lang: str) -> str:
    """A stage's label, escaped for mrkdwn (custom stages are typed by people)."""
    return escape(stage_label(stage, lang))


def pack_sections(texts: list[str], *, separator: str, room: int) -> tuple[list[str], int]:
    """Texts joined, in order, into at most ``room`` chunks of at most 3,000 characters (each
    text is already shorter); also how many texts fitted."""
    chunks: list[str] = []
    placed = 0
    for text in texts:
        if chunks and len(chunks[-1]) + len(separator) + len(text) <= SECTION_TEXT_LIMIT:
            chunks[-1] += separator + text
        elif len(chunks) < room:
            chunks.append(text)
        else:
            break
        placed += 1
    return chunks, placed
