"""The forecast call's ask and reminder as Block Kit: one section with the button that opens the
forecast modal (``ids.FORECAST_OPEN``), as the nudge's part on the forecast day, as the day's one
DM when there is no nudge, and as the reminder in that message's thread."""

from __future__ import annotations

from babel.dates import format_date
from slack_sdk.models.blocks import Block, DividerBlock, SectionBlock

from bot import ids
from bot.blocks.elements import FALLBACK_LIMIT, RenderedMessage, button, clip, section
from bot.blocks.text import plain
from commands.i18n.formatting import babel_locale, format_money
from commands.posts.forecast import QUARTER, ForecastAsk
from storage.models import Forecast


def period_label(ask: ForecastAsk, lang: str) -> str:
    """``December 2026``, or ``Q4 2026`` for a quarter (``K4 2026`` in Indonesian)."""
    if ask.period == QUARTER:
        quarter = (ask.start.month - 1) // 3 + 1
        return plain("forecast_ask.quarter", lang, quarter=quarter, year=ask.start.year)
    return format_date(ask.start, "LLLL y", locale=babel_locale(lang))


def _ask_section(key: str, ask: ForecastAsk, lang: str) -> SectionBlock:
    text = plain(key, lang, period=period_label(ask, lang), due=ask.due)
    block = section(text)
    block.accessory = button(
        plain("forecast_ask.button", lang), ids.FORECAST_OPEN, "", primary=True
    )
    return block


def _message(key: str, ask: ForecastAsk, lang: str) -> RenderedMessage:
    block = _ask_section(key, ask, lang)
    text = plain(key, lang, period=period_label(ask, lang), due=ask.due).replace("*", "")
    return RenderedMessage(text=clip(text, FALLBACK_LIMIT), blocks=[block])


def render_forecast_ask(ask: ForecastAsk, lang: str) -> RenderedMessage:
    """The ask as the day's one DM, when the rep had no nudge that day."""
    return _message("forecast_ask.dm", ask, lang)


def render_forecast_reminder(ask: ForecastAsk, lang: str) -> RenderedMessage:
    """The reminder at the due time, in the thread of the message that asked (or, when none
    did, as the day's one DM)."""
    return _message("forecast_ask.reminder", ask, lang)


def with_forecast_ask(message: RenderedMessage, ask: ForecastAsk, lang: str) -> RenderedMessage:
    """The nudge with the ask after its opening lines (before the first divider), so it is
    read first; one block more, within Slack's 50."""
    return _with_section(message, _ask_section("forecast_ask.in_nudge", ask, lang))


def _with_section(message: RenderedMessage, block: SectionBlock) -> RenderedMessage:
    blocks: list[Block] = list(message.blocks)
    at = next((i for i, block in enumerate(blocks) if isinstance(block, DividerBlock)), len(blocks))
    blocks.insert(at, block)
    return RenderedMessage(text=message.text, blocks=blocks)


# --- once the forecast is in -----------------------------------------------------------------


def _sent_text(ask: ForecastAsk, answer: Forecast, lang: str) -> str:
    return plain(
        "forecast_ask.sent",
        lang,
        commit=format_money(answer.commit, answer.currency, lang),
        best_case=format_money(answer.best_case, answer.currency, lang),
        period=period_label(ask, lang),
    )


def _sent_section(ask: ForecastAsk, answer: Forecast, lang: str) -> SectionBlock:
    """``Forecast sent: commit … · best case …`` with *Update*, which opens the modal again
    (for the period under way: an old message never opens an ended one)."""
    block = section(_sent_text(ask, answer, lang))
    block.accessory = button(plain("forecast_ask.update", lang), ids.FORECAST_OPEN, "")
    return block


def render_forecast_sent(ask: ForecastAsk, answer: Forecast, lang: str) -> RenderedMessage:
    """The ask DM (or its reminder) redrawn once the rep's forecast is in."""
    text = _sent_text(ask, answer, lang).replace("*", "")
    return RenderedMessage(
        text=clip(text, FALLBACK_LIMIT), blocks=[_sent_section(ask, answer, lang)]
    )


def with_forecast_sent(
    message: RenderedMessage, ask: ForecastAsk, answer: Forecast, lang: str
) -> RenderedMessage:
    """The nudge redrawn with the forecast it asked for, where the ask was."""
    return _with_section(message, _sent_section(ask, answer, lang))
