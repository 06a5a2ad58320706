"""The small pieces every Block Kit renderer shares: Slack's limits, the message a renderer
returns, and builders for sections, context lines, fields and buttons that clip their text to
those limits, plus the two lines several views show (a deal in one line, a set of weekdays).

``slack_sdk.models`` refuses text over a limit when a message is built; clipping here keeps a
long deal name or note from failing a whole reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.dates import get_day_names
from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.blocks.text import escape, plain, stage_label
from commands.i18n.formatting import babel_locale, format_day, format_money
from commands.replies import DealSummary

# Slack's limits (https://api.slack.com/reference/block-kit).
MAX_BLOCKS = 50  # blocks in a message
SECTION_TEXT_LIMIT = 3000
FIELD_LIMIT = 2000
HEADER_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
OPTION_TEXT_LIMIT = 75
OPTION_VALUE_LIMIT = 150
OPTIONS_LIMIT = 100  # options in a select
CONFIRM_TEXT_LIMIT = 300
FALLBACK_LIMIT = 3000  # a post's fallback (notification) text, as Corong keeps it

STEP_IN_LINE = 120  # a next step's characters in a one-line deal


@dataclass(frozen=True)
class RenderedMessage:
    """A message ready for ack/respond/chat.postMessage: fallback text plus blocks."""

    text: str
    blocks: list[Block]

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for Bolt's ``ack``/``respond`` and ``chat.postMessage``."""
        return {"text": self.text, "blocks": self.blocks}

    def as_dicts(self) -> dict[str, Any]:
        """JSON-ready form (for response_url posts and the shell)."""
        return {"text": self.text, "blocks": [block.to_dict() for block in self.blocks]}


def clip(text: str, limit: int) -> str:
    """Shorten to ``limit`` characters with an ellipsis, for previews only (never stored)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def section(text: str) -> SectionBlock:
    """A mrkdwn section, clipped to Slack's 3,000 characters."""
    return SectionBlock(text=MarkdownTextObject(text=clip(text, SECTION_TEXT_LIMIT)))


def context(text: str) -> ContextBlock:
    """A small grey mrkdwn line (hints, counts, history), clipped like a section."""
    return ContextBlock(elements=[MarkdownTextObject(text=clip(text, SECTION_TEXT_LIMIT))])


def field(label: str, value: str) -> MarkdownTextObject:
    """One cell of a section's two-column grid: the label in bold over its value."""
    return MarkdownTextObject(text=clip(f"*{label}*\n{value}", FIELD_LIMIT))


def button(text: str, action_id: str, value: str, *, primary: bool = False) -> ButtonElement:
    """A button whose label is clipped to Slack's 75 characters."""
    return ButtonElement(
        text=clip(text, BUTTON_TEXT_LIMIT),
        action_id=action_id,
        value=value,
        style="primary" if primary else None,
    )


def deal_line(deal: DealSummary, lang: str, *, with_stage: bool = True) -> str:
    """A deal in one mrkdwn line: ref, name, stage, value and next step with its due day."""
    parts = [f"*{deal.ref}* {escape(deal.name)}"]
    if with_stage:
        parts.append(escape(stage_label(deal.stage, lang)))
    if deal.value is not None:
        parts.append(format_money(deal.value.value, deal.value.currency, lang))
    if deal.next_step:
        step = escape(clip(deal.next_step, STEP_IN_LINE))
        if deal.next_step_due:
            step += " (" + plain("card.due", lang, date=format_day(deal.next_step_due, lang)) + ")"
        parts.append("\u2192 " + step)
    return " \u00b7 ".join(parts)


def weekdays_text(days: tuple[int, ...], lang: str) -> str:
    """``Mon–Fri``, ``Mon, Wed, Fri`` or ``Sen–Sab``: runs of three or more days as a range."""
    names = get_day_names("abbreviated", locale=babel_locale(lang))
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}\u2013{names[run[-1]]}")
        else:
            parts.extend(names[day] for day in run)
    return ", ".join(parts)
